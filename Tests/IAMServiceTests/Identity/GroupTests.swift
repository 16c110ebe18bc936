import Foundation
import IAMCore
import IAMService
import Testing

@Suite struct GroupTests {
    @Test func createGroupReturnsAWSShapeAndIsAudited() async throws {
        let service = try await ServiceFixtures.service()
        let group = try await service.createGroup(groupName: "Admins", path: "/lab/")
        #expect(group.id.hasPrefix("AGPA") && group.id.count == 21)
        let json = group.json(in: service.account).text()
        #expect(json == #"{"Path":"/lab/","GroupName":"Admins","GroupId":"\#(group.id)","Arn":"arn:aws:iam::123456789012:group/lab/Admins","CreateDate":"2025-11-24T16:00:00+00:00"}"#)
        let event = try #require(try await ServiceFixtures.auditEvents(service).last)
        #expect(event.eventName == "CreateGroup")
        #expect(event.resources == ["arn:aws:iam::123456789012:group/lab/Admins"])
    }

    @Test func createGroupWithATakenNameInAnyCaseIsEntityAlreadyExists() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createGroup(groupName: "Admins")
        await #expect(throws: IAMError(.entityAlreadyExists, "Group with name admins already exists.")) {
            _ = try await service.createGroup(groupName: "admins")
        }
        #expect(try await IdentityFixtures.audit(service).last == "CreateGroup:EntityAlreadyExists")
    }

    @Test func createGroupAtTheQuotaIsLimitExceeded() async throws {
        let service = try await ServiceFixtures.service()
        try await service.store.write { tx in
            for index in 0..<300 {
                try tx.insert(Group(id: "AGPA" + String(format: "%017d", index), accountId: "123456789012", name: "g\(index)", createdAt: .now))
            }
        }
        await #expect(throws: IAMError(.limitExceeded, "Cannot exceed quota for Groups: 300")) {
            _ = try await service.createGroup(groupName: "one-too-many")
        }
    }

    @Test func getGroupListsMembersPageByPage() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createGroup(groupName: "devs")
        for name in ["c", "a", "b"] {
            _ = try await service.createUser(userName: name)
            try await service.addUserToGroup(groupName: "DEVS", userName: name)
        }
        let first = try await service.getGroup(groupName: "devs", page: PageRequest(maxItems: 2))
        #expect(first.group.name == "devs")
        #expect(first.members.items.map(\.name) == ["a", "b"])
        let json = first.json(in: service.account)
        #expect(json["IsTruncated"] == .bool(true))
        let second = try await service.getGroup(groupName: "devs", page: PageRequest(marker: first.members.nextMarker))
        #expect(second.members.items.map(\.name) == ["c"])
        #expect(!second.members.isTruncated)
    }

    @Test func addUserToGroupIsIdempotent() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createGroup(groupName: "devs")
        _ = try await service.createUser(userName: "bob")
        try await service.addUserToGroup(groupName: "devs", userName: "bob")
        try await service.addUserToGroup(groupName: "devs", userName: "BOB")
        #expect(try await service.getGroup(groupName: "devs").members.items.map(\.name) == ["bob"])
    }

    @Test func aGroupNameGivenAsUserNameIsNoSuchEntityForThatUser() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createGroup(groupName: "devs")
        _ = try await service.createGroup(groupName: "ops")
        await #expect(throws: IAMError(.noSuchEntity, "The user with name ops cannot be found.")) {
            try await service.addUserToGroup(groupName: "devs", userName: "ops")
        }
        #expect(try await IdentityFixtures.audit(service).last == "AddUserToGroup:NoSuchEntity")
    }

    @Test func addingAnEleventhGroupIsLimitExceeded() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "bob")
        for index in 0..<11 { _ = try await service.createGroup(groupName: "g\(index)") }
        for index in 0..<10 { try await service.addUserToGroup(groupName: "g\(index)", userName: "bob") }
        let before = try await IdentityFixtures.snapshot(service)
        await #expect(throws: IAMError(.limitExceeded, "Cannot exceed quota for GroupsPerUser: 10")) {
            try await service.addUserToGroup(groupName: "g10", userName: "bob")
        }
        #expect(try await IdentityFixtures.snapshot(service) == before)
        try await service.addUserToGroup(groupName: "g3", userName: "bob")  // already a member: no quota hit
    }

    @Test func removeUserFromGroupRemovesAndRemovingANonMemberSucceedsAsOnAWS() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createGroup(groupName: "devs")
        _ = try await service.createUser(userName: "bob")
        try await service.addUserToGroup(groupName: "devs", userName: "bob")
        try await service.removeUserFromGroup(groupName: "devs", userName: "bob")
        #expect(try await service.listGroupsForUser(userName: "bob").items.isEmpty)
        try await service.removeUserFromGroup(groupName: "devs", userName: "bob")
        #expect(try await IdentityFixtures.audit(service).suffix(2) == ["RemoveUserFromGroup", "RemoveUserFromGroup"])
        await #expect(throws: IAMError(.noSuchEntity, "The user with name eve cannot be found.")) {
            try await service.removeUserFromGroup(groupName: "devs", userName: "eve")
        }
    }

    @Test func updateGroupRenamesAndKeepsMembers() async throws {
        let service = try await ServiceFixtures.service()
        let group = try await service.createGroup(groupName: "devs")
        _ = try await service.createUser(userName: "bob")
        try await service.addUserToGroup(groupName: "devs", userName: "bob")
        try await service.updateGroup(groupName: "DEVS", newGroupName: "builders", newPath: "/eng/")
        let renamed = try await service.getGroup(groupName: "builders")
        #expect(renamed.group.id == group.id)
        #expect(renamed.group.arn(in: service.account) == "arn:aws:iam::123456789012:group/eng/builders")
        #expect(renamed.members.items.map(\.name) == ["bob"])
    }

    @Test func updateGroupToATakenNameIsEntityAlreadyExists() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createGroup(groupName: "devs")
        _ = try await service.createGroup(groupName: "ops")
        await #expect(throws: IAMError(.entityAlreadyExists, "Group with name OPS already exists.")) {
            try await service.updateGroup(groupName: "devs", newGroupName: "OPS")
        }
        #expect(try await service.listGroups().items.map(\.name) == ["devs", "ops"])
    }

    @Test func deleteGroupConflictsComeInOrderWithAWSMessages() async throws {
        let service = try await ServiceFixtures.service()
        let policy = try await IdentityFixtures.managedPolicy(service, name: "Managed")
        _ = try await service.createGroup(groupName: "devs")
        _ = try await service.createUser(userName: "bob")
        try await service.addUserToGroup(groupName: "devs", userName: "bob")
        let groupId = try await IdentityFixtures.groupId(service, "devs")
        let now = IdentityFixtures.now
        try await service.store.write { tx in
            try tx.save(InlinePolicy(name: "inline", document: #"{"Version":"2012-10-17","Statement":[]}"#, createdAt: now, updatedAt: now), of: .group(id: groupId))
            try tx.attach(policyId: policy.id, to: .group(id: groupId), at: now)
        }
        await #expect(throws: IAMError(.deleteConflict, "Cannot delete entity, must remove users from group first.")) {
            try await service.deleteGroup(groupName: "devs")
        }
        try await service.removeUserFromGroup(groupName: "devs", userName: "bob")
        await #expect(throws: IAMError(.deleteConflict, "Cannot delete entity, must delete policies first.")) {
            try await service.deleteGroup(groupName: "devs")
        }
        try await service.store.write { tx in try tx.deleteInlinePolicy(of: .group(id: groupId), named: "inline") }
        await #expect(throws: IAMError(.deleteConflict, "Cannot delete entity, must detach all policies first.")) {
            try await service.deleteGroup(groupName: "devs")
        }
        try await service.store.write { tx in try tx.detach(policyId: policy.id, from: .group(id: groupId)) }
        try await service.deleteGroup(groupName: "DEVS")
        #expect(try await service.listGroups().items.isEmpty)
        #expect(try await IdentityFixtures.audit(service).filter { $0.hasPrefix("DeleteGroup") }
            == ["DeleteGroup:DeleteConflict", "DeleteGroup:DeleteConflict", "DeleteGroup:DeleteConflict", "DeleteGroup"])
    }

    @Test func deleteOfAMissingGroupIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(throws: IAMError(.noSuchEntity, "The group with name ghost cannot be found.")) {
            try await service.deleteGroup(groupName: "ghost")
        }
    }

    @Test func listGroupsFiltersByPathAndPaginates() async throws {
        let service = try await ServiceFixtures.service()
        for name in ["b", "A", "c"] { _ = try await service.createGroup(groupName: name, path: name == "c" ? "/x/" : "/") }
        let first = try await service.listGroups(page: PageRequest(maxItems: 2))
        #expect(first.items.map(\.name) == ["A", "b"])
        #expect(try await service.listGroups(page: PageRequest(marker: first.nextMarker)).items.map(\.name) == ["c"])
        #expect(try await service.listGroups(pathPrefix: "/x/").items.map(\.name) == ["c"])
    }
}
