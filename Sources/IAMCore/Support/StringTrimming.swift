extension StringProtocol where UTF8View: BidirectionalCollection {
    /// The text without leading and trailing spaces and tabs: the blanks HTTP headers and policy
    /// variables allow around a value. Looked for as UTF-8 bytes from each end (both blanks are
    /// single ASCII bytes): Foundation's `trimmingCharacters(in:)` bridges through `NSString`, and
    /// a search by `Character` breaks grapheme clusters, and either costs more than the rest of
    /// parsing a SigV4 `Authorization` header.
    @inlinable
    public var trimmingBlanks: SubSequence {
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = utf8.firstIndex(where: { !isBlank($0) }), let last = utf8.lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex...]
        }
        return self[first..<utf8.index(after: last)]
    }
}
