import Foundation
import IAMCore

extension IAMService {
    /// Sets the account's alias, replacing the one it had (an account has at most one).
    /// Setting the alias the account already holds changes nothing.
    ///
    /// - Throws: `ValidationError` for an alias AWS's pattern rejects; `InvalidInput` for a
    ///   12-digit number, which would read as an account ID in the sign-in URL;
    ///   `EntityAlreadyExists` when another account holds the alias.
    public func createAccountAlias(_ alias: String) async throws {
        try validate("CreateAccountAlias", ["AccountAlias": .string(alias)])
        _ = try await mutate(
            "CreateAccountAlias", parameters: .object([("AccountAlias", .string(alias))]), resources: [account.rootARN]
        ) { tx, _ in
            try setAccountAlias(alias, in: tx)
        }
    }

    /// `CreateAccountAlias`'s rules and write inside a write transaction (shared with seed files).
    /// Returns whether the alias changed.
    @discardableResult
    func setAccountAlias(_ alias: String, in tx: any StoreWriting) throws -> Bool {
        // The pattern admits digits only; the sign-in guide forbids a 12-digit alias because
        // `https://ALIAS.signin.aws.amazon.com` would then name another account. The check is
        // semantic, not a shape constraint, hence InvalidInput. Unverified wording.
        if Account.isValidID(alias) {
            throw IAMError(.invalidInput, "The account alias \(alias) is not valid: an account alias cannot be a 12-digit number.")
        }
        if let holder = try tx.accountId(forAlias: alias) {
            guard holder == account.id else {
                throw IAMError(.entityAlreadyExists, "The account alias \(alias) already exists.")
            }
            return false
        }
        try tx.setAccountAlias(alias, accountId: account.id, at: clock.now)
        return true
    }

    /// Removes the account's alias.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` when the account does not hold that alias.
    public func deleteAccountAlias(_ alias: String) async throws {
        try validate("DeleteAccountAlias", ["AccountAlias": .string(alias)])
        try await mutate(
            "DeleteAccountAlias", parameters: .object([("AccountAlias", .string(alias))]), resources: [account.rootARN]
        ) { tx, _ in
            guard try tx.accountAlias(accountId: account.id) == alias else {
                // Unverified wording.
                throw IAMError(.noSuchEntity, "The account alias \(alias) cannot be found.")
            }
            try tx.setAccountAlias(nil, accountId: account.id, at: clock.now)
        }
    }

    /// The account's aliases: none or one.
    ///
    /// - Throws: `ValidationError` for a bad `MaxItems` or `Marker`.
    public func listAccountAliases(page: PageRequest = PageRequest()) async throws -> Page<String> {
        try validate("ListAccountAliases", ["Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        return try await query("ListAccountAliases") { tx in
            try Self.page([try tx.accountAlias(accountId: account.id)].compactMap { $0 }, page) { $0 }
        }
    }

    /// AWS's quota values as `GetAccountSummary` reports them (`reference_iam-quotas.md`).
    static let summaryQuotas: [String: Int] = [
        "UsersQuota": usersQuota, "GroupsQuota": groupsQuota, "ServerCertificatesQuota": 20,
        "UserPolicySizeQuota": 2048, "GroupPolicySizeQuota": 5120, "GroupsPerUserQuota": groupsPerUserQuota,
        "SigningCertificatesPerUserQuota": 2, "AccessKeysPerUserQuota": 2, "AttachedPoliciesPerGroupQuota": 10,
        "AttachedPoliciesPerRoleQuota": 10, "AttachedPoliciesPerUserQuota": 10, "PoliciesQuota": 1500,
        "PolicySizeQuota": 6144, "PolicyVersionsInUseQuota": 10000, "VersionsPerPolicyQuota": 5,
        "GlobalEndpointTokenVersion": 1, "AssumeRolePolicySizeQuota": 2048, "InstanceProfilesQuota": 1000,
        "RolePolicySizeQuota": 10240, "RolesQuota": 1000,
    ]

    /// The account's entity counts and quotas, in the order of the model's `summaryKeyType`.
    ///
    /// Counts are read live in one transaction. `Policies` counts customer managed policies only;
    /// `PolicyVersionsInUse` counts managed policy attachments to users and groups;
    /// `AccountMFAEnabled`, `AccountAccessKeysPresent` and `AccountPasswordPresent` are 0/1 flags
    /// about the root user. The store knows no roles, instance profiles, providers, server or
    /// signing certificates, so those count 0.
    ///
    /// - Throws: only store failures (`ServiceFailure`).
    public func getAccountSummary() async throws -> AccountSummary {
        try await query("GetAccountSummary") { tx in
            let users = try tx.users(accountId: account.id, pathPrefix: nil, page: .all).items
            let groups = try tx.groups(accountId: account.id, pathPrefix: nil, page: .all).items
            let attachments =
                try users.reduce(0) { $0 + (try tx.attachedPolicies(to: .user(id: $1.id)).count) }
                + groups.reduce(0) { $0 + (try tx.attachedPolicies(to: .group(id: $1.id)).count) }
            let devices = try tx.virtualMFADevices(accountId: account.id, assignment: .any, page: .all).items
            let root = try tx.rootUser(accountId: account.id)
            let counts: [String: Int] = [
                "Users": users.count, "Groups": groups.count, "ServerCertificates": 0,
                "MFADevices": devices.count, "MFADevicesInUse": devices.filter { $0.enabledAt != nil }.count,
                "AccountMFAEnabled": try tx.mfaDevices(accountId: account.id, owner: .root).isEmpty ? 0 : 1,
                "AccountAccessKeysPresent": try tx.accessKeys(accountId: account.id, owner: .root).isEmpty ? 0 : 1,
                "AccountPasswordPresent": root?.passwordHash == nil ? 0 : 1,
                "AccountSigningCertificatesPresent": 0,
                "Policies": try tx.managedPolicyCount(accountId: account.id),
                "PolicyVersionsInUse": attachments, "InstanceProfiles": 0, "Providers": 0, "Roles": 0,
            ]
            return AccountSummary(
                entries: Self.summaryKeys.map { key in (key, counts[key] ?? Self.summaryQuotas[key] ?? 0) })
        }
    }

    /// The model's `summaryKeyType` enum, in its order.
    static let summaryKeys = [
        "Users", "UsersQuota", "Groups", "GroupsQuota", "ServerCertificates", "ServerCertificatesQuota",
        "UserPolicySizeQuota", "GroupPolicySizeQuota", "GroupsPerUserQuota", "SigningCertificatesPerUserQuota",
        "AccessKeysPerUserQuota", "MFADevices", "MFADevicesInUse", "AccountMFAEnabled", "AccountAccessKeysPresent",
        "AccountPasswordPresent", "AccountSigningCertificatesPresent", "AttachedPoliciesPerGroupQuota",
        "AttachedPoliciesPerRoleQuota", "AttachedPoliciesPerUserQuota", "Policies", "PoliciesQuota", "PolicySizeQuota",
        "PolicyVersionsInUse", "PolicyVersionsInUseQuota", "VersionsPerPolicyQuota", "GlobalEndpointTokenVersion",
        "AssumeRolePolicySizeQuota", "InstanceProfiles", "InstanceProfilesQuota", "Providers", "RolePolicySizeQuota",
        "Roles", "RolesQuota",
    ]

    /// The IAM console's security status checklist, read in one transaction: root MFA enabled, no
    /// root access keys, at least one IAM user, groups used to assign permissions (some group has
    /// a member and an attached or inline policy), and an account password policy.
    ///
    /// - Throws: only store failures (`ServiceFailure`).
    public func securityStatus() async throws -> [SecurityCheck] {
        try await query("GetSecurityStatus") { tx in
            let groups = try tx.groups(accountId: account.id, pathPrefix: nil, page: .all).items
            let groupsGrant = try groups.contains { group in
                try !tx.members(ofGroupId: group.id, page: PageRequest(maxItems: 1)).items.isEmpty
                    && (try !tx.attachedPolicies(to: .group(id: group.id)).isEmpty
                        || !tx.inlinePolicies(of: .group(id: group.id)).isEmpty)
            }
            return [
                SecurityCheck(
                    name: "Root user has MFA", passed: try !tx.mfaDevices(accountId: account.id, owner: .root).isEmpty,
                    advice: "Enable an MFA device for the root user (enable-mfa-device)."),
                SecurityCheck(
                    name: "Root user has no access keys",
                    passed: try tx.accessKeys(accountId: account.id, owner: .root).isEmpty,
                    advice: "Delete the root user's access keys (delete-access-key)."),
                SecurityCheck(
                    name: "At least one IAM user", passed: try tx.userCount(accountId: account.id) > 0,
                    advice: "Create an IAM user for everyday work (create-user)."),
                SecurityCheck(
                    name: "Groups assign permissions", passed: groupsGrant,
                    advice: "Attach policies to a group and add users to it (add-user-to-group)."),
                SecurityCheck(
                    name: "Password policy set", passed: try tx.passwordPolicy(accountId: account.id) != nil,
                    advice: "Set an account password policy (update-account-password-policy)."),
            ]
        }
    }
}
