/// A compiled wildcard pattern matched against UTF-8 bytes, with no regular expressions and no
/// allocation for the common shapes.
///
/// A pattern is a list of tokens: 0…255 is a literal byte; the four values above stand for the
/// wildcards. Substituted policy-variable text is always literal bytes, so a `*` in a user name
/// never acts as a wildcard. `?` matches exactly one Unicode scalar (never zero), and only at scalar
/// boundaries, so a pattern written in ASCII works on non-ASCII values.
struct WildcardPattern: Sendable, Hashable {
    /// `*` that matches any run of characters, colons included.
    static let anyRun: UInt16 = 0x100
    /// `*` inside one of the first five ARN segments of a `Resource`: it stays within the segment.
    static let segmentRun: UInt16 = 0x101
    /// `?`: exactly one character.
    static let anyOne: UInt16 = 0x102
    /// `?` inside one of the first five ARN segments: one character other than a colon.
    static let segmentOne: UInt16 = 0x103

    enum Shape: UInt8, Hashable {
        /// Only `*` tokens: matches everything.
        case everything
        /// No wildcard: byte equality.
        case literal
        /// A literal prefix followed by one trailing `*`.
        case prefix
        /// `*` and `?` that may cross colons: greedy matching with one backtrack point.
        case general
        /// Contains colon-bounded tokens: an automaton simulation.
        case segmented
    }

    let tokens: [UInt16]
    /// The literal bytes for `.literal`, or the prefix for `.prefix`.
    let literalBytes: [UInt8]
    let shape: Shape

    init(tokens: [UInt16]) {
        self.tokens = tokens
        let wildcardPositions = tokens.indices.filter { tokens[$0] > 0xFF }
        if tokens.allSatisfy({ $0 == Self.anyRun }) && !tokens.isEmpty {
            shape = .everything
            literalBytes = []
        } else if wildcardPositions.isEmpty {
            shape = .literal
            literalBytes = tokens.map { UInt8($0) }
        } else if wildcardPositions == [tokens.count - 1] && tokens.last == Self.anyRun {
            shape = .prefix
            literalBytes = tokens.dropLast().map { UInt8($0) }
        } else if tokens.contains(where: { $0 == Self.segmentRun || $0 == Self.segmentOne }) {
            shape = .segmented
            literalBytes = []
        } else {
            shape = .general
            literalBytes = []
        }
    }

    /// A pattern where `*` and `?` are wildcards anywhere (`StringLike`, actions, ARN components).
    init(glob text: String) {
        self.init(tokens: Self.globTokens(text.utf8))
    }

    static func globTokens<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [UInt16] {
        bytes.map { byte in
            switch byte {
            case UInt8(ascii: "*"): anyRun
            case UInt8(ascii: "?"): anyOne
            default: UInt16(byte)
            }
        }
    }

    /// Whether the pattern matches the whole of `value`.
    func matches(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { matches($0) }
    }

    /// Whether the pattern matches the whole of `value`.
    func matches(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        tokens.withUnsafeBufferPointer { tokens in
            literalBytes.withUnsafeBufferPointer { literal in
                Self.matches(shape: shape, tokens: tokens, literal: literal, value: value)
            }
        }
    }

    /// Matches `value` against a pattern given by its parts, as ``PatternSet`` stores them.
    @inline(__always)
    static func matches(
        shape: Shape,
        tokens: UnsafeBufferPointer<UInt16>,
        literal: UnsafeBufferPointer<UInt8>,
        value: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        switch shape {
        case .everything:
            return true
        case .literal:
            return value.count == literal.count && equal(literal, value, count: value.count)
        case .prefix:
            return value.count >= literal.count && equal(literal, value, count: literal.count)
        case .general:
            return greedyMatch(tokens, value)
        case .segmented:
            return automatonMatch(tokens, value)
        }
    }

    @inline(__always)
    private static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
        var index = 0
        while index < count {
            if lhs[index] != rhs[index] { return false }
            index += 1
        }
        return true
    }

    /// The byte length of the UTF-8 scalar starting with `lead`.
    @inline(__always)
    private static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// Classic wildcard matching: on a mismatch, let the last `*` swallow one more character.
    /// Correct when every `*` may match any run, which holds for patterns without segment tokens.
    private static func greedyMatch(_ tokens: UnsafeBufferPointer<UInt16>, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let patternCount = tokens.count
        let valueCount = value.count
        var p = 0
        var s = 0
        var starToken = -1
        var starValue = 0
        while s < valueCount {
            if p < patternCount {
                let token = tokens[p]
                if token == anyRun {
                    starToken = p
                    starValue = s
                    p += 1
                    continue
                }
                if token == anyOne {
                    let length = scalarLength(value[s])
                    if s + length <= valueCount {
                        s += length
                        p += 1
                        continue
                    }
                } else if token == UInt16(value[s]) {
                    p += 1
                    s += 1
                    continue
                }
            }
            guard starToken >= 0 else { return false }
            starValue += scalarLength(value[starValue])
            // Skip straight to the next place where the literal after the `*` can start.
            if starToken + 1 < patternCount, tokens[starToken + 1] <= 0xFF {
                let next = UInt8(tokens[starToken + 1])
                while starValue < valueCount && value[starValue] != next { starValue += 1 }
                if starValue == valueCount { return false }
            }
            s = starValue
            p = starToken + 1
        }
        while p < patternCount && tokens[p] == anyRun { p += 1 }
        return p == patternCount && s == valueCount
    }

    /// Simulates the pattern as an automaton, one state per token, stepping a scalar at a time.
    private static func automatonMatch(_ tokens: UnsafeBufferPointer<UInt16>, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let stateCount = tokens.count + 1
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: stateCount * 2) { buffer in
            var current = UnsafeMutableBufferPointer(rebasing: buffer[0..<stateCount])
            var next = UnsafeMutableBufferPointer(rebasing: buffer[stateCount..<(stateCount * 2)])
            current.initialize(repeating: false)
            next.initialize(repeating: false)
            current[0] = true
            close(current, tokens)
            var s = 0
            while s < value.count {
                let lead = value[s]
                let length = min(scalarLength(lead), value.count - s)
                for index in 0..<stateCount { next[index] = false }
                var anyActive = false
                for p in 0..<tokens.count where current[p] {
                    let token = tokens[p]
                    switch token {
                    case anyRun:
                        next[p] = true
                    case segmentRun:
                        if lead != UInt8(ascii: ":") { next[p] = true }
                    case anyOne:
                        next[p + 1] = true
                    case segmentOne:
                        if lead != UInt8(ascii: ":") { next[p + 1] = true }
                    default:
                        guard p + length <= tokens.count else { continue }
                        var same = true
                        for offset in 0..<length where tokens[p + offset] != UInt16(value[s + offset]) {
                            same = false
                            break
                        }
                        if same { next[p + length] = true }
                    }
                }
                close(next, tokens)
                for index in 0..<stateCount where next[index] {
                    anyActive = true
                    break
                }
                guard anyActive else { return false }
                swap(&current, &next)
                s += length
            }
            return current[tokens.count]
        }
    }

    /// Adds the states reachable by letting a `*` match nothing.
    private static func close(_ states: UnsafeMutableBufferPointer<Bool>, _ tokens: UnsafeBufferPointer<UInt16>) {
        for p in 0..<tokens.count where states[p] && (tokens[p] == anyRun || tokens[p] == segmentRun) {
            states[p + 1] = true
        }
    }
}
