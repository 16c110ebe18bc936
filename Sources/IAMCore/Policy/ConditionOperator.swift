/// A condition operator such as `StringLike`, `ForAllValues:StringNotEqualsIfExists` or `Null`.
///
/// Names are matched exactly as written: AWS lists them in one spelling, and the validators that
/// reproduce AWS's answers (moto's and LocalStack's `policy_validation.py`) compare them
/// case-sensitively, so `stringequals` is an unknown operator.
public struct ConditionOperator: Sendable, Hashable, CustomStringConvertible {
    /// The operator family, without set qualifier or `IfExists`.
    public enum Base: String, Sendable, Hashable, CaseIterable {
        /// Exact, case-sensitive string equality; `*` is literal.
        case stringEquals = "StringEquals"
        /// Negated `StringEquals`.
        case stringNotEquals = "StringNotEquals"
        /// String equality ignoring case.
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
        /// Negated `StringEqualsIgnoreCase`.
        case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        /// Case-sensitive match with `*` and `?` wildcards anywhere.
        case stringLike = "StringLike"
        /// Negated `StringLike`.
        case stringNotLike = "StringNotLike"
        /// Numeric equality.
        case numericEquals = "NumericEquals"
        /// Negated `NumericEquals`.
        case numericNotEquals = "NumericNotEquals"
        /// Request value < policy value.
        case numericLessThan = "NumericLessThan"
        /// Request value ≤ policy value.
        case numericLessThanEquals = "NumericLessThanEquals"
        /// Request value > policy value.
        case numericGreaterThan = "NumericGreaterThan"
        /// Request value ≥ policy value.
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        /// The same instant (ISO 8601 or epoch seconds).
        case dateEquals = "DateEquals"
        /// Negated `DateEquals`.
        case dateNotEquals = "DateNotEquals"
        /// The request instant is earlier.
        case dateLessThan = "DateLessThan"
        /// The request instant is earlier or the same.
        case dateLessThanEquals = "DateLessThanEquals"
        /// The request instant is later.
        case dateGreaterThan = "DateGreaterThan"
        /// The request instant is later or the same.
        case dateGreaterThanEquals = "DateGreaterThanEquals"
        /// Boolean equality (`true`/`false`, case-insensitive).
        case bool = "Bool"
        /// Byte equality of base-64 values.
        case binaryEquals = "BinaryEquals"
        /// The request address lies in a policy CIDR block (IPv4 or IPv6).
        case ipAddress = "IpAddress"
        /// Negated `IpAddress`.
        case notIpAddress = "NotIpAddress"
        /// ARN match per colon-delimited component, with wildcards (identical to `ArnLike`).
        case arnEquals = "ArnEquals"
        /// ARN match per colon-delimited component, with wildcards.
        case arnLike = "ArnLike"
        /// Negated `ArnEquals`.
        case arnNotEquals = "ArnNotEquals"
        /// Negated `ArnLike`.
        case arnNotLike = "ArnNotLike"
        /// `true`: the key is absent; `false`: it is present.
        case null = "Null"

        /// Whether the operator is negated: its values combine as NOR, and it is true for a missing key.
        public var isNegated: Bool {
            switch self {
            case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals, .dateNotEquals,
                .notIpAddress, .arnNotEquals, .arnNotLike:
                true
            default:
                false
            }
        }

        /// Whether policy variables are substituted in this operator's values (String and ARN operators only).
        public var acceptsPolicyVariables: Bool {
            switch self {
            case .stringEquals, .stringNotEquals, .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase, .stringLike,
                .stringNotLike, .arnEquals, .arnLike, .arnNotEquals, .arnNotLike:
                true
            default:
                false
            }
        }

        /// Whether this is one of the six `Date…` operators, whose values must parse as dates.
        public var isDate: Bool { rawValue.hasPrefix("Date") }
    }

    /// `ForAnyValue:` or `ForAllValues:`, which compare a set of request values.
    public enum SetQualifier: String, Sendable, Hashable, CaseIterable {
        /// At least one request value satisfies the operator (false for a missing key or an empty set).
        case forAnyValue = "ForAnyValue"
        /// Every request value satisfies the operator (true for a missing key or an empty set).
        case forAllValues = "ForAllValues"
    }

    /// The operator family.
    public var base: Base
    /// Whether the name ends in `IfExists`: a missing key then makes the condition true.
    public var ifExists: Bool
    /// The set qualifier, if the name starts with `ForAnyValue:` or `ForAllValues:`.
    public var setQualifier: SetQualifier?

    /// Creates an operator from its parts.
    public init(_ base: Base, ifExists: Bool = false, setQualifier: SetQualifier? = nil) {
        self.base = base
        self.ifExists = ifExists
        self.setQualifier = setQualifier
    }

    /// Parses an operator name as it appears in a Condition block, or returns `nil` for an unknown one.
    ///
    /// Like AWS's validator as moto and LocalStack reproduce it, the name is read as an optional
    /// `ForAnyValue:`/`ForAllValues:` prefix, a base name and an optional `IfExists` suffix, so
    /// `ForAnyValue::StringEquals` is unknown and `NullIfExists` is accepted (true when the key is
    /// missing, else the plain `Null` test).
    public init?(name: String) {
        var rest = Substring(name)
        var qualifier: SetQualifier?
        for candidate in SetQualifier.allCases where rest.hasPrefix(candidate.rawValue + ":") {
            qualifier = candidate
            rest = rest.dropFirst(candidate.rawValue.count + 1)
            break
        }
        var ifExists = false
        if rest.hasSuffix("IfExists") {
            ifExists = true
            rest = rest.dropLast("IfExists".count)
        }
        guard let base = Base(rawValue: String(rest)) else { return nil }
        self.init(base, ifExists: ifExists, setQualifier: qualifier)
    }

    /// The operator's name as written in a policy, such as `ForAnyValue:StringLikeIfExists`.
    public var name: String {
        (setQualifier.map { $0.rawValue + ":" } ?? "") + base.rawValue + (ifExists ? "IfExists" : "")
    }

    /// The operator's name.
    public var description: String { name }
}
