import Crypto

/// A SigV4 signing key keyed into HMAC-SHA256 once. Keying HMAC hashes two padded key blocks and
/// allocates two hash contexts, more than the string to sign costs; a server keeps one signer per
/// key, day, region and service, and each request signs with a copy.
package struct SigV4Signer: @unchecked Sendable {
    // Why @unchecked Sendable is safe: `HMAC<SHA256>` keeps its state in swift-crypto hash
    // contexts that copy on write (each update checks `isKnownUniquelyReferenced` first). A
    // signer is never updated itself: every use copies it, so threads signing with one signer at
    // once only read the shared contexts, and each writes to a copy of its own.
    private let keyed: HMAC<SHA256>

    package init(signingKey: SymmetricKey) {
        keyed = HMAC(key: signingKey)
    }

    /// The HMAC-SHA256 of `bytes` under the signing key.
    package func authenticationCode(for bytes: [UInt8]) -> HMAC<SHA256>.MAC {
        var mac = keyed
        mac.update(data: bytes)
        return mac.finalize()
    }
}
