extension StringProtocol {
    /// The text without leading and trailing spaces and tabs: the blanks HTTP headers and policy
    /// variables allow around a value. Foundation's `trimmingCharacters(in:)` bridges through
    /// `NSString`, which costs more than the rest of parsing a SigV4 `Authorization` header.
    public var trimmingBlanks: SubSequence {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
