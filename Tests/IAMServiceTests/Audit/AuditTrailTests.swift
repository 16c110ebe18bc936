import Foundation
import IAMCore
import IAMService
import Testing

/// The audit trail as auditors read it: CloudTrail records, filters, the chain, read auditing.
@Suite struct AuditTrailTests {
    static let userArn = "arn:aws:iam::123456789012:user/testuser1"

    @Test func eventsAreCloudTrailRecordsWithIdentityParametersAndResources() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "testuser1")
        let key = try await service.createAccessKey(userName: "testuser1")
        let records = try await service.auditEvents(filter: AuditEventFilter(eventName: "createaccesskey")).items
        let record = try #require(records.first)
        #expect(records.count == 1)
        let json = record.cloudTrailJSON
        guard case .object(let members) = json else { Issue.record("not an object"); return }
        #expect(
            members.map(\.0) == [
                "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "requestParameters",
                "responseElements", "requestID", "eventID", "readOnly", "resources", "eventType", "managementEvent",
                "recipientAccountId", "eventCategory",
            ])
        #expect(json["eventTime"] == "2025-11-24T16:00:00Z")
        #expect(json["eventSource"] == "iam.amazonaws.com" && json["awsRegion"] == "us-east-1")
        #expect(json["eventType"] == "AwsApiCall" && json["readOnly"] == .bool(false))
        #expect(
            json["userIdentity"]
                == .object([
                    "type": "Root", "principalId": "123456789012", "arn": "arn:aws:iam::123456789012:root",
                    "accountId": "123456789012",
                ]))
        #expect(json["requestParameters"] == .object(["UserName": "testuser1"]))
        #expect(json["responseElements"]?["AccessKey"]?["AccessKeyId"] == .string(key.accessKey.id))
        #expect(json["responseElements"]?["AccessKey"]?["SecretAccessKey"] == nil)
        #expect(
            json["resources"]
                == .array([.object(["ARN": .string(Self.userArn), "accountId": "123456789012", "type": "AWS::IAM::User"])]))
        #expect(json["eventID"] == .string(record.event.eventId) && json["requestID"] == .string(record.event.requestId))
        #expect(!json.text().contains(key.secretAccessKey.reveal()))
        #expect(record.actor == "root" && record.resourceSummary == "user/testuser1" && record.result == "Success")
    }

    @Test func failuresCarryErrorCodeAndMessageAndAreListedByErrorsOnly() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "testuser1")
        await #expect(throws: IAMError.self) { try await service.createUser(userName: "TESTUSER1") }
        _ = try await service.authenticatePassword(accountIDOrAlias: "123456789012", userName: "nobody", password: "Wrong-1")
        let errors = try await service.auditEvents(filter: AuditEventFilter(errorsOnly: true)).items
        #expect(errors.map(\.event.eventName) == ["CreateUser", "ConsoleLogin"])
        let failed = errors[0].cloudTrailJSON
        #expect(failed["errorCode"] == "EntityAlreadyExists")
        #expect(failed["errorMessage"] == "User with name TESTUSER1 already exists.")
        #expect(failed["responseElements"] == .null)
        #expect(errors[1].result == "Failure: Failed authentication")
        #expect(errors[1].cloudTrailJSON["eventSource"] == "signin.amazonaws.com")
        #expect(errors[1].cloudTrailJSON["userIdentity"]?["userName"] == .string(IAMService.hiddenUserName))
        #expect(errors.allSatisfy { !$0.succeeded })
    }

    @Test func aFailedChangeKeepsTheResourcesItHadFound() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "testuser1")
        _ = try await service.createGroup(groupName: "labadmin")
        try await service.addUserToGroup(groupName: "labadmin", userName: "testuser1")
        await #expect(throws: IAMError.self) { try await service.deleteGroup(groupName: "labadmin") }
        await #expect(throws: IAMError.self) { try await service.deleteGroup(groupName: "nogroup") }
        let failures = try await service.auditEvents(filter: AuditEventFilter(errorsOnly: true)).items.map(\.event)
        #expect(failures.map(\.errorCode) == ["DeleteConflict", "NoSuchEntity"])
        #expect(failures.map(\.resources) == [["arn:aws:iam::123456789012:group/labadmin"], []])
        let byName = try await service.auditEvents(filter: AuditEventFilter(resource: "labadmin")).items
        #expect(byName.map(\.event.eventName) == ["CreateGroup", "AddUserToGroup", "DeleteGroup"])
    }

    @Test func filtersSelectByTimeNameActorResourceAndReadOnly() async throws {
        let start = ServiceFixtures.now
        let base = try await ServiceFixtures.service(clock: .fixed(start))
        let later = try await IAMService(
            store: base.store, masterKey: .generate(), clock: .fixed(start.addingTimeInterval(3600)),
            passwordHasher: ServiceFixtures.fastHasher)
        _ = try await base.createUser(userName: "testuser1")
        _ = try await later.createGroup(groupName: "labadmin")
        try await later.addUserToGroup(groupName: "labadmin", userName: "testuser1")
        let alice = try await base.createUser(userName: "alice")
        let asAlice = later.acting(as: try await later.principal(forUserNamed: alice.userName!))
        _ = try await asAlice.createGroup(groupName: "alicegroup")

        func names(_ filter: AuditEventFilter) async throws -> [String] {
            try await base.auditEvents(filter: filter).items.map(\.event.eventName)
        }
        #expect(try await names(AuditEventFilter(since: start.addingTimeInterval(60))) == ["CreateGroup", "AddUserToGroup", "CreateGroup"])
        #expect(try await names(AuditEventFilter(until: start)) == ["CreateAccount", "CreateUser", "CreateUser"])
        #expect(try await names(AuditEventFilter(resource: "testuser1")) == ["CreateUser", "AddUserToGroup"])
        #expect(try await names(AuditEventFilter(resource: Self.userArn)) == ["CreateUser", "AddUserToGroup"])
        #expect(try await names(AuditEventFilter(userName: "ALICE")) == ["CreateGroup"])
        #expect(try await names(AuditEventFilter(readOnly: true)) == [])
        #expect(try await names(AuditEventFilter(readOnly: false)).count == 6)
    }

    @Test func pagesFollowMarkersAndRejectBadPageSizes() async throws {
        let service = try await ServiceFixtures.service()
        for name in ["a", "b", "c", "d"] { _ = try await service.createGroup(groupName: name) }
        let first = try await service.auditEvents(page: PageRequest(maxItems: 3))
        #expect(first.items.count == 3 && first.isTruncated)
        let rest = try await service.auditEvents(page: PageRequest(marker: first.nextMarker, maxItems: 3))
        #expect(rest.items.count == 2 && !rest.isTruncated)
        #expect(Set((first.items + rest.items).map(\.event.eventId)).count == 5)
        let error = await #expect(throws: IAMError.self) { try await service.auditEvents(page: PageRequest(maxItems: 0)) }
        #expect(error?.code == .validationError)
        let marker = await #expect(throws: IAMError.self) {
            try await service.auditEvents(page: PageRequest(marker: "not-a-marker"))
        }
        #expect(marker?.code == .invalidInput)
    }

    @Test func readsAreAuditedOnlyWhileReadAuditingIsOn() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "testuser1")
        #expect(try await service.isReadAuditingEnabled() == false)
        _ = try await service.listUsers()
        _ = try await service.getUser(userName: "testuser1")
        #expect(try await service.auditEvents(filter: AuditEventFilter(readOnly: true)).items.isEmpty)

        try await service.setReadAuditing(true)
        #expect(try await service.isReadAuditingEnabled())
        _ = try await service.listUsers()
        _ = try await service.getUser(userName: "testuser1")
        await #expect(throws: IAMError.self) { try await service.getUser(userName: "nobody") }
        try await service.setReadAuditing(false)
        _ = try await service.listUsers()

        let reads = try await service.auditEvents(filter: AuditEventFilter(readOnly: true)).items
        #expect(reads.map(\.event.eventName) == ["ListUsers", "GetUser", "GetUser"])
        #expect(reads.map(\.event.errorCode) == [nil, nil, "NoSuchEntity"])
        #expect(reads.allSatisfy { $0.cloudTrailJSON["readOnly"] == .bool(true) })
        let switches = try await service.auditEvents(filter: AuditEventFilter(eventName: "UpdateAuditConfiguration")).items
        #expect(switches.map { $0.cloudTrailJSON["requestParameters"] } == [.object(["ReadEvents": true]), .object(["ReadEvents": false])])
    }

    @Test func verifyReportsTheWholeChain() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "testuser1")
        _ = try await service.createGroup(groupName: "labadmin")
        #expect(try await service.verifyAuditChain() == .intact(eventCount: 3))
    }
}
