/// One shape of an AWS service model: a type with the constraints AWS validates its values against.
///
/// Shapes come from botocore's `service-2.json` (see `scripts/generate-iam-model.py`). A member of a
/// structure names its shape; a list names its element shape; a map names its key and value shapes.
public struct ModelShape: Sendable, Hashable {
    /// The type of a shape, as the model spells it.
    public enum Kind: String, Sendable, Hashable {
        /// Text, with optional length, pattern and enum constraints.
        case string
        /// A 32-bit integer, with optional value bounds.
        case integer
        /// A 64-bit integer, with optional value bounds.
        case long
        /// `true` or `false`.
        case boolean
        /// A point in time.
        case timestamp
        /// Binary data, with optional length bounds.
        case blob
        /// An ordered list of ``ModelShape/member`` values, with optional length bounds.
        case list
        /// A record of named ``ModelShape/members``.
        case structure
        /// A map from ``ModelShape/key`` to ``ModelShape/value``.
        case map
        /// A 32-bit floating-point number.
        case float
        /// A 64-bit floating-point number.
        case double
    }

    /// A member of a structure shape.
    public struct Member: Sendable, Hashable {
        /// The member's name in the model, such as `UserName`; also its Query parameter name.
        public var name: String
        /// The name of the member's shape, such as `userNameType`.
        public var shape: String
        /// Whether AWS rejects a request that omits the member ("Member must not be null").
        public var isRequired: Bool
        /// The XML element name when it differs from ``name``.
        public var locationName: String?

        /// Creates a member.
        public init(_ name: String, _ shape: String, required: Bool = false, locationName: String? = nil) {
            self.name = name
            self.shape = shape
            self.isRequired = required
            self.locationName = locationName
        }
    }

    /// What an exception shape answers on the wire.
    public struct ErrorInfo: Sendable, Hashable {
        /// The error code, such as `NoSuchEntity`; the shape's name when the model gives none.
        public var code: String
        /// The HTTP status the model declares, if any.
        public var httpStatusCode: Int?
        /// Whether the error is the caller's fault (`Sender`) rather than the service's (`Receiver`).
        public var senderFault: Bool

        /// Creates error information.
        public init(code: String, httpStatusCode: Int? = nil, senderFault: Bool) {
            self.code = code
            self.httpStatusCode = httpStatusCode
            self.senderFault = senderFault
        }
    }

    // The fields live in one shared, immutable-until-written object: a lookup in the model's
    // tables copies a shape, and a copy of thirteen fields (most of them strings and arrays) was a
    // retain and a release each; now it is one.
    private final class Storage: @unchecked Sendable {
        // @unchecked: written only through `uniqueStorage()`, when this value is its sole owner.
        var name: String
        var kind: Kind
        var min: Int?
        var max: Int?
        var pattern: String?
        var enumValues: [String]
        var isSensitive: Bool
        var member: String?
        var memberLocationName: String?
        var key: String?
        var value: String?
        var members: [Member]
        var error: ErrorInfo?

        init(name: String, kind: Kind, min: Int?, max: Int?, pattern: String?, enumValues: [String], isSensitive: Bool, member: String?, memberLocationName: String?, key: String?, value: String?, members: [Member], error: ErrorInfo?) {
            self.name = name
            self.kind = kind
            self.min = min
            self.max = max
            self.pattern = pattern
            self.enumValues = enumValues
            self.isSensitive = isSensitive
            self.member = member
            self.memberLocationName = memberLocationName
            self.key = key
            self.value = value
            self.members = members
            self.error = error
        }

        func copy() -> Storage {
            Storage(name: name, kind: kind, min: min, max: max, pattern: pattern, enumValues: enumValues, isSensitive: isSensitive, member: member, memberLocationName: memberLocationName, key: key, value: value, members: members, error: error)
        }
    }

    private var storage: Storage

    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// The shape's name in the model, such as `userNameType`.
    public var name: String {
        get { storage.name }
        set { uniqueStorage().name = newValue }
    }

    /// The shape's type.
    public var kind: Kind {
        get { storage.kind }
        set { uniqueStorage().kind = newValue }
    }

    /// The minimum length (strings, in Unicode scalars; lists, in elements; blobs, in bytes) or value (numbers).
    public var min: Int? {
        get { storage.min }
        set { uniqueStorage().min = newValue }
    }

    /// The maximum length or value; see ``min``.
    public var max: Int? {
        get { storage.max }
        set { uniqueStorage().max = newValue }
    }

    /// The Java regular expression a string must match in full, verbatim from the model.
    public var pattern: String? {
        get { storage.pattern }
        set { uniqueStorage().pattern = newValue }
    }

    /// The values a string must take, in model order; empty when any value is allowed.
    public var enumValues: [String] {
        get { storage.enumValues }
        set { uniqueStorage().enumValues = newValue }
    }

    /// Whether values of this shape are secrets that AWS never echoes back.
    public var isSensitive: Bool {
        get { storage.isSensitive }
        set { uniqueStorage().isSensitive = newValue }
    }

    /// For a list, the shape of its elements.
    public var member: String? {
        get { storage.member }
        set { uniqueStorage().member = newValue }
    }

    /// For a list, the XML element name of its elements when it is not `member`.
    public var memberLocationName: String? {
        get { storage.memberLocationName }
        set { uniqueStorage().memberLocationName = newValue }
    }

    /// For a map, the shape of its keys.
    public var key: String? {
        get { storage.key }
        set { uniqueStorage().key = newValue }
    }

    /// For a map, the shape of its values.
    public var value: String? {
        get { storage.value }
        set { uniqueStorage().value = newValue }
    }

    /// For a structure, its members in model order.
    public var members: [Member] {
        get { storage.members }
        set { uniqueStorage().members = newValue }
    }

    /// For an exception structure, its code and HTTP status.
    public var error: ErrorInfo? {
        get { storage.error }
        set { uniqueStorage().error = newValue }
    }

    /// Creates a shape.
    public init(
        _ name: String,
        _ kind: Kind,
        min: Int? = nil,
        max: Int? = nil,
        pattern: String? = nil,
        enumValues: [String] = [],
        isSensitive: Bool = false,
        member: String? = nil,
        memberLocationName: String? = nil,
        key: String? = nil,
        value: String? = nil,
        members: [Member] = [],
        error: ErrorInfo? = nil
    ) {
        storage = Storage(
            name: name, kind: kind, min: min, max: max, pattern: pattern, enumValues: enumValues, isSensitive: isSensitive, member: member, memberLocationName: memberLocationName, key: key, value: value, members: members, error: error)
    }

    public static func == (lhs: ModelShape, rhs: ModelShape) -> Bool {
        lhs.storage === rhs.storage || (lhs.name == rhs.name && lhs.kind == rhs.kind && lhs.min == rhs.min && lhs.max == rhs.max && lhs.pattern == rhs.pattern && lhs.enumValues == rhs.enumValues && lhs.isSensitive == rhs.isSensitive && lhs.member == rhs.member && lhs.memberLocationName == rhs.memberLocationName && lhs.key == rhs.key && lhs.value == rhs.value && lhs.members == rhs.members && lhs.error == rhs.error)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(kind)
        hasher.combine(min)
        hasher.combine(max)
        hasher.combine(pattern)
        hasher.combine(enumValues)
        hasher.combine(isSensitive)
        hasher.combine(member)
        hasher.combine(memberLocationName)
        hasher.combine(key)
        hasher.combine(value)
        hasher.combine(members)
        hasher.combine(error)
    }
}
