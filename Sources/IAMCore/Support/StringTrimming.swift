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

extension Substring {
    /// Calls `body` with each non-empty run of text between `separator`s, in order: a split on one
    /// ASCII byte, found in the UTF-8 view, that builds no array (`split` gathered every run into
    /// one before a SigV4 `Authorization` header or a query string was read).
    @inlinable
    public func forEachComponent(separatedBy separator: UInt8, _ body: (Substring) throws -> Void) rethrows {
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let end = utf8[start...].firstIndex(of: separator) ?? utf8.endIndex
            if start < end { try body(self[start..<end]) }
            start = end == utf8.endIndex ? end : utf8.index(after: end)
        }
    }
}
