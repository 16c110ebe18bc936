import Crypto
import Foundation

/// Time-based one-time passwords as virtual MFA devices use them: RFC 6238 with HMAC-SHA1,
/// six digits and a 30-second step.
public enum TOTP {
    /// Seconds per time step.
    public static let period = 30
    /// Digits per code.
    public static let digits = 6
    /// Bytes in a seed AWS issues (its `Base32StringSeed` is 64 characters).
    public static let seedLength = 40

    /// The RFC 6238 time step containing `date`: whole 30-second periods since the Unix epoch.
    public static func timeStep(at date: Date) -> Int {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 1e15 else { return seconds < 0 ? Int.min / 2 : Int.max / 2 }
        return Int((seconds / Double(period)).rounded(.down))
    }

    /// The code for `date`.
    public static func code(seed: Data, at date: Date) -> String {
        code(seed: seed, step: timeStep(at: date))
    }

    /// The code for a time step (RFC 4226 HOTP with the step as counter).
    ///
    /// - Parameter digits: Code length, 1 to 9; 6 for MFA devices, 8 for RFC 6238's test vectors.
    public static func code(seed: Data, step: Int, digits: Int = TOTP.digits) -> String {
        let digits = min(max(digits, 1), 9)
        var counter = UInt64(bitPattern: Int64(step)).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: seed)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let truncated = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(truncated % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    /// Checks one code, as at sign-in.
    ///
    /// - Parameters:
    ///   - window: How many steps before and after the current one are accepted, for clock skew.
    ///   - lastUsedStep: The step of the last code accepted for this device; it and earlier steps
    ///     are refused so a code cannot be replayed.
    /// - Returns: The step the code belongs to, to be stored as the new `lastUsedStep`, or `nil`.
    public static func verify(seed: Data, code: String, now: Date, window: Int = 1, lastUsedStep: Int? = nil) -> Int? {
        guard isWellFormed(code) else { return nil }
        let current = timeStep(at: now)
        let window = max(window, 0)
        return candidateSteps(from: current - window, through: current + window, around: current).first { step in
            isFresh(step, after: lastUsedStep) && ConstantTime.equals(Self.code(seed: seed, step: step), code)
        }
    }

    /// Checks two consecutive codes, as `EnableMFADevice` and `ResyncMFADevice` take them.
    ///
    /// `code1` must belong to some step `s` and `code2` to `s + 1`, both within `window` steps of
    /// the step containing `now` (users type codes as they appear, so recent ones are accepted),
    /// and `s` must come after `lastUsedStep` so that neither code has been used before.
    ///
    /// - Returns: The step of `code2`, to be stored as the device's last used step, or `nil`.
    public static func verifyConsecutive(
        seed: Data, code1: String, code2: String, now: Date, window: Int = 2, lastUsedStep: Int? = nil
    ) -> Int? {
        guard isWellFormed(code1), isWellFormed(code2) else { return nil }
        let current = timeStep(at: now)
        let window = max(window, 0)
        let match = candidateSteps(from: current - window, through: current + window - 1, around: current).first { step in
            isFresh(step, after: lastUsedStep)
                && ConstantTime.equals(Self.code(seed: seed, step: step), code1)
                && ConstantTime.equals(Self.code(seed: seed, step: step + 1), code2)
        }
        return match.map { $0 + 1 }
    }

    /// The provisioning URI AWS encodes in `QRCodePNG`:
    /// `otpauth://totp/<deviceName>@<accountName>?secret=<Base32 seed>`.
    ///
    /// - Parameters:
    ///   - deviceName: The virtual MFA device name; percent-encoded.
    ///   - accountName: The account alias, or the account ID when there is none; percent-encoded.
    public static func otpauthURI(deviceName: String, accountName: String, seed: Data) -> String {
        "otpauth://totp/\(PercentEncoding.encode(deviceName))@\(PercentEncoding.encode(accountName))?secret=\(Base32.encode(seed))"
    }

    /// Exactly six ASCII digits, AWS's `authenticationCodeType`.
    static func isWellFormed(_ code: String) -> Bool {
        code.utf8.count == digits && code.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    private static func isFresh(_ step: Int, after lastUsedStep: Int?) -> Bool {
        guard let lastUsedStep else { return true }
        return step > lastUsedStep
    }

    /// Steps in `lower...upper`, nearest to `current` first, so the likeliest match is found first.
    private static func candidateSteps(from lower: Int, through upper: Int, around current: Int) -> [Int] {
        guard lower <= upper else { return [] }
        return (lower...upper).sorted { abs($0 - current) < abs($1 - current) || (abs($0 - current) == abs($1 - current) && $0 > $1) }
    }
}
