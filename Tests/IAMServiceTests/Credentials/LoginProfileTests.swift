import Foundation
import IAMCore
import IAMService
import Testing

@Suite struct PasswordPolicyTests {
    @Test func getWithoutPolicyIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(throws: IAMError(.noSuchEntity, "The Password Policy with domain name 123456789012 cannot be found.")) {
            _ = try await service.getAccountPasswordPolicy()
        }
    }

    @Test func updateHasNoPartialUpdatesOmittedFieldsRevertToDefaults() async throws {
        let service = try await ServiceFixtures.service()
        try await service.updateAccountPasswordPolicy(
            minimumPasswordLength: 12, requireSymbols: true, maxPasswordAge: 90, passwordReusePrevention: 3, hardExpiry: true)
        var policy = try await service.getAccountPasswordPolicy()
        #expect(policy.minimumPasswordLength == 12 && policy.requireSymbols && policy.maxPasswordAge == 90)
        #expect(policy.expirePasswords && policy.hardExpiry && policy.passwordReusePrevention == 3)
        try await service.updateAccountPasswordPolicy(requireNumbers: true)
        policy = try await service.getAccountPasswordPolicy()
        var expected = PasswordPolicy()
        expected.requireNumbers = true
        #expect(policy == expected)
    }

    @Test func outOfRangeLengthIsValidationErrorAndChangesNothing() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(
            throws: IAMError(
                .validationError,
                "1 validation error detected: Value '5' at 'minimumPasswordLength' failed to satisfy constraint: Member must have value greater than or equal to 6")
        ) { try await service.updateAccountPasswordPolicy(minimumPasswordLength: 5) }
        await #expect(throws: IAMError.self) { _ = try await service.getAccountPasswordPolicy() }
    }

    @Test func deleteRemovesThePolicyAndSecondDeleteIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        try await service.updateAccountPasswordPolicy(minimumPasswordLength: 8)
        try await service.deleteAccountPasswordPolicy()
        await #expect(throws: IAMError(.noSuchEntity, "The Password Policy with domain name 123456789012 cannot be found.")) {
            try await service.deleteAccountPasswordPolicy()
        }
        let events = try await ServiceFixtures.auditEvents(service)
        #expect(events.suffix(2).map(\.errorCode) == [nil, "NoSuchEntity"])
    }

    @Test(arguments: [
        ("short1A!", "Password should have a minimum length of 10"),
        ("lowercase1!x", "Password should have at least one uppercase letter"),
        ("UPPERCASE1!X", "Password should have at least one lowercase letter"),
        ("NoNumbers!!x", "Password should have at least one number"),
        ("NoSymbols12x", "Password should have at least one symbol"),
    ])
    func newPasswordsMustSatisfyThePolicy(password: String, message: String) async throws {
        let service = try await ServiceFixtures.service()
        try await service.updateAccountPasswordPolicy(
            minimumPasswordLength: 10, requireSymbols: true, requireNumbers: true, requireUppercaseCharacters: true,
            requireLowercaseCharacters: true)
        try await CredentialFixtures.insertUser("alice", in: service)
        await #expect(throws: IAMError(.passwordPolicyViolation, message)) {
            _ = try await service.createLoginProfile(userName: "alice", password: password)
        }
        await #expect(throws: IAMError(.noSuchEntity, "Login Profile for User alice cannot be found.")) {
            _ = try await service.getLoginProfile(userName: "alice")
        }
        _ = try await service.createLoginProfile(userName: "alice", password: "Good-Pass-123")
    }
}

@Suite struct LoginProfileTests {
    @Test func createThenGetNeverReturnsThePasswordAndHashesIt() async throws {
        let service = try await ServiceFixtures.service()
        let user = try await CredentialFixtures.insertUser("alice", in: service)
        let created = try await service.createLoginProfile(userName: "ALICE", password: "Secret-Pass-1", passwordResetRequired: true)
        #expect(created == LoginProfileDescription(userName: "alice", createDate: ServiceFixtures.now, passwordResetRequired: true))
        #expect(try await service.getLoginProfile(userName: "alice") == created)
        let stored = try await service.store.read { tx in try tx.loginProfile(userId: user.id) }
        #expect(stored?.passwordHash.hasPrefix("$argon2id$") == true)
        #expect(ServiceFixtures.fastHasher.verify("Secret-Pass-1", phc: stored?.passwordHash ?? ""))
        #expect(try await !CredentialFixtures.auditText(service).contains("Secret-Pass-1"))
    }

    @Test func secondCreateIsEntityAlreadyExists() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        _ = try await service.createLoginProfile(userName: "alice", password: "Secret-Pass-1")
        await #expect(throws: IAMError(.entityAlreadyExists, "Login Profile for user alice already exists.")) {
            _ = try await service.createLoginProfile(userName: "alice", password: "Other-Pass-2")
        }
        #expect(try await service.authenticatePassword(accountIDOrAlias: "123456789012", userName: "alice", password: "Secret-Pass-1").isSuccess)
        let last = try await ServiceFixtures.auditEvents(service).filter { $0.eventName == "CreateLoginProfile" }.last
        #expect(last?.errorCode == "EntityAlreadyExists")
    }

    @Test func unknownUserIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(throws: IAMError(.noSuchEntity, "The user with name ghost cannot be found.")) {
            _ = try await service.createLoginProfile(userName: "ghost", password: "Secret-Pass-1")
        }
    }

    @Test func badPasswordShapeIsValidationErrorWithoutEchoingIt() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        let long = String(repeating: "p", count: 129)
        do {
            _ = try await service.createLoginProfile(userName: "alice", password: long)
            Issue.record("accepted a 129-character password")
        } catch let error as IAMError {
            #expect(error.code == .validationError)
            #expect(error.message == "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128")
        }
    }

    @Test func updateChangesPasswordAndFlagAndKeepsHistory() async throws {
        let service = try await ServiceFixtures.service()
        let user = try await CredentialFixtures.insertUser("alice", in: service)
        _ = try await service.createLoginProfile(userName: "alice", password: "First-Pass-1")
        try await service.updateLoginProfile(userName: "alice", password: "Second-Pass-2", passwordResetRequired: true)
        #expect(try await service.getLoginProfile(userName: "alice").passwordResetRequired)
        let (profile, history) = try await service.store.read { tx in
            (try tx.loginProfile(userId: user.id), try tx.passwordHistory(userId: user.id, limit: 24))
        }
        #expect(ServiceFixtures.fastHasher.verify("Second-Pass-2", phc: profile?.passwordHash ?? ""))
        #expect(history.count == 1 && ServiceFixtures.fastHasher.verify("First-Pass-1", phc: history[0]))
    }

    @Test func reusePreventionRefusesTheLastNPasswords() async throws {
        let service = try await ServiceFixtures.service()
        try await service.updateAccountPasswordPolicy(passwordReusePrevention: 2)
        try await CredentialFixtures.insertUser("alice", in: service)
        _ = try await service.createLoginProfile(userName: "alice", password: "First-Pass-1")
        try await service.updateLoginProfile(userName: "alice", password: "Second-Pass-2")
        for reused in ["First-Pass-1", "Second-Pass-2"] {
            await #expect(throws: IAMError(.passwordPolicyViolation, "Password should not be one of your 2 previous passwords")) {
                try await service.updateLoginProfile(userName: "alice", password: reused)
            }
        }
        try await service.updateLoginProfile(userName: "alice", password: "Third-Pass-3")
        try await service.updateLoginProfile(userName: "alice", password: "First-Pass-1")
    }

    @Test func updateOfUserWithoutProfileIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        await #expect(throws: IAMError(.noSuchEntity, "Login Profile for User alice cannot be found.")) {
            try await service.updateLoginProfile(userName: "alice", passwordResetRequired: false)
        }
    }

    @Test func deleteRemovesProfileAndSecondDeleteIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        _ = try await service.createLoginProfile(userName: "alice", password: "First-Pass-1")
        try await service.deleteLoginProfile(userName: "alice")
        await #expect(throws: IAMError(.noSuchEntity, "Login Profile for User alice cannot be found.")) {
            try await service.deleteLoginProfile(userName: "alice")
        }
    }
}

@Suite struct ChangePasswordTests {
    @Test func userChangesOwnPasswordAndResetFlagClears() async throws {
        let service = try await ServiceFixtures.service()
        let user = try await CredentialFixtures.insertUser("alice", in: service)
        _ = try await service.createLoginProfile(userName: "alice", password: "First-Pass-1", passwordResetRequired: true)
        let alice = CredentialFixtures.acting(as: user, service)
        try await alice.changePassword(oldPassword: "First-Pass-1", newPassword: "Second-Pass-2")
        #expect(try await !service.getLoginProfile(userName: "alice").passwordResetRequired)
        let stored = try await service.store.read { tx in try tx.loginProfile(userId: user.id) }
        #expect(ServiceFixtures.fastHasher.verify("Second-Pass-2", phc: stored?.passwordHash ?? ""))
        let text = try await CredentialFixtures.auditText(service)
        #expect(!text.contains("First-Pass-1") && !text.contains("Second-Pass-2"))
    }

    @Test func wrongOldPasswordIsRefusedAndChangesNothing() async throws {
        let service = try await ServiceFixtures.service()
        let user = try await CredentialFixtures.insertUser("alice", in: service)
        _ = try await service.createLoginProfile(userName: "alice", password: "First-Pass-1")
        let before = try await service.store.read { tx in try tx.loginProfile(userId: user.id) }
        await #expect(throws: IAMError(.invalidInput, "The old password is incorrect.")) {
            try await CredentialFixtures.acting(as: user, service).changePassword(oldPassword: "Wrong-Pass-1", newPassword: "Second-Pass-2")
        }
        #expect(try await service.store.read { tx in try tx.loginProfile(userId: user.id) } == before)
    }

    @Test func rootCallerIsInvalidUserType() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(throws: IAMError(.invalidUserType, "Only IAM users can change their own password with ChangePassword.")) {
            try await service.changePassword(oldPassword: "Root-Password-1", newPassword: "Root-Password-2")
        }
        #expect(try await ServiceFixtures.auditEvents(service).last?.errorCode == "InvalidUserType")
    }

    @Test func newPasswordIsCheckedAgainstThePolicy() async throws {
        let service = try await ServiceFixtures.service()
        try await service.updateAccountPasswordPolicy(minimumPasswordLength: 14)
        let user = try await CredentialFixtures.insertUser("alice", in: service)
        _ = try await service.createLoginProfile(userName: "alice", password: "First-Pass-1-long")
        await #expect(throws: IAMError(.passwordPolicyViolation, "Password should have a minimum length of 14")) {
            try await CredentialFixtures.acting(as: user, service).changePassword(oldPassword: "First-Pass-1-long", newPassword: "short-Pass-2")
        }
    }
}
