import Foundation
import GRDB
import IAMCore
import Testing
@testable import IAMStoreSQLite

@Suite struct SQLiteAccountStoreTests {
    @Test func userRoundTripsAndIsFoundByNameWhateverItsCase() async throws {
        let store = try Fixtures.store()
        let user = Fixtures.user("TestUser1", path: "/lab/")
        try await store.write { tx in try tx.insert(user) }
        let found = try await store.read { tx in try tx.user(named: "testuser1", accountId: Fixtures.accountId) }
        #expect(found == user)
        #expect(found?.arn(in: Fixtures.account) == "arn:aws:iam::123456789012:user/lab/TestUser1")
    }

    @Test func secondUserWithTheSameNameInAnotherCaseIsEntityAlreadyExists() async throws {
        let store = try Fixtures.store()
        try await store.write { tx in try tx.insert(Fixtures.user("testuser1")) }
        await #expect(throws: IAMError.userAlreadyExists(named: "TESTUSER1")) {
            try await store.write { tx in try tx.insert(Fixtures.user("TESTUSER1", id: "AIDAZZZZZZZZZZZZZZZZZ")) }
        }
    }

    @Test func renameKeepsTheUniqueIDAndRefusesATakenName() async throws {
        let store = try Fixtures.store()
        var alice = Fixtures.user("alice")
        try await store.write { [alice] tx in
            try tx.insert(alice)
            try tx.insert(Fixtures.user("bob"))
        }
        alice.name = "carol"
        try await store.write { [alice] tx in try tx.update(alice) }
        let aliceID = alice.id
        #expect(try await store.read { tx in try tx.user(id: aliceID)?.name } == "carol")
        alice.name = "BOB"
        let renamed = alice
        await #expect(throws: IAMError.userAlreadyExists(named: "BOB")) {
            try await store.write { tx in try tx.update(renamed) }
        }
    }

    @Test func usersListInNameOrderAcrossPagesWithAStableMarker() async throws {
        let store = try Fixtures.store()
        let names = ["delta", "Alpha", "charlie", "bravo", "echo"]
        try await store.write { tx in for name in names { try tx.insert(Fixtures.user(name)) } }
        let first = try await store.read { tx throws in
            try tx.users(accountId: Fixtures.accountId, pathPrefix: nil, page: PageRequest(maxItems: 2))
        }
        #expect(first.items.map(\.name) == ["Alpha", "bravo"])
        #expect(first.isTruncated)
        // A user inserted before the marker does not shift the next page.
        try await store.write { tx in try tx.insert(Fixtures.user("aardvark")) }
        let second = try await store.read { tx throws in
            try tx.users(accountId: Fixtures.accountId, pathPrefix: nil, page: PageRequest(marker: first.nextMarker, maxItems: 2))
        }
        #expect(second.items.map(\.name) == ["charlie", "delta"])
        let third = try await store.read { tx throws in
            try tx.users(accountId: Fixtures.accountId, pathPrefix: nil, page: PageRequest(marker: second.nextMarker, maxItems: 2))
        }
        #expect(third.items.map(\.name) == ["echo"])
        #expect(!third.isTruncated)
    }

    @Test func pathPrefixFiltersUsersCaseSensitively() async throws {
        let store = try Fixtures.store()
        try await store.write { tx throws in
            try tx.insert(Fixtures.user("a", path: "/lab/"))
            try tx.insert(Fixtures.user("b", path: "/lab/team/"))
            try tx.insert(Fixtures.user("c", path: "/Lab/"))
            try tx.insert(Fixtures.user("d"))
        }
        let page = try await store.read { tx throws in
            try tx.users(accountId: Fixtures.accountId, pathPrefix: "/lab/", page: .all)
        }
        #expect(page.items.map(\.name) == ["a", "b"])
    }

    @Test func malformedMarkerIsInvalidInput() async throws {
        let store = try Fixtures.store()
        await #expect(throws: IAMError(.invalidInput, "Invalid Marker.")) {
            try await store.read { tx throws in
                try tx.users(accountId: Fixtures.accountId, pathPrefix: nil, page: PageRequest(marker: "%%%", maxItems: 10))
            }
        }
    }

    @Test func userTagKeysAreCaseInsensitiveAndTheLatestCaseWins() async throws {
        let store = try Fixtures.store()
        let user = Fixtures.user("bob")
        try await store.write { tx throws in
            try tx.insert(user)
            try tx.setTags([Tag(key: "Department", value: "eng"), Tag(key: "site", value: "norfolk")], userId: user.id)
            try tx.setTags([Tag(key: "department", value: "ops")], userId: user.id)
        }
        #expect(try await store.read { tx in try tx.tags(userId: user.id) } == [
            Tag(key: "department", value: "ops"), Tag(key: "site", value: "norfolk"),
        ])
        try await store.write { tx in try tx.removeTags(keys: ["SITE"], userId: user.id) }
        #expect(try await store.read { tx in try tx.tags(userId: user.id) }.map(\.key) == ["department"])
    }

    @Test func policyTagKeysAreCaseSensitive() async throws {
        let store = try Fixtures.store()
        let policy = ManagedPolicy(
            id: "ANPAAAAAAAAAAAAAAAAAA", accountId: Fixtures.accountId, name: "p", createdAt: Fixtures.date,
            updatedAt: Fixtures.date)
        try await store.write { tx throws in
            try tx.insert(policy)
            try tx.setTags([Tag(key: "Team", value: "a"), Tag(key: "team", value: "b")], policyId: policy.id)
        }
        #expect(try await store.read { tx in try tx.tags(policyId: policy.id) }.count == 2)
    }

    @Test func membershipIsIdempotentAndListsBothWays() async throws {
        let store = try Fixtures.store()
        let user = Fixtures.user("testuser1")
        let group = Fixtures.group("labadmin")
        try await store.write { tx throws in
            try tx.insert(user)
            try tx.insert(group)
            try tx.addMember(userId: user.id, groupId: group.id, accountId: Fixtures.accountId, at: Fixtures.date)
            try tx.addMember(userId: user.id, groupId: group.id, accountId: Fixtures.accountId, at: Fixtures.date)
        }
        try await store.read { tx throws in
            #expect(try tx.members(ofGroupId: group.id, page: .all).items == [user])
            #expect(try tx.groups(forUserId: user.id, page: .all).items == [group])
            #expect(try tx.isMember(userId: user.id, groupId: group.id))
        }
        await #expect(throws: IAMError.deleteConflict(mustFirst: "remove users from group")) {
            try await store.write { tx in try tx.deleteGroup(id: group.id) }
        }
        try await store.write { tx throws in
            try tx.removeMember(userId: user.id, groupId: group.id)
            try tx.deleteGroup(id: group.id)
        }
        #expect(try await store.read { tx in try tx.group(id: group.id) } == nil)
    }

    @Test func thirdAccessKeyThroughTheStoreIsLimitExceededWithAWSMessage() async throws {
        let store = try Fixtures.store()
        let user = Fixtures.user("bob")
        try await store.write { tx throws in
            try tx.insert(user)
            try tx.insert(Fixtures.accessKey("AKIAAAAAAAAAAAAAAAA1", owner: .user(id: user.id)), sealedSecret: Fixtures.sealed)
            try tx.insert(Fixtures.accessKey("AKIAAAAAAAAAAAAAAAA2", owner: .user(id: user.id)), sealedSecret: Fixtures.sealed)
        }
        await #expect(throws: IAMError.quotaExceeded("AccessKeysPerUser", 2)) {
            try await store.write { tx throws in
                try tx.insert(Fixtures.accessKey("AKIAAAAAAAAAAAAAAAA3", owner: .user(id: user.id)), sealedSecret: Fixtures.sealed)
            }
        }
    }

    @Test func accessKeysReadBackWithoutSecretsAndTheSealedSecretOnlyOnRequest() async throws {
        let store = try Fixtures.store()
        var key = Fixtures.accessKey("AKIAAAAAAAAAAAAAAAA1", owner: .root)
        try await store.write { [key] tx in try tx.insert(key, sealedSecret: Fixtures.sealed) }
        key.status = .inactive
        key.lastUsedAt = Fixtures.date
        key.lastUsedService = "iam"
        key.lastUsedRegion = "us-east-1"
        try await store.write { [key] tx in try tx.update(key) }
        try await store.read { [key] tx throws in
            #expect(try tx.accessKeys(accountId: Fixtures.accountId, owner: .root) == [key])
            #expect(try tx.accessKeys(accountId: Fixtures.accountId, owner: .user(id: "AIDAAAAAAAAAAAAAAAAAA")).isEmpty)
            #expect(try tx.sealedSecret(forAccessKey: key.id) == Fixtures.sealed)
        }
    }

    @Test func deletingAUserStillHoldingAKeyIsDeleteConflictAndChangesNothing() async throws {
        let store = try Fixtures.store()
        let user = Fixtures.user("bob")
        try await store.write { tx throws in
            try tx.insert(user)
            try tx.setTags([Tag(key: "k", value: "v")], userId: user.id)
            try tx.insert(Fixtures.accessKey("AKIAAAAAAAAAAAAAAAA1", owner: .user(id: user.id)), sealedSecret: Fixtures.sealed)
        }
        await #expect(throws: IAMError.self) {
            try await store.write { tx in try tx.deleteUser(id: user.id) }
        }
        // The transaction rolled back: the tags deleted before the failure are still there.
        #expect(try await store.read { tx in try tx.tags(userId: user.id) }.count == 1)
    }

    @Test func mfaDeviceAssignmentRoundTrips() async throws {
        let store = try Fixtures.store()
        let user = Fixtures.user("bob")
        var device = MFADevice(
            serialNumber: "arn:aws:iam::123456789012:mfa/bob", accountId: Fixtures.accountId, name: "bob", createdAt: Fixtures.date)
        try await store.write { [device] tx in
            try tx.insert(user)
            try tx.insert(device, sealedSeed: Fixtures.sealed)
        }
        device.owner = .user(id: user.id)
        device.enabledAt = Fixtures.date
        device.lastUsedTimeStep = 42
        try await store.write { [device] tx in try tx.update(device) }
        try await store.read { [device] tx throws in
            #expect(try tx.mfaDevices(accountId: Fixtures.accountId, owner: .user(id: user.id)) == [device])
            #expect(try tx.virtualMFADevices(accountId: Fixtures.accountId, assignment: .unassigned, page: .all).items.isEmpty)
            #expect(try tx.sealedSeed(forMFADevice: device.serialNumber) == Fixtures.sealed)
        }
    }

    @Test func policyVersionsKeepOneDefaultAndAtMostFive() async throws {
        let store = try Fixtures.store()
        let policy = ManagedPolicy(
            id: "ANPAAAAAAAAAAAAAAAAAA", accountId: Fixtures.accountId, name: "p", createdAt: Fixtures.date,
            updatedAt: Fixtures.date)
        try await store.write { tx throws in
            try tx.insert(policy)
            for number in 1...5 {
                try tx.insert(
                    PolicyVersion(policyId: policy.id, versionId: "v\(number)", document: "{}", isDefault: number == 1, createdAt: Fixtures.date))
            }
            try tx.setDefaultPolicyVersion(policyId: policy.id, versionId: "v3")
        }
        try await store.read { tx throws in
            #expect(try tx.defaultPolicyVersion(policyId: policy.id)?.versionId == "v3")
            #expect(try tx.policyVersions(policyId: policy.id).map(\.versionId) == ["v5", "v4", "v3", "v2", "v1"])
        }
        await #expect(throws: IAMError(.limitExceeded, "A managed policy can have up to 5 versions.")) {
            try await store.write { tx throws in
                try tx.insert(PolicyVersion(policyId: policy.id, versionId: "v6", document: "{}", isDefault: false, createdAt: Fixtures.date))
            }
        }
    }

    @Test func attachmentsCountPerAccountAndBlockPolicyDeletion() async throws {
        let store = try Fixtures.store()
        let user = Fixtures.user("bob")
        let policy = ManagedPolicy(
            id: "ANPAAAAAAAAAAAAAAAAAA", accountId: Fixtures.accountId, name: "p", createdAt: Fixtures.date,
            updatedAt: Fixtures.date)
        try await store.write { tx throws in
            try tx.insert(user)
            try tx.insert(policy)
            try tx.attach(policyId: policy.id, to: .user(id: user.id), at: Fixtures.date)
        }
        try await store.read { tx throws in
            #expect(try tx.attachmentCount(policyId: policy.id, accountId: Fixtures.accountId) == 1)
            #expect(try tx.policyHolders(policyId: policy.id, accountId: Fixtures.accountId) == [.user(id: user.id)])
            #expect(try tx.managedPolicies(accountId: Fixtures.accountId, scope: .local, pathPrefix: nil, onlyAttached: true, page: .all).items == [policy])
        }
        await #expect(throws: IAMError(.deleteConflict, "Cannot delete a policy attached to entities.")) {
            try await store.write { tx in try tx.deleteManagedPolicy(id: policy.id) }
        }
    }

    @Test func inlinePolicyNamesAreReplacedNotDuplicated() async throws {
        let store = try Fixtures.store()
        let group = Fixtures.group("g")
        try await store.write { tx throws in
            try tx.insert(group)
            try tx.save(InlinePolicy(name: "Read", document: "{}", createdAt: Fixtures.date, updatedAt: Fixtures.date), of: .group(id: group.id))
            try tx.save(InlinePolicy(name: "read", document: "[]", createdAt: Fixtures.date, updatedAt: Fixtures.date), of: .group(id: group.id))
        }
        let policies = try await store.read { tx in try tx.inlinePolicies(of: .group(id: group.id)) }
        #expect(policies.map(\.document) == ["[]"])
    }

    @Test func auditEventsChainAndVerifyAndFilter() async throws {
        let store = try Fixtures.store()
        try await store.write { tx throws in
            try tx.appendAuditEvent(Fixtures.auditEvent("CreateUser", resources: ["arn:aws:iam::123456789012:user/bob"]))
            try tx.appendAuditEvent(Fixtures.auditEvent("CreateGroup", resources: ["arn:aws:iam::123456789012:group/g"]))
            var failed = Fixtures.auditEvent("DeleteUser", resources: ["arn:aws:iam::123456789012:user/bob"])
            failed.errorCode = "DeleteConflict"
            try tx.appendAuditEvent(failed)
        }
        try await store.read { tx throws in
            #expect(try tx.verifyAuditChain() == .intact(eventCount: 3))
            let bob = try tx.auditEvents(matching: AuditEventFilter(resource: "bob"), page: .all)
            #expect(bob.items.map(\.event.eventName) == ["CreateUser", "DeleteUser"])
            let errors = try tx.auditEvents(matching: AuditEventFilter(errorsOnly: true), page: .all)
            #expect(errors.items.map(\.sequence) == [3])
            let paged = try tx.auditEvents(matching: AuditEventFilter(), page: PageRequest(maxItems: 2))
            #expect(paged.items.map(\.sequence) == [1, 2])
            #expect(paged.nextMarker == "2")
            #expect(paged.items[1].previousHash == paged.items[0].hash)
        }
    }

    @Test func tamperedAuditRowBreaksTheChainAtThatRow() async throws {
        let store = try Fixtures.store()
        try await store.write { tx throws in
            for name in ["CreateUser", "CreateGroup", "AddUserToGroup"] { try tx.appendAuditEvent(Fixtures.auditEvent(name)) }
        }
        try await store.writer.write { db throws in
            try db.execute(sql: #"DROP TRIGGER "auditEvent_noUpdate""#)
            try db.execute(sql: #"UPDATE "auditEvent" SET "eventName" = 'Nothing' WHERE "id" = 2"#)
        }
        let result = try await store.read { tx in try tx.verifyAuditChain() }
        guard case .broken(let sequence, let expected, let found) = result else {
            Issue.record("expected a broken chain, got \(result)")
            return
        }
        #expect(sequence == 2)
        #expect(expected != found)
    }

    @Test func settingsAndAliasesPersist() async throws {
        let store = try Fixtures.store()
        try await store.write { tx throws in
            try tx.setSetting("auditReads", to: "true")
            try tx.setAccountAlias("lab-account", accountId: Fixtures.accountId, at: Fixtures.date)
        }
        try await store.read { tx throws in
            #expect(try tx.setting("auditReads") == "true")
            #expect(try tx.accountAlias(accountId: Fixtures.accountId) == "lab-account")
        }
    }
}
