import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite
import Testing

@Suite struct AccountCreationTests {
    @Test func createAccountWritesAccountRootUserAndOneAuditEvent() async throws {
        let service = try await ServiceFixtures.service()
        #expect(service.account.id == "123456789012")
        #expect(service.caller.arn == "arn:aws:iam::123456789012:root")
        let root = try await service.store.read { tx in try tx.rootUser(accountId: "123456789012") }
        #expect(root?.email == "root@example.com")
        #expect(root?.passwordHash?.hasPrefix("$argon2id$v=19$m=64,t=1,p=1$") == true)
        #expect(ServiceFixtures.fastHasher.verify("Root-Password-1", phc: root?.passwordHash ?? ""))
        let events = try await ServiceFixtures.auditEvents(service)
        #expect(events.map(\.eventName) == ["CreateAccount"])
        #expect(events[0].userIdentity.type == .root)
        #expect(events[0].requestParameters == #"{"AccountId":"123456789012","Email":"root@example.com"}"#)
    }

    @Test func secondAccountWithTheSameIDIsEntityAlreadyExistsAndAudited() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(throws: IAMError(.entityAlreadyExists, "Account 123456789012 already exists.")) {
            _ = try await IAMService.createAccount(
                in: service.store, accountId: "123456789012", rootEmail: "other@example.com", rootPassword: nil,
                masterKey: .generate(), passwordHasher: ServiceFixtures.fastHasher)
        }
        let events = try await ServiceFixtures.auditEvents(service)
        #expect(events.map(\.eventName) == ["CreateAccount", "CreateAccount"])
        #expect(events[1].errorCode == "EntityAlreadyExists")
    }

    @Test(arguments: ["12345", "12345678901a", "1234567890123"])
    func malformedAccountIDIsInvalidInput(id: String) async throws {
        let store = try SQLiteAccountStore.inMemory()
        await #expect(throws: IAMError(.invalidInput, "The account ID \(id) is not valid: it must be exactly 12 digits.")) {
            _ = try await IAMService.createAccount(
                in: store, accountId: id, rootEmail: "root@example.com", rootPassword: nil, masterKey: .generate())
        }
    }

    @Test func randomAccountIDHasTwelveDigits() async throws {
        let store = try SQLiteAccountStore.inMemory()
        let service = try await IAMService.createAccount(
            in: store, rootEmail: "root@example.com", rootPassword: nil, masterKey: .generate(), random: .seeded(7))
        #expect(Account.isValidID(service.account.id))
    }

    @Test func serviceOpensTheOnlyAccountAndRefusesAmbiguity() async throws {
        let first = try await ServiceFixtures.service()
        let opened = try await IAMService(store: first.store, masterKey: .generate())
        #expect(opened.account.id == "123456789012")
        _ = try await IAMService.createAccount(
            in: first.store, accountId: "210987654321", rootEmail: "two@example.com", rootPassword: nil, masterKey: .generate())
        await #expect(throws: IAMError.self) { _ = try await IAMService(store: first.store, masterKey: .generate()) }
        let second = try await IAMService(store: first.store, masterKey: .generate(), accountId: "210987654321")
        #expect(second.account.id == "210987654321")
        await #expect(throws: IAMError(.noSuchEntity, "The account with ID 999999999999 cannot be found.")) {
            _ = try await IAMService(store: first.store, masterKey: .generate(), accountId: "999999999999")
        }
    }

    @Test func rootPasswordOutsideAWSCharacterSetIsValidationErrorWithoutEcho() async throws {
        let store = try SQLiteAccountStore.inMemory()
        let error = await #expect(throws: IAMError.self) {
            _ = try await IAMService.createAccount(
                in: store, accountId: "123456789012", rootEmail: "root@example.com", rootPassword: "pässwörd✓",
                masterKey: .generate())
        }
        #expect(error?.code == .validationError)
        #expect(error?.message.contains("✓") == false)
        #expect(try await store.read { tx in try tx.accounts() }.isEmpty)
    }
}
