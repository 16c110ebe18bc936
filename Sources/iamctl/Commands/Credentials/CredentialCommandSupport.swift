import Foundation
import IAMCore
import IAMService

/// Files that hold secrets (credentials CSVs, MFA seeds and QR codes) are created readable by
/// their owner only, as the AWS console's downloads are meant to be kept.
enum SecretFile {
    /// Writes `data` to `path` with mode 0600, replacing any file there.
    static func write(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw CLIError("Cannot write \(path): \(String(cString: strerror(errno))).") }
        defer { close(descriptor) }
        // An existing file keeps its mode through O_TRUNC: tighten it before writing the secret.
        guard fchmod(descriptor, 0o600) == 0 else { throw CLIError("Cannot restrict \(path) to mode 0600.") }
        let written = data.withUnsafeBytes { buffer in
            buffer.baseAddress.map { Foundation.write(descriptor, $0, buffer.count) } ?? 0
        }
        guard written == data.count else { throw CLIError("Cannot write \(path): short write.") }
    }

    /// The console's credentials CSV:
    /// `User name,Password,Access key ID,Secret access key,Console login link`.
    static func credentialsCSV(userName: String, password: String = "", accessKeyId: String = "", secret: String = "", accountId: String) -> Data {
        let header = "User name,Password,Access key ID,Secret access key,Console login link"
        let fields = [userName, password, accessKeyId, secret, "https://\(accountId).signin.aws.amazon.com/console"].map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        return Data((header + "\n" + fields.joined(separator: ",") + "\n").utf8)
    }
}

/// Parses the aws CLI's shorthand `Key=k,Value=v`.
func parseTag(_ text: String) throws -> Tag {
    var key: String?
    var value = ""
    for part in text.split(separator: ",", maxSplits: 1) {
        let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard pair.count == 2 else { throw CLIError("Tags look like Key=NAME,Value=VALUE, not \(text).") }
        switch pair[0] {
        case "Key": key = String(pair[1])
        case "Value": value = String(pair[1])
        default: throw CLIError("Tags look like Key=NAME,Value=VALUE, not \(text).")
        }
    }
    guard let key else { throw CLIError("Tags look like Key=NAME,Value=VALUE, not \(text).") }
    return Tag(key: key, value: value)
}

extension JSONValue {
    /// AWS's `Tag` list shape.
    static func tags(_ tags: [Tag]) -> JSONValue {
        .array(tags.map { .object(["Key": .string($0.key), "Value": .string($0.value)]) })
    }
}

extension CommandEnvironment {
    /// A password from `--password`, or the first line of standard input with `--password-stdin`.
    func password(option: String?, fromStandardInput: Bool, name: String) throws -> String? {
        if let option { return option }
        guard fromStandardInput else { return nil }
        guard let input = readInput() else { throw CLIError("No \(name) on standard input.") }
        let line = input.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let password = line.hasSuffix("\r") ? String(line.dropLast()) : line
        guard !password.isEmpty else { throw CLIError("No \(name) on standard input.") }
        return password
    }
}
