/// The context keys of one request, as a policy's conditions and variables see them.
///
/// Keys are case-insensitive (`aws:SourceIp` ≡ `AWS:SOURCEIP`, `aws:PrincipalTag/Team` ≡
/// `aws:principaltag/team`). Values are kept as strings with a type tag, as
/// `SimulatePrincipalPolicy`'s `ContextEntry` carries them, and are compared by the operator that
/// reads them: an `ip`, `date` or `numeric` value is parsed once when set, any other value when an
/// IP, Date or Numeric operator meets it. An entry with no values behaves as a missing key.
public struct RequestContext: Sendable, Hashable {
    /// A context value's type: AWS's `ContextKeyTypeEnum`.
    public enum KeyType: String, Sendable, Hashable, CaseIterable {
        /// One string.
        case string
        /// Several strings.
        case stringList
        /// One number.
        case numeric
        /// Several numbers.
        case numericList
        /// One boolean.
        case boolean
        /// Several booleans.
        case booleanList
        /// One IP address.
        case ip
        /// Several IP addresses.
        case ipList
        /// One base-64 value.
        case binary
        /// Several base-64 values.
        case binaryList
        /// One date (ISO 8601 or epoch seconds).
        case date
        /// Several dates.
        case dateList

        /// Whether the type is a `…List` type, that is, a multivalued key.
        public var isList: Bool {
            switch self {
            case .stringList, .numericList, .booleanList, .ipList, .binaryList, .dateList: true
            case .string, .numeric, .boolean, .ip, .binary, .date: false
            }
        }
    }

    /// One key's value or values.
    public struct Value: Sendable, Hashable {
        /// The type tag.
        public var type: KeyType
        /// The values, as strings; a single-valued key has one.
        public var values: [String]

        /// Creates a value.
        public init(type: KeyType, values: [String]) {
            self.type = type
            self.values = values
        }

        /// A single-valued entry.
        public static func single(_ value: String, type: KeyType = .string) -> Value {
            Value(type: type, values: [value])
        }

        /// A multivalued entry; `type` should be one of the `…List` types.
        public static func list(_ values: [String], type: KeyType = .stringList) -> Value {
            Value(type: type, values: values)
        }
    }

    /// One key's value, with the forms the typed operators compare parsed once, when it is set.
    ///
    /// Immutable and shared between copies of the context; setting a key replaces its entry.
    final class Entry: Sendable {
        let key: ContextKey
        /// The key as spelled when it was set.
        let spelling: String
        let value: Value
        /// For `ip`/`ipList` values: the parsed addresses (`nil` where a value is not an address).
        let addresses: [IPAddressRange?]?
        /// For `date`/`dateList` values: seconds since 1970.
        let instants: [Double?]?
        /// For `numeric`/`numericList` values.
        let numbers: [Double?]?

        init(key: ContextKey, spelling: String, value: Value) {
            self.key = key
            self.spelling = spelling
            self.value = value
            switch value.type {
            case .ip, .ipList:
                addresses = value.values.map(IPAddressRange.init)
                instants = nil
                numbers = nil
            case .date, .dateList:
                addresses = nil
                instants = value.values.map(PolicyDate.secondsSince1970)
                numbers = nil
            case .numeric, .numericList:
                addresses = nil
                instants = nil
                numbers = value.values.map(PolicyNumber.parse)
            default:
                addresses = nil
                instants = nil
                numbers = nil
            }
        }
    }

    private var entries: [Entry] = []
    /// Open-addressing index over `entries` by `ContextKey.hashCode`: 0 is empty, `n` is `entries[n - 1]`.
    private var slots: [Int32] = []

    /// An empty context.
    public init() {}

    /// A context holding `values`, keyed case-insensitively (of keys differing only in case, the
    /// first in sorted order wins).
    public init(_ values: [String: Value]) {
        for (key, value) in values.sorted(by: { $0.key < $1.key }) where self[key] == nil {
            self[key] = value
        }
    }

    /// The value of `key`, compared case-insensitively; setting `nil` removes it.
    public subscript(key: String) -> Value? {
        get { value(for: ContextKey(key)) }
        set {
            let contextKey = ContextKey(key)
            if let position = position(of: contextKey) {
                if let newValue {
                    entries[position] = Entry(key: contextKey, spelling: key, value: newValue)
                } else {
                    entries.remove(at: position)
                    rebuildIndex()
                }
            } else if let newValue {
                append(Entry(key: contextKey, spelling: key, value: newValue))
            }
        }
    }

    /// Sets every key of `other` here (its values win), reusing its parsed forms: an address or a
    /// date is not parsed again.
    public mutating func merge(_ other: RequestContext) {
        for entry in other.entries {
            if let position = position(of: entry.key) {
                entries[position] = entry
            } else {
                append(entry)
            }
        }
    }

    private mutating func append(_ entry: Entry) {
        entries.append(entry)
        if entries.count * 2 > slots.count {
            rebuildIndex()
        } else {
            insert(entries.count - 1)
        }
    }

    /// The keys, as they were spelled when set, sorted.
    public var keys: [String] { entries.map(\.spelling).sorted() }

    /// Whether the context has no keys.
    public var isEmpty: Bool { entries.isEmpty }

    /// Looks up a key folded at compile time.
    @inline(__always)
    func value(for key: ContextKey) -> Value? {
        position(of: key).map { entries[$0].value }
    }

    /// Looks up a key folded at compile time, with its parsed forms.
    @inline(__always)
    func entry(for key: ContextKey) -> Entry? {
        position(of: key).map { entries[$0] }
    }

    private func position(of key: ContextKey) -> Int? {
        guard !slots.isEmpty else { return nil }
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: key.hashCode) & mask
                while true {
                    let stored = Int(slots[slot])
                    if stored == 0 { return nil }
                    if entries[stored - 1].key == key {
                        return stored - 1
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    private mutating func rebuildIndex() {
        var capacity = 8
        while capacity < entries.count * 4 { capacity *= 2 }
        slots = Array(repeating: 0, count: capacity)
        for position in entries.indices { insert(position) }
    }

    private mutating func insert(_ position: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: entries[position].key.hashCode) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(position + 1)
    }

    /// Contexts are equal when they hold the same keys (compared case-insensitively) with equal values.
    public static func == (lhs: RequestContext, rhs: RequestContext) -> Bool {
        lhs.entries.count == rhs.entries.count && lhs.entries.allSatisfy { rhs.value(for: $0.key) == $0.value }
    }

    /// Hashes the keys and values, independently of their order.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for entry in entries {
            var entryHasher = Hasher()
            entryHasher.combine(entry.key)
            entryHasher.combine(entry.value)
            combined ^= entryHasher.finalize()
        }
        hasher.combine(entries.count)
        hasher.combine(combined)
    }
}
