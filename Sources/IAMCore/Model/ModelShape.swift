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

    /// The shape's name in the model, such as `userNameType`.
    public var name: String
    /// The shape's type.
    public var kind: Kind
    /// The minimum length (strings, in Unicode scalars; lists, in elements; blobs, in bytes) or value (numbers).
    public var min: Int?
    /// The maximum length or value; see ``min``.
    public var max: Int?
    /// The Java regular expression a string must match in full, verbatim from the model.
    public var pattern: String?
    /// The values a string must take, in model order; empty when any value is allowed.
    public var enumValues: [String]
    /// Whether values of this shape are secrets that AWS never echoes back.
    public var isSensitive: Bool
    /// For a list, the shape of its elements.
    public var member: String?
    /// For a list, the XML element name of its elements when it is not `member`.
    public var memberLocationName: String?
    /// For a map, the shape of its keys.
    public var key: String?
    /// For a map, the shape of its values.
    public var value: String?
    /// For a structure, its members in model order.
    public var members: [Member]
    /// For an exception structure, its code and HTTP status.
    public var error: ErrorInfo?

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
}
