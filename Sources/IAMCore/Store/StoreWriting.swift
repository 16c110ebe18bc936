import Foundation

/// The writes available inside a write transaction.
///
/// Expected constraint violations arrive as ``IAMError`` with AWS's codes (`EntityAlreadyExists`,
/// `LimitExceeded`, `DeleteConflict`, `NoSuchEntity`); anything else propagates unchanged.
/// Deleting an entity also deletes what it owns outright (tags, password history), never what
/// AWS makes the caller remove first (keys, memberships, policies).
public protocol StoreWriting: StoreReading {
    // MARK: Accounts
    func insert(_ account: Account) throws
    func save(_ rootUser: RootUser) throws
    func setAccountAlias(_ alias: String?, accountId: String, at date: Date) throws
    func setPasswordPolicy(_ policy: PasswordPolicy?, accountId: String) throws

    // MARK: Users
    func insert(_ user: User) throws
    func update(_ user: User) throws
    /// Deletes the user with its tags and password history.
    func deleteUser(id: String) throws
    /// Adds or overwrites tags (user tag keys are case-insensitive; the new case wins).
    func setTags(_ tags: [Tag], userId: String) throws
    func removeTags(keys: [String], userId: String) throws
    func save(_ loginProfile: LoginProfile) throws
    func deleteLoginProfile(userId: String) throws
    func appendPasswordHistory(userId: String, passwordHash: String, at date: Date) throws
    /// Keeps only the `keep` newest entries.
    func trimPasswordHistory(userId: String, keep: Int) throws

    // MARK: Groups
    func insert(_ group: Group) throws
    func update(_ group: Group) throws
    func deleteGroup(id: String) throws
    func addMember(userId: String, groupId: String, accountId: String, at date: Date) throws
    func removeMember(userId: String, groupId: String) throws

    // MARK: Access keys and MFA devices
    func insert(_ accessKey: AccessKey, sealedSecret: Data) throws
    func update(_ accessKey: AccessKey) throws
    func deleteAccessKey(id: String) throws
    func insert(_ device: MFADevice, sealedSeed: Data) throws
    func update(_ device: MFADevice) throws
    func deleteMFADevice(serialNumber: String) throws
    func setTags(_ tags: [Tag], mfaSerialNumber: String) throws
    func removeTags(keys: [String], mfaSerialNumber: String) throws

    // MARK: Managed policies
    func insert(_ policy: ManagedPolicy) throws
    func update(_ policy: ManagedPolicy) throws
    /// Deletes the policy with its versions and tags.
    func deleteManagedPolicy(id: String) throws
    func insert(_ version: PolicyVersion) throws
    /// Makes `versionId` the only default version of the policy.
    func setDefaultPolicyVersion(policyId: String, versionId: String) throws
    func deletePolicyVersion(policyId: String, versionId: String) throws
    func setTags(_ tags: [Tag], policyId: String) throws
    func removeTags(keys: [String], policyId: String) throws
    func attach(policyId: String, to holder: PolicyHolder, at date: Date) throws
    func detach(policyId: String, from holder: PolicyHolder) throws

    // MARK: Inline policies
    /// Creates or replaces the named inline policy.
    func save(_ policy: InlinePolicy, of holder: PolicyHolder) throws
    func deleteInlinePolicy(of holder: PolicyHolder, named name: String) throws

    // MARK: Whole accounts

    /// Deletes every entity of the account at once, in foreign-key order: users with their tags,
    /// login profiles, password history, keys, MFA devices, memberships, attachments and inline
    /// policies; groups; customer managed policies with their versions and tags; the alias, the
    /// password policy and the credential report. The account, its root user, AWS managed
    /// policies, settings and the audit trail stay. For lab resets, which load a seed file next in
    /// the same transaction.
    func deleteAccountContents(accountId: String) throws

    // MARK: Audit, settings, reports
    /// Appends `event` to the hash chain inside this transaction and returns it as stored.
    @discardableResult
    func appendAuditEvent(_ event: AuditEvent) throws -> ChainedAuditEvent
    func setSetting(_ key: String, to value: String) throws
    func saveCredentialReport(accountId: String, generatedAt: Date, content: Data) throws
}
