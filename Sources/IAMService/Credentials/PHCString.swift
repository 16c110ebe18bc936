import Foundation

/// An Argon2id hash in the PHC string format libargon2 writes:
/// `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`, salt and hash in standard Base64 without padding.
struct PHCString: Sendable, Hashable {
    /// The only Argon2 version IAMStore writes or reads (0x13, "v=19").
    static let version = 19
    static let saltLengths = 8...64
    static let hashLengths = 16...64

    var parameters: Argon2Parameters
    var salt: [UInt8]
    var hash: [UInt8]

    init(parameters: Argon2Parameters, salt: [UInt8], hash: [UInt8]) {
        self.parameters = parameters
        self.salt = salt
        self.hash = hash
    }

    /// Parses a PHC string strictly; `nil` for anything that is not an Argon2id v19 hash with
    /// supported parameters, so that verification can fail closed instead of trapping.
    init?(_ string: String) {
        let fields = string.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0].isEmpty, fields[1] == "argon2id", fields[2] == "v=\(Self.version)"
        else { return nil }
        let costs = fields[3].split(separator: ",", omittingEmptySubsequences: false)
        guard costs.count == 3,
              let memory = Self.decimal(costs[0], key: "m"),
              let iterations = Self.decimal(costs[1], key: "t"),
              let parallelism = Self.decimal(costs[2], key: "p")
        else { return nil }
        let parameters = Argon2Parameters(memoryKiB: memory, iterations: iterations, parallelism: parallelism)
        guard parameters.isSupported,
              let salt = Self.base64Decode(fields[4]), Self.saltLengths.contains(salt.count),
              let hash = Self.base64Decode(fields[5]), Self.hashLengths.contains(hash.count)
        else { return nil }
        self.init(parameters: parameters, salt: salt, hash: hash)
    }

    /// The encoded string.
    var encoded: String {
        "$argon2id$v=\(Self.version)$\(parameters)$\(Self.base64Encode(salt))$\(Self.base64Encode(hash))"
    }

    /// `key=digits`, at most 10 digits so the value cannot overflow.
    private static func decimal(_ field: Substring, key: String) -> Int? {
        guard field.hasPrefix(key + "=") else { return nil }
        let digits = field.dropFirst(key.count + 1)
        guard (1...10).contains(digits.count), digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(digits)
    }

    static func base64Encode(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Standard-alphabet Base64 without padding, as in the PHC format; rejects padding and
    /// any other character.
    static func base64Decode(_ text: Substring) -> [UInt8]? {
        let isBase64: (UInt8) -> Bool = { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == 0x2B || byte == 0x2F
        }
        guard !text.isEmpty, text.utf8.count % 4 != 1, text.utf8.allSatisfy(isBase64) else { return nil }
        let padded = String(text) + String(repeating: "=", count: (4 - text.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: padded) else { return nil }
        return Array(data)
    }
}
