import Foundation
import IAMCore
import IAMService
import Testing

/// Rules that hold across every credential operation: failures change nothing, secrets never
/// reach the audit trail, and secrets are handed out exactly once.
@Suite struct CredentialInvariantTests {
    /// Everything a credential operation can change, as text.
    static func fingerprint(_ service: IAMService) async throws -> String {
        try await service.store.read { tx in
            let accountId = service.account.id
            let users = try tx.users(accountId: accountId, pathPrefix: nil, page: .all).items
            var parts = [String(describing: users), String(describing: try tx.passwordPolicy(accountId: accountId))]
            for user in users {
                parts.append(String(describing: try tx.loginProfile(userId: user.id)))
                parts.append(String(describing: try tx.passwordHistory(userId: user.id, limit: 100)))
            }
            parts.append(String(describing: try tx.accessKeys(accountId: accountId)))
            for key in try tx.accessKeys(accountId: accountId) {
                parts.append(String(describing: try tx.sealedSecret(forAccessKey: key.id)))
            }
            let devices = try tx.virtualMFADevices(accountId: accountId, assignment: .any, page: .all).items
            parts.append(String(describing: devices))
            for device in devices { parts.append(String(describing: try tx.tags(mfaSerialNumber: device.serialNumber))) }
            parts.append(String(describing: try tx.rootUser(accountId: accountId)))
            return parts.joined(separator: "\n")
        }
    }

    @Test func failedOperationsLeaveTheDatabaseUnchangedAndAreAudited() async throws {
        let service = try await ServiceFixtures.service()
        let user = try await CredentialFixtures.insertUser("alice", in: service)
        try await service.updateAccountPasswordPolicy(minimumPasswordLength: 10, passwordReusePrevention: 1)
        _ = try await service.createLoginProfile(userName: "alice", password: "Alice-Pass-1")
        let key = try await service.createAccessKey(userName: "alice").accessKey.id
        _ = try await service.createAccessKey(userName: "alice")
        let device = try await service.createVirtualMFADevice(name: "alice-phone")
        let before = try await Self.fingerprint(service)
        let eventsBefore = try await CredentialFixtures.auditCount(service)

        let failures: [@Sendable () async throws -> Void] = [
            { _ = try await service.createLoginProfile(userName: "alice", password: "Another-Pass-2") },
            { try await service.updateLoginProfile(userName: "alice", password: "short") },
            { try await service.updateLoginProfile(userName: "alice", password: "Alice-Pass-1") },
            { try await CredentialFixtures.acting(as: user, service).changePassword(oldPassword: "wrong-pass", newPassword: "Brand-New-Pass-3") },
            { _ = try await service.createAccessKey(userName: "alice") },
            { try await service.updateAccessKey(accessKeyId: key, status: "Expired", userName: "alice") },
            { try await service.deleteAccessKey(accessKeyId: key) },
            { try await service.enableMFADevice(userName: "alice", serialNumber: device.serialNumber, authenticationCode1: "000000", authenticationCode2: "111111") },
            { try await service.deactivateMFADevice(userName: "alice", serialNumber: device.serialNumber) },
            { try await service.tagMFADevice(serialNumber: device.serialNumber, tags: [Tag(key: "ok", value: "1"), Tag(key: "aws:no", value: "2")]) },
            { _ = try await service.createVirtualMFADevice(name: "alice-phone") },
        ]
        for failure in failures {
            await #expect(throws: IAMError.self) { try await failure() }
        }
        #expect(try await Self.fingerprint(service) == before)
        let events = try await ServiceFixtures.auditEvents(service).dropFirst(eventsBefore)
        #expect(events.count == failures.count)
        #expect(events.allSatisfy { $0.errorCode != nil })
    }

    @Test func noPasswordSecretSeedOrCodeEverReachesTheAuditTrail() async throws {
        let service = try await ServiceFixtures.service()
        let user = try await CredentialFixtures.insertUser("alice", in: service)
        var secrets = ["Alice-Pass-1", "Alice-Pass-2", "Alice-Pass-3", "Root-Password-1"]
        _ = try await service.createLoginProfile(userName: "alice", password: secrets[0])
        try await service.updateLoginProfile(userName: "alice", password: secrets[1])
        try await CredentialFixtures.acting(as: user, service).changePassword(oldPassword: secrets[1], newPassword: secrets[2])
        _ = try await service.authenticatePassword(accountIDOrAlias: "123456789012", userName: "alice", password: secrets[2])
        _ = try await service.authenticatePassword(accountIDOrAlias: "123456789012", userName: "nobody", password: "Typo-Pass-9")
        secrets.append("Typo-Pass-9")
        _ = try await service.authenticateRoot(email: "root@example.com", password: secrets[3])
        let created = try await service.createAccessKey(userName: "alice")
        secrets.append(created.secretAccessKey.reveal())
        let device = try await service.createVirtualMFADevice(name: "alice-phone")
        let base32 = String(decoding: device.base32StringSeed.reveal(), as: UTF8.self)
        secrets.append(base32)
        secrets.append(device.qrCodePNG.reveal().base64EncodedString())
        let (code1, code2) = MFAServiceTests.codes(try MFAServiceTests.seed(device))
        secrets += [code1, code2]
        try await service.enableMFADevice(userName: "alice", serialNumber: device.serialNumber, authenticationCode1: code1, authenticationCode2: code2)

        let events = try await ServiceFixtures.auditEvents(service)
        #expect(events.count >= 10)
        let everything = events.map { String(describing: $0) }.joined(separator: "\n")
        for secret in secrets {
            #expect(!everything.contains(secret), "audit trail contains a secret")
        }
    }

    @Test func theSecretAccessKeyIsReturnedExactlyOnce() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        let created = try await service.createAccessKey(userName: "alice")
        let secret = created.secretAccessKey.reveal()
        let id = created.accessKey.id
        let answers = [
            String(describing: try await service.listAccessKeys(userName: "alice")),
            String(describing: try await service.getAccessKeyLastUsed(accessKeyId: id)),
            String(describing: try await service.listAccessKeys(userName: "alice").items.map(\.json)),
            String(describing: try await service.generateCredentialReport()),
            String(decoding: try await service.getCredentialReport().content, as: UTF8.self),
            try await Self.fingerprint(service),
        ]
        #expect(answers.allSatisfy { !$0.contains(secret) })
        #expect(created.json["SecretAccessKey"] == .string(secret))
    }
}
