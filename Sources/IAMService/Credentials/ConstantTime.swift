/// Comparisons whose running time does not depend on where two secrets first differ.
///
/// Used for password hashes, TOTP codes and SigV4 signatures, so that an attacker timing the
/// service cannot learn a prefix of the expected value byte by byte.
enum ConstantTime {
    /// Whether `lhs` and `rhs` hold the same bytes. Only the lengths leak, and they are public
    /// (a hash length, six digits, 64 hex characters).
    static func equals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        // Contiguous bytes (a native string's, a buffer's) are compared through their buffers;
        // the generic walk below pays for two iterators on every byte.
        let contiguous = lhs.withContiguousStorageIfAvailable { left in
            rhs.withContiguousStorageIfAvailable { right in
                var difference: UInt8 = 0
                for index in 0..<left.count { difference |= left[index] ^ right[index] }
                return difference == 0
            }
        }
        if let contiguous = contiguous ?? nil { return contiguous }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) {
            difference |= left ^ right
        }
        return difference == 0
    }

    /// Whether two strings have the same UTF-8 bytes, compared in constant time.
    static func equals(_ lhs: String, _ rhs: String) -> Bool {
        equals(lhs.utf8, rhs.utf8)
    }
}
