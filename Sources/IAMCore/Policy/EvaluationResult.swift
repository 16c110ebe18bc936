/// The outcome of evaluating one request against a principal's policies.
public struct EvaluationResult: Sendable, Hashable {
    /// AWS's `EvalDecision`.
    public enum Decision: String, Sendable, Hashable, CaseIterable {
        /// An identity policy allows the request, nothing denies it, and the boundary (if any) allows it.
        case allowed
        /// A `Deny` statement in an identity policy or the permissions boundary applies.
        case explicitDeny
        /// Nothing denies the request, but nothing (or not the boundary) allows it.
        case implicitDeny
    }

    /// A statement that determined the decision: AWS's `Statement` in `MatchedStatements`.
    public struct MatchedStatement: Sendable, Hashable {
        /// The policy holding the statement.
        public var source: PolicySource
        /// The statement's `Sid`, if any.
        public var sid: String?
        /// The statement's index in its policy's `Statement` array, from 0.
        public var index: Int
        /// The statement's effect.
        public var effect: PolicyStatement.Effect
        /// AWS's `StartPosition`.
        public var startPosition: PolicyStatement.Position
        /// AWS's `EndPosition`.
        public var endPosition: PolicyStatement.Position

        /// Creates a matched statement.
        public init(
            source: PolicySource,
            sid: String?,
            index: Int,
            effect: PolicyStatement.Effect,
            startPosition: PolicyStatement.Position,
            endPosition: PolicyStatement.Position
        ) {
            self.source = source
            self.sid = sid
            self.index = index
            self.effect = effect
            self.startPosition = startPosition
            self.endPosition = endPosition
        }
    }

    /// AWS's `PermissionsBoundaryDecisionDetail`.
    public struct PermissionsBoundaryDecision: Sendable, Hashable {
        /// Whether the boundary allows the request: one of its `Allow` statements applies and none of
        /// its `Deny` statements does.
        public var allowedByPermissionsBoundary: Bool

        /// Creates a boundary decision.
        public init(allowedByPermissionsBoundary: Bool) {
            self.allowedByPermissionsBoundary = allowedByPermissionsBoundary
        }
    }

    /// The matched statements, kept as references into the compiled policies until asked for, so
    /// that a decision does not build them.
    private enum Matches: Sendable {
        case references([StatementReference])
        case statements([MatchedStatement])
    }

    /// The decision.
    public var decision: Decision
    private var matches: Matches
    /// For `explicitDeny`, the `Deny` statements that apply; for `allowed`, the `Allow` statements that
    /// apply (identity policies first, then the boundary); for `implicitDeny`, none.
    public var matchedStatements: [MatchedStatement] {
        get {
            switch matches {
            case .references(let references): references.map(\.matchedStatement)
            case .statements(let statements): statements
            }
        }
        set { matches = .statements(newValue) }
    }
    private var missingKeys: [ContextKeyName]
    /// Context keys used by the conditions of statements whose action and resource match (and policy
    /// variables of statements whose action matches) that the request context does not hold, once each,
    /// spelled as in the first policy that uses them.
    public var missingContextValues: [String] {
        get { missingKeys.map(\.spelling) }
        set { missingKeys = newValue.map(ContextKeyName.init) }
    }
    /// The boundary's verdict, or `nil` when the principal has no permissions boundary.
    public var permissionsBoundaryDecision: PermissionsBoundaryDecision?

    /// Creates a result.
    public init(
        decision: Decision,
        matchedStatements: [MatchedStatement],
        missingContextValues: [String],
        permissionsBoundaryDecision: PermissionsBoundaryDecision?
    ) {
        self.decision = decision
        self.matches = .statements(matchedStatements)
        self.missingKeys = missingContextValues.map(ContextKeyName.init)
        self.permissionsBoundaryDecision = permissionsBoundaryDecision
    }

    init(
        decision: Decision,
        matches: [StatementReference],
        missingKeys: [ContextKeyName],
        permissionsBoundaryDecision: PermissionsBoundaryDecision?
    ) {
        self.decision = decision
        self.matches = .references(matches)
        self.missingKeys = missingKeys
        self.permissionsBoundaryDecision = permissionsBoundaryDecision
    }

    /// Results are equal when their decisions, matched statements, missing keys and boundary verdicts are.
    public static func == (lhs: EvaluationResult, rhs: EvaluationResult) -> Bool {
        lhs.decision == rhs.decision && lhs.matchedStatements == rhs.matchedStatements
            && lhs.missingContextValues == rhs.missingContextValues
            && lhs.permissionsBoundaryDecision == rhs.permissionsBoundaryDecision
    }

    /// Hashes what ``==(_:_:)`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(decision)
        hasher.combine(matchedStatements)
        hasher.combine(missingContextValues)
        hasher.combine(permissionsBoundaryDecision)
    }
}
