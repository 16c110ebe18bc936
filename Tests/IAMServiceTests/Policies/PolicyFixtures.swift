import Foundation
import IAMCore
import IAMService

/// Documents and snapshots for policy tests.
enum PolicyFixtures {
    static let account = ServiceFixtures.accountId
    static let adminArn = "arn:aws:iam::aws:policy/AdministratorAccess"
    static let billingArn = "arn:aws:iam::aws:policy/job-function/Billing"
    static let allowAll = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
    static let denyAll = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#
    static let allowS3Read = #"{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#

    static func arn(_ name: String) -> String { "arn:aws:iam::\(account):policy/\(name)" }

    /// A valid document whose size without white space is exactly `size` characters (size ≥ 110).
    static func document(size: Int) -> String {
        let head = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::"#
        let tail = #""}]}"#
        precondition(size >= head.count + tail.count + 1, "document(size:) needs at least \(head.count + tail.count + 1)")
        return head + String(repeating: "a", count: size - head.count - tail.count) + tail
    }

    /// Everything policy operations can change, as one comparable text.
    static func snapshot(_ service: IAMService) async throws -> String {
        let accountId = service.account.id
        return try await service.store.read { tx in
            var lines: [String] = []
            for policy in try tx.managedPolicies(accountId: accountId, scope: .all, pathPrefix: nil, onlyAttached: false, page: .all).items {
                let versions = try tx.policyVersions(policyId: policy.id).map { "\($0.versionId)\($0.isDefault ? "*" : "")" }
                let tags = try tx.tags(policyId: policy.id).map { "\($0.key)=\($0.value)" }
                lines.append("policy \(policy.id) \(policy.name) \(policy.nextVersionNumber) \(versions) \(tags)")
            }
            for user in try tx.users(accountId: accountId, pathPrefix: nil, page: .all).items {
                let attached = try tx.attachedPolicies(to: .user(id: user.id)).map(\.name)
                let inline = try tx.inlinePolicies(of: .user(id: user.id)).map { "\($0.name):\($0.document)" }
                lines.append("user \(user.name) \(user.permissionsBoundaryPolicyId ?? "-") \(attached) \(inline)")
            }
            for group in try tx.groups(accountId: accountId, pathPrefix: nil, page: .all).items {
                let attached = try tx.attachedPolicies(to: .group(id: group.id)).map(\.name)
                let inline = try tx.inlinePolicies(of: .group(id: group.id)).map { "\($0.name):\($0.document)" }
                let members = try tx.members(ofGroupId: group.id, page: .all).items.map(\.name)
                lines.append("group \(group.name) \(attached) \(inline) \(members)")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// The last audit event as `Name` or `Name:ErrorCode`.
    static func lastAudit(_ service: IAMService) async throws -> String? {
        try await IdentityFixtures.audit(service).last
    }
}
