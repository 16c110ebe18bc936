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
        // Scanned as bytes: every signed request parses one of these, and a parse by characters
        // and a dictionary showed as the largest single cost of a served GetUser.
        let trimmed = header.trimmingBlanks
        let algorithmEnd = trimmed.utf8.firstIndex(of: UInt8(ascii: " ")) ?? trimmed.endIndex
        let algorithm = trimmed[..<algorithmEnd]
        guard algorithm == SigV4.algorithm else {
            throw SigV4.incompleteSignature("Unsupported AWS 'algorithm': '\(algorithm)'.")
        }
        var credential: Substring?
        var signedHeaders: Substring?
        var signature: Substring?
        var otherKeys: [Substring] = []
        try trimmed[algorithmEnd...].forEachComponent(separatedBy: UInt8(ascii: ",")) { component in
            let part = component.trimmingBlanks
            guard let equals = part.utf8.firstIndex(of: UInt8(ascii: "=")) else {
                throw SigV4.incompleteSignature("'\(part)' not a valid key=value pair (missing equal-sign) in Authorization header: '\(header)'.")
            }
            let key = part[..<equals]
            let value = part[part.utf8.index(after: equals)...]
            let isRepeat: Bool
            switch key {
            case "Credential": (isRepeat, credential) = (credential != nil, value)
            case "SignedHeaders": (isRepeat, signedHeaders) = (signedHeaders != nil, value)
            case "Signature": (isRepeat, signature) = (signature != nil, value)
            default:
                isRepeat = otherKeys.contains(key)
                otherKeys.append(key)
            }
            guard !isRepeat else { throw SigV4.incompleteSignature("Authorization header repeats the '\(key)' parameter.") }
        }
        guard let credential, let signedHeaders, let signature else {
            let missing = [("Credential", credential), ("SignedHeaders", signedHeaders), ("Signature", signature)]
                .filter { $0.1 == nil }.map(\.0)
            let sentences = missing.map { "Authorization header requires '\($0)' parameter." }
            throw SigV4.incompleteSignature((sentences + ["Authorization=\(header)"]).joined(separator: " "))
        }
        let (accessKeyID, scope) = try SigV4.parseCredential(credential)
        self.init(
            accessKeyID: accessKeyID, scope: scope, signedHeaders: try SigV4.parseSignedHeaders(signedHeaders),
            signature: try SigV4.parseSignature(signature))
    }

    /// The header value, in the form SDKs send.
    public var headerValue: String {
        "\(SigV4.algorithm) Credential=\(accessKeyID)/\(scope), SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"
    }
}
