/// Comparisons whose running time does not depend on where two secrets first differ.
///
/// Used for password hashes, TOTP codes and SigV4 signatures, so that an attacker timing the
/// service cannot learn a prefix of the expected value byte by byte.
enum ConstantTime {
    /// Whether `lhs` and `rhs` hold the same bytes. Only the lengths leak, and they are public
    /// (a hash length, six digits, 64 hex characters).
    static func equals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        // Compared through contiguous buffers (a native string's, an array's); anything else is
        // copied into arrays first, which are.
        let compared = lhs.withContiguousStorageIfAvailable { left in
            rhs.withContiguousStorageIfAvailable { right in
                var difference: UInt8 = 0
                for index in 0..<left.count { difference |= left[index] ^ right[index] }
                return difference == 0
            }
        }
        if let compared = compared ?? nil { return compared }
        return equals(Array(lhs), Array(rhs))
    }

    /// Whether two strings have the same UTF-8 bytes, compared in constant time.
    static func equals(_ lhs: String, _ rhs: String) -> Bool {
        equals(lhs.utf8, rhs.utf8)
    }
}
