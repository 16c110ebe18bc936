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
            var user = try existingUser(userName, in: tx)
            draft.resources.append(user.arn(in: account))
            let policy = try managedPolicy(arn: permissionsBoundary, in: tx)
            user.permissionsBoundaryPolicyId = policy.id
            try tx.update(user)
            try Self.bumpPolicyEpoch(in: tx)
        }
    }

    /// Removes a user's permissions boundary; the user then has its identity policies' permissions.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`.
    public func deleteUserPermissionsBoundary(userName: String) async throws {
        try validate("DeleteUserPermissionsBoundary", ["UserName": .string(userName)])
        try await mutate("DeleteUserPermissionsBoundary", parameters: .object([("UserName", .string(userName))])) { tx, draft in
            var user = try existingUser(userName, in: tx)
            draft.resources = [user.arn(in: account)]
            user.permissionsBoundaryPolicyId = nil
            try tx.update(user)
            try Self.bumpPolicyEpoch(in: tx)
        }
    }
}
