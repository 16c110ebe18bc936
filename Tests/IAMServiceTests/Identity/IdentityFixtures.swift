import Foundation
import IAMCore
import IAMService

/// Helpers for identity tests: put credentials and policies in place directly through the store
/// (their own operations live elsewhere) and take snapshots to prove a failure changed nothing.
enum IdentityFixtures {
    static let now = ServiceFixtures.now
    static let phc = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"

    /// A customer managed policy named `name` with a default version `v1`.
    @discardableResult
    static func managedPolicy(_ service: IAMService, name: String, id: String = "ANPAAAAAAAAAAAAAAAAAA") async throws -> ManagedPolicy {
        let policy = ManagedPolicy(id: id, accountId: service.account.id, name: name, createdAt: now, updatedAt: now)
        try await service.store.write { tx in
            try tx.insert(policy)
            try tx.insert(
                PolicyVersion(
                    policyId: policy.id, versionId: "v1",
                    document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
                    isDefault: true, createdAt: now))
        }
        return policy
    }

    static func userId(_ service: IAMService, _ name: String) async throws -> String {
        try await service.store.read { tx in try tx.user(named: name, accountId: service.account.id)!.id }
    }

    static func groupId(_ service: IAMService, _ name: String) async throws -> String {
        try await service.store.read { tx in try tx.group(named: name, accountId: service.account.id)!.id }
    }

    /// Everything identity operations can change, as one comparable text.
    static func snapshot(_ service: IAMService) async throws -> String {
        let accountId = service.account.id
        return try await service.store.read { tx in
            var lines: [String] = []
            for user in try tx.users(accountId: accountId, pathPrefix: nil, page: .all).items {
                let tags = try tx.tags(userId: user.id).map { "\($0.key)=\($0.value)" }
                let groups = try tx.groups(forUserId: user.id, page: .all).items.map(\.name)
                lines.append("user \(user.id) \(user.name) \(user.path) \(user.permissionsBoundaryPolicyId ?? "-") \(tags) \(groups)")
            }
            for group in try tx.groups(accountId: accountId, pathPrefix: nil, page: .all).items {
                lines.append("group \(group.id) \(group.name) \(group.path)")
            }
            lines.append("alias \(try tx.accountAlias(accountId: accountId) ?? "-")")
            return lines.joined(separator: "\n")
        }
    }

    /// Every audit event's name and error code, oldest first.
    static func audit(_ service: IAMService) async throws -> [String] {
        try await ServiceFixtures.auditEvents(service).map { [$0.eventName, $0.errorCode].compactMap { $0 }.joined(separator: ":") }
    }
}
