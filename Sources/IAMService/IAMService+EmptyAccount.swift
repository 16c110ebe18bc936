import IAMCore

extension IAMService {
    /// Deletes everything the account holds (users with their credentials, tags and policies,
    /// groups, customer managed policies, virtual MFA devices, the alias and the password policy)
    /// in one transaction, leaving the account, its root user and the audit trail.
    ///
    /// For labs and test suites (the server's `POST /moto-api/reset`): all or nothing, audited as
    /// `ResetAccount`.
    ///
    /// - Throws: whatever the store raises; the account is then unchanged.
    public func emptyAccount() async throws {
        let accountId = account.id
        try await mutate("ResetAccount", resources: [account.rootARN]) { tx, _ in
            for user in try tx.users(accountId: accountId, pathPrefix: nil, page: .all).items {
                let holder = PolicyHolder.user(id: user.id)
                for policy in try tx.attachedPolicies(to: holder) { try tx.detach(policyId: policy.id, from: holder) }
                for inline in try tx.inlinePolicies(of: holder) { try tx.deleteInlinePolicy(of: holder, named: inline.name) }
                for group in try tx.groups(forUserId: user.id, page: .all).items { try tx.removeMember(userId: user.id, groupId: group.id) }
                for key in try tx.accessKeys(accountId: accountId, owner: .user(id: user.id)) { try tx.deleteAccessKey(id: key.id) }
                for device in try tx.mfaDevices(accountId: accountId, owner: .user(id: user.id)) {
                    try tx.deleteMFADevice(serialNumber: device.serialNumber)
                }
                try tx.deleteLoginProfile(userId: user.id)
                try tx.deleteUser(id: user.id)
            }
            for group in try tx.groups(accountId: accountId, pathPrefix: nil, page: .all).items {
                let holder = PolicyHolder.group(id: group.id)
                for policy in try tx.attachedPolicies(to: holder) { try tx.detach(policyId: policy.id, from: holder) }
                for inline in try tx.inlinePolicies(of: holder) { try tx.deleteInlinePolicy(of: holder, named: inline.name) }
                try tx.deleteGroup(id: group.id)
            }
            let policies = try tx.managedPolicies(accountId: accountId, scope: .local, pathPrefix: nil, onlyAttached: false, page: .all)
            for policy in policies.items { try tx.deleteManagedPolicy(id: policy.id) }
            for device in try tx.virtualMFADevices(accountId: accountId, assignment: .any, page: .all).items {
                try tx.deleteMFADevice(serialNumber: device.serialNumber)
            }
            for key in try tx.accessKeys(accountId: accountId, owner: .root) { try tx.deleteAccessKey(id: key.id) }
            try tx.setAccountAlias(nil, accountId: accountId, at: clock.now)
            try tx.setPasswordPolicy(nil, accountId: accountId)
            try Self.bumpPolicyEpoch(in: tx)
        }
    }
}
