import Foundation
import IAMCore

extension IAMService {
    /// Sets or replaces a user's permissions boundary.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for the user or the policy; `InvalidInput` for a malformed ARN.
    public func putUserPermissionsBoundary(userName: String, permissionsBoundary: String) async throws {
        try validate("PutUserPermissionsBoundary", ["UserName": .string(userName), "PermissionsBoundary": .string(permissionsBoundary)])
        let parameters = JSONValue.object([("UserName", .string(userName)), ("PermissionsBoundary", .string(permissionsBoundary))])
        try await mutate("PutUserPermissionsBoundary", parameters: parameters, resources: [permissionsBoundary]) { tx, draft in
            let user = try existingUser(userName, in: tx)
            draft.resources.append(user.arn(in: account))
            try putPermissionsBoundary(permissionsBoundary, of: user, in: tx)
        }
    }

    /// Sets a user's boundary to the policy `arn` names inside a write transaction (shared with
    /// seed files).
    func putPermissionsBoundary(_ arn: String, of user: User, in tx: any StoreWriting) throws {
        var user = user
        let policy = try managedPolicy(arn: arn, in: tx)
        user.permissionsBoundaryPolicyId = policy.id
        try tx.update(user)
        try policiesChanged(in: tx)
    }

    /// Removes a user's permissions boundary; the user then has its identity policies' permissions.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`.
    public func deleteUserPermissionsBoundary(userName: String) async throws {
        try validate("DeleteUserPermissionsBoundary", ["UserName": .string(userName)])
        try await mutate("DeleteUserPermissionsBoundary", parameters: .object([("UserName", .string(userName))])) { tx, draft in
            let user = try existingUser(userName, in: tx)
            draft.resources = [user.arn(in: account)]
            try removePermissionsBoundary(of: user, in: tx)
        }
    }

    /// Clears a user's boundary inside a write transaction (shared with seed files).
    func removePermissionsBoundary(of user: User, in tx: any StoreWriting) throws {
        var user = user
        user.permissionsBoundaryPolicyId = nil
        try tx.update(user)
        try policiesChanged(in: tx)
    }
}
