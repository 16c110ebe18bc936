import Testing

@testable import IAMCore

/// The decision order (policy-semantics.md §1), NotAction/NotResource (§3, §4), boundaries, and
/// what a result reports.
@Suite struct PolicyEvaluatorTests {
    static let allowAll = PolicyFixture.document(PolicyFixture.statement())
    static let denyAll = PolicyFixture.document(PolicyFixture.statement("Deny"))
    static let allowS3 = PolicyFixture.document(PolicyFixture.statement(action: #""s3:*""#))
    static let denyS3Delete = PolicyFixture.document(PolicyFixture.statement("Deny", action: #""s3:Delete*""#))

    @Test(arguments: [
        // (identity policies, boundary, action, expected)
        ([], nil, "s3:GetObject", EvaluationResult.Decision.implicitDeny),
        ([allowS3], nil, "s3:GetObject", .allowed),
        ([allowS3], nil, "ec2:RunInstances", .implicitDeny),
        ([allowS3, denyS3Delete], nil, "s3:DeleteObject", .explicitDeny),
        ([denyS3Delete, allowS3], nil, "s3:DeleteObject", .explicitDeny),
        // Deny-only: an explicit deny even though nothing allows.
        ([denyS3Delete], nil, "s3:DeleteObject", .explicitDeny),
        ([denyS3Delete], nil, "s3:GetObject", .implicitDeny),
        // The boundary intersects: both must allow.
        ([allowAll], [allowS3], "s3:GetObject", .allowed),
        ([allowAll], [allowS3], "ec2:RunInstances", .implicitDeny),
        ([allowS3], [allowAll], "ec2:RunInstances", .implicitDeny),
        // The boundary never grants on its own.
        ([], [allowAll], "s3:GetObject", .implicitDeny),
        // A Deny in the boundary is an explicit deny, with or without an identity allow.
        ([allowAll], [allowAll, denyS3Delete], "s3:DeleteObject", .explicitDeny),
        ([], [denyS3Delete], "s3:DeleteObject", .explicitDeny),
        // A boundary with no policies allows nothing.
        ([allowAll], [], "s3:GetObject", .implicitDeny),
    ] as [([String], [String]?, String, EvaluationResult.Decision)])
    func decisionFollowsIAMsOrder(_ identity: [String], _ boundary: [String]?, _ action: String, _ expected: EvaluationResult.Decision) throws {
        #expect(try PolicyFixture.decide(identity, boundary: boundary, action: action).decision == expected)
    }

    @Test func denyInOneStatementOverridesAllowInAnotherOfTheSamePolicy() throws {
        let policy = PolicyFixture.document(PolicyFixture.statement(), PolicyFixture.statement("Deny", action: #""iam:*""#))
        #expect(try PolicyFixture.decide([policy], action: "iam:CreateUser").decision == .explicitDeny)
        #expect(try PolicyFixture.decide([policy], action: "s3:GetObject").decision == .allowed)
    }

    /// NotAction with Allow grants unlisted actions of every service, denies nothing, and is still
    /// scoped by Resource (rule 5).
    @Test(arguments: [
        // Allow NotAction iam:* Resource * — all non-IAM actions.
        (PolicyFixture.statement(action: #""iam:*""#, actionKey: "NotAction"), "ec2:RunInstances", "*", EvaluationResult.Decision.allowed),
        (PolicyFixture.statement(action: #""iam:*""#, actionKey: "NotAction"), "iam:CreateUser", "*", .implicitDeny),
        // Allow NotAction s3:DeleteBucket Resource arn:aws:s3:::*
        (PolicyFixture.statement(action: #""s3:DeleteBucket""#, actionKey: "NotAction", resource: #""arn:aws:s3:::*""#), "s3:GetObject", "arn:aws:s3:::b/k", .allowed),
        (PolicyFixture.statement(action: #""s3:DeleteBucket""#, actionKey: "NotAction", resource: #""arn:aws:s3:::*""#), "s3:DeleteBucket", "arn:aws:s3:::b", .implicitDeny),
        (PolicyFixture.statement(action: #""s3:DeleteBucket""#, actionKey: "NotAction", resource: #""arn:aws:s3:::*""#), "s3:ListAllMyBuckets", "*", .implicitDeny),
        (PolicyFixture.statement(action: #""s3:DeleteBucket""#, actionKey: "NotAction", resource: #""arn:aws:s3:::*""#), "ec2:RunInstances", "arn:aws:ec2:us-east-1:1:instance/i-1", .implicitDeny),
    ] as [(String, String, String, EvaluationResult.Decision)])
    func notActionWithAllow(_ statement: String, _ action: String, _ resource: String, _ expected: EvaluationResult.Decision) throws {
        #expect(try PolicyFixture.decide([PolicyFixture.document(statement)], action: action, resource: resource).decision == expected)
    }

    /// NotAction with Allow never denies the listed actions: another policy may still allow them.
    @Test func notActionAllowDoesNotDenyListedActions() throws {
        let notIAM = PolicyFixture.document(PolicyFixture.statement(action: #""iam:*""#, actionKey: "NotAction"))
        let iam = PolicyFixture.document(PolicyFixture.statement(action: #""iam:CreateUser""#))
        #expect(try PolicyFixture.decide([notIAM, iam], action: "iam:CreateUser").decision == .allowed)
    }

    /// Deny + NotAction denies every unlisted action and leaves the listed ones alone, without allowing them.
    @Test(arguments: [
        ([] as [String], "iam:ListUsers", EvaluationResult.Decision.implicitDeny),
        ([], "s3:GetObject", .explicitDeny),
        ([allowAll], "iam:ListUsers", .allowed),
        ([allowAll], "ec2:RunInstances", .explicitDeny),
    ])
    func notActionWithDeny(_ others: [String], _ action: String, _ expected: EvaluationResult.Decision) throws {
        let denyAllButIAM = PolicyFixture.document(PolicyFixture.statement("Deny", action: #""iam:*""#, actionKey: "NotAction"))
        #expect(try PolicyFixture.decide(others + [denyAllButIAM], action: action).decision == expected)
    }

    /// NotResource with Allow grants everything else; a bucket ARN does not cover its objects (rule 6).
    @Test(arguments: [
        ("arn:aws:s3:::HRBucket", EvaluationResult.Decision.implicitDeny),
        ("arn:aws:s3:::HRBucket/x", .allowed),
        ("arn:aws:s3:::Other", .allowed),
        ("*", .allowed),
    ])
    func notResourceWithAllow(_ resource: String, _ expected: EvaluationResult.Decision) throws {
        let policy = PolicyFixture.document(PolicyFixture.statement(resource: #""arn:aws:s3:::HRBucket""#, resourceKey: "NotResource"))
        #expect(try PolicyFixture.decide([policy], action: "s3:GetObject", resource: resource).decision == expected)
    }

    /// Deny + NotResource denies everything not listed and grants nothing.
    @Test(arguments: [
        ([] as [String], "arn:aws:s3:::HRBucket/Payroll/x", EvaluationResult.Decision.implicitDeny),
        ([allowAll], "arn:aws:s3:::HRBucket/Payroll/x", .allowed),
        ([allowAll], "arn:aws:s3:::HRBucket/Other", .explicitDeny),
        ([], "arn:aws:s3:::HRBucket/Other", .explicitDeny),
    ])
    func notResourceWithDeny(_ others: [String], _ resource: String, _ expected: EvaluationResult.Decision) throws {
        let deny = PolicyFixture.document(PolicyFixture.statement(
            "Deny", action: #""s3:*""#, resource: #"["arn:aws:s3:::HRBucket/Payroll","arn:aws:s3:::HRBucket/Payroll/*"]"#, resourceKey: "NotResource"
        ))
        #expect(try PolicyFixture.decide(others + [deny], action: "s3:GetObject", resource: resource).decision == expected)
    }

    @Test func explicitDenyReportsTheDenyStatementsOnly() throws {
        let allow = try PolicyFixture.compile(PolicyFixture.document(PolicyFixture.statement(sid: "AllowAll")), id: "allow-policy")
        let deny = try PolicyFixture.compile(
            PolicyFixture.document(PolicyFixture.statement(action: #""s3:*""#, sid: "Other"), PolicyFixture.statement("Deny", action: #""s3:Delete*""#, sid: "NoDelete")),
            id: "arn:aws:iam::aws:policy/Guard",
            kind: .groupManaged(groupName: "devs")
        )
        let result = PolicyEvaluator.evaluate(
            request: AuthorizationRequest(action: "s3:DeleteObject", resource: "arn:aws:s3:::b/k"),
            identityPolicies: [allow, deny],
            permissionsBoundary: nil
        )
        #expect(result.decision == .explicitDeny)
        #expect(result.matchedStatements.count == 1)
        let matched = try #require(result.matchedStatements.first)
        #expect(matched.source == PolicySource(id: "arn:aws:iam::aws:policy/Guard", kind: .groupManaged(groupName: "devs")))
        #expect(matched.source.sourceType == .awsManaged)
        #expect(matched.sid == "NoDelete")
        #expect(matched.index == 1)
        #expect(matched.effect == .deny)
        #expect(matched.startPosition == deny.document.statements[1].startPosition)
        #expect(matched.endPosition == deny.document.statements[1].endPosition)
        #expect(result.permissionsBoundaryDecision == nil)
    }

    @Test func allowedReportsTheAllowStatementsOfIdentityThenBoundary() throws {
        let identity = try PolicyFixture.compile(PolicyFixture.document(PolicyFixture.statement(sid: "A"), PolicyFixture.statement(action: #""ec2:*""#, sid: "B")), id: "inline")
        let boundary = try PolicyFixture.compile(PolicyFixture.document(PolicyFixture.statement(sid: "C")), id: "boundary", kind: .permissionsBoundary)
        let result = PolicyEvaluator.evaluate(
            request: AuthorizationRequest(action: "s3:GetObject", resource: "*"),
            identityPolicies: [identity],
            permissionsBoundary: [boundary]
        )
        #expect(result.decision == .allowed)
        #expect(result.matchedStatements.map(\.sid) == ["A", "C"])
        #expect(result.matchedStatements.map(\.source.id) == ["inline", "boundary"])
        #expect(result.permissionsBoundaryDecision == EvaluationResult.PermissionsBoundaryDecision(allowedByPermissionsBoundary: true))
    }

    @Test(arguments: [
        ([allowS3], "s3:GetObject", true),
        ([allowS3], "ec2:RunInstances", false),
        ([allowAll, denyS3Delete], "s3:DeleteObject", false),
    ])
    func boundaryDecisionIsReportedWhenABoundaryIsSet(_ boundary: [String], _ action: String, _ allowedByBoundary: Bool) throws {
        let result = try PolicyFixture.decide([Self.allowAll], boundary: boundary, action: action)
        #expect(result.permissionsBoundaryDecision?.allowedByPermissionsBoundary == allowedByBoundary)
        if !allowedByBoundary { #expect(result.decision != .allowed) }
    }

    @Test func implicitDenyReportsNoStatements() throws {
        let result = try PolicyFixture.decide([Self.allowS3], boundary: [Self.denyS3Delete], action: "s3:GetObject")
        #expect(result.decision == .implicitDeny)
        #expect(result.matchedStatements.isEmpty)
    }

    @Test func missingContextValuesListKeysOfStatementsWhoseActionAndResourceMatch() throws {
        let policy = PolicyFixture.document(
            PolicyFixture.statement(action: #""s3:*""#, condition: #"{"StringEquals":{"aws:PrincipalTag/Team":"${aws:PrincipalTag/Dept}"},"Bool":{"aws:SecureTransport":"true"}}"#),
            PolicyFixture.statement(action: #""s3:*""#, condition: #"{"IpAddress":{"AWS:SOURCEIP":"10.0.0.0/8"},"StringLike":{"aws:principaltag/team":"x"}}"#),
            PolicyFixture.statement(action: #""ec2:*""#, condition: #"{"StringEquals":{"ec2:InstanceType":"t3.micro"}}"#),
            PolicyFixture.statement(action: #""s3:*""#, resource: #""arn:aws:s3:::other""#, condition: #"{"StringEquals":{"s3:prefix":"x"}}"#),
            PolicyFixture.statement(action: #""s3:*""#, resource: #""arn:aws:s3:::b/${aws:username}""#)
        )
        let result = try PolicyFixture.decide(
            [policy], action: "s3:GetObject", resource: "arn:aws:s3:::b/k",
            context: PolicyFixture.context(["aws:SecureTransport": "true"])
        )
        #expect(result.missingContextValues == ["aws:PrincipalTag/Team", "aws:PrincipalTag/Dept", "AWS:SOURCEIP", "aws:username"])
        #expect(result.decision == .implicitDeny)
    }

    @Test func policyOrderDoesNotChangeTheDecision() throws {
        let policies = [Self.allowAll, Self.denyS3Delete, Self.allowS3]
        for permutation in [[0, 1, 2], [2, 1, 0], [1, 0, 2]] {
            let result = try PolicyFixture.decide(permutation.map { policies[$0] }, action: "s3:DeleteBucket")
            #expect(result.decision == .explicitDeny)
        }
    }

    @Test func compiledPolicyKeepsItsDocumentAndSource() throws {
        let text = Self.allowS3
        let compiled = try CompiledPolicy(text: text, source: PolicySource.customPolicy(at: 0))
        #expect(compiled.document.text == text)
        #expect(compiled.source.id == "PolicyInputList.1")
        #expect(compiled.source.sourceType == PolicySource.SourceType.none)
    }

    @Test(arguments: [
        (PolicySource.Kind.userInline, "p", PolicySource.SourceType.user),
        (.groupInline(groupName: "g"), "p", .group),
        (.userManaged, "arn:aws:iam::123456789012:policy/p", .userManaged),
        (.groupManaged(groupName: "g"), "arn:aws:iam::aws:policy/ReadOnlyAccess", .awsManaged),
        (.permissionsBoundary, "arn:aws:iam::123456789012:policy/b", .userManaged),
        (.custom(index: 2), "PolicyInputList.3", PolicySource.SourceType.none),
    ])
    func sourceTypeFollowsHowThePolicyIsAttached(_ kind: PolicySource.Kind, _ id: String, _ expected: PolicySource.SourceType) {
        #expect(PolicySource(id: id, kind: kind).sourceType == expected)
    }

    @Test(arguments: EvaluationResult.Decision.allCases)
    func decisionRawValuesAreAWSsEvalDecision(_ decision: EvaluationResult.Decision) {
        let expected = ["allowed", "explicitDeny", "implicitDeny"]
        #expect(expected.contains(decision.rawValue))
        #expect(EvaluationResult.Decision(rawValue: decision.rawValue) == decision)
    }
}
