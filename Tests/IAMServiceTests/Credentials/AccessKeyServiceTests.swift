import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite
import Testing

@Suite struct AccessKeyServiceTests {
    @Test func createReturnsTheSecretOnceAndSealsIt() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        let created = try await service.createAccessKey(userName: "alice")
        let secret = created.secretAccessKey.reveal()
        #expect(secret.count == 40 && created.accessKey.id.hasPrefix("AKIA") && created.accessKey.id.count == 20)
        #expect(created.userName == "alice" && created.accessKey.status == .active)
        let sealed = try await service.store.read { tx in try tx.sealedSecret(forAccessKey: created.accessKey.id) }
        #expect(sealed.map { !String(decoding: $0, as: UTF8.self).contains(secret) } == true)
        let listed = try await service.listAccessKeys(userName: "alice").items
        #expect(listed.map(\.accessKeyId) == [created.accessKey.id])
        #expect(!listed[0].json.text().contains(secret))
        #expect(try await service.lookupSigningSecret(accessKeyId: created.accessKey.id)?.secret.reveal() == secret)
        #expect(try await !CredentialFixtures.auditText(service).contains(secret))
    }

    @Test func secretPrintsRedactedEverywhereButReveal() async throws {
        let service = try await ServiceFixtures.service()
        let created = try await service.createAccessKey()
        let secret = created.secretAccessKey.reveal()
        #expect("\(created.secretAccessKey)" == "<redacted>")
        #expect(String(reflecting: created.secretAccessKey) == "<redacted>")
        #expect(!"\(created)".contains(secret))
        #expect(!String(reflecting: created).contains(secret))
        #expect(!redactionDump(created).contains(secret))
    }

    @Test func thirdKeyIsLimitExceededAndNotWritten() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        _ = try await service.createAccessKey(userName: "alice")
        _ = try await service.createAccessKey(userName: "alice")
        await #expect(throws: IAMError(.limitExceeded, "Cannot exceed quota for AccessKeysPerUser: 2")) {
            _ = try await service.createAccessKey(userName: "alice")
        }
        #expect(try await service.listAccessKeys(userName: "alice").items.count == 2)
        #expect(try await ServiceFixtures.auditEvents(service).last?.errorCode == "LimitExceeded")
    }

    @Test func rootKeysWithoutUserNameHaveTheSameQuota() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createAccessKey()
        _ = try await service.createAccessKey()
        await #expect(throws: IAMError(.limitExceeded, "Cannot exceed quota for AccessKeysPerUser: 2")) {
            _ = try await service.createAccessKey()
        }
        let keys = try await service.listAccessKeys().items
        #expect(keys.count == 2 && keys.allSatisfy { $0.userName == nil })
    }

    @Test func manyConcurrentCreatesNeverLeaveThreeKeys() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        let successes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<12 {
                group.addTask { (try? await service.createAccessKey(userName: "alice")) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 2)
        #expect(try await service.listAccessKeys(userName: "alice").items.count == 2)
    }

    @Test func twoConnectionsOnOneFileNeverLeaveThreeKeys() async throws {
        let directory = try CredentialsScratchDirectory()
        defer { directory.remove() }
        let path = directory.file("iam.sqlite")
        let key = MasterKey.generate()
        let first = try await IAMService.createAccount(
            in: try SQLiteAccountStore.open(at: path), accountId: ServiceFixtures.accountId, rootEmail: "root@example.com",
            rootPassword: nil, masterKey: key, passwordHasher: ServiceFixtures.fastHasher)
        try await CredentialFixtures.insertUser("alice", in: first)
        let second = try await IAMService(store: try SQLiteAccountStore.open(at: path), masterKey: key)
        let successes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<10 {
                let service = index.isMultiple(of: 2) ? first : second
                group.addTask { (try? await service.createAccessKey(userName: "alice")) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 2)
        #expect(try await second.listAccessKeys(userName: "alice").items.count == 2)
    }

    @Test func updateTogglesStatusAndRefusesExpired() async throws {
        let service = try await ServiceFixtures.service()
        let id = try await service.createAccessKey().accessKey.id
        try await service.updateAccessKey(accessKeyId: id, status: "Inactive")
        #expect(try await service.listAccessKeys().items.first?.status == .inactive)
        await #expect(throws: IAMError(.invalidInput, "Invalid status Expired: an access key can only be made Active or Inactive.")) {
            try await service.updateAccessKey(accessKeyId: id, status: "Expired")
        }
        await #expect(
            throws: IAMError(
                .validationError,
                "1 validation error detected: Value 'Paused' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]")
        ) { try await service.updateAccessKey(accessKeyId: id, status: "Paused") }
        #expect(try await service.listAccessKeys().items.first?.status == .inactive)
    }

    @Test func keyOfAnotherOwnerIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        let rootKey = try await service.createAccessKey().accessKey.id
        await #expect(throws: IAMError(.noSuchEntity, "The Access Key with id \(rootKey) cannot be found.")) {
            try await service.deleteAccessKey(accessKeyId: rootKey, userName: "alice")
        }
        try await service.deleteAccessKey(accessKeyId: rootKey)
        #expect(try await service.listAccessKeys().items.isEmpty)
    }

    @Test func lastUsedIsNotApplicableUntilRecorded() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        let id = try await service.createAccessKey(userName: "alice").accessKey.id
        #expect(
            try await service.getAccessKeyLastUsed(accessKeyId: id)
                == AccessKeyLastUsed(userName: "alice", lastUsedDate: nil, serviceName: "N/A", region: "N/A"))
        let used = ServiceFixtures.now.addingTimeInterval(60)
        try await service.recordAccessKeyUse(id: id, service: "s3", region: "us-east-1", at: used)
        try await service.recordAccessKeyUse(id: id, service: "s3", region: "us-east-1", at: used.addingTimeInterval(60))
        #expect(
            try await service.getAccessKeyLastUsed(accessKeyId: id)
                == AccessKeyLastUsed(userName: "alice", lastUsedDate: used, serviceName: "s3", region: "us-east-1"))
        await #expect(throws: IAMError(.noSuchEntity, "The Access Key with id AKIAAAAAAAAAAAAAAAAA cannot be found.")) {
            _ = try await service.getAccessKeyLastUsed(accessKeyId: "AKIAAAAAAAAAAAAAAAAA")
        }
    }
}
