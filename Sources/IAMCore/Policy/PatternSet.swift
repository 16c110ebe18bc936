/// Groups of wildcard patterns stored flat, so that a decision tests them without touching any
/// reference-counted object: a policy's actions and resources (two groups per statement), or the
/// fixed values of one condition (one group).
///
/// Iterating arrays of structs that hold arrays costs a retain and a release per element; at 50
/// statements per decision that dominated the cost. Here every pattern is a row of plain integers
/// pointing into shared buffers, allocated once and read through raw pointers.
final class PatternSet: @unchecked Sendable {
    // @unchecked Sendable: the buffers are allocated and written only in `init`, never mutated
    // afterwards, and freed in `deinit`; every other access is a read, so sharing across threads is safe.

    struct Entry {
        /// Up to the first eight bytes before the pattern's first wildcard, packed little-endian, and
        /// the mask of those bytes: a value whose packed prefix differs under the mask cannot match.
        var prefixWord: UInt64
        var prefixMask: UInt64
        var shape: WildcardPattern.Shape
        var tokenStart: Int32
        var tokenCount: Int32
        var literalStart: Int32
        var literalCount: Int32
    }

    private let tokens: UnsafeMutableBufferPointer<UInt16>
    private let literals: UnsafeMutableBufferPointer<UInt8>
    private let entries: UnsafeMutableBufferPointer<Entry>
    /// `groupStarts[g]..<groupStarts[g + 1]` are the entries of group `g`.
    private let groupStarts: UnsafeMutableBufferPointer<Int32>

    /// Stores `groups` in order; group `g` is then tested with ``anyMatches(inGroup:_:prefix:)``.
    init(groups: [[WildcardPattern]]) {
        let patterns = groups.joined()
        tokens = .allocate(capacity: max(1, patterns.reduce(0) { $0 + $1.tokens.count }))
        literals = .allocate(capacity: max(1, patterns.reduce(0) { $0 + $1.literalBytes.count }))
        entries = .allocate(capacity: max(1, patterns.count))
        groupStarts = .allocate(capacity: groups.count + 1)
        var tokenCount = 0
        var literalCount = 0
        var entryCount = 0
        groupStarts.initializeElement(at: 0, to: 0)
        for (group, members) in groups.enumerated() {
            for pattern in members {
                entries.initializeElement(
                    at: entryCount,
                    to: Entry(
                        prefixWord: Self.prefixWord(pattern.tokens),
                        prefixMask: Self.prefixMask(pattern.tokens),
                        shape: pattern.shape,
                        tokenStart: Int32(tokenCount),
                        tokenCount: Int32(pattern.tokens.count),
                        literalStart: Int32(literalCount),
                        literalCount: Int32(pattern.literalBytes.count)
                    )
                )
                entryCount += 1
                for token in pattern.tokens {
                    tokens.initializeElement(at: tokenCount, to: token)
                    tokenCount += 1
                }
                for byte in pattern.literalBytes {
                    literals.initializeElement(at: literalCount, to: byte)
                    literalCount += 1
                }
            }
            groupStarts.initializeElement(at: group + 1, to: Int32(entryCount))
        }
    }

    private static func literalPrefixLength(_ tokens: [UInt16]) -> Int {
        min(8, tokens.prefix { $0 <= 0xFF }.count)
    }

    private static func prefixWord(_ tokens: [UInt16]) -> UInt64 {
        var word: UInt64 = 0
        for (index, token) in tokens.prefix(literalPrefixLength(tokens)).enumerated() {
            word |= UInt64(token) << (8 * UInt64(index))
        }
        return word
    }

    private static func prefixMask(_ tokens: [UInt16]) -> UInt64 {
        let length = literalPrefixLength(tokens)
        return length == 8 ? ~0 : (1 << (8 * UInt64(length))) - 1
    }

    /// The first eight bytes of `value`, packed as ``Entry/prefixWord`` is (missing bytes are zero,
    /// which no literal prefix byte of a longer pattern can equal unless the value is too short anyway).
    @inline(__always)
    static func prefixWord(of value: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var word: UInt64 = 0
        for index in 0..<min(8, value.count) {
            word |= UInt64(value[index]) << (8 * UInt64(index))
        }
        return word
    }

    deinit {
        tokens.deallocate()
        literals.deallocate()
        entries.deallocate()
        groupStarts.deallocate()
    }

    /// The buffers as plain pointers, for loops that must not touch reference counts. Valid while
    /// this set is alive.
    var view: View {
        View(tokens: UnsafeBufferPointer(tokens), literals: UnsafeBufferPointer(literals),
             entries: UnsafeBufferPointer(entries), groupStarts: UnsafeBufferPointer(groupStarts))
    }

    /// Whether any pattern of `group` matches the whole of `value`, whose packed prefix is `valuePrefix`
    /// (see ``prefixWord(of:)``).
    func anyMatches(inGroup group: Int, _ value: UnsafeBufferPointer<UInt8>, prefix valuePrefix: UInt64) -> Bool {
        view.anyMatches(inGroup: group, value, prefix: valuePrefix)
    }

    /// A pattern set's buffers, borrowed: a trivial value, so passing it around costs no retain.
    ///
    /// `@unchecked Sendable`: it only reads buffers that are never written after `init`; whoever holds
    /// one must keep the set alive.
    struct View: @unchecked Sendable {
        let tokens: UnsafeBufferPointer<UInt16>
        let literals: UnsafeBufferPointer<UInt8>
        let entries: UnsafeBufferPointer<Entry>
        let groupStarts: UnsafeBufferPointer<Int32>

        /// Whether any pattern of `group` matches the whole of `value`, whose packed prefix is `valuePrefix`.
        @inline(__always)
        func anyMatches(inGroup group: Int, _ value: UnsafeBufferPointer<UInt8>, prefix valuePrefix: UInt64) -> Bool {
            var index = Int(groupStarts[group])
            let end = Int(groupStarts[group + 1])
            while index < end {
                let entry = entries[index]
                index += 1
                // Most patterns differ from the value within their first eight literal bytes.
                if (entry.prefixWord ^ valuePrefix) & entry.prefixMask != 0 { continue }
                let matched = WildcardPattern.matches(
                    shape: entry.shape,
                    tokens: UnsafeBufferPointer(start: tokens.baseAddress! + Int(entry.tokenStart), count: Int(entry.tokenCount)),
                    literal: UnsafeBufferPointer(
                        start: literals.baseAddress! + Int(entry.literalStart),
                        count: Int(entry.literalCount)
                    ),
                    value: value
                )
                if matched { return true }
            }
            return false
        }
    }
}
