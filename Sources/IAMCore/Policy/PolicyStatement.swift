/// One statement of a policy document.
public struct PolicyStatement: Sendable, Hashable {
    /// A statement's `Effect`.
    public enum Effect: String, Sendable, Hashable {
        /// `Allow`: the statement grants what it covers.
        case allow = "Allow"
        /// `Deny`: the statement denies what it covers, overriding any allow.
        case deny = "Deny"
    }

    /// The values of `Action`/`NotAction` or `Resource`/`NotResource`.
    public enum Entries: Sendable, Hashable {
        /// `Action` or `Resource`: the statement covers the listed entries.
        case listed([String])
        /// `NotAction` or `NotResource`: the statement covers everything except the listed entries.
        case allExcept([String])

        /// The entries, whichever element they came from.
        public var values: [String] {
            switch self {
            case .listed(let values), .allExcept(let values): values
            }
        }

        /// Whether the entries came from `NotAction` or `NotResource`.
        public var isNegated: Bool {
            if case .allExcept = self { return true }
            return false
        }
    }

    /// A place in the policy text, as AWS reports it in `StartPosition` and `EndPosition`.
    ///
    /// Lines count from 1. Columns follow AWS's own output, which reports the column just after the
    /// statement's `{` and just after its `}` (counting from 1): for the one-line policy in the AWS
    /// CLI's `simulate-custom-policy` example, whose statement's braces sit at characters 37 and 166,
    /// AWS answers `StartPosition {Line 1, Column 38}` and `EndPosition {Line 1, Column 167}`.
    public struct Position: Sendable, Hashable {
        /// The line, from 1.
        public var line: Int
        /// The column, from 1, just after the brace.
        public var column: Int

        /// Creates a position.
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    /// The statement's place in the `Statement` array, from 0 (0 for a lone statement object).
    public var index: Int
    /// The `Sid`, if the statement has one.
    public var sid: String?
    /// The effect.
    public var effect: Effect
    /// The actions: `.listed` for `Action`, `.allExcept` for `NotAction`.
    public var actions: Entries
    /// The resources: `.listed` for `Resource`, `.allExcept` for `NotResource`.
    public var resources: Entries
    /// The conditions; all of them must hold.
    public var conditions: [PolicyCondition]
    /// Where the statement object starts in the policy text.
    public var startPosition: Position
    /// Where the statement object ends in the policy text.
    public var endPosition: Position

    /// Creates a statement.
    public init(
        index: Int,
        sid: String?,
        effect: Effect,
        actions: Entries,
        resources: Entries,
        conditions: [PolicyCondition],
        startPosition: Position,
        endPosition: Position
    ) {
        self.index = index
        self.sid = sid
        self.effect = effect
        self.actions = actions
        self.resources = resources
        self.conditions = conditions
        self.startPosition = startPosition
        self.endPosition = endPosition
    }
}
