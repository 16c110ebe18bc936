import CArgon2
import Foundation
import IAMCore

/// Hashes and verifies console passwords with Argon2id (libargon2), stored as PHC strings.
///
/// Passwords are only ever compared, never recovered, so they get a slow one-way hash; access-key
/// secrets, which SigV4 needs back, are sealed with ``SecretSealer`` instead.
public struct PasswordHasher: Sendable {
    /// Salt length in bytes for new hashes.
    public static let saltLength = 16
    /// Hash (tag) length in bytes for new hashes.
    public static let hashLength = 32

    /// The parameters new hashes are made with.
    public var parameters: Argon2Parameters

    /// Creates a hasher that hashes with `parameters` (OWASP's minimum by default).
    public init(parameters: Argon2Parameters = .owasp) {
        self.parameters = parameters
    }

    /// Hashes `password` with a fresh 16-byte random salt.
    ///
    /// - Returns: A PHC string such as `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`.
    /// - Throws: `ServiceFailure` if the parameters are unsupported or libargon2 fails (for
    ///   example when it cannot allocate the memory cost).
    public func hash(_ password: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<Self.saltLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return try hash(password, salt: salt)
    }

    /// Hashes with a caller-chosen salt; internal so that only tests can pin the salt.
    func hash(_ password: String, salt: [UInt8]) throws -> String {
        guard parameters.isSupported else {
            throw IAMError(.serviceFailure, "Unsupported Argon2 parameters \(parameters).")
        }
        let digest = try Self.argon2id(
            password: Array(password.utf8), salt: salt, parameters: parameters, length: Self.hashLength)
        return PHCString(parameters: parameters, salt: salt, hash: digest).encoded
    }

    /// Whether `password` matches the PHC string `phc`.
    ///
    /// The salt, hash length and cost parameters come from `phc`, not from this hasher, so hashes
    /// made under older parameters keep verifying. The comparison is constant-time. Malformed or
    /// unsupported strings return `false`.
    public func verify(_ password: String, phc: String) -> Bool {
        guard let stored = PHCString(phc),
              let digest = try? Self.argon2id(
                  password: Array(password.utf8), salt: stored.salt, parameters: stored.parameters,
                  length: stored.hash.count)
        else { return false }
        return ConstantTime.equals(digest, stored.hash)
    }

    /// Whether `phc` should be replaced by a new hash of the same password (made after the next
    /// successful ``verify(_:phc:)``): its parameters, salt or hash length differ from this
    /// hasher's, or it cannot be parsed.
    public func needsRehash(_ phc: String) -> Bool {
        guard let stored = PHCString(phc) else { return true }
        return stored.parameters != parameters
            || stored.salt.count != Self.saltLength
            || stored.hash.count != Self.hashLength
    }

    /// Runs Argon2 work (tens of milliseconds by design) on a Dispatch thread and awaits it, so
    /// the caller's executor keeps running other tasks meanwhile: `iamctl serve` runs its tasks
    /// on its event loops, where a hash would otherwise stall every connection of that loop.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Raw Argon2id through libargon2's `argon2id_hash_raw`.
    static func argon2id(password: [UInt8], salt: [UInt8], parameters: Argon2Parameters, length: Int) throws -> [UInt8] {
        guard parameters.isSupported else {
            throw IAMError(.serviceFailure, "Unsupported Argon2 parameters \(parameters).")
        }
        var output = [UInt8](repeating: 0, count: length)
        let status = password.withUnsafeBytes { passwordBytes in
            salt.withUnsafeBytes { saltBytes in
                output.withUnsafeMutableBytes { outputBytes in
                    argon2id_hash_raw(
                        UInt32(parameters.iterations), UInt32(parameters.memoryKiB), UInt32(parameters.parallelism),
                        passwordBytes.baseAddress, passwordBytes.count,
                        saltBytes.baseAddress, saltBytes.count,
                        outputBytes.baseAddress, outputBytes.count)
                }
            }
        }
        guard status == ARGON2_OK.rawValue else {
            throw IAMError(.serviceFailure, "Argon2id failed: \(String(cString: argon2_error_message(status))).")
        }
        return output
    }
}
