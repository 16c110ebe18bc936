import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IAMCore
@testable import IAMServer
@testable import IAMService
import IAMStoreSQLite
import Testing

@Suite struct AuthenticationTests {
    /// The IAM ListUsers request of the AWS General Reference's SigV4 walkthrough, sent verbatim
    /// with its documented signature, to a key holding the documented example secret.
    @Test func acceptsTheAWSDocumentationListUsersExample() async throws {
        let signingTime = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
        let service = try await ServerFixtures.service(clock: .fixed(signingTime))
        let keyId = "AKIAIOSFODNN7EXAMPLE"
        let sealed = try service.sealer.seal(Data("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".utf8), context: keyId)
        try await service.store.write { tx in
            try tx.insert(AccessKey(id: keyId, accountId: ServerFixtures.accountId, owner: .root, createdAt: signingTime), sealedSecret: sealed)
        }
        try await ServerFixtures.withServer(service) { client, _ in
            var headers = HTTPFields()
            headers[HTTPField.Name("Host")!] = "iam.amazonaws.com"
            headers[.contentType] = "application/x-www-form-urlencoded; charset=utf-8"
            headers[HTTPField.Name("X-Amz-Date")!] = "20150830T123600Z"
            headers[.authorization] = "AWS4-HMAC-SHA256 Credential=\(keyId)/20150830/us-east-1/iam/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
            let response = try await client.execute(uri: "/?Action=ListUsers&Version=2010-05-08", method: .get, headers: headers)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListUsersResult><Users"))

            headers[.authorization] = headers[.authorization]!.replacingOccurrences(of: "5d672d79", with: "5d672d7a")
            let tampered = try await client.execute(uri: "/?Action=ListUsers&Version=2010-05-08", method: .get, headers: headers)
            #expect(tampered.status == .forbidden)
            #expect(element("Code", in: String(buffer: tampered.body)) == "SignatureDoesNotMatch")
        }
    }

    @Test func aSignedPostRunsAsTheSigner() async throws {
        let service = try await ServerFixtures.service()
        let bob = try await ServerFixtures.user("bob", in: service, policy: ServerFixtures.adminPolicy)
        try await ServerFixtures.withServer(service) { client, _ in
            let (status, body) = try await client.call(bob, [("Action", "GetUser"), ("Version", "2010-05-08")])
            #expect(status == 200)
            #expect(element("UserName", in: body) == "bob")
            #expect(element("RequestId", in: body)?.count == 36)
        }
    }

    @Test func aPresignedGetURLWorksUntilItExpires() async throws {
        let service = try await ServerFixtures.service()
        let bob = try await ServerFixtures.user("bob", in: service, policy: ServerFixtures.adminPolicy)
        try await ServerFixtures.withServer(service) { client, _ in
            let uri = bob.presignedURI([("Action", "GetUser"), ("Version", "2010-05-08")])
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .ok)
            #expect(element("UserName", in: String(buffer: response.body)) == "bob")

            let stale = bob.presignedURI([("Action", "GetUser"), ("Version", "2010-05-08")], at: ServerFixtures.now - 600, expires: 300)
            let expired = try await client.execute(uri: stale, method: .get)
            #expect(expired.status == .badRequest)
            #expect(element("Code", in: String(buffer: expired.body)) == "RequestExpired")

            let altered = uri.replacingOccurrences(of: "GetUser", with: "ListUsers")
            let tampered = try await client.execute(uri: altered, method: .get)
            #expect(element("Code", in: String(buffer: tampered.body)) == "SignatureDoesNotMatch")
        }
    }

    @Test func refusesARequestMoreThanFifteenMinutesOff() async throws {
        let service = try await ServerFixtures.service()
        let bob = try await ServerFixtures.user("bob", in: service, policy: ServerFixtures.adminPolicy)
        try await ServerFixtures.withServer(service) { client, _ in
            let (late, body) = try await client.call(bob, [("Action", "GetUser"), ("Version", "2010-05-08")], at: ServerFixtures.now - 16 * 60)
            #expect(late == 403)
            #expect(element("Code", in: body) == "RequestTimeTooSkewed")
            let (early, _) = try await client.call(bob, [("Action", "GetUser"), ("Version", "2010-05-08")], at: ServerFixtures.now + 16 * 60)
            #expect(early == 403)
            let (within, _) = try await client.call(bob, [("Action", "GetUser"), ("Version", "2010-05-08")], at: ServerFixtures.now - 14 * 60)
            #expect(within == 200)
        }
    }

    @Test func refusesUnknownKeysBadSignaturesAndInactiveKeys() async throws {
        let service = try await ServerFixtures.service()
        let bob = try await ServerFixtures.user("bob", in: service)
        try await ServerFixtures.withServer(service) { client, _ in
            let stranger = Signer(accessKeyId: "AKIAZZZZZZZZZZZZZZZZ", secret: bob.secret)
            let (unknown, unknownBody) = try await client.call(stranger, [("Action", "GetUser"), ("Version", "2010-05-08")])
            #expect(unknown == 403)
            #expect(element("Code", in: unknownBody) == "InvalidClientTokenId")
            #expect(element("Message", in: unknownBody) == "The security token included in the request is invalid.")

            let forger = Signer(accessKeyId: bob.accessKeyId, secret: String(bob.secret.reversed()))
            let (forged, forgedBody) = try await client.call(forger, [("Action", "GetUser"), ("Version", "2010-05-08")])
            #expect(forged == 403)
            #expect(element("Code", in: forgedBody) == "SignatureDoesNotMatch")
            #expect(!forgedBody.contains(bob.secret))

            try await service.updateAccessKey(accessKeyId: bob.accessKeyId, status: "Inactive", userName: "bob")
            let (inactive, inactiveBody) = try await client.call(bob, [("Action", "GetUser"), ("Version", "2010-05-08")])
            #expect(inactive == 403)
            #expect(element("Code", in: inactiveBody) == "InvalidClientTokenId")
        }
    }

    /// Lookups are answered from memory while nothing is committed; a commit by another process
    /// on the same file (here another store, as `iamctl` would be) is seen by the next request.
    @Test func aKeyDeactivatedByAnotherProcessIsRefusedAtOnce() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iamstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("iam.sqlite").path
        let masterKey = MasterKey.generate()
        let service = try await IAMService.createAccount(
            in: try SQLiteAccountStore.open(at: path), accountId: ServerFixtures.accountId, rootEmail: "root@example.com",
            rootPassword: nil, masterKey: masterKey, source: .library, clock: .fixed(ServerFixtures.now), random: .seeded(1),
            passwordHasher: ServerFixtures.fastHasher)
        let bob = try await ServerFixtures.user("bob", in: service, policy: ServerFixtures.adminPolicy)
        try await ServerFixtures.withServer(service) { client, _ in
            for _ in 0..<2 {
                let (status, body) = try await client.call(bob, [("Action", "GetUser"), ("Version", "2010-05-08")])
                #expect(status == 200)
                #expect(element("UserName", in: body) == "bob")
            }
            let other = try await IAMService(
                store: try SQLiteAccountStore.open(at: path), masterKey: masterKey, clock: .fixed(ServerFixtures.now))
            try await other.updateAccessKey(accessKeyId: bob.accessKeyId, status: "Inactive", userName: "bob")
            let (inactive, inactiveBody) = try await client.call(bob, [("Action", "GetUser"), ("Version", "2010-05-08")])
            #expect(inactive == 403)
            #expect(element("Code", in: inactiveBody) == "InvalidClientTokenId")
        }
    }

    @Test func anUnsignedRequestIsMissingItsToken() async throws {
        let service = try await ServerFixtures.service()
        try await ServerFixtures.withServer(service) { client, _ in
            let response = try await client.execute(uri: "/?Action=ListUsers&Version=2010-05-08", method: .get)
            #expect(response.status == .forbidden)
            #expect(element("Code", in: String(buffer: response.body)) == "MissingAuthenticationToken")
            var headers = HTTPFields()
            headers[.authorization] = "AWS4-HMAC-SHA256 Credential=AKIA/20251124/us-east-1/iam/aws4_request"
            let incomplete = try await client.execute(uri: "/?Action=ListUsers&Version=2010-05-08", method: .get, headers: headers)
            #expect(incomplete.status == .badRequest)
            #expect(element("Code", in: String(buffer: incomplete.body)) == "IncompleteSignature")
        }
    }

    @Test func keyLastUseIsWrittenOnceAndThenCoalesced() async throws {
        let service = try await ServerFixtures.service()
        let bob = try await ServerFixtures.user("bob", in: service, policy: ServerFixtures.adminPolicy)
        try await ServerFixtures.withServer(service) { client, api in
            for _ in 0..<3 {
                let (status, _) = try await client.call(bob, [("Action", "GetUser"), ("Version", "2010-05-08")])
                #expect(status == 200)
            }
            let used = try await service.getAccessKeyLastUsed(accessKeyId: bob.accessKeyId)
            #expect(used.lastUsedDate == ServerFixtures.now)
            #expect(used.serviceName == "iam")
            #expect(used.region == "us-east-1")
            #expect(api.usage.pendingCount == 1)
            await api.flushKeyUsage()
            #expect(api.usage.pendingCount == 0)
        }
    }

    @Test func stsScopeSelectsTheSTSModelAndNamespace() async throws {
        let service = try await ServerFixtures.service()
        let bob = try await ServerFixtures.user("bob", in: service).for(service: "sts")
        try await ServerFixtures.withServer(service) { client, _ in
            let (status, body) = try await client.call(bob, [("Action", "GetCallerIdentity"), ("Version", "2011-06-15")])
            #expect(status == 200)
            #expect(body.contains("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"))
            #expect(element("Arn", in: body) == "arn:aws:iam::123456789012:user/bob")
            let (iamAction, iamBody) = try await client.call(bob, [("Action", "GetUser"), ("Version", "2011-06-15")])
            #expect(iamAction == 400)
            #expect(element("Code", in: iamBody) == "InvalidAction")
            #expect(iamBody.contains("xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\""))
        }
    }
}
