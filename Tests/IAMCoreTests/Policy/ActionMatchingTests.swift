import Testing

@testable import IAMCore

/// `Action`/`NotAction` matching (IAM User Guide, Action element): case-insensitive, `*` any run,
/// `?` exactly one character, the colon literal.
@Suite struct ActionMatchingTests {
    @Test(arguments: [
        ("iam:ListAccessKeys", "iam:ListAccessKeys", true),
        ("iam:ListAccessKeys", "IAM:listaccesskeys", true),
        ("IAM:LISTACCESSKEYS", "iam:ListAccessKeys", true),
        ("s3:*", "s3:GetObject", true),
        ("s3:*", "s3express:CreateSession", false),
        ("*:CreateSession", "s3express:CreateSession", true),
        ("*", "ec2:RunInstances", true),
        ("iam:*AccessKey*", "iam:UpdateAccessKey", true),
        ("iam:*AccessKey*", "iam:ListAccessKeys", true),
        ("iam:*AccessKey*", "iam:ListUsers", false),
        ("iam:Get*", "iam:GetUser", true),
        ("iam:Get*", "iam:ListUsers", false),
        ("iam:GetUser", "iam:GetUserPolicy", false),
        ("iam:GetUser", "iam:Get", false),
        ("s3:Get?bject", "s3:GetObject", true),
        ("s3:Get?Object", "s3:GetObject", false),
        ("s3:GetObjec?", "s3:GetObjec", false),
        ("ec2:*Instances", "ec2:RunInstances", true),
        ("ec2:*Instances", "ec2:RunInstance", false),
    ])
    func actionPatternMatchesAsDocumented(_ pattern: String, _ action: String, _ matches: Bool) throws {
        let policy = PolicyFixture.document(PolicyFixture.statement(action: #""\#(pattern)""#))
        let decision = try PolicyFixture.decide([policy], action: action).decision
        #expect(decision == (matches ? .allowed : .implicitDeny))
    }

    @Test func actionListMatchesAnyOfItsEntries() throws {
        let policy = PolicyFixture.document(PolicyFixture.statement(action: #"["iam:GetUser","s3:List*"]"#))
        #expect(try PolicyFixture.decide([policy], action: "s3:ListBucket").decision == .allowed)
        #expect(try PolicyFixture.decide([policy], action: "iam:GetUser").decision == .allowed)
        #expect(try PolicyFixture.decide([policy], action: "iam:ListUsers").decision == .implicitDeny)
    }
}
