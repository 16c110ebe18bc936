import Foundation
import IAMCore
import IAMService
import Testing

@Suite struct UserTests {
    @Test func createUserReturnsAWSShapeWithTagsAndAuditsIt() async throws {
        let service = try await ServiceFixtures.service()
        let user = try await service.createUser(
            userName: "testuser1", path: "/lab/", tags: [Tag(key: "location", value: "us_va_norfolk")])
        #expect(user.userName == "testuser1")
        #expect(user.userId.hasPrefix("AIDA") && user.userId.count == 21)
        #expect(user.arn == "arn:aws:iam::123456789012:user/lab/testuser1")
        let json = user.json.text()
        #expect(json.hasPrefix(#"{"Path":"/lab/","UserName":"testuser1","UserId":"AIDA"#))
        #expect(json.hasSuffix(#""CreateDate":"2025-11-24T16:00:00+00:00","Tags":[{"Key":"location","Value":"us_va_norfolk"}]}"#))
        let events = try await ServiceFixtures.auditEvents(service)
        let event = try #require(events.last)
        #expect(event.eventName == "CreateUser")
        #expect(event.errorCode == nil)
        #expect(event.resources == ["arn:aws:iam::123456789012:user/lab/testuser1"])
        #expect(event.requestParameters == #"{"UserName":"testuser1","Path":"/lab/","Tags":[{"Key":"location","Value":"us_va_norfolk"}]}"#)
        #expect(event.responseElements?.hasPrefix(#"{"User":{"Path":"/lab/","UserName":"testuser1""#) == true)
    }

    @Test func createUserWithATakenNameInAnyCaseIsEntityAlreadyExistsChangesNothingAndIsAudited() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "Bob")
        let before = try await IdentityFixtures.snapshot(service)
        await #expect(throws: IAMError(.entityAlreadyExists, "User with name BOB already exists.")) {
            _ = try await service.createUser(userName: "BOB", tags: [Tag(key: "k", value: "v")])
        }
        #expect(try await IdentityFixtures.snapshot(service) == before)
        #expect(try await IdentityFixtures.audit(service).suffix(2) == ["CreateUser", "CreateUser:EntityAlreadyExists"])
    }

    @Test func createUserWithAMissingBoundaryPolicyIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        let arn = "arn:aws:iam::123456789012:policy/Missing"
        await #expect(throws: IAMError(.noSuchEntity, "Policy \(arn) does not exist or is not attachable.")) {
            _ = try await service.createUser(userName: "bob", permissionsBoundary: arn)
        }
        #expect(try await service.listUsers().items.isEmpty)
    }

    @Test func createUserWithAnExistingBoundaryShowsItInGetUser() async throws {
        let service = try await ServiceFixtures.service()
        try await IdentityFixtures.managedPolicy(service, name: "Boundary")
        let arn = "arn:aws:iam::123456789012:policy/Boundary"
        _ = try await service.createUser(userName: "bob", permissionsBoundary: arn)
        let user = try await service.getUser(userName: "BOB")
        #expect(user.permissionsBoundaryArn == arn)
        #expect(user.json["PermissionsBoundary"]?.text() == #"{"PermissionsBoundaryType":"PermissionsBoundaryPolicy","PermissionsBoundaryArn":"\#(arn)"}"#)
    }

    @Test func createUserAtTheQuotaIsLimitExceeded() async throws {
        let service = try await ServiceFixtures.service()
        let accountId = service.account.id
        try await service.store.write { tx in
            for index in 0..<5000 {
                try tx.insert(
                    User(id: "AIDA" + String(format: "%017d", index), accountId: accountId, name: "u\(index)", createdAt: .now))
            }
        }
        await #expect(throws: IAMError(.limitExceeded, "Cannot exceed quota for Users: 5000")) {
            _ = try await service.createUser(userName: "one-too-many")
        }
    }

    @Test func invalidUserNameIsValidationErrorBeforeAnythingIsWritten() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(
            throws: IAMError(
                .validationError,
                "1 validation error detected: Value 'bob!' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"
            )
        ) { _ = try await service.createUser(userName: "bob!") }
        #expect(try await IdentityFixtures.audit(service) == ["CreateAccount"])
    }

    @Test func getUserWithoutANameAsRootReturnsTheRootShape() async throws {
        let service = try await ServiceFixtures.service()
        let root = try await service.getUser()
        #expect(root.json.text() == #"{"UserId":"123456789012","Arn":"arn:aws:iam::123456789012:root","CreateDate":"2025-11-24T16:00:00+00:00"}"#)
    }

    @Test func getUserWithoutANameAsAnIAMUserReturnsThatUser() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "alice")
        let alice = try await service.store.read { tx in try tx.user(named: "alice", accountId: "123456789012")! }
        let asAlice = service.acting(as: Principal(account: service.account, kind: .user(alice)))
        #expect(try await asAlice.getUser().userName == "alice")
    }

    @Test func getUserOfAMissingUserIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(throws: IAMError(.noSuchEntity, "The user with name ghost cannot be found.")) {
            _ = try await service.getUser(userName: "ghost")
        }
    }

    @Test func renameKeepsUniqueIDMembershipsAndTags() async throws {
        let service = try await ServiceFixtures.service()
        let created = try await service.createUser(userName: "shira", tags: [Tag(key: "team", value: "blue")])
        _ = try await service.createGroup(groupName: "devs")
        try await service.addUserToGroup(groupName: "devs", userName: "shira")
        try await service.updateUser(userName: "SHIRA", newUserName: "maya", newPath: "/ops/")
        let renamed = try await service.getUser(userName: "maya")
        #expect(renamed.userId == created.userId)
        #expect(renamed.arn == "arn:aws:iam::123456789012:user/ops/maya")
        #expect(renamed.tags == [Tag(key: "team", value: "blue")])
        #expect(try await service.listGroupsForUser(userName: "maya").items.map(\.name) == ["devs"])
        let event = try #require(try await ServiceFixtures.auditEvents(service).last)
        #expect(event.resources == ["arn:aws:iam::123456789012:user/shira", "arn:aws:iam::123456789012:user/ops/maya"])
    }

    @Test func renameToANameAnotherUserHoldsInAnyCaseIsEntityAlreadyExists() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "alice")
        _ = try await service.createUser(userName: "bob")
        let before = try await IdentityFixtures.snapshot(service)
        await #expect(throws: IAMError(.entityAlreadyExists, "User with name ALICE already exists.")) {
            try await service.updateUser(userName: "bob", newUserName: "ALICE")
        }
        #expect(try await IdentityFixtures.snapshot(service) == before)
        #expect(try await IdentityFixtures.audit(service).last == "UpdateUser:EntityAlreadyExists")
    }

    @Test func renameChangingOnlyTheCaseIsEntityAlreadyExistsAsOnAWS() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "shira")
        await #expect(throws: IAMError(.entityAlreadyExists, "User with name SHIRA already exists.")) {
            try await service.updateUser(userName: "shira", newUserName: "SHIRA")
        }
        #expect(try await service.getUser(userName: "shira").userName == "shira")
    }

    @Test func updateOfAMissingUserIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(throws: IAMError(.noSuchEntity, "The user with name ghost cannot be found.")) {
            try await service.updateUser(userName: "ghost", newPath: "/x/")
        }
    }

    @Test func deleteUserRemovesTheUserAndItsTags() async throws {
        let service = try await ServiceFixtures.service()
        try await IdentityFixtures.managedPolicy(service, name: "Boundary")
        _ = try await service.createUser(
            userName: "bob", permissionsBoundary: "arn:aws:iam::123456789012:policy/Boundary", tags: [Tag(key: "a", value: "b")])
        let id = try await IdentityFixtures.userId(service, "bob")
        try await service.deleteUser(userName: "BOB")
        #expect(try await service.listUsers().items.isEmpty)
        #expect(try await service.store.read { tx in try tx.tags(userId: id) }.isEmpty)
        #expect(try await IdentityFixtures.audit(service).last == "DeleteUser")
    }

    /// Each thing a user owns blocks DeleteUser with AWS's message, in AWS's order: removing the
    /// first blocker reveals the next one.
    @Test func deleteUserConflictsComeInAWSOrderWithAWSMessages() async throws {
        let service = try await ServiceFixtures.service()
        let policy = try await IdentityFixtures.managedPolicy(service, name: "Managed")
        _ = try await service.createUser(userName: "bob")
        _ = try await service.createGroup(groupName: "devs")
        try await service.addUserToGroup(groupName: "devs", userName: "bob")
        let id = try await IdentityFixtures.userId(service, "bob")
        let now = IdentityFixtures.now
        try await service.store.write { tx in
            try tx.save(LoginProfile(userId: id, passwordHash: IdentityFixtures.phc, passwordResetRequired: false, passwordChangedAt: now, createdAt: now))
            try tx.insert(AccessKey(id: "AKIAAAAAAAAAAAAAAAAA", accountId: "123456789012", owner: .user(id: id), createdAt: now), sealedSecret: Data(repeating: 1, count: 64))
            try tx.insert(
                MFADevice(serialNumber: "arn:aws:iam::123456789012:mfa/bob", accountId: "123456789012", name: "bob", owner: .user(id: id), enabledAt: now, createdAt: now),
                sealedSeed: Data(repeating: 1, count: 64))
            try tx.save(InlinePolicy(name: "inline", document: #"{"Version":"2012-10-17","Statement":[]}"#, createdAt: now, updatedAt: now), of: .user(id: id))
            try tx.attach(policyId: policy.id, to: .user(id: id), at: now)
        }
        let removals: [(String, @Sendable (any StoreWriting) throws -> Void)] = [
            ("delete login profile", { try $0.deleteLoginProfile(userId: id) }),
            ("delete access keys", { try $0.deleteAccessKey(id: "AKIAAAAAAAAAAAAAAAAA") }),
            ("delete MFA device", { try $0.deleteMFADevice(serialNumber: "arn:aws:iam::123456789012:mfa/bob") }),
            ("delete policies", { try $0.deleteInlinePolicy(of: .user(id: id), named: "inline") }),
            ("detach all policies", { try $0.detach(policyId: policy.id, from: .user(id: id)) }),
            ("remove users from group", { try $0.removeMember(userId: id, groupId: try $0.group(named: "devs", accountId: "123456789012")!.id) }),
        ]
        for (what, removal) in removals {
            await #expect(throws: IAMError(.deleteConflict, "Cannot delete entity, must \(what) first.")) {
                try await service.deleteUser(userName: "bob")
            }
            #expect(try await service.getUser(userName: "bob").userId == id)
            try await service.store.write { tx in try removal(tx) }
        }
        try await service.deleteUser(userName: "bob")
        #expect(try await IdentityFixtures.audit(service).filter { $0.hasPrefix("DeleteUser") }.count == 7)
    }

    @Test func listUsersPaginatesInCaseInsensitiveOrderWithoutTags() async throws {
        let service = try await ServiceFixtures.service()
        for name in ["carol", "Alice", "bob", "dave"] {
            _ = try await service.createUser(userName: name, path: name == "dave" ? "/ops/" : nil, tags: [Tag(key: "k", value: "v")])
        }
        let first = try await service.listUsers(page: PageRequest(maxItems: 2))
        #expect(first.items.map(\.name) == ["Alice", "bob"])
        #expect(first.isTruncated)
        let second = try await service.listUsers(page: PageRequest(marker: first.nextMarker, maxItems: 2))
        #expect(second.items.map(\.name) == ["carol", "dave"])
        #expect(!second.isTruncated)
        #expect(try await service.listUsers(pathPrefix: "/ops").items.map(\.name) == ["dave"])
        let json = first.json("Users") { $0.json(in: service.account) }
        #expect(json["IsTruncated"] == .bool(true))
        #expect(json["Marker"] != nil)
        #expect(!json.text().contains("Tags"))
    }

    @Test func listUsersRejectsMaxItemsOutsideOneToAThousand() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(
            throws: IAMError(
                .validationError,
                "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000"
            )
        ) { _ = try await service.listUsers(page: PageRequest(maxItems: 1001)) }
    }
}

@Suite struct PermissionsBoundaryTests {
    @Test func anAWSManagedPolicyCanBeTheBoundary() async throws {
        // ReadOnlyAccess comes from the AWS managed policy catalogue every account holds.
        let service = try await ServiceFixtures.service()
        let user = try await service.createUser(userName: "bob", permissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess")
        #expect(user.permissionsBoundaryArn == "arn:aws:iam::aws:policy/ReadOnlyAccess")
    }

    @Test func aBoundaryOnTheWrongPathIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        try await IdentityFixtures.managedPolicy(service, name: "Boundary")
        let arn = "arn:aws:iam::123456789012:policy/other/Boundary"
        await #expect(throws: IAMError(.noSuchEntity, "Policy \(arn) does not exist or is not attachable.")) {
            _ = try await service.createUser(userName: "bob", permissionsBoundary: arn)
        }
    }

    @Test func aBoundaryThatIsNotAPolicyARNIsInvalidInput() async throws {
        let service = try await ServiceFixtures.service()
        let arn = "arn:aws:iam::123456789012:user/bob-the-user"
        await #expect(throws: IAMError(.invalidInput, "ARN \(arn) is not valid.")) {
            _ = try await service.createUser(userName: "bob", permissionsBoundary: arn)
        }
        #expect(try await IdentityFixtures.audit(service).last == "CreateUser:InvalidInput")
    }
}

@Suite struct UserAuditTests {
    @Test func readsAreAuditedOnlyWhenReadAuditingIsOnFailuresIncluded() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "bob")
        _ = try await service.getUser(userName: "bob")
        #expect(try await IdentityFixtures.audit(service) == ["CreateAccount", "CreateUser"])
        try await service.store.write { tx in try tx.setSetting("auditReads", to: "true") }
        _ = try await service.getUser(userName: "bob")
        await #expect(throws: IAMError.noSuchUser(named: "ghost")) { _ = try await service.getUser(userName: "ghost") }
        #expect(try await IdentityFixtures.audit(service).suffix(2) == ["GetUser", "GetUser:NoSuchEntity"])
        let failed = try #require(try await ServiceFixtures.auditEvents(service).last)
        #expect(failed.readOnly)
        #expect(failed.errorMessage == "The user with name ghost cannot be found.")
    }

    @Test func aDeletedAndRecreatedUserIsANewPrincipal() async throws {
        let service = try await ServiceFixtures.service()
        let first = try await service.createUser(userName: "david")
        try await service.deleteUser(userName: "david")
        let second = try await service.createUser(userName: "david")
        #expect(first.userId != second.userId)
        let deletion = try #require(try await ServiceFixtures.auditEvents(service).first { $0.eventName == "DeleteUser" })
        #expect(deletion.resources == ["arn:aws:iam::123456789012:user/david"])
        #expect(deletion.requestParameters == #"{"UserName":"david"}"#)
    }
}
