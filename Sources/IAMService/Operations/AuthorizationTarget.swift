import IAMCore

/// What the policy engine must allow before an operation runs: the IAM action and the resource ARN,
/// as AWS's Service Authorization Reference gives them for that operation.
///
/// ```swift
/// let target = try await iam.authorizationTarget(for: "AddUserToGroup", input: ["GroupName": "admins", "UserName": "bob"])
/// // AuthorizationTarget(action: "iam:AddUserToGroup", resource: "arn:aws:iam::123456789012:group/division/admins")
/// ```
public struct AuthorizationTarget: Sendable, Hashable {
    /// The action, such as `iam:CreateUser` or `sts:GetCallerIdentity`.
    public var action: String
    /// The resource ARN, or `*` for account-level operations.
    public var resource: String
    /// Whether the caller needs a policy allowing ``action`` at all. `false` only for STS
    /// `GetCallerIdentity`, which AWS answers "even if explicitly denied" (STS API reference,
    /// GetCallerIdentity: "No permissions are required to perform this operation").
    public var requiresPermission: Bool

    public init(action: String, resource: String, requiresPermission: Bool = true) {
        self.action = action
        self.resource = resource
        self.requiresPermission = requiresPermission
    }
}
