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

    /// Every user, group and managed policy of the account with their policies:
    /// AWS's `GetAccountAuthorizationDetailsResponse` (documents decoded, all policy versions).
    ///
    /// AWS managed policies appear when something in the account uses them. An empty `filter`
    /// includes every kind. Pages run through users, then groups, then policies, each by name;
    /// one marker pages through all three lists. `documents: .text` gives policy documents as
    /// submitted, as the Query API does.
    ///
    /// - Throws: `ValidationError`; `InvalidInput` for a marker this call did not issue.
    public func getAccountAuthorizationDetails(
        filter: [AuthorizationDetailsFilter] = [], documents: PolicyDocumentForm = .decoded, page: PageRequest = PageRequest()
    ) async throws -> JSONValue {
        try validate(
            "GetAccountAuthorizationDetails",
            [
                "Filter": filter.isEmpty ? nil : .list(filter.map { .string($0.rawValue) }),
                "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems),
            ])
        let kinds = Set(filter.isEmpty ? AuthorizationDetailsFilter.allCases : filter)
        let parameters = JSONValue.object(["Filter": filter.isEmpty ? nil : .array(filter.map { .string($0.rawValue) })])
        return try await query("GetAccountAuthorizationDetails", parameters: parameters) { tx in
            var entries: [(key: String, entity: DetailEntity)] = []
            if kinds.contains(.user) {
                entries += try tx.users(accountId: account.id, pathPrefix: nil, page: .all).items.map {
                    ("1/" + $0.name.lowercased() + "/" + $0.id, .user($0))
                }
            }
            if kinds.contains(.group) {
                entries += try tx.groups(accountId: account.id, pathPrefix: nil, page: .all).items.map {
                    ("2/" + $0.name.lowercased() + "/" + $0.id, .group($0))
                }
            }
            if kinds.contains(.localManagedPolicy) || kinds.contains(.awsManagedPolicy) {
                for policy in try tx.managedPolicies(accountId: account.id, scope: .all, pathPrefix: nil, onlyAttached: false, page: .all).items {
                    if policy.isAWSManaged {
                        guard kinds.contains(.awsManagedPolicy),
                            try tx.attachmentCount(policyId: policy.id, accountId: account.id)
                                + tx.permissionsBoundaryUsageCount(policyId: policy.id, accountId: account.id) > 0
                        else { continue }
                    } else if !kinds.contains(.localManagedPolicy) {
                        continue
                    }
                    entries.append(("3/" + policy.name.lowercased() + "/" + policy.id, .policy(policy)))
                }
            }
            let selected = try Self.page(entries.sorted { $0.key < $1.key }, page) { $0.key }
            var users: [JSONValue] = []
            var groups: [JSONValue] = []
            var policies: [JSONValue] = []
            for entry in selected.items {
                switch entry.entity {
                case .user(let user): users.append(try userDetail(user, documents: documents, in: tx))
                case .group(let group): groups.append(try groupDetail(group, documents: documents, in: tx))
                case .policy(let policy): policies.append(try policyDetail(policy, documents: documents, in: tx))
                }
            }
            return .object([
                "UserDetailList": .array(users), "GroupDetailList": .array(groups), "RoleDetailList": .array([]),
                "Policies": .array(policies), "IsTruncated": .bool(selected.nextMarker != nil),
                "Marker": selected.nextMarker.map(JSONValue.string),
            ])
        }
    }

    private enum DetailEntity: Sendable {
        case user(User)
        case group(Group)
        case policy(ManagedPolicy)
    }

    /// AWS's `UserDetail`.
    private func userDetail(_ user: User, documents: PolicyDocumentForm, in tx: any StoreReading) throws -> JSONValue {
        let inline = try tx.inlinePolicies(of: .user(id: user.id)).map { Self.inlineDetail($0, documents: documents) }
        let groups = try tx.groups(forUserId: user.id, page: .all).items.map { JSONValue.string($0.name) }
        let boundary = try user.permissionsBoundaryPolicyId.flatMap { try tx.managedPolicy(id: $0) }
        let tags = try tx.tags(userId: user.id)
        return .object([
            "Path": .string(user.path), "UserName": .string(user.name), "UserId": .string(user.id),
            "Arn": .string(user.arn(in: account)), "CreateDate": .string(user.createdAt.awsTimestamp),
            "UserPolicyList": inline.isEmpty ? nil : .array(inline), "GroupList": .array(groups),
            "AttachedManagedPolicies": try attachedDetail(.user(id: user.id), in: tx),
            "PermissionsBoundary": boundary.map {
                .object([
                    ("PermissionsBoundaryType", .string("PermissionsBoundaryPolicy")),
                    ("PermissionsBoundaryArn", .string($0.arn(partition: account.partition))),
                ])
            },
            "Tags": tags.isEmpty ? nil : Tag.json(tags),
        ])
    }

    /// AWS's `GroupDetail`.
    private func groupDetail(_ group: Group, documents: PolicyDocumentForm, in tx: any StoreReading) throws -> JSONValue {
        .object([
            "Path": .string(group.path), "GroupName": .string(group.name), "GroupId": .string(group.id),
            "Arn": .string(group.arn(in: account)), "CreateDate": .string(group.createdAt.awsTimestamp),
            "GroupPolicyList": .array(try tx.inlinePolicies(of: .group(id: group.id)).map { Self.inlineDetail($0, documents: documents) }),
            "AttachedManagedPolicies": try attachedDetail(.group(id: group.id), in: tx),
        ])
    }

    /// AWS's `ManagedPolicyDetail`: the policy with every version.
    private func policyDetail(_ policy: ManagedPolicy, documents: PolicyDocumentForm, in tx: any StoreReading) throws -> JSONValue {
        guard case .object(var pairs) = try describe(policy, in: tx, tags: false, description: true).json else { return .null }
        pairs.append(("PolicyVersionList", .array(try tx.policyVersions(policyId: policy.id).map { $0.json(documents: documents) })))
        return .object(pairs)
    }

    private func attachedDetail(_ holder: PolicyHolder, in tx: any StoreReading) throws -> JSONValue {
        .array(try tx.attachedPolicies(to: holder).map {
            AttachedPolicyDescription(policyName: $0.name, policyArn: $0.arn(partition: account.partition)).json
        })
    }

    private static func inlineDetail(_ policy: InlinePolicy, documents: PolicyDocumentForm) -> JSONValue {
        .object([("PolicyName", .string(policy.name)), ("PolicyDocument", documents.value(policy.document))])
    }
}
