import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite
import Testing
@testable import iamctl

@Suite struct ChangePasswordCommandTests {
    /// alice with console password `Alice-Pass-1`, reset required.
    static func harness() async throws -> CLIHarness {
        let cli = try await CredentialCommandTests.harnessWithAlice()
        let created = await cli.run(
            ["create-login-profile", "--user-name", "alice", "--password-stdin", "--password-reset-required"],
            input: "Alice-Pass-1\n")
        #expect(created.status == 0, "\(created.stderr)")
        return cli
    }

    static func lastAuditEvent(_ cli: CLIHarness) async throws -> AuditEvent? {
        let store = try SQLiteAccountStore.open(at: cli.database)
        return try await store.read { tx in try tx.auditEvents(matching: AuditEventFilter(), page: .all).items.last?.event }
    }

    @Test func withUserNameItChangesThatUsersPasswordKnowingTheOldOne() async throws {
        let cli = try await Self.harness()
        let result = await cli.run(
            ["change-password", "--user-name", "alice", "--old-password", "Alice-Pass-1", "--new-password", "Alice-Pass-2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let profile = try CLIHarness.json(await cli.run(["get-login-profile", "--user-name", "alice"]).stdout)
        #expect((profile["LoginProfile"] as? [String: Any])?["PasswordResetRequired"] as? Bool == false)
        let event = try #require(try await Self.lastAuditEvent(cli))
        #expect(event.eventName == "ChangePassword" && event.errorCode == nil)
        #expect(event.userIdentity.type == .iamUser && event.userIdentity.userName == "alice")

        // The new password signs in; the old one no longer does.
        let store = try SQLiteAccountStore.open(at: cli.database)
        let service = try await IAMService(
            store: store, masterKey: MasterKey.resolve(databasePath: cli.database, environment: [:]))
        #expect(try await service.authenticatePassword(accountIDOrAlias: "123456789012", userName: "alice", password: "Alice-Pass-2").isSuccess)
        #expect(try await !service.authenticatePassword(accountIDOrAlias: "123456789012", userName: "alice", password: "Alice-Pass-1").isSuccess)
    }

    @Test func aWrongOldPasswordIsRefusedAndNothingChanges() async throws {
        let cli = try await Self.harness()
        let result = await cli.run(
            ["change-password", "--user-name", "alice", "--old-password", "Wrong-Pass-9", "--new-password", "Alice-Pass-2"])
        #expect(result.status == 254)
        #expect(result.stderr.contains("An error occurred (InvalidInput) when calling the ChangePassword operation: The old password is incorrect."))
        let profile = try CLIHarness.json(await cli.run(["get-login-profile", "--user-name", "alice"]).stdout)
        #expect((profile["LoginProfile"] as? [String: Any])?["PasswordResetRequired"] as? Bool == true)
    }

    @Test func withoutUserNameTheRootCallerIsInvalidUserType() async throws {
        let cli = try await Self.harness()
        let result = await cli.run(["change-password", "--old-password", "Root-Password-1", "--new-password", "Root-Password-2"])
        #expect(result.status == 254)
        #expect(
            result.stderr.contains(
                "An error occurred (InvalidUserType) when calling the ChangePassword operation: "
                    + "Only IAM users can change their own password with ChangePassword."))
    }

    @Test func anUnknownUserNameIsNoSuchEntity() async throws {
        let cli = try await Self.harness()
        let result = await cli.run(["change-password", "--user-name", "bob", "--old-password", "x", "--new-password", "y"])
        #expect(result.status == 254)
        #expect(
            result.stderr.contains(
                "An error occurred (NoSuchEntity) when calling the ChangePassword operation: The user with name bob cannot be found."))
    }
}
