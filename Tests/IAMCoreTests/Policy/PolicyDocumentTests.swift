import Foundation
import Testing

@testable import IAMCore

@Suite struct PolicyDocumentTests {
    @Test func statementMayBeASingleObject() throws {
        let document = try PolicyDocument(text: #"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}"#)
        #expect(document.statements.count == 1)
        #expect(document.statements[0].effect == .deny)
        #expect(document.statements[0].index == 0)
    }

    @Test func statementArrayKeepsDocumentOrder() throws {
        let document = try PolicyDocument(text: PolicyFixture.document(
            PolicyFixture.statement(action: #""s3:GetObject""#, sid: "First"),
            PolicyFixture.statement("Deny", action: #""iam:*""#, sid: "Second")
        ))
        #expect(document.statements.map(\.sid) == ["First", "Second"])
        #expect(document.statements.map(\.index) == [0, 1])
        #expect(document.statements.map(\.effect) == [.allow, .deny])
    }

    @Test(arguments: [
        (#""s3:GetObject""#, ["s3:GetObject"]),
        (#"["s3:GetObject","s3:PutObject"]"#, ["s3:GetObject", "s3:PutObject"]),
    ])
    func actionAndResourceAcceptAStringOrAnArray(_ json: String, _ expected: [String]) throws {
        let document = try PolicyDocument(text: PolicyFixture.document(
            PolicyFixture.statement(action: json, resource: json.replacingOccurrences(of: "s3:", with: "arn:aws:s3:::"))
        ))
        #expect(document.statements[0].actions == .listed(expected))
        #expect(document.statements[0].resources == .listed(expected.map { $0.replacingOccurrences(of: "s3:", with: "arn:aws:s3:::") }))
    }

    @Test func notActionAndNotResourceAreNegatedEntries() throws {
        let document = try PolicyDocument(text: PolicyFixture.document(
            PolicyFixture.statement(action: #""iam:*""#, actionKey: "NotAction", resource: #""arn:aws:s3:::b""#, resourceKey: "NotResource")
        ))
        #expect(document.statements[0].actions == .allExcept(["iam:*"]))
        #expect(document.statements[0].resources == .allExcept(["arn:aws:s3:::b"]))
        #expect(document.statements[0].actions.isNegated)
    }

    @Test func unquotedNumbersAndBooleansInConditionsKeepTheirText() throws {
        let document = try PolicyDocument(text: PolicyFixture.document(PolicyFixture.statement(
            condition: #"{"NumericLessThan":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":true},"NumericEquals":{"a":[1.50,-2e3]}}"#
        )))
        let conditions = document.statements[0].conditions
        #expect(conditions.map(\.values) == [["10"], ["true"], ["1.50", "-2e3"]])
        #expect(conditions.map(\.conditionOperator.name) == ["NumericLessThan", "Bool", "NumericEquals"])
    }

    @Test func conditionsAreFlattenedPerOperatorAndKey() throws {
        let document = try PolicyDocument(text: PolicyFixture.document(PolicyFixture.statement(
            condition: #"{"StringLike":{"s3:prefix":["","home/"],"aws:username":"bob"},"ForAllValues:StringNotEqualsIfExists":{"aws:TagKeys":"x"}}"#
        )))
        let conditions = document.statements[0].conditions
        #expect(conditions.map(\.key) == ["s3:prefix", "aws:username", "aws:TagKeys"])
        #expect(conditions[0].values == ["", "home/"])
        #expect(conditions[2].conditionOperator == ConditionOperator(.stringNotEquals, ifExists: true, setQualifier: .forAllValues))
    }

    @Test(arguments: [
        (#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#, PolicyDocument.Version?.some(.current)),
        (#"{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#, .some(.legacy)),
        (#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#, nil),
    ])
    func versionIsRecorded(_ text: String, _ version: PolicyDocument.Version?) throws {
        let document = try PolicyDocument(text: text)
        #expect(document.version == version)
        #expect(document.recognizesPolicyVariables == (version == .current))
    }

    @Test func idIsKept() throws {
        let document = try PolicyDocument(text: #"{"Version":"2012-10-17","Id":"MyPolicy","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#)
        #expect(document.id == "MyPolicy")
    }

    @Test func escapedCharactersAreDecoded() throws {
        let document = try PolicyDocument(text: #"{"Statement":{"Effect":"Allow","Action":"s3:Get\u004fbject","Resource":"arn:aws:s3:::a\/b\\c"}}"#)
        #expect(document.statements[0].actions.values == ["s3:GetObject"])
        #expect(document.statements[0].resources.values == [#"arn:aws:s3:::a/b\c"#])
    }

    /// AWS CLI `simulate-custom-policy` example: the statement spans characters 37 to 166 of a
    /// one-line policy, and AWS reports StartPosition (1, 38) and EndPosition (1, 167).
    @Test func statementPositionsFollowAWSsSimulatorOutput() throws {
        let text = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}"#
        let statement = try PolicyDocument(text: text).statements[0]
        #expect(statement.startPosition == PolicyStatement.Position(line: 1, column: 38))
        #expect(statement.endPosition == PolicyStatement.Position(line: 1, column: 167))
    }

    @Test func statementPositionsCountLines() throws {
        let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\",\r\n     \"Action\": \"s3:*\", \"Resource\": \"*\"}\n  ]\n}"
        let statement = try PolicyDocument(text: text).statements[0]
        #expect(statement.startPosition == PolicyStatement.Position(line: 4, column: 6))
        #expect(statement.endPosition == PolicyStatement.Position(line: 5, column: 40))
    }

    @Test func contextKeysListConditionKeysAndVariablesOnceEach() throws {
        let document = try PolicyDocument(text: PolicyFixture.document(
            PolicyFixture.statement(
                resource: #""arn:aws:s3:::bucket/${aws:username}/*""#,
                condition: #"{"StringEquals":{"aws:PrincipalTag/Team":"${aws:PrincipalTag/team, 'none'}"},"Bool":{"AWS:SecureTransport":"true"}}"#
            ),
            PolicyFixture.statement(condition: #"{"Bool":{"aws:securetransport":"true"},"NumericLessThan":{"s3:max-keys":"${s3:limit}"}}"#)
        ))
        // Variables in Numeric values are not substituted, so `s3:limit` is not a key.
        #expect(document.contextKeys == ["aws:username", "aws:PrincipalTag/Team", "AWS:SecureTransport", "s3:max-keys"])
    }

    @Test func contextKeysOfALegacyDocumentIgnoreVariables() throws {
        let document = try PolicyDocument(text: PolicyFixture.document(
            PolicyFixture.statement(resource: #""arn:aws:s3:::bucket/${aws:username}""#, condition: #"{"StringEquals":{"s3:prefix":"${aws:userid}"}}"#),
            version: "2008-10-17"
        ))
        #expect(document.contextKeys == ["s3:prefix"])
    }

    @Test(arguments: [
        ("StringEquals", ConditionOperator(.stringEquals)),
        ("StringNotLikeIfExists", ConditionOperator(.stringNotLike, ifExists: true)),
        ("ForAnyValue:StringLike", ConditionOperator(.stringLike, setQualifier: .forAnyValue)),
        ("ForAllValues:ArnNotEqualsIfExists", ConditionOperator(.arnNotEquals, ifExists: true, setQualifier: .forAllValues)),
        ("Null", ConditionOperator(.null)),
        ("NullIfExists", ConditionOperator(.null, ifExists: true)),
    ])
    func operatorNamesParseIntoTheirParts(_ name: String, _ expected: ConditionOperator) {
        #expect(ConditionOperator(name: name) == expected)
        #expect(ConditionOperator(name: name)?.name == name)
    }

    @Test(arguments: ["stringequals", "StringEqualsifexists", "ForAnyValue::StringEquals", "forallvalues:StringLike", "IfExists", "StringMatches", ""])
    func unknownOperatorNamesAreRejected(_ name: String) {
        #expect(ConditionOperator(name: name) == nil)
    }
}
