import Foundation
import IAMCore

extension IAMService {
    /// AWS's `EntityType` filter of `GetAccountAuthorizationDetails`.
    public enum AuthorizationDetailsFilter: String, Sendable, CaseIterable {
        case user = "User"
        case role = "Role"
        case group = "Group"
        case localManagedPolicy = "LocalManagedPolicy"
        case awsManagedPolicy = "AWSManagedPolicy"
    }

    /// Every user, group and managed policy of the account with their policies, as one snapshot:
    /// AWS's `GetAccountAuthorizationDetailsResponse` (documents decoded, all policy versions).
    ///
    /// AWS managed policies appear when something in the account uses them. An empty `filter`
    /// includes every kind. The whole answer is one page. `documents: .text` gives policy
    /// documents as submitted, as the Query API does.
    ///
    /// - Throws: `ValidationError`.
    public func getAccountAuthorizationDetails(
        filter: [AuthorizationDetailsFilter] = [], documents: PolicyDocumentForm = .decoded
    ) async throws -> JSONValue {
        try validate("GetAccountAuthorizationDetails", ["Filter": filter.isEmpty ? nil : .list(filter.map { .string($0.rawValue) })])
        let kinds = Set(filter.isEmpty ? AuthorizationDetailsFilter.allCases : filter)
        let parameters = JSONValue.object(["Filter": filter.isEmpty ? nil : .array(filter.map { .string($0.rawValue) })])
        return try await query("GetAccountAuthorizationDetails", parameters: parameters) { tx in
            let partition = account.partition
            let attachedJSON = { (policies: [ManagedPolicy]) -> JSONValue in
                .array(policies.map { AttachedPolicyDescription(policyName: $0.name, policyArn: $0.arn(partition: partition)).json })
            }
            let inlineJSON = { (policy: InlinePolicy) -> JSONValue in
                .object([("PolicyName", .string(policy.name)), ("PolicyDocument", documents.value(policy.document))])
            }
            var users: [JSONValue] = []
            if kinds.contains(.user) {
                for user in try tx.users(accountId: account.id, pathPrefix: nil, page: .all).items {
                    let inline = try tx.inlinePolicies(of: .user(id: user.id)).map(inlineJSON)
                    let groups = try tx.groups(forUserId: user.id, page: .all).items.map { JSONValue.string($0.name) }
                    let boundary = try user.permissionsBoundaryPolicyId.flatMap { try tx.managedPolicy(id: $0) }
                    let tags = try tx.tags(userId: user.id)
                    users.append(.object([
                        "Path": .string(user.path), "UserName": .string(user.name), "UserId": .string(user.id),
                        "Arn": .string(user.arn(in: account)), "CreateDate": .string(user.createdAt.awsTimestamp),
                        "UserPolicyList": inline.isEmpty ? nil : .array(inline), "GroupList": .array(groups),
                        "AttachedManagedPolicies": attachedJSON(try tx.attachedPolicies(to: .user(id: user.id))),
                        "PermissionsBoundary": boundary.map {
                            .object([
                                ("PermissionsBoundaryType", .string("PermissionsBoundaryPolicy")),
                                ("PermissionsBoundaryArn", .string($0.arn(partition: partition))),
                            ])
                        },
                        "Tags": tags.isEmpty ? nil : Tag.json(tags),
                    ]))
                }
            }
            var groups: [JSONValue] = []
            if kinds.contains(.group) {
                for group in try tx.groups(accountId: account.id, pathPrefix: nil, page: .all).items {
                    let inline = try tx.inlinePolicies(of: .group(id: group.id)).map(inlineJSON)
                    groups.append(.object([
                        "Path": .string(group.path), "GroupName": .string(group.name), "GroupId": .string(group.id),
                        "Arn": .string(group.arn(in: account)), "CreateDate": .string(group.createdAt.awsTimestamp),
                        "GroupPolicyList": .array(inline),
                        "AttachedManagedPolicies": attachedJSON(try tx.attachedPolicies(to: .group(id: group.id))),
                    ]))
                }
            }
            var policies: [JSONValue] = []
            if kinds.contains(.localManagedPolicy) || kinds.contains(.awsManagedPolicy) {
                for policy in try tx.managedPolicies(accountId: account.id, scope: .all, pathPrefix: nil, onlyAttached: false, page: .all).items {
                    let described = try describe(policy, in: tx, tags: false, description: true)
                    if policy.isAWSManaged {
                        guard kinds.contains(.awsManagedPolicy),
                            described.attachmentCount + described.permissionsBoundaryUsageCount > 0
                        else { continue }
                    } else if !kinds.contains(.localManagedPolicy) {
                        continue
                    }
                    guard case .object(var pairs) = described.json else { continue }
                    pairs.append(("PolicyVersionList", .array(try tx.policyVersions(policyId: policy.id).map { $0.json(documents: documents) })))
                    policies.append(.object(pairs))
                }
            }
            return .object([
                ("UserDetailList", .array(users)), ("GroupDetailList", .array(groups)), ("RoleDetailList", .array([])),
                ("Policies", .array(policies)), ("IsTruncated", .bool(false)),
            ])
        }
    }
}
