import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite
import Testing

@Suite struct AccountAdminTests {
    @Test func createAccountAliasReplacesTheOldOneAndListShowsIt() async throws {
        let service = try await ServiceFixtures.service()
        try await service.createAccountAlias("first-lab")
        try await service.createAccountAlias("second-lab")
        try await service.createAccountAlias("second-lab")
        #expect(try await service.listAccountAliases().items == ["second-lab"])
        #expect(try await IdentityFixtures.audit(service).suffix(3) == ["CreateAccountAlias", "CreateAccountAlias", "CreateAccountAlias"])
    }

    @Test func anAliasAnotherAccountHoldsIsEntityAlreadyExists() async throws {
        let service = try await ServiceFixtures.service()
        let other = try await IAMService.createAccount(
            in: service.store, accountId: "210987654321", rootEmail: "o@example.com", rootPassword: nil, masterKey: .generate())
        try await other.createAccountAlias("shared-name")
        await #expect(throws: IAMError(.entityAlreadyExists, "The account alias shared-name already exists.")) {
            try await service.createAccountAlias("shared-name")
        }
        #expect(try await service.listAccountAliases().items.isEmpty)
    }

    @Test func aMalformedAliasIsValidationError() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(throws: IAMError.self) { try await service.createAccountAlias("Bad--Alias") }
        do {
            try await service.createAccountAlias("a--b")
            Issue.record("a--b was accepted")
        } catch let error as IAMError {
            #expect(error.code == .validationError)
            #expect(error.message.contains("Value 'a--b' at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern"))
        }
    }

    @Test func aTwelveDigitAliasIsInvalidInputButOtherDigitStringsAreAccepted() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(
            throws: IAMError(
                .invalidInput, "The account alias 210987654321 is not valid: an account alias cannot be a 12-digit number.")
        ) {
            try await service.createAccountAlias("210987654321")
        }
        #expect(try await service.listAccountAliases().items.isEmpty)
        #expect(try await ServiceFixtures.auditEvents(service).last?.errorCode == "InvalidInput")
        try await service.createAccountAlias("12345678901")
        try await service.createAccountAlias("1234567890123")
        #expect(try await service.listAccountAliases().items == ["1234567890123"])
    }

    @Test func deleteAccountAliasRemovesItAndAnUnknownOneIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        try await service.createAccountAlias("my-lab")
        await #expect(throws: IAMError(.noSuchEntity, "The account alias other-lab cannot be found.")) {
            try await service.deleteAccountAlias("other-lab")
        }
        try await service.deleteAccountAlias("my-lab")
        #expect(try await service.listAccountAliases().items.isEmpty)
    }

    @Test func accountSummaryCountsLiveEntitiesAndReportsAWSQuotas() async throws {
        let service = try await ServiceFixtures.service()
        let policy = try await IdentityFixtures.managedPolicy(service, name: "Managed")
        _ = try await service.createUser(userName: "bob")
        _ = try await service.createUser(userName: "eve")
        _ = try await service.createGroup(groupName: "devs")
        let bob = try await IdentityFixtures.userId(service, "bob")
        try await service.store.write { tx in
            try tx.attach(policyId: policy.id, to: .user(id: bob), at: IdentityFixtures.now)
            try tx.insert(
                AccessKey(id: "AKIAAAAAAAAAAAAAAAAA", accountId: "123456789012", owner: .root, createdAt: IdentityFixtures.now),
                sealedSecret: Data(repeating: 1, count: 64))
        }
        let summary = try await service.getAccountSummary()
        #expect(summary["Users"] == 2)
        #expect(summary["UsersQuota"] == 5000)
        #expect(summary["Groups"] == 1)
        #expect(summary["GroupsQuota"] == 300)
        #expect(summary["GroupsPerUserQuota"] == 10)
        #expect(summary["Policies"] == 1)
        #expect(summary["PolicyVersionsInUse"] == 1)
        #expect(summary["AccountAccessKeysPresent"] == 1)
        #expect(summary["AccountPasswordPresent"] == 1)
        #expect(summary["AccountMFAEnabled"] == 0)
        #expect(summary["MFADevices"] == 0)
        #expect(summary.entries.count == 34)
        #expect(summary.entries.first?.key == "Users")
        #expect(summary.json.text().hasPrefix(#"{"SummaryMap":{"Users":2,"UsersQuota":5000,"Groups":1,"#))
    }

    @Test func accountPasswordPresentIsZeroWithoutARootPassword() async throws {
        let service = try await ServiceFixtures.service(rootPassword: nil)
        #expect(try await service.getAccountSummary()["AccountPasswordPresent"] == 0)
    }

    @Test func securityStatusOfAFreshAccountFailsAllButRootKeys() async throws {
        let service = try await ServiceFixtures.service()
        let checks = try await service.securityStatus()
        #expect(checks.map(\.passed) == [false, true, false, false, false])
        #expect(checks.json.text().contains(#"{"Check":"Root user has MFA","Status":"FAIL""#))
    }

    @Test func securityStatusPassesWhenEverythingIsInPlace() async throws {
        let service = try await ServiceFixtures.service()
        let policy = try await IdentityFixtures.managedPolicy(service, name: "Managed")
        _ = try await service.createUser(userName: "bob")
        _ = try await service.createGroup(groupName: "admins")
        try await service.addUserToGroup(groupName: "admins", userName: "bob")
        let group = try await IdentityFixtures.groupId(service, "admins")
        let now = IdentityFixtures.now
        try await service.store.write { tx in
            try tx.attach(policyId: policy.id, to: .group(id: group), at: now)
            try tx.insert(
                MFADevice(serialNumber: "arn:aws:iam::123456789012:mfa/root", accountId: "123456789012", name: "root", owner: .root, enabledAt: now, createdAt: now),
                sealedSeed: Data(repeating: 1, count: 64))
            try tx.setPasswordPolicy(PasswordPolicy(), accountId: "123456789012")
        }
        #expect(try await service.securityStatus().map(\.passed) == [true, true, true, true, true])
        let summary = try await service.getAccountSummary()
        #expect(summary["AccountMFAEnabled"] == 1)
        #expect(summary["MFADevicesInUse"] == 1)
        #expect(summary["PolicyVersionsInUse"] == 1)
        // A group with a policy but no member does not count.
        try await service.removeUserFromGroup(groupName: "admins", userName: "bob")
        #expect(try await service.securityStatus().map(\.passed) == [true, true, true, false, true])
    }
}
