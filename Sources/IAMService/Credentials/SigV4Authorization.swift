import IAMCore

/// The parsed `Authorization` header of a SigV4-signed request:
/// `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=…`.
public struct SigV4Authorization: Sendable, Hashable {
    /// The access key ID that signed.
    public var accessKeyID: String
    /// The credential scope.
    public var scope: SigV4Scope
    /// The lower-case names of the signed headers, as listed.
    public var signedHeaders: [String]
    /// The signature, 64 lower-case hex digits.
    public var signature: String

    /// Creates an authorization from its parts.
    public init(accessKeyID: String, scope: SigV4Scope, signedHeaders: [String], signature: String) {
        self.accessKeyID = accessKeyID
        self.scope = scope
        self.signedHeaders = signedHeaders
        self.signature = signature
    }

    /// Parses an `Authorization` header value.
    ///
    /// - Throws: `IncompleteSignature` when the algorithm is not `AWS4-HMAC-SHA256`, a parameter
    ///   is missing or repeated, the credential is not `AKID/yyyymmdd/region/service/aws4_request`,
    ///   the signed-header list is empty, or the signature is not 64 lower-case hex digits.
    public init(header: String) throws {
        let trimmed = header.trimmingBlanks
        let algorithmEnd = trimmed.firstIndex(of: " ") ?? trimmed.endIndex
        let algorithm = String(trimmed[..<algorithmEnd])
        guard algorithm == SigV4.algorithm else {
            throw SigV4.incompleteSignature("Unsupported AWS 'algorithm': '\(algorithm)'.")
        }
        var parameters: [String: String] = [:]
        for component in trimmed[algorithmEnd...].split(separator: ",") {
            let part = component.trimmingBlanks
            guard let equals = part.firstIndex(of: "=") else {
                throw SigV4.incompleteSignature("'\(part)' not a valid key=value pair (missing equal-sign) in Authorization header: '\(header)'.")
            }
            let key = String(part[..<equals])
            guard parameters.updateValue(String(part[part.index(after: equals)...]), forKey: key) == nil else {
                throw SigV4.incompleteSignature("Authorization header repeats the '\(key)' parameter.")
            }
        }
        let missing = ["Credential", "SignedHeaders", "Signature"].filter { parameters[$0] == nil }
        guard missing.isEmpty,
              let credential = parameters["Credential"], let signedHeaders = parameters["SignedHeaders"],
              let signature = parameters["Signature"]
        else {
            let sentences = missing.map { "Authorization header requires '\($0)' parameter." }
            throw SigV4.incompleteSignature((sentences + ["Authorization=\(header)"]).joined(separator: " "))
        }
        let (accessKeyID, scope) = try SigV4.parseCredential(credential)
        self.init(
            accessKeyID: accessKeyID, scope: scope,
            signedHeaders: try SigV4.parseSignedHeaders(signedHeaders),
            signature: try SigV4.parseSignature(signature))
    }

    /// The header value, in the form SDKs send.
    public var headerValue: String {
        "\(SigV4.algorithm) Credential=\(accessKeyID)/\(scope), SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"
    }
}
