import Foundation
import IAMCore

/// Generators of AWS-shaped identifiers and secrets.
///
/// Every function takes its randomness from a caller-supplied generator so tests can be
/// deterministic; in production pass `SystemRandomNumberGenerator`, which reads the operating
/// system's cryptographically secure source. Choices are uniform (no modulo bias).
public enum AWSIdentifiers {
    /// The Base32 alphabet AWS draws unique IDs and key IDs from, `A–Z2–7`.
    public static let idAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    /// The alphabet of secret access keys, `A–Za–z0–9+/`.
    public static let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    /// Length of unique IDs such as `AIDAJQABLZS4A3QDU576Q`.
    public static let uniqueIDLength = 21
    /// Length of access key IDs such as `AKIAIOSFODNN7EXAMPLE`.
    public static let accessKeyIDLength = 20
    /// Length of secret access keys.
    public static let secretAccessKeyLength = 40
    /// moto's `ACCOUNT_OFFSET`: the value of Base32 `QAAAAAAA`, added to half the account ID.
    static let accountOffset = 549_755_813_888

    /// The entity a unique ID belongs to, named by its four-letter prefix.
    public enum UniqueIDKind: String, Sendable, CaseIterable {
        /// An IAM user, `AIDA…`.
        case user = "AIDA"
        /// A group, `AGPA…`.
        case group = "AGPA"
        /// A managed policy, `ANPA…`.
        case managedPolicy = "ANPA"
        /// A version of a managed policy, `ANVA…`.
        case policyVersion = "ANVA"
    }

    /// A 21-character unique ID: the kind's prefix and 17 characters of `A–Z2–7`.
    public static func uniqueID(_ kind: UniqueIDKind, using generator: inout some RandomNumberGenerator) -> String {
        kind.rawValue + randomString(count: uniqueIDLength - 4, from: idAlphabet, using: &generator)
    }

    /// A 20-character access key ID, `AKIA` then 16 characters, whose characters 5–12 encode
    /// `accountID` exactly as moto's `generate_access_key_id_from_account_id` does (and as real key
    /// IDs are observed to): Base32 of `accountID / 2 + 549755813888` in five bytes, then one
    /// character from the upper half of the alphabet for an odd account ID or the lower half for an
    /// even one, then random characters.
    ///
    /// - Throws: `InvalidInput` unless `accountID` is 12 decimal digits.
    public static func accessKeyID(accountID: String, using generator: inout some RandomNumberGenerator) throws -> String {
        guard let account = parseAccountID(accountID) else {
            throw IAMError(.invalidInput, "The account ID \(accountID) is not 12 decimal digits.")
        }
        let encoded = UInt64(account / 2 + accountOffset)
        let bytes = (0..<5).reversed().map { UInt8((encoded >> (8 * UInt64($0))) & 0xFF) }
        let parityHalf = account % 2 == 1 ? Array(idAlphabet[16...]) : Array(idAlphabet[..<16])
        let fixed = "AKIA" + Base32.encode(Data(bytes)) + String(parityHalf[Int.random(in: 0..<16, using: &generator)])
        return fixed + randomString(count: accessKeyIDLength - fixed.count, from: idAlphabet, using: &generator)
    }

    /// The account ID encoded in characters 5–13 of a key ID made like ``accessKeyID(accountID:using:)``,
    /// or `nil` when the ID is not 20 characters of `A–Z2–7` or does not decode to an account ID.
    public static func accountID(fromAccessKeyID keyID: String) -> String? {
        let characters = Array(keyID)
        guard characters.count == accessKeyIDLength, characters.allSatisfy(idAlphabet.contains),
              let bytes = Base32.decode(String(characters[4..<12])), bytes.count == 5,
              let parityIndex = idAlphabet.firstIndex(of: characters[12])
        else { return nil }
        let encoded = bytes.reduce(0) { $0 << 8 | Int($1) }
        let account = (encoded - accountOffset) * 2 + (parityIndex >= 16 ? 1 : 0)
        guard (0...999_999_999_999).contains(account) else { return nil }
        let digits = String(account)
        return String(repeating: "0", count: 12 - digits.count) + digits
    }

    /// A 40-character secret access key of `A–Za–z0–9+/`.
    public static func secretAccessKey(using generator: inout some RandomNumberGenerator) -> String {
        randomString(count: secretAccessKeyLength, from: secretAlphabet, using: &generator)
    }

    /// A 12-digit account ID; leading zeros occur, as in real accounts.
    public static func accountID(using generator: inout some RandomNumberGenerator) -> String {
        randomString(count: 12, from: Array("0123456789"), using: &generator)
    }

    /// A 40-byte virtual MFA seed (64 Base32 characters, like AWS's `Base32StringSeed`).
    public static func mfaSeed(using generator: inout some RandomNumberGenerator) -> Data {
        Data((0..<TOTP.seedLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// `count` characters drawn uniformly from an ASCII `alphabet` of at most 256 characters.
    ///
    /// Each 64-bit draw gives eight candidate bytes; a byte at or above the largest multiple of the
    /// alphabet's size is skipped, so every character stays equally likely. A secret access key
    /// takes five or six draws instead of forty.
    private static func randomString(
        count: Int, from alphabet: [Character], using generator: inout some RandomNumberGenerator
    ) -> String {
        let letters = alphabet.map { $0.asciiValue! }
        let limit = 256 - 256 % letters.count
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            var draw = generator.next()
            for _ in 0..<8 where bytes.count < count {
                let byte = Int(draw & 0xFF)
                draw >>= 8
                if byte < limit { bytes.append(letters[byte % letters.count]) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func parseAccountID(_ text: String) -> Int? {
        guard text.utf8.count == 12, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(text)
    }
}
