import Foundation
import IAMCore

extension IAMService {
    /// The account's current state as a seed, read in one transaction, so that
    /// `exportSeed()` → ``resetLab(to:)`` gives the same state back.
    ///
    /// Secrets are never exported: access keys and MFA devices appear by ID and serial (a reset
    /// keeps their sealed secrets), and console passwords as `generate_password` (a reset keeps
    /// the current hash) unless `includePasswordHashes` writes the Argon2id hashes themselves.
    /// A user's first enabled MFA device is exported (seeds describe one per user).
    ///
    /// - Throws: only store failures (`ServiceFailure`).
    public func exportSeed(includePasswordHashes: Bool = false) async throws -> LabSeed {
        try await query("ExportSeed") { tx in
            var seed = LabSeed()
            seed.account = LabSeed.AccountSection(id: account.id, alias: try tx.accountAlias(accountId: account.id))
            if let root = try tx.rootUser(accountId: account.id) {
                var section = LabSeed.Root(email: root.email)
                if includePasswordHashes { section.password = root.passwordHash.map(LabSeed.Password.hash) }
                section.accessKeys = try exportedKeys(.root, in: tx)
                section.mfaDevice = try exportedDevice(.root, in: tx)
                seed.root = section
            }
            seed.passwordPolicy = try tx.passwordPolicy(accountId: account.id)
            let customer = try tx.managedPolicies(accountId: account.id, scope: .local, pathPrefix: nil, onlyAttached: false, page: .all).items
            for policy in customer {
                seed.policies.append(
                    LabSeed.Policy(
                        name: policy.name, path: policy.path, description: policy.description,
                        document: try tx.defaultPolicyVersion(policyId: policy.id)?.document ?? "{}", tags: try tx.tags(policyId: policy.id)))
            }
            let customerNames = Set(customer.map { $0.name.lowercased() })
            func reference(_ policy: ManagedPolicy) -> String {
                policy.isAWSManaged && customerNames.contains(policy.name.lowercased()) ? policy.arn(partition: account.partition) : policy.name
            }
            for user in try tx.users(accountId: account.id, pathPrefix: nil, page: .all).items {
                var entry = LabSeed.User(name: user.name, path: user.path)
                entry.tags = try tx.tags(userId: user.id)
                if let profile = try tx.loginProfile(userId: user.id) {
                    entry.password = includePasswordHashes ? .hash(profile.passwordHash) : .generate
                    entry.passwordResetRequired = profile.passwordResetRequired
                }
                entry.accessKeys = try exportedKeys(.user(id: user.id), in: tx)
                entry.mfaDevice = try exportedDevice(.user(id: user.id), in: tx)
                entry.policies = try tx.attachedPolicies(to: .user(id: user.id)).map(reference)
                entry.inlinePolicies = try tx.inlinePolicies(of: .user(id: user.id)).map {
                    LabSeed.InlinePolicy(name: $0.name, document: $0.document)
                }
                entry.permissionsBoundary = try user.permissionsBoundaryPolicyId.flatMap { try tx.managedPolicy(id: $0) }.map(reference)
                seed.users.append(entry)
            }
            for group in try tx.groups(accountId: account.id, pathPrefix: nil, page: .all).items {
                var entry = LabSeed.Group(name: group.name, path: group.path)
                entry.members = try tx.members(ofGroupId: group.id, page: .all).items.map(\.name)
                entry.policies = try tx.attachedPolicies(to: .group(id: group.id)).map(reference)
                entry.inlinePolicies = try tx.inlinePolicies(of: .group(id: group.id)).map {
                    LabSeed.InlinePolicy(name: $0.name, document: $0.document)
                }
                seed.groups.append(entry)
            }
            return seed
        }
    }

    private func exportedKeys(_ owner: CredentialOwner, in tx: any StoreReading) throws -> [LabSeed.AccessKey] {
        try tx.accessKeys(accountId: account.id, owner: owner).map { LabSeed.AccessKey(id: $0.id, status: $0.status) }
    }

    private func exportedDevice(_ owner: CredentialOwner, in tx: any StoreReading) throws -> LabSeed.MFADevice? {
        try tx.mfaDevices(accountId: account.id, owner: owner).first.map { LabSeed.MFADevice(name: $0.name, path: $0.path) }
    }
}
