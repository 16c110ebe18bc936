/// Which page of a list to return: AWS's `Marker` and `MaxItems`.
public struct PageRequest: Sendable, Hashable {
    /// The `Marker` from the previous page's response, or `nil` for the first page.
    public var marker: String?
    /// 1–1000; AWS's default is 100.
    public var maxItems: Int

    public init(marker: String? = nil, maxItems: Int = 100) {
        self.marker = marker
        self.maxItems = maxItems
    }

    /// Every item in one page (for internal callers that need the whole list).
    public static let all = PageRequest(maxItems: Int.max)
}

/// One page of a list, in a stable order.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// The `Marker` to pass for the next page, or `nil` when this is the last page.
    public var nextMarker: String?

    public init(items: [Item], nextMarker: String?) {
        self.items = items
        self.nextMarker = nextMarker
    }

    /// AWS's `IsTruncated`.
    public var isTruncated: Bool { nextMarker != nil }
}

extension Page: Equatable where Item: Equatable {}
