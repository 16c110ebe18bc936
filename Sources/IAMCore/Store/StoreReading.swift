import Foundation

/// The queries available inside a transaction. Every lookup by name is case-insensitive, as AWS's
/// names are; lists come in a stable order (name without case, then unique ID).
public protocol StoreReading {
    // MARK: Accounts
    func account(id: String) throws -> Account?
    func accounts() throws -> [Account]
    func rootUser(accountId: String) throws -> RootUser?
    func accountAlias(accountId: String) throws -> String?
    /// The account that owns `alias`, whatever its case.
    func accountId(forAlias alias: String) throws -> String?
    func passwordPolicy(accountId: String) throws -> PasswordPolicy?

    // MARK: Users
    func user(id: String) throws -> User?
    func user(named name: String, accountId: String) throws -> User?
    func users(accountId: String, pathPrefix: String?, page: PageRequest) throws -> Page<User>
    func userCount(accountId: String) throws -> Int
    /// A user's tags, by key.
    func tags(userId: String) throws -> [Tag]
    func loginProfile(userId: String) throws -> LoginProfile?
    /// The user's most recent earlier password hashes, newest first.
    func passwordHistory(userId: String, limit: Int) throws -> [String]

    // MARK: Groups
    func group(id: String) throws -> Group?
    func group(named name: String, accountId: String) throws -> Group?
    func groups(accountId: String, pathPrefix: String?, page: PageRequest) throws -> Page<Group>
    func groupCount(accountId: String) throws -> Int
    func groups(forUserId userId: String, page: PageRequest) throws -> Page<Group>
    func members(ofGroupId groupId: String, page: PageRequest) throws -> Page<User>
    func isMember(userId: String, groupId: String) throws -> Bool

    // MARK: Access keys and MFA devices
    func accessKey(id: String) throws -> AccessKey?
    /// The owner's keys, oldest first.
    func accessKeys(accountId: String, owner: CredentialOwner) throws -> [AccessKey]
    /// How many keys the owner has: the AccessKeysPerUser quota's count, without reading them.
    func accessKeyCount(accountId: String, owner: CredentialOwner) throws -> Int
    /// Every access key of the account, root's included, oldest first.
    func accessKeys(accountId: String) throws -> [AccessKey]
    /// The sealed secret, for signature verification only.
    func sealedSecret(forAccessKey id: String) throws -> Data?
    func mfaDevice(serialNumber: String) throws -> MFADevice?
    /// Devices enabled for the owner, oldest first.
    func mfaDevices(accountId: String, owner: CredentialOwner) throws -> [MFADevice]
    func virtualMFADevices(accountId: String, assignment: MFAAssignmentFilter, page: PageRequest) throws -> Page<MFADevice>
    /// The sealed TOTP seed, for code verification only.
    func sealedSeed(forMFADevice serialNumber: String) throws -> Data?
    func tags(mfaSerialNumber: String) throws -> [Tag]

    // MARK: Managed policies
    func managedPolicy(id: String) throws -> ManagedPolicy?
    /// A customer managed policy of `accountId`, or an AWS managed policy when `accountId` is `nil`.
    func managedPolicy(named name: String, accountId: String?) throws -> ManagedPolicy?
    func managedPolicies(
        accountId: String, scope: PolicyScope, pathPrefix: String?, onlyAttached: Bool, page: PageRequest
    ) throws -> Page<ManagedPolicy>
    func managedPolicyCount(accountId: String) throws -> Int
    /// Versions, newest first.
    func policyVersions(policyId: String) throws -> [PolicyVersion]
    func policyVersion(policyId: String, versionId: String) throws -> PolicyVersion?
    func defaultPolicyVersion(policyId: String) throws -> PolicyVersion?
    func tags(policyId: String) throws -> [Tag]
    /// How many users and groups of `accountId` have the policy attached.
    func attachmentCount(policyId: String, accountId: String) throws -> Int
    /// How many users of `accountId` use the policy as permissions boundary.
    func permissionsBoundaryUsageCount(policyId: String, accountId: String) throws -> Int
    func attachedPolicies(to holder: PolicyHolder) throws -> [ManagedPolicy]
    /// The IDs of the managed policies attached to `holder`, in no particular order: what the
    /// attach rules (already attached? quota?) need, without reading the policies.
    func attachedPolicyIds(to holder: PolicyHolder) throws -> [String]
    /// The users and groups of `accountId` the policy is attached to.
    func policyHolders(policyId: String, accountId: String) throws -> [PolicyHolder]
    /// The users of `accountId` that use the policy as permissions boundary, by name.
    func users(permissionsBoundaryPolicyId policyId: String, accountId: String) throws -> [User]

    // MARK: Inline policies
    func inlinePolicies(of holder: PolicyHolder) throws -> [InlinePolicy]
    func inlinePolicy(of holder: PolicyHolder, named name: String) throws -> InlinePolicy?

    // MARK: Audit, settings, reports
    func auditEvents(matching filter: AuditEventFilter, page: PageRequest) throws -> Page<ChainedAuditEvent>
    /// Walks the whole hash chain and reports the first broken link.
    func verifyAuditChain() throws -> AuditChainVerification
    func setting(_ key: String) throws -> String?
    func credentialReport(accountId: String) throws -> (generatedAt: Date, content: Data)?
}
