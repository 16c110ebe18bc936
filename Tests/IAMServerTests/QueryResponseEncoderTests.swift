import IAMCore
@testable import IAMServer
import Testing

@Suite struct QueryResponseEncoderTests {
    private func response(_ operation: String, _ output: JSONValue) throws -> String {
        QueryResponseEncoder.response(for: try #require(IAMModel.operation(named: operation)), output: output, requestId: "req-1")
    }

    private static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    @Test func writesAStructureInModelOrderWithISOTimestampsAndTags() throws {
        let xml = try response("GetUser", .object([
            "User": .object([
                "UserName": "bob", "Path": "/", "Arn": "arn:aws:iam::123456789012:user/bob", "UserId": "AIDAEXAMPLE",
                "CreateDate": "2026-11-29T11:50:07+00:00",
                "Tags": .array([.object(["Key": "team", "Value": "a&b<c>"])]),
            ])
        ]))
        #expect(xml == Self.declaration + """
            <GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetUserResult><User>\
            <Path>/</Path><UserName>bob</UserName><UserId>AIDAEXAMPLE</UserId><Arn>arn:aws:iam::123456789012:user/bob</Arn>\
            <CreateDate>2026-11-29T11:50:07Z</CreateDate><Tags><member><Key>team</Key><Value>a&amp;b&lt;c&gt;</Value></member></Tags>\
            </User></GetUserResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetUserResponse>

            """)
    }

    @Test func writesListsAsMembersAndBooleans() throws {
        let xml = try response("ListGroups", .object([
            "Groups": .array([
                .object(["GroupName": "a", "Path": "/", "GroupId": "AGPA1", "Arn": "arn:a", "CreateDate": "2026-01-01T00:00:00+00:00"]),
                .object(["GroupName": "b", "Path": "/", "GroupId": "AGPA2", "Arn": "arn:b", "CreateDate": "2026-01-01T00:00:00+00:00"]),
            ]),
            "IsTruncated": false,
        ]))
        #expect(xml.contains("<ListGroupsResult><Groups><member><Path>/</Path><GroupName>a</GroupName>"))
        #expect(xml.contains("</member><member><Path>/</Path><GroupName>b</GroupName>"))
        #expect(xml.contains("</Groups><IsTruncated>false</IsTruncated></ListGroupsResult>"))
    }

    @Test func writesMapsAsEntries() throws {
        let xml = try response("GetAccountSummary", .object(["SummaryMap": .object([("Users", 3), ("UsersQuota", 5000)])]))
        #expect(xml.contains(
            "<SummaryMap><entry><key>Users</key><value>3</value></entry><entry><key>UsersQuota</key><value>5000</value></entry></SummaryMap>"))
    }

    @Test func percentEncodesPolicyDocumentsAsIAMDoes() throws {
        let xml = try response("GetUserPolicy", .object([
            "UserName": "bob", "PolicyName": "p", "PolicyDocument": #"{"Version": "2012-10-17"}"#,
        ]))
        #expect(xml.contains("<PolicyDocument>%7B%22Version%22%3A%20%222012-10-17%22%7D</PolicyDocument>"))
    }

    @Test func anOperationWithoutOutputHasOnlyMetadata() throws {
        #expect(try response("DeleteUser", .object([])) == Self.declaration + """
            <DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>req-1</RequestId>\
            </ResponseMetadata></DeleteUserResponse>

            """)
    }

    @Test func stsResponsesUseTheSTSNamespace() throws {
        let xml = try response("GetCallerIdentity", .object(["UserId": "123456789012", "Account": "123456789012", "Arn": "arn:aws:iam::123456789012:root"]))
        #expect(xml.hasPrefix(Self.declaration + #"<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><UserId>"#))
    }

    @Test func leavesOutMembersTheModelDoesNotKnowAndNulls() throws {
        let xml = try response("GetUser", .object(["User": .object(["UserName": "bob", "Secret": "x", "Path": .null])]))
        #expect(xml.contains("<User><UserName>bob</UserName></User>"))
    }

    @Test func errorDocumentsAreEscapedAndTyped() {
        let xml = QueryResponseEncoder.errorResponse(
            code: "NoSuchEntity", message: "The user with name <b> cannot be found.", senderFault: true, requestId: "r",
            service: .iam)
        #expect(xml == Self.declaration + """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>\
            <Message>The user with name &lt;b&gt; cannot be found.</Message></Error><RequestId>r</RequestId></ErrorResponse>

            """)
    }
}
