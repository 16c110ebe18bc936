/// One key test inside a statement's `Condition` block: an operator, a context key and its policy values.
///
/// `"Condition": {"StringLike": {"s3:prefix": ["", "home/"]}}` yields one `PolicyCondition` with
/// operator `StringLike`, key `s3:prefix` and values `["", "home/"]`. Unquoted JSON numbers and
/// booleans arrive as their text (`10`, `true`).
public struct PolicyCondition: Sendable, Hashable {
    /// The operator.
    public var conditionOperator: ConditionOperator
    /// The context key as written in the policy; keys compare case-insensitively.
    public var key: String
    /// The policy values; several values for one key combine as OR (NOR for negated operators).
    public var values: [String]

    /// Creates a condition.
    public init(conditionOperator: ConditionOperator, key: String, values: [String]) {
        self.conditionOperator = conditionOperator
        self.key = key
        self.values = values
    }
}
