import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite

/// A fresh in-memory account for each service test, with deterministic clock, IDs and secrets
/// and cheap Argon2 parameters (the real ones are exercised by PasswordHasherTests).
enum ServiceFixtures {
    static let accountId = "123456789012"
    static let now = Date(timeIntervalSince1970: 1_764_000_000)
    static let fastHasher = PasswordHasher(parameters: Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1))

    static func service(
        clock: ServiceClock = .fixed(now), seed: UInt64 = 1, rootPassword: String? = "Root-Password-1"
    ) async throws -> IAMService {
        let store = try SQLiteAccountStore.inMemory()
        return try await IAMService.createAccount(
            in: store, accountId: accountId, rootEmail: "root@example.com", rootPassword: rootPassword,
            masterKey: .generate(), source: .library, clock: clock, random: .seeded(seed), passwordHasher: fastHasher)
    }

    /// Every audit event written so far, oldest first.
    static func auditEvents(_ service: IAMService) async throws -> [AuditEvent] {
        try await service.store.read { tx in try tx.auditEvents(matching: AuditEventFilter(), page: .all).items.map(\.event) }
    }
}
