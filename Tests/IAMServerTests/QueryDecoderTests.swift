import IAMCore
@testable import IAMServer
import Testing

@Suite struct QueryDecoderTests {
    private func input(_ operation: String, _ parameters: [(String, String)]) throws -> JSONValue {
        let model = try #require(IAMModel.operation(named: operation))
        return QueryDecoder(parameters: parameters.map { (name: $0.0, value: $0.1) }).input(for: model)
    }

    @Test func decodesTopLevelMembersAndTagListsInModelOrder() throws {
        let decoded = try input("CreateUser", [
            ("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "bob"),
            ("Tags.member.2.Value", "ops"), ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "core"),
            ("Tags.member.2.Key", "cost-center"), ("Path", "/eng/"), ("Unknown", "ignored"),
        ])
        #expect(decoded.text() == #"{"Path":"/eng/","UserName":"bob","Tags":[{"Key":"team","Value":"core"},{"Key":"cost-center","Value":"ops"}]}"#)
    }

    @Test func decodesListsOfStringsAndListsInsideListElements() throws {
        let decoded = try input("SimulatePrincipalPolicy", [
            ("PolicySourceArn", "arn:aws:iam::123456789012:user/bob"),
            ("ActionNames.member.1", "iam:GetUser"), ("ActionNames.member.2", "iam:CreateUser"),
            ("ContextEntries.member.1.ContextKeyName", "aws:SourceIp"),
            ("ContextEntries.member.1.ContextKeyType", "ipList"),
            ("ContextEntries.member.1.ContextKeyValues.member.1", "10.0.0.1"),
            ("ContextEntries.member.1.ContextKeyValues.member.2", "10.0.0.2"),
            ("MaxItems", "5"),
        ])
        #expect(decoded["ActionNames"] == .array(["iam:GetUser", "iam:CreateUser"]))
        #expect(decoded["ContextEntries"] == .array([
            .object([
                ("ContextKeyName", "aws:SourceIp"), ("ContextKeyValues", .array(["10.0.0.1", "10.0.0.2"])),
                ("ContextKeyType", "ipList"),
            ])
        ]))
        #expect(decoded["MaxItems"] == .integer(5))
    }

    @Test func stopsAListAtTheFirstMissingIndex() throws {
        let decoded = try input("SimulatePrincipalPolicy", [
            ("ActionNames.member.1", "iam:GetUser"), ("ActionNames.member.3", "iam:CreateUser"),
        ])
        #expect(decoded["ActionNames"] == .array(["iam:GetUser"]))
    }

    @Test func anEmptyValueIsAnEmptyList() throws {
        let decoded = try input("SimulatePrincipalPolicy", [("ActionNames", "")])
        #expect(decoded["ActionNames"] == .array([]))
    }

    @Test func typesScalarsByShapeAndLeavesUnparsableTextForTheValidator() throws {
        let typed = try input("CreatePolicyVersion", [("PolicyArn", "arn"), ("PolicyDocument", "{}"), ("SetAsDefault", "true")])
        #expect(typed["SetAsDefault"] == .bool(true))
        let untyped = try input("ListUsers", [("MaxItems", "ten")])
        #expect(untyped["MaxItems"] == .string("ten"))
    }

    @Test func anOperationWithoutInputDecodesToAnEmptyObject() throws {
        #expect(try input("GetCallerIdentity", [("Action", "GetCallerIdentity")]) == .object([]))
    }

    @Test func formBodiesDecodePlusAsSpaceAndPercentEscapes() {
        let pairs = FormBody.parameters(Array("Action=PutUserPolicy&PolicyDocument=%7B%22a%22%3A+1%7D&Empty=&Flag".utf8))
        #expect(pairs.map(\.name) == ["Action", "PolicyDocument", "Empty", "Flag"])
        #expect(pairs.map(\.value) == ["PutUserPolicy", #"{"a": 1}"#, "", ""])
    }
}
