import Testing

@testable import IAMCore

/// One decision that one of the "ten rules most likely to be implemented wrong" (policy-semantics.md
/// §8) fixes.
struct RuleCase: Sendable, CustomTestStringConvertible {
    var rule: Int
    var name: String
    var identity: [String]
    var boundary: [String]? = nil
    var action: String
    var resource: String = "*"
    var context: [String: String] = [:]
    var expected: EvaluationResult.Decision
    var testDescription: String { "rule \(rule): \(name)" }
}

@Suite struct TenRulesTests {
    static func allow(_ members: String) -> String { #"{"Version":"2012-10-17","Statement":{"Effect":"Allow",\#(members)}}"# }
    static func deny(_ members: String) -> String { #"{"Version":"2012-10-17","Statement":{"Effect":"Deny",\#(members)}}"# }
    static let allowAll = allow(#""Action":"*","Resource":"*""#)

    static let cases: [RuleCase] = [
        // 1. Negated operators are true on a missing key, positive ones false, IfExists true, Null tests presence.
        RuleCase(rule: 1, name: "Deny NotIpAddress denies a request without aws:SourceIp", identity: [allowAll, deny(#""Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#)], action: "s3:GetObject", expected: .explicitDeny),
        RuleCase(rule: 1, name: "Allow IpAddress does not allow a request without aws:SourceIp", identity: [allow(#""Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#)], action: "s3:GetObject", expected: .implicitDeny),
        RuleCase(rule: 1, name: "Allow BoolIfExists true allows long-term keys", identity: [allow(#""Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}"#)], action: "s3:GetObject", expected: .allowed),
        RuleCase(rule: 1, name: "Allow Null false allows only temporary credentials", identity: [allow(#""Action":"*","Resource":"*","Condition":{"Null":{"aws:TokenIssueTime":"false"}}"#)], action: "s3:GetObject", expected: .implicitDeny),
        // 2. Values OR (NOR when negated); keys and operators AND.
        RuleCase(rule: 2, name: "StringNotEquals with two values is NOR", identity: [allowAll, deny(#""Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}"#)], action: "ec2:RunInstances", context: ["aws:RequestedRegion": "eu-west-1"], expected: .allowed),
        RuleCase(rule: 2, name: "StringEquals with two values is OR", identity: [allow(#""Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}"#)], action: "ec2:RunInstances", context: ["aws:RequestedRegion": "eu-west-1"], expected: .allowed),
        RuleCase(rule: 2, name: "two keys must both hold", identity: [allow(#""Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1","aws:PrincipalTag/team":"blue"}}"#)], action: "ec2:RunInstances", context: ["aws:RequestedRegion": "us-east-1"], expected: .implicitDeny),
        // 3. ForAllValues true on a missing key, ForAnyValue false.
        RuleCase(rule: 3, name: "Allow ForAllValues on a missing key allows", identity: [allow(#""Action":"*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["a"]}}"#)], action: "iam:TagUser", expected: .allowed),
        RuleCase(rule: 3, name: "Allow ForAnyValue on a missing key does not allow", identity: [allow(#""Action":"*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["a"]}}"#)], action: "iam:TagUser", expected: .implicitDeny),
        // 4. A Deny anywhere is explicit even without an allow; the boundary never grants.
        RuleCase(rule: 4, name: "deny-only identity policy", identity: [deny(#""Action":"iam:*","Resource":"*""#)], action: "iam:CreateUser", expected: .explicitDeny),
        RuleCase(rule: 4, name: "deny in the boundary only", identity: [], boundary: [deny(#""Action":"iam:*","Resource":"*""#)], action: "iam:CreateUser", expected: .explicitDeny),
        RuleCase(rule: 4, name: "boundary allow without identity allow", identity: [], boundary: [allowAll], action: "iam:CreateUser", expected: .implicitDeny),
        // 5. NotAction + Allow grants unlisted actions of every service, scoped by Resource.
        RuleCase(rule: 5, name: "NotAction iam:* allows EC2", identity: [allow(#""NotAction":"iam:*","Resource":"*""#)], action: "ec2:RunInstances", expected: .allowed),
        RuleCase(rule: 5, name: "Resource arn:aws:s3:::* excludes the * resource", identity: [allow(#""NotAction":"s3:DeleteBucket","Resource":"arn:aws:s3:::*""#)], action: "s3:ListAllMyBuckets", expected: .implicitDeny),
        // 6. NotResource + Allow grants everything else; a bucket ARN does not cover its objects.
        RuleCase(rule: 6, name: "objects of an excluded bucket are allowed", identity: [allow(#""Action":"*","NotResource":"arn:aws:s3:::HRBucket""#)], action: "s3:GetObject", resource: "arn:aws:s3:::HRBucket/x", expected: .allowed),
        RuleCase(rule: 6, name: "the excluded bucket itself is not", identity: [allow(#""Action":"*","NotResource":"arn:aws:s3:::HRBucket""#)], action: "s3:ListBucket", resource: "arn:aws:s3:::HRBucket", expected: .implicitDeny),
        // 7. Actions case-insensitive; resources and values case-sensitive; key names case-insensitive.
        RuleCase(rule: 7, name: "action case does not matter", identity: [allow(#""Action":"IAM:listaccesskeys","Resource":"*""#)], action: "iam:ListAccessKeys", expected: .allowed),
        RuleCase(rule: 7, name: "resource case matters", identity: [allow(#""Action":"*","Resource":"arn:aws:iam::1:user/Bob""#)], action: "iam:GetUser", resource: "arn:aws:iam::1:user/bob", expected: .implicitDeny),
        RuleCase(rule: 7, name: "StringEquals value case matters", identity: [allow(#""Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"Blue"}}"#)], action: "s3:GetObject", context: ["aws:PrincipalTag/team": "blue"], expected: .implicitDeny),
        RuleCase(rule: 7, name: "key name case does not matter", identity: [allow(#""Action":"*","Resource":"*","Condition":{"StringEquals":{"AWS:PRINCIPALTAG/TEAM":"blue"}}"#)], action: "s3:GetObject", context: ["aws:PrincipalTag/team": "blue"], expected: .allowed),
        // 8. Variables: 2012-10-17 only; no value matches nothing; substituted text is literal.
        RuleCase(rule: 8, name: "variable substituted", identity: [allow(#""Action":"*","Resource":"arn:aws:s3:::b/${aws:username}/*""#)], action: "s3:GetObject", resource: "arn:aws:s3:::b/bob/x", context: ["aws:username": "bob"], expected: .allowed),
        RuleCase(rule: 8, name: "variable with no value matches nothing", identity: [allow(#""Action":"*","Resource":"arn:aws:s3:::b/${aws:username}*""#)], action: "s3:GetObject", resource: "arn:aws:s3:::b/bob", expected: .implicitDeny),
        RuleCase(rule: 8, name: "variable with no value makes StringNotEquals true", identity: [allowAll, deny(#""Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}"#)], action: "s3:GetObject", context: ["aws:ResourceTag/team": "blue"], expected: .explicitDeny),
        RuleCase(rule: 8, name: "substituted text is not a wildcard", identity: [allow(#""Action":"*","Resource":"arn:aws:s3:::b/${aws:username}""#)], action: "s3:GetObject", resource: "arn:aws:s3:::b/bob", context: ["aws:username": "*"], expected: .implicitDeny),
        // 9. ArnLike per component; StringLike crosses colons; a segment-ending * in Resource crosses colons.
        RuleCase(rule: 9, name: "ArnLike * stays in its component", identity: [allow(#""Action":"*","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:1:topic"}}"#)], action: "sns:Publish", context: ["aws:SourceArn": "arn:aws:sns:us-east-1:2:x:1:topic"], expected: .implicitDeny),
        RuleCase(rule: 9, name: "StringLike * crosses colons", identity: [allow(#""Action":"*","Resource":"*","Condition":{"StringLike":{"aws:SourceArn":"arn:aws:sns:*:1:topic"}}"#)], action: "sns:Publish", context: ["aws:SourceArn": "arn:aws:sns:us-east-1:2:x:1:topic"], expected: .allowed),
        RuleCase(rule: 9, name: "Resource arn:aws:ec2:* matches any EC2 ARN", identity: [allow(#""Action":"*","Resource":"arn:aws:ec2:*""#)], action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-1:1:instance/i-1", expected: .allowed),
        // 10. ? exactly one; * crosses /; StringEquals treats * literally; no prefix match.
        RuleCase(rule: 10, name: "? never matches zero characters", identity: [allow(#""Action":"*","Resource":"arn:aws:s3:::b/a?""#)], action: "s3:GetObject", resource: "arn:aws:s3:::b/a", expected: .implicitDeny),
        RuleCase(rule: 10, name: "* crosses /", identity: [allow(#""Action":"*","Resource":"arn:aws:s3:::b/*.txt""#)], action: "s3:GetObject", resource: "arn:aws:s3:::b/x/y/z.txt", expected: .allowed),
        RuleCase(rule: 10, name: "StringEquals * is literal", identity: [allow(#""Action":"*","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"home/*"}}"#)], action: "s3:ListBucket", context: ["s3:prefix": "home/bob"], expected: .implicitDeny),
        RuleCase(rule: 10, name: "no prefix match without a wildcard", identity: [allow(#""Action":"s3:Get","Resource":"*""#)], action: "s3:GetObject", expected: .implicitDeny),
    ]

    @Test(arguments: cases)
    func ruleHolds(_ ruleCase: RuleCase) throws {
        let result = try PolicyFixture.decide(
            ruleCase.identity,
            boundary: ruleCase.boundary,
            action: ruleCase.action,
            resource: ruleCase.resource,
            context: PolicyFixture.context(ruleCase.context)
        )
        #expect(result.decision == ruleCase.expected)
    }

    @Test func everyRuleHasCases() {
        #expect(Set(Self.cases.map(\.rule)) == Set(1...10))
    }
}
