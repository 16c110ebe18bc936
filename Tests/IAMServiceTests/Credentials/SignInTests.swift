import Foundation
import IAMCore
import IAMService
import Testing

@Suite struct SignInTests {
    static func aliceWithPassword(_ service: IAMService, resetRequired: Bool = false) async throws -> User {
        let user = try await CredentialFixtures.insertUser("alice", in: service)
        _ = try await service.createLoginProfile(userName: "alice", password: "Alice-Pass-1", passwordResetRequired: resetRequired)
        return user
    }

    @Test func rightPasswordSignsInRecordsUseAndAuditsSuccess() async throws {
        let service = try await ServiceFixtures.service()
        let user = try await Self.aliceWithPassword(service)
        let outcome = try await service.authenticatePassword(accountIDOrAlias: "123456789012", userName: "ALICE", password: "Alice-Pass-1")
        #expect(outcome == .signedIn(Principal(account: service.account, kind: .user(user))))
        let stored = try await service.store.read { tx in try tx.user(id: user.id) }
        #expect(stored?.passwordLastUsedAt == ServiceFixtures.now)
        let event = try #require(try await ServiceFixtures.auditEvents(service).last)
        #expect(event.eventName == "ConsoleLogin" && event.eventSource == "signin.amazonaws.com")
        #expect(event.responseElements == #"{"ConsoleLogin":"Success"}"#)
        #expect(event.userIdentity.userName == "alice")
        #expect(try await !CredentialFixtures.auditText(service).contains("Alice-Pass-1"))
    }

    @Test func unknownUserAndWrongPasswordAreIndistinguishable() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await Self.aliceWithPassword(service)
        let wrong = try await service.authenticatePassword(accountIDOrAlias: "123456789012", userName: "alice", password: "nope-nope")
        let unknown = try await service.authenticatePassword(accountIDOrAlias: "123456789012", userName: "mallory", password: "nope-nope")
        #expect(wrong == .failed(.invalidCredentials) && unknown == wrong)
        let events = try await ServiceFixtures.auditEvents(service).suffix(2)
        #expect(events.map(\.responseElements) == [#"{"ConsoleLogin":"Failure"}"#, #"{"ConsoleLogin":"Failure"}"#])
        #expect(events.map(\.errorMessage) == ["Failed authentication", "Failed authentication"])
        #expect(events.last?.userIdentity.userName == IAMService.hiddenUserName)
        #expect(try await !CredentialFixtures.auditText(service).contains("nope-nope"))
    }

    @Test func resetRequiredMeansPasswordChangeRequired() async throws {
        let service = try await ServiceFixtures.service()
        let user = try await Self.aliceWithPassword(service, resetRequired: true)
        let outcome = try await service.authenticatePassword(accountIDOrAlias: "123456789012", userName: "alice", password: "Alice-Pass-1")
        #expect(outcome == .passwordChangeRequired(Principal(account: service.account, kind: .user(user))))
    }

    @Test func expiredPasswordMustChangeOrIsRefusedWithHardExpiry() async throws {
        let later = ServiceFixtures.now.addingTimeInterval(31 * 86_400)
        let service = try await ServiceFixtures.service()
        let user = try await Self.aliceWithPassword(service)
        try await service.updateAccountPasswordPolicy(maxPasswordAge: 30)
        let clocked = try await IAMService(
            store: service.store, masterKey: .generate(), clock: .fixed(later), passwordHasher: ServiceFixtures.fastHasher)
        var outcome = try await clocked.authenticatePassword(accountIDOrAlias: "123456789012", userName: "alice", password: "Alice-Pass-1")
        #expect(outcome == .passwordChangeRequired(Principal(account: service.account, kind: .user(user))))
        try await service.updateAccountPasswordPolicy(maxPasswordAge: 30, hardExpiry: true)
        outcome = try await clocked.authenticatePassword(accountIDOrAlias: "123456789012", userName: "alice", password: "Alice-Pass-1")
        #expect(outcome == .failed(.passwordExpired))
    }

    @Test func enabledDeviceRequiresAFreshCode() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await Self.aliceWithPassword(service)
        let device = try await service.createVirtualMFADevice(name: "alice-phone")
        let seed = try MFAServiceTests.seed(device)
        let step = TOTP.timeStep(at: ServiceFixtures.now)
        try await service.enableMFADevice(
            userName: "alice", serialNumber: device.serialNumber, authenticationCode1: TOTP.code(seed: seed, step: step - 2),
            authenticationCode2: TOTP.code(seed: seed, step: step - 1))
        var outcome = try await service.authenticatePassword(accountIDOrAlias: "123456789012", userName: "alice", password: "Alice-Pass-1")
        #expect(outcome == .failed(.mfaRequired))
        outcome = try await service.authenticatePassword(
            accountIDOrAlias: "123456789012", userName: "alice", password: "Alice-Pass-1", mfaCode: TOTP.code(seed: seed, step: step - 1))
        #expect(outcome == .failed(.invalidMFACode))
        let code = TOTP.code(seed: seed, step: step)
        outcome = try await service.authenticatePassword(accountIDOrAlias: "123456789012", userName: "alice", password: "Alice-Pass-1", mfaCode: code)
        #expect(outcome.isSuccess)
        outcome = try await service.authenticatePassword(accountIDOrAlias: "123456789012", userName: "alice", password: "Alice-Pass-1", mfaCode: code)
        #expect(outcome == .failed(.invalidMFACode))
        #expect(try await !CredentialFixtures.auditText(service).contains(code))
    }

    @Test func successWithOldParametersRehashes() async throws {
        let service = try await ServiceFixtures.service()
        let user = try await Self.aliceWithPassword(service)
        let stronger = PasswordHasher(parameters: Argon2Parameters(memoryKiB: 128, iterations: 1, parallelism: 1))
        let upgraded = try await IAMService(store: service.store, masterKey: .generate(), clock: .fixed(ServiceFixtures.now), passwordHasher: stronger)
        let outcome = try await upgraded.authenticatePassword(accountIDOrAlias: "123456789012", userName: "alice", password: "Alice-Pass-1")
        #expect(outcome.isSuccess)
        let hash = try await service.store.read { tx in try tx.loginProfile(userId: user.id)?.passwordHash }
        #expect(hash?.hasPrefix("$argon2id$v=19$m=128,t=1,p=1$") == true)
        #expect(stronger.verify("Alice-Pass-1", phc: hash ?? ""))
    }

    @Test func rootSignsInByEmail() async throws {
        let service = try await ServiceFixtures.service()
        let outcome = try await service.authenticateRoot(email: "ROOT@example.com", password: "Root-Password-1")
        #expect(outcome == .signedIn(.root(of: service.account)))
        #expect(try await service.authenticateRoot(email: "root@example.com", password: "wrong") == .failed(.invalidCredentials))
        let root = try await service.store.read { tx in try tx.rootUser(accountId: "123456789012") }
        #expect(root?.passwordLastUsedAt == ServiceFixtures.now)
        #expect(try await ServiceFixtures.auditEvents(service).last?.userIdentity.type == .root)
    }

    @Test func accountAliasWorksAndPasswordLastUsedMovesAtMostEveryFiveMinutes() async throws {
        let service = try await ServiceFixtures.service()
        let user = try await Self.aliceWithPassword(service)
        try await service.store.write { tx in try tx.setAccountAlias("lab-account", accountId: "123456789012", at: ServiceFixtures.now) }
        func signIn(at date: Date) async throws -> Date? {
            let clocked = try await IAMService(
                store: service.store, masterKey: .generate(), clock: .fixed(date), passwordHasher: ServiceFixtures.fastHasher)
            #expect(try await clocked.authenticatePassword(accountIDOrAlias: "Lab-Account", userName: "alice", password: "Alice-Pass-1").isSuccess)
            return try await service.store.read { tx in try tx.user(id: user.id)?.passwordLastUsedAt }
        }
        #expect(try await signIn(at: ServiceFixtures.now) == ServiceFixtures.now)
        #expect(try await signIn(at: ServiceFixtures.now.addingTimeInterval(299)) == ServiceFixtures.now)
        #expect(try await signIn(at: ServiceFixtures.now.addingTimeInterval(300)) == ServiceFixtures.now.addingTimeInterval(300))
        #expect(try await service.authenticatePassword(accountIDOrAlias: "other-alias", userName: "alice", password: "Alice-Pass-1")
            == .failed(.invalidCredentials))
        let event = try #require(try await ServiceFixtures.auditEvents(service).last)
        #expect(event.eventType == "AwsConsoleSignIn" && event.eventName == "ConsoleLogin")
    }
}
