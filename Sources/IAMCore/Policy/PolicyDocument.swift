/// An identity-based policy document (IAM JSON policy grammar), parsed and validated as IAM does.
///
/// The original text is kept in ``text``: IAM returns documents exactly as submitted, and the
/// simulator reports statement positions in that text.
///
/// ```swift
/// let document = try PolicyDocument(text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#)
/// ```
public struct PolicyDocument: Sendable, Hashable {
    /// The policy language version in `Version`.
    public enum Version: String, Sendable, Hashable, CaseIterable {
        /// `2012-10-17`, the current version: policy variables are substituted.
        case current = "2012-10-17"
        /// `2008-10-17`, the original version: `${…}` is literal text.
        case legacy = "2008-10-17"
    }

    /// The document exactly as submitted.
    public let text: String
    /// The `Version` element, or `nil` when absent (which behaves like ``Version/legacy``).
    public let version: Version?
    /// The `Id` element, if present.
    public let id: String?
    /// The statements, in document order.
    public let statements: [PolicyStatement]

    /// Parses and validates an identity-based policy document.
    ///
    /// - Parameters:
    ///   - text: The JSON text.
    ///   - requiresCurrentVersion: Pass `true` for managed policies (`CreatePolicy`,
    ///     `CreatePolicyVersion`), which IAM refuses unless `Version` is `2012-10-17`; inline
    ///     policies (`PutUserPolicy`, `PutGroupPolicy`) may omit it or use `2008-10-17`.
    /// - Throws: `IAMError` with code `MalformedPolicyDocument` and IAM's message when the text is not
    ///   a valid identity policy: "Syntax errors in policy.", "Policy document should not specify a
    ///   principal.", "Policy document must be version 2012-10-17 or greater.", "The policy failed
    ///   legacy parsing", "Statement IDs (SID) in a single policy must be unique.", "Statement IDs
    ///   (SID) must be alpha-numeric. …", "Policy statement must contain actions.", "Policy statement
    ///   must contain resources.", the resource-format messages ("Resource X must be in ARN format or
    ///   \"*\".", "Partition \"P\" is not valid for resource \"…\".", "Resource vendor must be fully
    ///   qualified and cannot contain regexes.", "IAM resource X cannot contain region information.",
    ///   "Resource X can not contain region information.", "IAM resource path must either be \"*\",
    ///   root, or start with …") and the action messages ("Actions/Conditions must be prefaced by a
    ///   vendor, e.g., iam, sdb, ec2, etc.", "Actions/Condition can contain only one colon.", "Vendor V
    ///   is not valid"). The size quotas are the caller's: see ``sizeWithoutWhitespace(_:)``.
    public init(text: String, requiresCurrentVersion: Bool = false) throws {
        let parsed = try Self.validate(text, requiresCurrentVersion: requiresCurrentVersion)
        self.text = text
        self.version = parsed.version
        self.id = parsed.id
        self.statements = parsed.statements
    }

    /// Whether `${…}` policy variables are substituted, which only `Version 2012-10-17` enables.
    public var recognizesPolicyVariables: Bool { version == .current }

    /// The number of characters IAM counts against the policy size quotas: every character except
    /// white space (space, tab, line feed, carriage return).
    ///
    /// The caller compares it with the quota that applies (6,144 for managed policies, 2,048 for a
    /// user's inline policies, 5,120 for a group's) and throws `LimitExceeded` itself.
    public static func sizeWithoutWhitespace(_ text: String) -> Int {
        var count = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r": continue
            default: count += 1
            }
        }
        return count
    }

    /// The context keys the document uses, for `GetContextKeysForCustomPolicy` and
    /// `GetContextKeysForPrincipalPolicy`: every key in a `Condition` block and, in a 2012-10-17
    /// document, every policy variable in `Resource`, `NotResource` and String or ARN condition values.
    ///
    /// Keys appear once each (compared case-insensitively) in the spelling and order of their first use.
    public var contextKeys: [String] {
        var keys: [String] = []
        var seen = Set<String>()
        func add(_ key: String) {
            if seen.insert(key.lowercased()).inserted { keys.append(key) }
        }
        func addVariables(in text: String) {
            guard recognizesPolicyVariables else { return }
            PolicyVariableText(text, recognizesVariables: true).variableKeys.forEach(add)
        }
        for statement in statements {
            statement.resources.values.forEach(addVariables)
            for condition in statement.conditions {
                add(condition.key)
                if condition.conditionOperator.base.acceptsPolicyVariables {
                    condition.values.forEach(addVariables)
                }
            }
        }
        return keys
    }
}
