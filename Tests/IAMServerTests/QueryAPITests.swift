import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IAMCore
import NIOCore
@testable import IAMServer
@testable import IAMService
import Testing

@Suite struct QueryAPITests {
    /// `aws:SourceIp` and the audit's `sourceIPAddress`: IPv4 written by hand, as NIO would.
    @Test(arguments: ["127.0.0.1", "0.0.0.0", "10.20.30.40", "255.255.255.255", "192.168.100.9", "1.0.99.100"])
    func clientIPv4AddressesAreWrittenAsNIOWritesThem(_ text: String) throws {
        let address = try SocketAddress(ipAddress: text, port: 443)
        #expect(IAMQueryAPI.ipAddress(of: address) == text)
        #expect(IAMQueryAPI.ipAddress(of: address) == address.ipAddress)
    }

    @Test func clientIPv6AddressesAreNIOs() throws {
        let address = try SocketAddress(ipAddress: "2001:db8::1", port: 443)
        #expect(IAMQueryAPI.ipAddress(of: address) == address.ipAddress)
    }

    @Test func createsAUserWithTagsFromNestedParameters() async throws {
        let service = try await ServerFixtures.service()
        let admin = try await ServerFixtures.user("admin", in: service, policy: ServerFixtures.adminPolicy)
        try await ServerFixtures.withServer(service) { client, _ in
            let (status, body) = try await client.call(admin, [
                ("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "carol"), ("Path", "/eng/"),
                ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "core"),
            ])
            #expect(status == 200)
            #expect(body.contains("<CreateUserResult><User><Path>/eng/</Path><UserName>carol</UserName>"))
            #expect(body.contains("<Tags><member><Key>team</Key><Value>core</Value></member></Tags>"))
            #expect(body.contains("<CreateDate>2025-11-24T16:00:00Z</CreateDate>"))
            let created = try await service.getUser(userName: "carol")
            #expect(created.path == "/eng/")
            #expect(created.tags == [Tag(key: "team", value: "core")])
        }
    }

    @Test func errorsCarryTheModelsStatusAndAWSDocument() async throws {
        let service = try await ServerFixtures.service()
        let admin = try await ServerFixtures.user("admin", in: service, policy: ServerFixtures.adminPolicy)
        try await ServerFixtures.withServer(service) { client, _ in
            let (missing, missingBody) = try await client.call(admin, [("Action", "GetUser"), ("Version", "2010-05-08"), ("UserName", "nobody")])
            #expect(missing == 404)
            #expect(missingBody.contains(
                "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
                    + "<Message>The user with name nobody cannot be found.</Message></Error><RequestId>"))

            let (duplicate, duplicateBody) = try await client.call(admin, [("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "ADMIN")])
            #expect(duplicate == 409)
            #expect(element("Code", in: duplicateBody) == "EntityAlreadyExists")

            let (invalid, invalidBody) = try await client.call(admin, [("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "bad name!")])
            #expect(invalid == 400)
            #expect(element("Code", in: invalidBody) == "ValidationError")
            #expect(element("Message", in: invalidBody)?.hasPrefix("1 validation error detected: Value &apos;bad name!&apos; at &apos;userName&apos;") == true)

            let (unknown, unknownBody) = try await client.call(admin, [("Action", "FlyToTheMoon"), ("Version", "2010-05-08")])
            #expect(unknown == 400)
            #expect(element("Code", in: unknownBody) == "InvalidAction")
            #expect(element("Message", in: unknownBody) == "Could not find operation FlyToTheMoon for version 2010-05-08")

            let (noVersion, noVersionBody) = try await client.call(admin, [("Action", "ListUsers")])
            #expect(noVersion == 400)
            #expect(element("Code", in: noVersionBody) == "MissingParameter")
            let (badVersion, badVersionBody) = try await client.call(admin, [("Action", "ListUsers"), ("Version", "2011-06-15")])
            #expect(badVersion == 400)
            #expect(element("Code", in: badVersionBody) == "InvalidParameterValue")

            let (noAction, noActionBody) = try await client.call(admin, [("Version", "2010-05-08")])
            #expect(noAction == 400)
            #expect(element("Code", in: noActionBody) == "MissingAction")

            let (typed, typedBody) = try await client.call(admin, [("Action", "ListUsers"), ("Version", "2010-05-08"), ("MaxItems", "ten")])
            #expect(typed == 400)
            #expect(element("Code", in: typedBody) == "ValidationError")
        }
    }

    @Test func aUserWithoutPoliciesIsDeniedInAWSWordsAndTheDenialIsAudited() async throws {
        let service = try await ServerFixtures.service()
        let bob = try await ServerFixtures.user("bob", in: service)
        let answeredId = try await ServerFixtures.withServer(service) { client, _ in
            let (status, body) = try await client.call(bob, [("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "mallory")])
            #expect(status == 403)
            #expect(element("Code", in: body) == "AccessDenied")
            #expect(element("Message", in: body) == "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:CreateUser "
                + "on resource: arn:aws:iam::123456789012:user/mallory because no identity-based policy allows the iam:CreateUser action")
            return element("RequestId", in: body)
        }
        let denied = try #require(try await ServerFixtures.auditEvents(service).last)
        // The event carries the RequestId the client was answered with, as CloudTrail's do.
        #expect(answeredId != nil && denied.requestId == answeredId)
        #expect(denied.eventName == "CreateUser")
        #expect(denied.errorCode == "AccessDenied")
        #expect(denied.source == .api)
        #expect(denied.userIdentity.arn == "arn:aws:iam::123456789012:user/bob")
        #expect(denied.userIdentity.accessKeyId == bob.accessKeyId)
        #expect(denied.resources == ["arn:aws:iam::123456789012:user/mallory"])
        await #expect(throws: IAMError.self) { try await service.getUser(userName: "mallory") }
    }

    @Test func anExplicitDenyIsWordedAsSuch() async throws {
        let service = try await ServerFixtures.service()
        let bob = try await ServerFixtures.user("bob", in: service, policy: ServerFixtures.adminPolicy)
        try await service.putUserPolicy(
            userName: "bob", policyName: "no-users",
            policyDocument: #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}"#)
        try await ServerFixtures.withServer(service) { client, _ in
            let (status, body) = try await client.call(bob, [("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "eve")])
            #expect(status == 403)
            #expect(element("Message", in: body)?.hasSuffix("on resource: arn:aws:iam::123456789012:user/eve with an explicit deny in an identity-based policy") == true)
        }
    }

    @Test func joiningAnAdminGroupGrantsAndMutationsAreAuditedWithTheCaller() async throws {
        let service = try await ServerFixtures.service()
        let bob = try await ServerFixtures.user("bob", in: service)
        _ = try await service.createGroup(groupName: "labadmin")
        try await service.attachGroupPolicy(groupName: "labadmin", policyArn: ServerFixtures.adminPolicy)
        let answeredId = try await ServerFixtures.withServer(service) { client, _ in
            let (before, _) = try await client.call(bob, [("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "dave")])
            #expect(before == 403)
            try await service.addUserToGroup(groupName: "labadmin", userName: "bob")
            let (after, body) = try await client.call(bob, [("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "dave")])
            #expect(after == 200)
            return element("RequestId", in: body)
        }
        let created = try #require(try await ServerFixtures.auditEvents(service).last)
        #expect(answeredId != nil && created.requestId == answeredId)
        #expect(created.eventName == "CreateUser")
        #expect(created.errorCode == nil)
        #expect(created.source == .api)
        #expect(created.userIdentity.userName == "bob")
    }

    @Test func conditionsSeeTheRequestContext() async throws {
        let service = try await ServerFixtures.service()
        let bob = try await ServerFixtures.user("bob", in: service)
        try await service.putUserPolicy(
            userName: "bob", policyName: "region-bound",
            policyDocument: #"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::*:user/${aws:username}",
                "Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"},"Bool":{"aws:SecureTransport":"false","aws:MultiFactorAuthPresent":"false"}}}]}
                """#)
        try await ServerFixtures.withServer(service) { client, _ in
            let (allowed, _) = try await client.call(bob, [("Action", "GetUser"), ("Version", "2010-05-08")])
            #expect(allowed == 200)
            let elsewhere = bob.for(region: "eu-west-1")
            let (denied, _) = try await client.call(elsewhere, [("Action", "GetUser"), ("Version", "2010-05-08")])
            #expect(denied == 403)
        }
    }

    @Test func unexpectedErrorsAreAGenericServiceFailure() async throws {
        let service = try await ServerFixtures.service()
        let api = IAMQueryAPI(service: service, options: .init(labMode: true, resetLab: { _ in throw CancellationError() }))
        try await ServerFixtures.application(api).test(.router) { client in
            let response = try await client.execute(uri: "/moto-api/reset", method: .post)
            #expect(response.status == .internalServerError)
            let body = String(buffer: response.body)
            #expect(element("Code", in: body) == "ServiceFailure")
            #expect(element("Type", in: body) == "Receiver")
            #expect(!body.contains("CancellationError"))
        }
    }
}

@Suite struct LabModeTests {
    @Test func anySignatureIsTheRootUserAndARealKeyItsOwner() async throws {
        let service = try await ServerFixtures.service()
        let bob = try await ServerFixtures.user("bob", in: service)
        try await ServerFixtures.withServer(service, options: .init(labMode: true)) { client, _ in
            let anyone = Signer(accessKeyId: "AKIAANYTHINGATALL000", secret: "whatever")
            let (status, body) = try await client.call(anyone, [("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "lab1")])
            #expect(status == 200)
            #expect(element("UserName", in: body) == "lab1")

            let unsigned = try await client.execute(uri: "/?Action=GetCallerIdentity&Version=2011-06-15", method: .get)
            #expect(unsigned.status == .ok)
            #expect(element("Arn", in: String(buffer: unsigned.body)) == "arn:aws:iam::123456789012:root")

            let wrongSecret = Signer(accessKeyId: bob.accessKeyId, secret: "not-bobs")
            let (denied, deniedBody) = try await client.call(wrongSecret, [("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "lab2")])
            #expect(denied == 403)
            #expect(element("Message", in: deniedBody)?.hasPrefix("User: arn:aws:iam::123456789012:user/bob ") == true)
        }
    }

    @Test func resetEmptiesTheAccount() async throws {
        let service = try await ServerFixtures.service()
        _ = try await ServerFixtures.user("bob", in: service, policy: ServerFixtures.adminPolicy)
        _ = try await service.createGroup(groupName: "labadmin")
        try await service.addUserToGroup(groupName: "labadmin", userName: "bob")
        try await ServerFixtures.withServer(service, options: .init(labMode: true)) { client, _ in
            let response = try await client.execute(uri: "/moto-api/reset", method: .post)
            #expect(response.status == .ok)
        }
        #expect(try await service.listUsers().items.isEmpty)
        #expect(try await service.listGroups().items.isEmpty)
        #expect(service.account.id == "123456789012")
    }

    @Test func theResetEndpointDoesNotExistOutsideLabMode() async throws {
        let service = try await ServerFixtures.service()
        try await ServerFixtures.withServer(service) { client, _ in
            let response = try await client.execute(uri: "/moto-api/reset", method: .post)
            #expect(response.status == .notFound)
        }
    }
}

extension ServerFixtures {
    /// Every audit event written so far, oldest first.
    static func auditEvents(_ service: IAMService) async throws -> [AuditEvent] {
        try await service.store.read { tx in try tx.auditEvents(matching: AuditEventFilter(), page: .all).items.map(\.event) }
    }
}
