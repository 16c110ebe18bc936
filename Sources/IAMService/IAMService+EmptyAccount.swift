import IAMCore

extension IAMService {
    /// Deletes everything the account holds (users with their credentials, tags and policies,
    /// groups, customer managed policies, MFA devices and keys, root's included, the alias and the
    /// password policy) in one transaction, leaving the account, its root user and the audit trail
    /// (``StoreWriting/deleteAccountContents(accountId:)``, as a lab reset does).
    ///
    /// For labs and test suites (the server's `POST /moto-api/reset`): all or nothing, audited as
    /// `ResetAccount`.
    ///
    /// - Throws: whatever the store raises; the account is then unchanged.
    public func emptyAccount() async throws {
        try await mutate("ResetAccount", resources: [account.rootARN]) { [account] tx, _ in
            try tx.deleteAccountContents(accountId: account.id)
            try Self.bumpPolicyEpoch(in: tx)
        }
    }
}
