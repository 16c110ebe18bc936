import Foundation
import IAMCore

/// The SigV4 parameters of a presigned URL: `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`,
/// `X-Amz-Expires`, `X-Amz-SignedHeaders` and `X-Amz-Signature`.
public struct SigV4PresignedQuery: Sendable, Hashable {
    /// The longest validity SigV4 allows, seven days.
    public static let maximumExpires = 604_800

    /// The access key ID that signed.
    public var accessKeyID: String
    /// The credential scope.
    public var scope: SigV4Scope
    /// The signing time, `yyyymmddThhmmssZ`.
    public var amzDate: String
    /// Seconds after ``amzDate`` that the URL stays valid, 1 to 604,800.
    public var expires: Int
    /// The lower-case names of the signed headers.
    public var signedHeaders: [String]
    /// The signature, 64 lower-case hex digits.
    public var signature: String

    /// Extracts and checks the SigV4 parameters from decoded query parameters.
    ///
    /// - Throws: `IncompleteSignature` when a parameter is missing or repeated, the algorithm is
    ///   not `AWS4-HMAC-SHA256`, or a value is malformed (credential, date, expiry outside 1…604,800,
    ///   signed headers, signature).
    public init(query: [(name: String, value: String)]) throws {
        let names = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature"]
        var values: [String: String] = [:]
        for (name, value) in query where names.contains(name) {
            guard values.updateValue(value, forKey: name) == nil else {
                throw SigV4.incompleteSignature("The query parameter '\(name)' is repeated.")
            }
        }
        let missing = names.filter { values[$0] == nil }
        guard missing.isEmpty else {
            throw SigV4.incompleteSignature(
                "AWS query-string parameters must include \(names.map { "'\($0)'" }.joined(separator: ", ")). "
                    + "Missing: \(missing.joined(separator: ", ")).")
        }
        guard values["X-Amz-Algorithm"] == SigV4.algorithm else {
            throw SigV4.incompleteSignature("Unsupported AWS 'algorithm': '\(values["X-Amz-Algorithm"]!)'.")
        }
        let amzDate = values["X-Amz-Date"]!
        guard SigV4.date(fromAmzDate: amzDate) != nil else {
            throw SigV4.incompleteSignature("X-Amz-Date must be in the ISO8601 basic format yyyyMMdd'T'HHmmss'Z'.")
        }
        let expiresText = values["X-Amz-Expires"]!
        guard (1...6).contains(expiresText.utf8.count), expiresText.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let expires = Int(expiresText), (1...Self.maximumExpires).contains(expires)
        else {
            throw SigV4.incompleteSignature(
                "X-Amz-Expires must be a number of seconds from 1 to \(Self.maximumExpires) (one week).")
        }
        let (accessKeyID, scope) = try SigV4.parseCredential(values["X-Amz-Credential"]![...])
        self.accessKeyID = accessKeyID
        self.scope = scope
        self.amzDate = amzDate
        self.expires = expires
        self.signedHeaders = try SigV4.parseSignedHeaders(values["X-Amz-SignedHeaders"]![...])
        self.signature = try SigV4.parseSignature(values["X-Amz-Signature"]![...])
    }

    /// The moment the URL stops being valid.
    public var expiration: Date {
        (SigV4.date(fromAmzDate: amzDate) ?? .distantPast).addingTimeInterval(TimeInterval(expires))
    }

    /// Whether the URL is no longer valid at `now`.
    public func isExpired(at now: Date) -> Bool {
        now >= expiration
    }
}
