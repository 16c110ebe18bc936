import Testing

@testable import IAMCore

/// Policy variables (rule 8): only with Version 2012-10-17; case-insensitive names; substituted text
/// is literal; a variable with no value matches no resource, makes positive String conditions false
/// and negated ones true; `${*}`, `${?}`, `${$}` and defaults exist.
@Suite struct PolicyVariableTests {
    static let homeStatement = PolicyFixture.statement(resource: #""arn:aws:s3:::bucket/home/${aws:username}/*""#)

    @Test(arguments: [
        ("bob", "arn:aws:s3:::bucket/home/bob/file", true),
        ("bob", "arn:aws:s3:::bucket/home/alice/file", false),
        ("bob", "arn:aws:s3:::bucket/home/Bob/file", false),
        // Substituted text is literal: a user named `*` does not match everyone's home.
        ("*", "arn:aws:s3:::bucket/home/alice/file", false),
        ("*", "arn:aws:s3:::bucket/home/*/file", true),
        ("b?b", "arn:aws:s3:::bucket/home/bob/file", false),
    ])
    func usernameIsSubstitutedInResources(_ username: String, _ resource: String, _ allowed: Bool) throws {
        let decision = try PolicyFixture.decide(
            [PolicyFixture.document(Self.homeStatement)],
            action: "s3:GetObject",
            resource: resource,
            context: PolicyFixture.context(["aws:username": username])
        ).decision
        #expect(decision == (allowed ? .allowed : .implicitDeny))
    }

    @Test(arguments: ["2008-10-17", nil] as [String?])
    func variablesAreLiteralBeforeVersion2012(_ version: String?) throws {
        let policy = PolicyFixture.document(Self.homeStatement, version: version)
        let context = PolicyFixture.context(["aws:username": "bob"])
        #expect(try PolicyFixture.decide([policy], action: "s3:GetObject", resource: "arn:aws:s3:::bucket/home/bob/f", context: context).decision == .implicitDeny)
        #expect(try PolicyFixture.decide([policy], action: "s3:GetObject", resource: "arn:aws:s3:::bucket/home/${aws:username}/f", context: context).decision == .allowed)
    }

    @Test func variableNamesAreCaseInsensitive() throws {
        let policy = PolicyFixture.document(PolicyFixture.statement(resource: #""arn:aws:s3:::bucket/${AWS:UserName}/${aws:PRINCIPALTAG/team}""#))
        let context = PolicyFixture.context(["aws:username": "bob", "aws:PrincipalTag/Team": "blue"])
        #expect(try PolicyFixture.decide([policy], action: "s3:GetObject", resource: "arn:aws:s3:::bucket/bob/blue", context: context).decision == .allowed)
    }

    @Test func anyContextKeyCanBeAVariable() throws {
        let policy = PolicyFixture.document(PolicyFixture.statement(resource: #""arn:aws:s3:::bucket/${s3:prefix}x""#))
        let context = PolicyFixture.context(["s3:prefix": "logs/"])
        #expect(try PolicyFixture.decide([policy], action: "s3:GetObject", resource: "arn:aws:s3:::bucket/logs/x", context: context).decision == .allowed)
    }

    @Test func multivaluedKeysAreNotVariables() throws {
        let policy = PolicyFixture.document(PolicyFixture.statement(resource: #""arn:aws:s3:::bucket/${aws:TagKeys}""#))
        var context = RequestContext()
        context["aws:TagKeys"] = .list(["a"])
        #expect(try PolicyFixture.decide([policy], action: "s3:GetObject", resource: "arn:aws:s3:::bucket/a", context: context).decision == .implicitDeny)
    }

    @Test(arguments: [
        (#"arn:aws:s3:::bucket/${*}"#, "arn:aws:s3:::bucket/*", true),
        (#"arn:aws:s3:::bucket/${*}"#, "arn:aws:s3:::bucket/x", false),
        (#"arn:aws:s3:::bucket/${?}"#, "arn:aws:s3:::bucket/?", true),
        (#"arn:aws:s3:::bucket/${?}"#, "arn:aws:s3:::bucket/x", false),
        (#"arn:aws:s3:::bucket/${$}x"#, "arn:aws:s3:::bucket/$x", true),
    ])
    func specialVariablesStandForLiteralCharacters(_ pattern: String, _ resource: String, _ allowed: Bool) throws {
        let policy = PolicyFixture.document(PolicyFixture.statement(resource: #""\#(pattern)""#))
        #expect(try PolicyFixture.decide([policy], action: "s3:GetObject", resource: resource).decision == (allowed ? .allowed : .implicitDeny))
    }

    @Test(arguments: [
        (nil, "arn:aws:s3:::bucket/company-wide/x", true),
        ("blue", "arn:aws:s3:::bucket/blue/x", true),
        ("blue", "arn:aws:s3:::bucket/company-wide/x", false),
        ("", "arn:aws:s3:::bucket//x", true),
    ] as [(String?, String, Bool)])
    func defaultValueIsUsedOnlyWhenTheKeyHasNoValue(_ team: String?, _ resource: String, _ allowed: Bool) throws {
        let policy = PolicyFixture.document(PolicyFixture.statement(resource: #""arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'company-wide'}/*""#))
        let context = team.map { PolicyFixture.context(["aws:PrincipalTag/team": $0]) } ?? RequestContext()
        #expect(try PolicyFixture.decide([policy], action: "s3:GetObject", resource: resource, context: context).decision == (allowed ? .allowed : .implicitDeny))
    }

    @Test func resourceWithAnAbsentVariableMatchesNothing() throws {
        let policy = PolicyFixture.document(PolicyFixture.statement(resource: #""arn:aws:s3:::bucket/${aws:username}*""#))
        #expect(try PolicyFixture.decide([policy], action: "s3:GetObject", resource: "arn:aws:s3:::bucket/anything").decision == .implicitDeny)
        #expect(try PolicyFixture.decide([policy], action: "s3:GetObject", resource: "arn:aws:s3:::bucket/${aws:username}").decision == .implicitDeny)
    }

    /// A Deny … NotResource home/${aws:PrincipalTag/team}/* with the tag absent excludes nothing, so it
    /// denies everything (the judgement call of policy-semantics.md §5).
    @Test(arguments: [(nil, true), ("blue", false)] as [(String?, Bool)])
    func denyNotResourceWithAnAbsentVariableDeniesEverything(_ team: String?, _ denied: Bool) throws {
        let policies = [
            PolicyFixture.document(PolicyFixture.statement()),
            PolicyFixture.document(PolicyFixture.statement("Deny", resource: #""arn:aws:s3:::bucket/home/${aws:PrincipalTag/team}/*""#, resourceKey: "NotResource")),
        ]
        let context = team.map { PolicyFixture.context(["aws:PrincipalTag/team": $0]) } ?? RequestContext()
        let decision = try PolicyFixture.decide(policies, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/home/blue/x", context: context).decision
        #expect(decision == (denied ? .explicitDeny : .allowed))
    }

    /// In condition values: no value makes StringEquals/StringLike false and the negated operators true.
    @Test(arguments: [
        ("StringEquals", nil, false),
        ("StringLike", nil, false),
        ("StringNotEquals", nil, true),
        ("StringNotLike", nil, true),
        ("StringEquals", "blue", true),
        ("StringNotEquals", "blue", false),
        ("StringEqualsIgnoreCase", "BLUE", true),
        ("ArnLike", nil, false),
        ("ArnNotLike", nil, true),
    ] as [(String, String?, Bool)])
    func conditionVariableWithNoValue(_ operatorName: String, _ team: String?, _ holds: Bool) throws {
        var context = PolicyFixture.context(["aws:ResourceTag/team": "blue"])
        if let team { context["aws:PrincipalTag/team"] = .single(team) }
        let value = operatorName.hasPrefix("Arn") ? "arn:aws:s3:::${aws:PrincipalTag/team}" : "${aws:PrincipalTag/team}"
        if operatorName.hasPrefix("Arn") { context["aws:ResourceTag/team"] = .single("arn:aws:s3:::blue") }
        let condition = #"{"\#(operatorName)":{"aws:ResourceTag/team":"\#(value)"}}"#
        #expect(try PolicyFixture.conditionHolds(condition, context: context) == holds)
    }

    @Test func substitutedConditionValueIsLiteralInStringLike() throws {
        let condition = #"{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}"#
        #expect(try PolicyFixture.conditionHolds(condition, context: PolicyFixture.context(["aws:username": "b*", "s3:prefix": "home/b*/x"])))
        #expect(try !PolicyFixture.conditionHolds(condition, context: PolicyFixture.context(["aws:username": "b*", "s3:prefix": "home/bob/x"])))
    }

    @Test(arguments: ["NumericEquals", "Bool", "IpAddress", "BinaryEquals"])
    func variablesAreNotSubstitutedInOtherOperators(_ operatorName: String) throws {
        let condition = #"{"\#(operatorName)":{"test:Key":"${test:Value}"}}"#
        let context = PolicyFixture.context(["test:Key": "1", "test:Value": "1"])
        #expect(try !PolicyFixture.conditionHolds(condition, context: context))
    }

    /// A variable is not a date, so IAM's legacy parser refuses it in a Date operator.
    @Test func dateConditionWithAVariableIsRefused() {
        let text = PolicyFixture.document(PolicyFixture.statement(condition: #"{"DateLessThan":{"aws:CurrentTime":"${aws:TokenIssueTime}"}}"#))
        #expect(throws: IAMError(.malformedPolicyDocument, "The policy failed legacy parsing")) {
            try PolicyDocument(text: text)
        }
    }
}
