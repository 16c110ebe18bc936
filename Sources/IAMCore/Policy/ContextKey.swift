import Foundation

/// A context key folded to lower case, with a hash computed once, so that a decision can look keys
/// up without hashing strings.
///
/// Policies fold their keys when compiled and requests when their context is built; a lookup then
/// costs one probe and, on a hit, one byte comparison.
struct ContextKey: Sendable, Hashable {
    /// The key in lower case, as UTF-8.
    let folded: [UInt8]
    /// FNV-1a of `folded`.
    let hashCode: UInt64

    init(_ key: String) {
        folded = Array(key.lowercased().utf8)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in folded {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        hashCode = hash
    }

    /// Equal keys have equal bytes; the hash only makes unequal keys fast to tell apart (it is not
    /// trusted alone: request keys, such as tag keys, are chosen by callers).
    @inline(__always)
    static func == (lhs: ContextKey, rhs: ContextKey) -> Bool {
        guard lhs.hashCode == rhs.hashCode, lhs.folded.count == rhs.folded.count else { return false }
        return lhs.folded.withUnsafeBufferPointer { left in
            rhs.folded.withUnsafeBufferPointer { right in
                left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hashCode)
    }
}
