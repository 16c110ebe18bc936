import Foundation

/// Text that may contain policy variables, split into its literal runs and `${…}` references.
///
/// Syntax (IAM User Guide, "Policy variables"): `${key}` with a case-insensitive key;
/// `${key, 'default'}` with a default used only when the key has no value; `${*}`, `${?}` and
/// `${$}` for a literal `*`, `?` and `$`. A `${` with no closing `}`, or whose content is not one
/// of these forms, stays literal text.
struct PolicyVariableText: Sendable, Hashable {
    enum Piece: Sendable, Hashable {
        /// Policy text, where `*` and `?` keep their wildcard meaning (if the context has one).
        case text(String)
        /// A character from `${*}`, `${?}` or `${$}`: always literal.
        case escaped(UInt8)
        /// A variable: its key as written, and its default value if one was given.
        case variable(key: String, defaultValue: String?)
    }

    var pieces: [Piece]

    /// The keys of the variables, as written.
    var variableKeys: [String] {
        pieces.compactMap { if case .variable(let key, _) = $0 { key } else { nil } }
    }

    /// Splits `text`; with `recognizesVariables` false (policies older than 2012-10-17) the whole text is literal.
    init(_ text: String, recognizesVariables: Bool) {
        guard recognizesVariables, text.contains("${") else {
            pieces = [.text(text)]
            return
        }
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}"),
                let piece = Self.reference(rest[open.upperBound..<close])
            else {
                literal += rest[..<open.upperBound]
                rest = rest[open.upperBound...]
                continue
            }
            literal += rest[..<open.lowerBound]
            if !literal.isEmpty {
                pieces.append(.text(literal))
                literal = ""
            }
            pieces.append(piece)
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty || pieces.isEmpty { pieces.append(.text(literal)) }
        self.pieces = pieces
    }

    /// Reads the content between `${` and `}`.
    private static func reference(_ content: Substring) -> Piece? {
        switch content {
        case "*": return .escaped(UInt8(ascii: "*"))
        case "?": return .escaped(UInt8(ascii: "?"))
        case "$": return .escaped(UInt8(ascii: "$"))
        default: break
        }
        guard let comma = content.firstIndex(of: ",") else {
            let key = String(content.trimmingBlanks)
            return key.isEmpty ? nil : .variable(key: key, defaultValue: nil)
        }
        let key = String(content[..<comma].trimmingBlanks)
        let quoted = content[content.index(after: comma)...].trimmingBlanks
        guard !key.isEmpty, quoted.count >= 2, quoted.first == "'", quoted.last == "'" else { return nil }
        return .variable(key: key, defaultValue: String(quoted.dropFirst().dropLast()))
    }

    /// The value a variable takes: the context's single value, else the default, else `nil` (no value).
    ///
    /// Multivalued keys cannot be variables (IAM User Guide), so a list-typed context entry has no value.
    static func value(of key: ContextKey, defaultValue: String?, in context: RequestContext) -> String? {
        if let entry = context.value(for: key), !entry.type.isList, let single = entry.values.first {
            return single
        }
        return defaultValue
    }
}

