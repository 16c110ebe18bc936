import Testing

@testable import IAMCore

/// `Resource` matching (IAM User Guide, Resource element): case-sensitive, `*` any run (crossing
/// `/`), `?` exactly one character, segment rules for the first five ARN fields.
@Suite struct ResourceMatchingTests {
    static let s3Pattern = "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*"

    /// The page's own list for `arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*`.
    @Test(arguments: [
        ("1///test///object.jpg", true),
        ("/test/object.jpg", true),
        ("1/test/", true),
        ("1-test/object.jpg", false),
        ("test/object.jpg", false),
        ("1/2/test.jpg", false),
    ])
    func s3ExampleFromTheDocumentation(_ key: String, _ matches: Bool) throws {
        #expect(try allows(resource: Self.s3Pattern, request: "arn:aws:s3:::DOC-EXAMPLE-BUCKET/" + key) == matches)
    }

    @Test(arguments: [
        // Case-sensitive.
        ("arn:aws:iam::123456789012:user/Bob", "arn:aws:iam::123456789012:user/Bob", true),
        ("arn:aws:iam::123456789012:user/Bob", "arn:aws:iam::123456789012:user/bob", false),
        ("arn:aws:s3:::bucket/Key*", "arn:aws:s3:::bucket/keyfile", false),
        // A pattern without wildcards is never a prefix match.
        ("arn:aws:s3:::bucket", "arn:aws:s3:::bucket/object", false),
        ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false),
        // `*` matches none or more, `?` exactly one.
        ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/", true),
        ("arn:aws:s3:::bucket/?", "arn:aws:s3:::bucket/", false),
        ("arn:aws:s3:::bucket/?", "arn:aws:s3:::bucket/a", true),
        ("arn:aws:s3:::bucket/?", "arn:aws:s3:::bucket/ab", false),
        ("arn:aws:s3:::bucket/??.txt", "arn:aws:s3:::bucket/é1.txt", true),
        // `*` as the whole resource matches everything, including the request resource `*`.
        ("*", "*", true),
        ("*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", true),
        ("arn:aws:s3:::*", "*", false),
        ("arn:aws:s3:::*", "arn:aws:s3:::any/thing:with:colons", true),
        // A `*` ending a segment may expand across colons; one inside a segment may not.
        ("arn:aws:ec2:*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", true),
        ("arn:aws:ec2:*", "arn:aws:s3:::bucket", false),
        ("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", true),
        ("arn:aws:ec2:us-*-1:*:instance/*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", true),
        ("arn:aws:ec2:us-*-1:*:instance/*", "arn:aws:ec2:us-east:x-1:123456789012:instance/i-1", false),
        ("arn:aws:ec2:us-?ast-1:*:instance/*", "arn:aws:ec2:us-east-1:1:instance/i-1", true),
        ("arn:aws:iam::*:user/bob", "arn:aws:iam::123456789012:user/bob", true),
        ("arn:aws:iam::123456789012:user/*", "arn:aws:iam::123456789012:user/division/bob", true),
        ("arn:aws:logs:*:*:log-group:app:*", "arn:aws:logs:us-east-1:1:log-group:app:log-stream:web", true),
    ])
    func resourcePatternMatchesAsDocumented(_ pattern: String, _ resource: String, _ matches: Bool) throws {
        #expect(try allows(resource: pattern, request: resource) == matches)
    }

    @Test func resourceListMatchesAnyOfItsEntries() throws {
        let policy = PolicyFixture.document(PolicyFixture.statement(resource: #"["arn:aws:s3:::a","arn:aws:s3:::b/*"]"#))
        #expect(try PolicyFixture.decide([policy], action: "s3:GetObject", resource: "arn:aws:s3:::b/x").decision == .allowed)
        #expect(try PolicyFixture.decide([policy], action: "s3:GetObject", resource: "arn:aws:s3:::a").decision == .allowed)
        #expect(try PolicyFixture.decide([policy], action: "s3:GetObject", resource: "arn:aws:s3:::c").decision == .implicitDeny)
    }

    private func allows(resource pattern: String, request resource: String) throws -> Bool {
        let policy = PolicyFixture.document(PolicyFixture.statement(resource: #""\#(pattern)""#))
        return try PolicyFixture.decide([policy], action: "s3:GetObject", resource: resource).decision == .allowed
    }
}
