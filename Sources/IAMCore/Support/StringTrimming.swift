extension StringProtocol {
    /// The text without leading and trailing spaces and tabs: the blanks HTTP headers and policy
    /// variables allow around a value. Scanned as UTF-8 bytes (both blanks are single ASCII
    /// bytes): Foundation's `trimmingCharacters(in:)` bridges through `NSString`, and a scan by
    /// `Character` breaks grapheme clusters, and either costs more than the rest of parsing a
    /// SigV4 `Authorization` header.
    @inlinable
    public var trimmingBlanks: SubSequence {
        let bytes = utf8
        var first: Index?
        var end = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] != 0x20, bytes[index] != 0x09 {
                if first == nil { first = index }
                end = next
            }
            index = next
        }
        guard let first else { return self[endIndex...] }
        return self[first..<end]
    }
}
