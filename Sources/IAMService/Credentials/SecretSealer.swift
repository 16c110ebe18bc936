import Crypto
import Foundation
import IAMCore

/// Encrypts secrets for storage with AES-256-GCM under the ``MasterKey``.
///
/// Access-key secrets must stay recoverable so SigV4 signatures can be verified, so they are
/// sealed rather than hashed. A sealed blob is `version (1 byte) ‖ nonce (12) ‖ ciphertext ‖
/// tag (16)`. The version byte and a caller-supplied *context* — the row's access key ID or MFA
/// serial number — are authenticated, so a blob copied onto another row fails to open.
public struct SecretSealer: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The format version written as the first byte of every sealed blob.
    public static let formatVersion: UInt8 = 1
    private static let nonceLength = 12
    private static let tagLength = 16

    private let masterKey: MasterKey

    /// Creates a sealer that encrypts under `masterKey`.
    public init(masterKey: MasterKey) {
        self.masterKey = masterKey
    }

    /// Encrypts `plaintext` with a fresh random nonce, binding it to `context`.
    ///
    /// - Parameter context: What the secret belongs to, such as the access key ID; the same value
    ///   must be passed to ``open(_:context:)``.
    /// - Throws: `ServiceFailure` if encryption fails.
    public func seal(_ plaintext: Data, context: String) throws -> Data {
        do {
            let box = try AES.GCM.seal(
                plaintext, using: masterKey.symmetricKey, nonce: AES.GCM.Nonce(),
                authenticating: Self.authenticatedData(context: context))
            var sealed = Data([Self.formatVersion])
            sealed.append(contentsOf: box.nonce)
            sealed.append(box.ciphertext)
            sealed.append(box.tag)
            return sealed
        } catch {
            throw IAMError(.serviceFailure, "The secret could not be encrypted.")
        }
    }

    /// Decrypts a blob made by ``seal(_:context:)`` with the same master key and context.
    ///
    /// - Throws: `ServiceFailure` when the blob is truncated, has an unknown format version, or
    ///   fails authentication (another master key, another context, or altered bytes).
    public func open(_ sealed: Data, context: String) throws -> Data {
        let bytes = Array(sealed)
        guard bytes.count >= 1 + Self.nonceLength + Self.tagLength else {
            throw IAMError(.serviceFailure, "The stored secret is truncated.")
        }
        guard bytes[0] == Self.formatVersion else {
            throw IAMError(.serviceFailure, "The stored secret has unknown format version \(bytes[0]).")
        }
        let nonceEnd = 1 + Self.nonceLength
        let tagStart = bytes.count - Self.tagLength
        do {
            let box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: bytes[1..<nonceEnd]),
                ciphertext: bytes[nonceEnd..<tagStart],
                tag: bytes[tagStart...])
            return try AES.GCM.open(box, using: masterKey.symmetricKey, authenticating: Self.authenticatedData(context: context))
        } catch {
            throw IAMError(
                .serviceFailure,
                "The stored secret could not be decrypted: the master key or the record it belongs to does not match.")
        }
    }

    /// The version byte followed by the UTF-8 context, so neither can be changed undetected.
    private static func authenticatedData(context: String) -> Data {
        var data = Data([formatVersion])
        data.append(contentsOf: Array(context.utf8))
        return data
    }

    /// `<redacted>`: the sealer holds the master key.
    public var description: String { "<redacted>" }
    /// `<redacted>`: the sealer holds the master key.
    public var debugDescription: String { "<redacted>" }
    /// A mirror with no children, so `dump` shows nothing of the key.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
