import Testing

@testable import IAMCore

/// One condition evaluated against one request value (or a missing key).
struct ConditionCase: Sendable, CustomTestStringConvertible {
    var operatorName: String
    /// The policy values, as JSON.
    var policyValues: String
    /// The request value; `nil` for a missing key.
    var requestValue: String?
    var type: RequestContext.KeyType = .string
    var holds: Bool

    init(_ operatorName: String, _ policyValues: String, _ requestValue: String?, _ type: RequestContext.KeyType = .string, holds: Bool) {
        self.operatorName = operatorName
        self.policyValues = policyValues
        self.requestValue = requestValue
        self.type = type
        self.holds = holds
    }

    var testDescription: String {
        "\(operatorName) \(policyValues) vs \(requestValue.map { "\"\($0)\"" } ?? "missing") → \(holds)"
    }
}

/// Every operator with a matching value, a non-matching value and a missing key (IAM User Guide,
/// condition operators; rule 1 of the ten: negated operators are true on a missing key, positive
/// ones false, every IfExists true, Null tests presence).
@Suite struct ConditionOperatorTests {
    static let key = "test:Key"

    static let cases: [ConditionCase] = [
        // String
        ConditionCase("StringEquals", #""abc""#, "abc", holds: true),
        ConditionCase("StringEquals", #""abc""#, "ABC", holds: false),
        ConditionCase("StringEquals", #""a*""#, "abc", holds: false),
        ConditionCase("StringEquals", #""a*""#, "a*", holds: true),
        ConditionCase("StringEquals", #""""#, "", holds: true),
        ConditionCase("StringEquals", #""abc""#, nil, holds: false),
        ConditionCase("StringNotEquals", #""abc""#, "abc", holds: false),
        ConditionCase("StringNotEquals", #""abc""#, "xyz", holds: true),
        ConditionCase("StringNotEquals", #""abc""#, nil, holds: true),
        ConditionCase("StringEqualsIgnoreCase", #""Abc""#, "aBC", holds: true),
        ConditionCase("StringEqualsIgnoreCase", #""Abc""#, "abd", holds: false),
        ConditionCase("StringEqualsIgnoreCase", #""Abc""#, nil, holds: false),
        ConditionCase("StringNotEqualsIgnoreCase", #""Abc""#, "ABC", holds: false),
        ConditionCase("StringNotEqualsIgnoreCase", #""Abc""#, "abd", holds: true),
        ConditionCase("StringNotEqualsIgnoreCase", #""Abc""#, nil, holds: true),
        ConditionCase("StringLike", #""home/*/docs/?.txt""#, "home/bob/x/docs/a.txt", holds: true),
        ConditionCase("StringLike", #""home/*""#, "Home/bob", holds: false),
        ConditionCase("StringLike", #""a:*""#, "a:b:c", holds: true),
        ConditionCase("StringLike", #""home/*""#, nil, holds: false),
        ConditionCase("StringNotLike", #""home/*""#, "home/bob", holds: false),
        ConditionCase("StringNotLike", #""home/*""#, "work/bob", holds: true),
        ConditionCase("StringNotLike", #""home/*""#, nil, holds: true),
        // Numeric
        ConditionCase("NumericEquals", "10", "10.0", .numeric, holds: true),
        ConditionCase("NumericEquals", #""10""#, "11", .numeric, holds: false),
        ConditionCase("NumericEquals", "10", nil, holds: false),
        ConditionCase("NumericNotEquals", "10", "10", .numeric, holds: false),
        ConditionCase("NumericNotEquals", "10", "9", .numeric, holds: true),
        ConditionCase("NumericNotEquals", "10", nil, holds: true),
        ConditionCase("NumericLessThan", "10", "9", .numeric, holds: true),
        ConditionCase("NumericLessThan", "10", "10", .numeric, holds: false),
        ConditionCase("NumericLessThan", "10", nil, holds: false),
        ConditionCase("NumericLessThanEquals", "10", "10", .numeric, holds: true),
        ConditionCase("NumericLessThanEquals", "10", "10.5", .numeric, holds: false),
        ConditionCase("NumericLessThanEquals", "10", nil, holds: false),
        ConditionCase("NumericGreaterThan", "9", "10", .numeric, holds: true),
        ConditionCase("NumericGreaterThan", "10", "9", .numeric, holds: false),
        ConditionCase("NumericGreaterThan", "9", nil, holds: false),
        ConditionCase("NumericGreaterThanEquals", "-1.5", "-1.5", .numeric, holds: true),
        ConditionCase("NumericGreaterThanEquals", "0", "-1", .numeric, holds: false),
        ConditionCase("NumericGreaterThanEquals", "0", nil, holds: false),
        ConditionCase("NumericEquals", "10", "ten", .numeric, holds: false),
        // Date
        ConditionCase("DateEquals", #""2020-01-01T00:00:00Z""#, "1577836800", .date, holds: true),
        ConditionCase("DateEquals", #""2020-01-01T00:00:00Z""#, "2020-01-01T00:00:01Z", .date, holds: false),
        ConditionCase("DateEquals", #""2020-01-01T00:00:00Z""#, nil, holds: false),
        ConditionCase("DateNotEquals", #""2020-01-01T00:00:00Z""#, "2020-01-01T02:00:00+02:00", .date, holds: false),
        ConditionCase("DateNotEquals", #""2020-01-01T00:00:00Z""#, "2020-01-02", .date, holds: true),
        ConditionCase("DateNotEquals", #""2020-01-01T00:00:00Z""#, nil, holds: true),
        ConditionCase("DateLessThan", #""2020-01-01T00:00:00Z""#, "2019-12-31T23:59:59Z", .date, holds: true),
        ConditionCase("DateLessThan", #""2020-01-01T00:00:00Z""#, "2020-01-01T00:00:00Z", .date, holds: false),
        ConditionCase("DateLessThan", #""2020-01-01T00:00:00Z""#, nil, holds: false),
        ConditionCase("DateLessThanEquals", #""2020-01-01""#, "2020-01-01T00:00:00Z", .date, holds: true),
        ConditionCase("DateLessThanEquals", #""2020-01-01""#, "2020-01-01T00:00:00.5Z", .date, holds: false),
        ConditionCase("DateLessThanEquals", #""2020-01-01""#, nil, holds: false),
        ConditionCase("DateGreaterThan", #""2018-08-16T12:00:00Z""#, "2019-04-25T11:00:00Z", .date, holds: true),
        ConditionCase("DateGreaterThan", #""2018-08-16T12:00:00Z""#, "2018-08-16T07:00:00-05:00", .date, holds: false),
        ConditionCase("DateGreaterThan", #""2018-08-16T12:00:00Z""#, nil, holds: false),
        ConditionCase("DateGreaterThanEquals", "1534420800", "2018-08-16T12:00:00Z", .date, holds: true),
        ConditionCase("DateGreaterThanEquals", "1534420800", "1534420799", .date, holds: false),
        ConditionCase("DateGreaterThanEquals", "1534420800", nil, holds: false),
        // Bool
        ConditionCase("Bool", #""true""#, "true", .boolean, holds: true),
        ConditionCase("Bool", "true", "TRUE", .boolean, holds: true),
        ConditionCase("Bool", #""true""#, "false", .boolean, holds: false),
        ConditionCase("Bool", #""false""#, nil, holds: false),
        // Binary
        ConditionCase("BinaryEquals", #""QmluYXJ5VmFsdWU=""#, "QmluYXJ5VmFsdWU=", .binary, holds: true),
        ConditionCase("BinaryEquals", #""QmluYXJ5VmFsdWU=""#, "T3RoZXI=", .binary, holds: false),
        ConditionCase("BinaryEquals", #""QmluYXJ5VmFsdWU=""#, nil, holds: false),
        // IP
        ConditionCase("IpAddress", #""203.0.113.0/24""#, "203.0.113.7", .ip, holds: true),
        ConditionCase("IpAddress", #""203.0.113.0/24""#, "203.0.114.7", .ip, holds: false),
        ConditionCase("IpAddress", #""203.0.113.9""#, "203.0.113.9", .ip, holds: true),
        ConditionCase("IpAddress", #""203.0.113.9""#, "203.0.113.10", .ip, holds: false),
        ConditionCase("IpAddress", #""2001:DB8:1234:5678::/64""#, "2001:db8:1234:5678:abcd::1", .ip, holds: true),
        ConditionCase("IpAddress", #""2001:DB8:1234:5678::/64""#, "2001:db8:1234:5679::1", .ip, holds: false),
        ConditionCase("IpAddress", #""2001:db8::1""#, "2001:0db8:0:0:0:0:0:1", .ip, holds: true),
        ConditionCase("IpAddress", #""0.0.0.0/0""#, "::1", .ip, holds: false),
        ConditionCase("IpAddress", #""203.0.113.0/24""#, nil, holds: false),
        ConditionCase("NotIpAddress", #""203.0.113.0/24""#, "203.0.113.7", .ip, holds: false),
        ConditionCase("NotIpAddress", #""203.0.113.0/24""#, "198.51.100.1", .ip, holds: true),
        ConditionCase("NotIpAddress", #""203.0.113.0/24""#, nil, holds: true),
        // ARN
        ConditionCase("ArnEquals", #""arn:aws:sns:*:123456789012:topic""#, "arn:aws:sns:us-east-1:123456789012:topic", .string, holds: true),
        ConditionCase("ArnEquals", #""arn:aws:sns:*:123456789012:topic""#, "arn:aws:sns:us-east-1:999999999999:topic", .string, holds: false),
        ConditionCase("ArnEquals", #""arn:aws:sns:*:123456789012:topic""#, nil, holds: false),
        ConditionCase("ArnLike", #""arn:aws:iam::*:role/app-?""#, "arn:aws:iam::123456789012:role/app-1", .string, holds: true),
        ConditionCase("ArnLike", #""arn:aws:iam::*:role/app-?""#, "arn:aws:iam::123456789012:role/APP-1", .string, holds: false),
        ConditionCase("ArnLike", #""arn:aws:iam::*:role/*""#, nil, holds: false),
        ConditionCase("ArnLike", #""*""#, "arn:aws:s3:::bucket", .string, holds: true),
        ConditionCase("ArnNotEquals", #""arn:aws:s3:::bucket""#, "arn:aws:s3:::bucket", .string, holds: false),
        ConditionCase("ArnNotEquals", #""arn:aws:s3:::bucket""#, "arn:aws:s3:::other", .string, holds: true),
        ConditionCase("ArnNotEquals", #""arn:aws:s3:::bucket""#, nil, holds: true),
        ConditionCase("ArnNotLike", #""arn:aws:s3:::bucket/*""#, "arn:aws:s3:::bucket/x", .string, holds: false),
        ConditionCase("ArnNotLike", #""arn:aws:s3:::bucket/*""#, "arn:aws:s3:::other/x", .string, holds: true),
        ConditionCase("ArnNotLike", #""arn:aws:s3:::bucket/*""#, nil, holds: true),
        // Null
        ConditionCase("Null", #""true""#, nil, holds: true),
        ConditionCase("Null", #""true""#, "anything", holds: false),
        ConditionCase("Null", #""false""#, nil, holds: false),
        ConditionCase("Null", "false", "anything", holds: true),
    ]

    @Test(arguments: cases)
    func operatorHoldsAsDocumented(_ testCase: ConditionCase) throws {
        var context = RequestContext()
        if let value = testCase.requestValue { context[Self.key] = .single(value, type: testCase.type) }
        let condition = #"{"\#(testCase.operatorName)":{"\#(Self.key)":\#(testCase.policyValues)}}"#
        #expect(try PolicyFixture.conditionHolds(condition, context: context) == testCase.holds)
    }

    /// Every `…IfExists` is true when the key is missing, and otherwise behaves like its base operator.
    @Test(arguments: ConditionOperator.Base.allCases.filter { $0 != .null })
    func ifExistsIsTrueOnAMissingKeyAndLikeTheBaseOtherwise(_ base: ConditionOperator.Base) throws {
        let sample = Self.cases.first { $0.operatorName == base.rawValue && $0.requestValue != nil }!
        let ifExists = #"{"\#(base.rawValue)IfExists":{"\#(Self.key)":\#(sample.policyValues)}}"#
        #expect(try PolicyFixture.conditionHolds(ifExists, context: RequestContext()))

        var context = RequestContext()
        context[Self.key] = .single(sample.requestValue!, type: sample.type)
        #expect(try PolicyFixture.conditionHolds(ifExists, context: context) == sample.holds)
    }

    /// Several values: OR for positive operators, NOR for negated ones (rule 2).
    @Test(arguments: [
        ("StringEquals", "b", true),
        ("StringEquals", "z", false),
        ("StringNotEquals", "b", false),
        ("StringNotEquals", "z", true),
        ("StringLike", "b", true),
        ("StringNotLike", "a", false),
        ("StringNotLike", "z", true),
        ("ArnNotLike", "a", false),
    ])
    func multipleValuesCombineAsORorNOR(_ operatorName: String, _ requestValue: String, _ holds: Bool) throws {
        let condition = #"{"\#(operatorName)":{"\#(Self.key)":["a","b","c"]}}"#
        #expect(try PolicyFixture.conditionHolds(condition, context: PolicyFixture.context([Self.key: requestValue])) == holds)
    }

    /// Keys under one operator, and operators in one block, all have to hold (AND).
    @Test(arguments: [
        (["k:a": "1", "k:b": "2", "k:c": "3"], true),
        (["k:a": "1", "k:b": "x", "k:c": "3"], false),
        (["k:a": "1", "k:b": "2", "k:c": "x"], false),
        (["k:a": "1", "k:b": "2"], false),
    ])
    func keysAndOperatorsCombineAsAND(_ values: [String: String], _ holds: Bool) throws {
        let condition = #"{"StringEquals":{"k:a":"1","k:b":"2"},"StringLike":{"k:c":"3"}}"#
        #expect(try PolicyFixture.conditionHolds(condition, context: PolicyFixture.context(values)) == holds)
    }

    @Test func emptyConditionBlockImposesNothing() throws {
        #expect(try PolicyFixture.conditionHolds("{}", context: RequestContext()))
    }

    /// Condition key names are case-insensitive, including the tag-key part; values are not.
    @Test(arguments: [
        ("aws:PrincipalTag/Team", "AWS:principaltag/TEAM", "blue", true),
        ("aws:SourceIp", "aws:sourceip", "203.0.113.1", true),
        ("aws:PrincipalTag/Team", "aws:PrincipalTag/Team", "Blue", false),
    ])
    func conditionKeysAreCaseInsensitive(_ policyKey: String, _ contextKey: String, _ value: String, _ holds: Bool) throws {
        let condition = policyKey == "aws:SourceIp"
            ? #"{"IpAddress":{"\#(policyKey)":"203.0.113.0/24"}}"#
            : #"{"StringEquals":{"\#(policyKey)":"blue"}}"#
        #expect(try PolicyFixture.conditionHolds(condition, context: PolicyFixture.context([contextKey: value])) == holds)
    }

    /// The documentation's example: StringLike's `*` crosses colons, ArnLike matches component by component.
    @Test(arguments: [("StringLike", true), ("ArnLike", false)])
    func arnLikeMatchesPerComponentUnlikeStringLike(_ operatorName: String, _ holds: Bool) throws {
        let condition = #"{"\#(operatorName)":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}"#
        let context = PolicyFixture.context([
            "aws:SourceArn": "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"
        ])
        #expect(try PolicyFixture.conditionHolds(condition, context: context) == holds)
    }

    /// The documented consequences for MFA and source IP (CONDKEYS).
    @Test(arguments: [
        (#"{"Bool":{"aws:MultiFactorAuthPresent":"false"}}"#, false),
        (#"{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}"#, true),
        (#"{"Null":{"aws:MultiFactorAuthPresent":"true"}}"#, true),
    ])
    func denyOnMissingMFADependsOnTheOperator(_ condition: String, _ denies: Bool) throws {
        let policies = [
            PolicyFixture.document(PolicyFixture.statement()),
            PolicyFixture.document(PolicyFixture.statement("Deny", condition: condition)),
        ]
        let decision = try PolicyFixture.decide(policies, action: "s3:GetObject").decision
        #expect(decision == (denies ? .explicitDeny : .allowed))
    }
}
