/// A JSON object: members in document order, with the UTF-8 offsets of its braces.
struct PolicyJSONObject: Sendable, Hashable {
    var members: [(key: String, value: PolicyJSON)]
    /// UTF-8 offset of the opening `{`.
    var startOffset: Int
    /// UTF-8 offset of the closing `}`.
    var endOffset: Int

    var keys: [String] { members.map(\.key) }

    subscript(key: String) -> PolicyJSON? {
        members.first { $0.key == key }?.value
    }

    func contains(_ key: String) -> Bool {
        members.contains { $0.key == key }
    }

    static func == (lhs: PolicyJSONObject, rhs: PolicyJSONObject) -> Bool {
        lhs.startOffset == rhs.startOffset && lhs.endOffset == rhs.endOffset
            && lhs.members.elementsEqual(rhs.members) { $0.key == $1.key && $0.value == $1.value }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(startOffset)
        hasher.combine(endOffset)
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}
