/// Where a policy comes from: the label a decision reports for each matched statement.
public struct PolicySource: Sendable, Hashable {
    /// How the policy reaches the principal.
    public enum Kind: Sendable, Hashable {
        /// An inline policy of the user (`PutUserPolicy`).
        case userInline
        /// An inline policy of one of the user's groups (`PutGroupPolicy`).
        case groupInline(groupName: String)
        /// A managed policy attached to the user (`AttachUserPolicy`).
        /// A customer managed policy.
        case userManaged
        /// A managed policy attached to one of the user's groups (`AttachGroupPolicy`).
        case groupManaged(groupName: String)
        /// The user's permissions boundary (`PutUserPermissionsBoundary`).
        case permissionsBoundary
        /// A document passed to `SimulateCustomPolicy`, by its position (from 0) in `PolicyInputList`.
        case custom(index: Int)
    }

    /// AWS's `PolicySourceType`, as `SimulatePrincipalPolicy` reports it.
    public enum SourceType: String, Sendable, Hashable, CaseIterable {
        /// An inline policy of a user.
        case user
        /// An inline policy of a group.
        case group
        /// An inline policy of a role.
        case role
        /// A managed policy owned by AWS.
        case awsManaged = "aws-managed"
        /// A customer managed policy.
        case userManaged = "user-managed"
        /// A resource-based policy.
        case resource
        /// A policy passed to `SimulateCustomPolicy`.
        case none
    }

    /// AWS's `SourcePolicyId`: the policy name for an inline policy, the ARN for a managed one,
    /// `PolicyInputList.N` for a custom one.
    public var id: String
    /// How the policy reaches the principal.
    public var kind: Kind

    /// Creates a label.
    public init(id: String, kind: Kind) {
        self.id = id
        self.kind = kind
    }

    /// The label of the document at `index` (from 0) of `SimulateCustomPolicy`'s `PolicyInputList`,
    /// named `PolicyInputList.<index + 1>` as AWS names it.
    public static func customPolicy(at index: Int) -> PolicySource {
        PolicySource(id: "PolicyInputList.\(index + 1)", kind: .custom(index: index))
    }

    /// The `SourcePolicyType` to report; a managed policy whose ARN is in the `aws` account is AWS managed.
    public var sourceType: SourceType {
        switch kind {
        case .userInline: .user
        case .groupInline: .group
        case .userManaged, .groupManaged, .permissionsBoundary:
            id.contains(":iam::aws:policy/") ? .awsManaged : .userManaged
        case .custom: .none
        }
    }
}
