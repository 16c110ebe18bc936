/// A wildcard pattern that may contain policy variables, compiled once.
///
/// Without variables the pattern is built at compile time and reused for every decision. With
/// variables, the literal runs are tokenized at compile time and each decision interleaves them with
/// the substituted values, as literal bytes, in a temporary buffer before matching.
final class PatternTemplate: Sendable {
    /// How the text's wildcard characters are read.
    enum Mode: Sendable {
        /// No wildcards: `StringEquals`, `StringNotEquals`, the IgnoreCase operators.
        case literal
        /// `*` and `?` match anything, colons included: actions and `StringLike`.
        case glob
        /// `Resource`/`NotResource`: within the first five ARN segments a `*` or `?` does not cross a
        /// colon, except a `*` that ends a segment, which may (IAM User Guide, Resource element:
        /// "If the * wildcard is the last character of a resource ARN segment, it can expand to match
        /// beyond colon boundaries"). In the resource part, after the fifth colon, both cross anything.
        case resource
    }

    /// The literal runs' tokens, concatenated.
    private let staticTokens: [UInt16]
    /// `runLengths[i]` tokens of `staticTokens` come before variable `i`; the last run ends the pattern.
    private let runLengths: [Int]
    private let variables: [(key: ContextKey, defaultValue: String?)]
    private let isSegmented: Bool
    private let lowercasesValues: Bool
    /// The compiled pattern when the text has no variables.
    let fixed: WildcardPattern?
    /// The keys of the variables used, as written.
    let variableKeys: [String]

    /// Compiles `text`. `lowercased` folds the text and substituted values (IgnoreCase operators and actions).
    init(_ text: String, mode: Mode, recognizesVariables: Bool, lowercased: Bool = false) {
        let source = PolicyVariableText(lowercased ? text.lowercased() : text, recognizesVariables: recognizesVariables)
        lowercasesValues = lowercased
        variableKeys = source.variableKeys

        var staticTokens: [UInt16] = []
        var runLengths: [Int] = []
        var variables: [(key: ContextKey, defaultValue: String?)] = []
        var runStart = 0
        var colons = 0
        for (offset, piece) in source.pieces.enumerated() {
            switch piece {
            case .text(let string):
                let bytes = Array(string.utf8)
                for (index, byte) in bytes.enumerated() {
                    switch (mode, byte) {
                    case (.literal, _):
                        staticTokens.append(UInt16(byte))
                    case (.glob, UInt8(ascii: "*")):
                        staticTokens.append(WildcardPattern.anyRun)
                    case (.glob, UInt8(ascii: "?")):
                        staticTokens.append(WildcardPattern.anyOne)
                    case (.resource, UInt8(ascii: "*")):
                        if colons >= 5 {
                            staticTokens.append(WildcardPattern.anyRun)
                        } else {
                            let following = index + 1 < bytes.count
                                ? bytes[index + 1] : Self.firstByte(after: offset, in: source.pieces)
                            let endsSegment = following == nil || following == UInt8(ascii: ":")
                            staticTokens.append(endsSegment ? WildcardPattern.anyRun : WildcardPattern.segmentRun)
                        }
                    case (.resource, UInt8(ascii: "?")):
                        staticTokens.append(colons >= 5 ? WildcardPattern.anyOne : WildcardPattern.segmentOne)
                    default:
                        if byte == UInt8(ascii: ":") { colons += 1 }
                        staticTokens.append(UInt16(byte))
                    }
                }
            case .escaped(let byte):
                staticTokens.append(UInt16(byte))
            case .variable(let key, let defaultValue):
                runLengths.append(staticTokens.count - runStart)
                runStart = staticTokens.count
                variables.append((ContextKey(key), defaultValue))
            }
        }
        runLengths.append(staticTokens.count - runStart)
        self.staticTokens = staticTokens
        self.runLengths = runLengths
        self.variables = variables
        isSegmented = staticTokens.contains { $0 == WildcardPattern.segmentRun || $0 == WildcardPattern.segmentOne }
        fixed = variables.isEmpty ? WildcardPattern(tokens: staticTokens) : nil
    }

    /// The first byte of the pieces after `offset`: `nil` at the end, `0` (an unknown non-colon) before a variable.
    private static func firstByte(after offset: Int, in pieces: [PolicyVariableText.Piece]) -> UInt8? {
        for piece in pieces[(offset + 1)...] {
            switch piece {
            case .text(let string):
                if let first = string.utf8.first { return first }
            case .escaped(let byte):
                return byte
            case .variable:
                return 0
            }
        }
        return nil
    }

    /// The value of variable `index` for this request, or `nil` when it has none and no default.
    @inline(__always)
    private func value(ofVariable index: Int, in context: RequestContext) -> String? {
        guard let text = PolicyVariableText.value(of: variables[index].key, defaultValue: variables[index].defaultValue, in: context)
        else { return nil }
        return lowercasesValues ? text.lowercased() : text
    }

    /// The pattern's tokens with variables substituted, or `nil` if a variable has no value and no default.
    func tokens(in context: RequestContext) -> [UInt16]? {
        if let fixed { return fixed.tokens }
        var result: [UInt16] = []
        var start = 0
        for (index, length) in runLengths.enumerated() {
            result += staticTokens[start..<(start + length)]
            start += length
            if index < variables.count {
                guard let text = value(ofVariable: index, in: context) else { return nil }
                result += text.utf8.lazy.map { UInt16($0) }
            }
        }
        return result
    }

    /// Whether the pattern, with its variables substituted from `context`, matches `value`; `false`
    /// when a variable has no value and no default.
    func matches(_ value: UnsafeBufferPointer<UInt8>, in context: RequestContext) -> Bool {
        if let fixed { return fixed.matches(value) }
        let variableCount = variables.count
        return withUnsafeTemporaryAllocation(of: String.self, capacity: variableCount) { substitutions in
            var resolved = 0
            defer {
                if resolved > 0 { substitutions.baseAddress!.deinitialize(count: resolved) }
            }
            var length = staticTokens.count
            while resolved < variableCount {
                guard let text = self.value(ofVariable: resolved, in: context) else { return false }
                length += text.utf8.count
                substitutions.initializeElement(at: resolved, to: text)
                resolved += 1
            }
            return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: length) { buffer in
                var position = 0
                staticTokens.withUnsafeBufferPointer { staticTokens in
                    runLengths.withUnsafeBufferPointer { runLengths in
                        var start = 0
                        for run in 0..<runLengths.count {
                            let count = runLengths[run]
                            if count > 0 {
                                (buffer.baseAddress! + position).initialize(from: staticTokens.baseAddress! + start, count: count)
                            }
                            position += count
                            start += count
                            if run < variableCount {
                                substitutions[run].withUTF8 { bytes in
                                    for byte in bytes {
                                        buffer.initializeElement(at: position, to: UInt16(byte))
                                        position += 1
                                    }
                                }
                            }
                        }
                    }
                }
                return WildcardPattern.matches(
                    shape: isSegmented ? .segmented : .general,
                    tokens: UnsafeBufferPointer(rebasing: buffer[0..<position]),
                    literal: UnsafeBufferPointer(start: nil, count: 0),
                    value: value
                )
            }
        }
    }
}
