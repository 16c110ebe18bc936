import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite

/// Users inserted through the store directly, and audit scans, for the credential operations' tests.
enum CredentialFixtures {
    /// Inserts user `name` (ID `AIDA` + a padded counter) and returns it.
    @discardableResult
    static func insertUser(_ name: String, in service: IAMService, id: String? = nil) async throws -> User {
        let user = User(
            id: id ?? "AIDA" + String(repeating: "X", count: 17 - min(17, name.count)) + name.uppercased().prefix(17),
            accountId: service.account.id, name: name, createdAt: ServiceFixtures.now)
        try await service.store.write { tx in try tx.insert(user) }
        return user
    }

    /// Every audit row as text (parameters, response, error), to scan for secrets.
    static func auditText(_ service: IAMService) async throws -> String {
        try await ServiceFixtures.auditEvents(service).map { event in
            [event.requestParameters, event.responseElements, event.errorMessage, event.userIdentity.userName]
                .compactMap { $0 }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// The number of audit events so far.
    static func auditCount(_ service: IAMService) async throws -> Int {
        try await ServiceFixtures.auditEvents(service).count
    }

    /// The service acting as IAM user `user`.
    static func acting(as user: User, _ service: IAMService) -> IAMService {
        service.acting(as: Principal(account: service.account, kind: .user(user)))
    }
}
