import Foundation
import IAMCore

/// Loads a ``LabSeed`` inside ONE write transaction, through the same rule bodies the public
/// operations run (`createUser(_:permissionsBoundary:tags:in:)`, `addUser(_:to:in:)`,
/// `attach(_:to:quota:in:)`, `createAccessKey(_:sealedSecret:in:)`…). Every public operation is
/// "validate, then `mutate { tx, draft in try body(tx) }`"; the loader validates the whole seed
/// first (``IAMService/checkSeed(_:)``) and then calls those bodies one after the other on a
/// single transaction, so each rule lives in exactly one place and a seed is loaded completely or
/// not at all. No per-operation audit events are written: the caller appends one summary event
/// in the same transaction.
///
/// The loader converges: it creates what is missing and changes what differs, and leaves alone
/// what already matches, so loading the same seed twice makes no write the second time. For
/// ``IAMService/resetLab(to:)`` the account has just been emptied in the same transaction and
/// ``Keepers`` holds what a seed may keep from before (sealed secrets of pinned key IDs, MFA
/// seeds, generated passwords).
struct SeedLoader {
    let service: IAMService
    let tx: any StoreWriting
    let seed: LabSeed
    /// Password hashes computed before the transaction, by ``SeedPasswords/key(user:)``.
    let passwords: SeedPasswords
    let keepers: Keepers
    var credentials: [SeedCredentials.Credential] = []
    var changes = 0
    /// Managed policies by ARN, as ``attachablePolicy(_:)`` found them.
    var attachablePolicies: [String: ManagedPolicy] = [:]
    /// The ARNs of the seed's own policies, by lower-cased name.
    let seedPolicyArns: [String: String]

    init(service: IAMService, tx: any StoreWriting, seed: LabSeed, passwords: SeedPasswords, keepers: Keepers) {
        self.service = service
        self.tx = tx
        self.seed = seed
        self.passwords = passwords
        self.keepers = keepers
        seedPolicyArns = Dictionary(
            seed.policies.map { ($0.name.lowercased(), service.account.arn("policy", path: $0.path ?? "/", name: $0.name)) },
            uniquingKeysWith: { first, _ in first })
    }

    /// What a reset keeps from the entities it deleted, read in the same transaction first.
    struct Keepers {
        /// Login profile hashes, by lower-cased user name.
        var passwordHashes: [String: String] = [:]
        /// Access keys with their sealed secrets and their owner's lower-cased name (`nil` for
        /// root), by key ID: a reset recreates users with new unique IDs, so owners match by name.
        var accessKeys: [String: (key: AccessKey, sealed: Data, ownerName: String?)] = [:]
        /// Sealed MFA seeds, by serial number.
        var mfaSeeds: [String: Data] = [:]

        /// What `seed` can keep from the account's current state: the hashes of users whose
        /// password the seed generates, the keys it pins by ID alone, the MFA devices it gives
        /// no seed. Nothing else is read, so resetting a lab that pins nothing reads nothing.
        static func read(for seed: LabSeed, account: Account, in tx: any StoreReading) throws -> Keepers {
            var keepers = Keepers()
            let owners = [(keys: seed.root?.accessKeys ?? [], device: seed.root?.mfaDevice, defaultName: SeedLoader.rootDeviceName)]
                + seed.users.map { (keys: $0.accessKeys, device: $0.mfaDevice, defaultName: $0.name) }
            for user in seed.users where user.password == .generate {
                if let current = try tx.user(named: user.name, accountId: account.id), let profile = try tx.loginProfile(userId: current.id) {
                    keepers.passwordHashes[user.name.lowercased()] = profile.passwordHash
                }
            }
            for owner in owners {
                for pinned in owner.keys where pinned.secret == nil {
                    guard let id = pinned.id, let key = try tx.accessKey(id: id), key.accountId == account.id,
                        let sealed = try tx.sealedSecret(forAccessKey: id)
                    else { continue }
                    let ownerName = try key.owner.userId.flatMap { try tx.user(id: $0)?.name.lowercased() }
                    keepers.accessKeys[id] = (key, sealed, ownerName)
                }
                if let device = owner.device, device.seed == nil {
                    let serial = device.serialNumber(in: account, defaultName: owner.defaultName)
                    if let sealed = try tx.sealedSeed(forMFADevice: serial) { keepers.mfaSeeds[serial] = sealed }
                }
            }
            return keepers
        }
    }

    var account: Account { service.account }

    /// The default name of the root user's MFA device, as the console names it.
    static let rootDeviceName = "root-account-mfa-device"

    // MARK: - Whole seed

    mutating func load() throws {
        if let alias = seed.account?.alias {
            try Self.within("account alias \(alias)", seed.account?.location, file: seed.source) {
                if try service.setAccountAlias(alias, in: tx) { changes += 1 }
            }
        }
        if let root = seed.root { try loadRoot(root) }
        if let policy = seed.passwordPolicy, try tx.passwordPolicy(accountId: account.id) != policy {
            try tx.setPasswordPolicy(policy, accountId: account.id)
            changes += 1
        }
        for policy in seed.policies { try loadPolicy(policy) }
        for user in seed.users { try loadUser(user) }
        for group in seed.groups { try loadGroup(group) }
    }

    // MARK: - Root

    mutating func loadRoot(_ seedRoot: LabSeed.Root) throws {
        try Self.within("root user", seedRoot.location, file: seed.source) {
            guard var root = try tx.rootUser(accountId: account.id) else { throw IAMError.noSuchAccount(account.id) }
            let before = root
            if let email = seedRoot.email { root.email = email }
            switch seedRoot.password {
            case .clear: root.passwordHash = passwords.hashes[SeedPasswords.rootKey]
            case .hash(let hash): root.passwordHash = hash
            case .generate, nil: break
            }
            if root.passwordHash != before.passwordHash { root.passwordChangedAt = service.clock.now }
            if root != before {
                try tx.save(root)
                changes += 1
            }
            try loadAccessKeys(seedRoot.accessKeys, owner: .root, userName: nil)
            try loadMFADevice(seedRoot.mfaDevice, owner: .root, userName: nil, defaultName: Self.rootDeviceName)
        }
    }

    // MARK: - Managed policies

    mutating func loadPolicy(_ policy: LabSeed.Policy) throws {
        try Self.within("policy \(policy.name)", policy.location, file: seed.source) {
            let path = policy.path ?? "/"
            if let existing = try tx.managedPolicy(named: policy.name, accountId: account.id) {
                guard existing.path == path, existing.name == policy.name, existing.description == policy.description else {
                    throw IAMError(
                        .invalidInput,
                        "The policy \(existing.name) exists with another name case, path or description, which cannot change; reset the lab instead.")
                }
                if try tx.defaultPolicyVersion(policyId: existing.id)?.document != policy.document {
                    _ = try service.createPolicyVersion(
                        of: existing, document: policy.document, setAsDefault: true, at: service.clock.now, in: tx)
                    changes += 1
                }
                let current = try tx.tags(policyId: existing.id)
                if Set(current) != Set(policy.tags) {
                    let stale = current.map(\.key).filter { key in !policy.tags.contains { $0.key == key } }
                    if !stale.isEmpty { try tx.removeTags(keys: stale, policyId: existing.id) }
                    try tx.setTags(policy.tags, policyId: existing.id)
                    changes += 1
                }
                return
            }
            let id = service.random.withGenerator { AWSIdentifiers.uniqueID(.managedPolicy, using: &$0) }
            let now = service.clock.now
            try service.createPolicy(
                ManagedPolicy(
                    id: id, accountId: account.id, name: policy.name, path: path, description: policy.description,
                    createdAt: now, updatedAt: now),
                document: policy.document, tags: policy.tags, in: tx)
            changes += 1
        }
    }

    /// The ARN a seed's policy reference names: an ARN as is; else a policy of this seed, a
    /// customer managed policy of the account, or an AWS managed policy, by name.
    func policyArn(_ reference: String) throws -> String {
        if reference.hasPrefix("arn:") { return reference }
        if let arn = seedPolicyArns[reference.lowercased()] { return arn }
        if let policy = try tx.managedPolicy(named: reference, accountId: account.id)
            ?? tx.managedPolicy(named: reference, accountId: nil)
        {
            return policy.arn(partition: account.partition)
        }
        throw IAMError(.noSuchEntity, "Policy \(reference) does not exist or is not attachable.")
    }

    // MARK: - Users

    mutating func loadUser(_ seedUser: LabSeed.User) throws {
        try Self.within("user \(seedUser.name)", seedUser.location, file: seed.source) {
            let boundary = try seedUser.permissionsBoundary.map { try policyArn($0) }
            var user: User
            if var existing = try tx.user(named: seedUser.name, accountId: account.id) {
                guard existing.name == seedUser.name else {
                    throw IAMError(.entityAlreadyExists, "The user \(existing.name) exists with another case; reset the lab instead.")
                }
                if existing.path != seedUser.path ?? "/" {
                    existing.path = seedUser.path ?? "/"
                    try tx.update(existing)
                    changes += 1
                }
                try loadTags(seedUser.tags, of: existing)
                let boundaryId = try boundary.map { try service.managedPolicy(arn: $0, in: tx).id }
                if existing.permissionsBoundaryPolicyId != boundaryId {
                    if let boundary {
                        try service.putPermissionsBoundary(boundary, of: existing, in: tx)
                    } else {
                        try service.removePermissionsBoundary(of: existing, in: tx)
                    }
                    changes += 1
                }
                user = try tx.user(id: existing.id) ?? existing
            } else {
                let id = service.random.withGenerator { AWSIdentifiers.uniqueID(.user, using: &$0) }
                user = User(id: id, accountId: account.id, name: seedUser.name, path: seedUser.path ?? "/", createdAt: service.clock.now)
                _ = try service.createUser(user, permissionsBoundary: boundary, tags: seedUser.tags, in: tx)
                user = try tx.user(id: id) ?? user
                changes += 1
            }
            try loadPassword(seedUser, of: user)
            try loadAccessKeys(seedUser.accessKeys, owner: .user(id: user.id), userName: user.name)
            try loadMFADevice(seedUser.mfaDevice, owner: .user(id: user.id), userName: user.name, defaultName: user.name)
            try loadAttachments(seedUser.policies, holder: .user(id: user.id), quota: ("PoliciesPerUser", IAMService.policiesPerUserQuota))
            try loadInlinePolicies(
                seedUser.inlinePolicies, holder: .user(id: user.id), kind: "user", name: user.name,
                quota: IAMService.userInlinePolicySizeQuota)
        }
    }

    mutating func loadTags(_ tags: [Tag], of user: User) throws {
        let current = try tx.tags(userId: user.id)
        let wanted = Dictionary(tags.map { ($0.key.lowercased(), $0) }, uniquingKeysWith: { $1 })
        let stale = current.filter { wanted[$0.key.lowercased()] == nil }.map(\.key)
        if !stale.isEmpty {
            try tx.removeTags(keys: stale, userId: user.id)
            changes += 1
        }
        let missing = tags.filter { tag in !current.contains(tag) }
        if !missing.isEmpty {
            try service.tagUser(user, tags: missing, in: tx)
            changes += 1
        }
    }

    mutating func loadPassword(_ seedUser: LabSeed.User, of user: User) throws {
        let profile = try tx.loginProfile(userId: user.id)
        let hash: String
        switch seedUser.password {
        case nil:
            if let profile {
                try service.deleteLoginProfile(profile, in: tx)
                changes += 1
            }
            return
        case .clear(let password):
            guard let prepared = passwords.hashes[SeedPasswords.key(user: user.name)] else { throw IAMError.seedChangedMeanwhile }
            try PasswordCandidate.checkPolicy(password.reveal(), accountId: account.id, in: tx)
            hash = prepared
        case .hash(let given):
            hash = given
        case .generate:
            if let current = profile?.passwordHash ?? keepers.passwordHashes[user.name.lowercased()] {
                hash = current
            } else {
                guard let generated = passwords.generated[SeedPasswords.key(user: user.name)] else { throw IAMError.seedChangedMeanwhile }
                try PasswordCandidate.checkPolicy(generated.password.reveal(), accountId: account.id, in: tx)
                hash = generated.hash
                credentials.append(.init(userName: user.name, kind: .password, identifier: nil, secret: generated.password))
            }
        }
        guard var profile else {
            try service.createLoginProfile(
                for: user, passwordHash: hash, passwordResetRequired: seedUser.passwordResetRequired, in: tx)
            changes += 1
            return
        }
        guard profile.passwordHash != hash || profile.passwordResetRequired != seedUser.passwordResetRequired else { return }
        if profile.passwordHash != hash {
            try IAMService.replacePassword(of: &profile, with: hash, at: service.clock.now, accountId: account.id, in: tx)
        }
        profile.passwordResetRequired = seedUser.passwordResetRequired
        try tx.save(profile)
        changes += 1
    }

    // MARK: - Credentials

    mutating func loadAccessKeys(_ keys: [LabSeed.AccessKey], owner: CredentialOwner, userName: String?) throws {
        let current = try tx.accessKeys(accountId: account.id, owner: owner)
        let pinned = Set(keys.compactMap(\.id))
        // Keys the seed does not pin are kept for its unpinned entries, oldest first; the rest go.
        var unpinnedCurrent = current.filter { !pinned.contains($0.id) }
        var matched: [(LabSeed.AccessKey, AccessKey?)] = []
        for key in keys {
            if let id = key.id {
                matched.append((key, current.first { $0.id == id }))
            } else {
                matched.append((key, unpinnedCurrent.isEmpty ? nil : unpinnedCurrent.removeFirst()))
            }
        }
        for stale in unpinnedCurrent {
            try tx.deleteAccessKey(id: stale.id)
            changes += 1
        }
        for (seedKey, existing) in matched {
            try Self.within("access key \(seedKey.id ?? "(generated)")", seedKey.location, file: seed.source) {
                if var existing {
                    if let secret = seedKey.secret,
                        let sealed = try tx.sealedSecret(forAccessKey: existing.id),
                        try service.sealer.open(sealed, context: existing.id) != Data(secret.reveal().utf8)
                    {
                        // A pinned secret that changed: the key is replaced by the same ID.
                        try tx.deleteAccessKey(id: existing.id)
                        existing.status = seedKey.status
                        try service.createAccessKey(
                            existing, sealedSecret: try service.sealer.seal(Data(secret.reveal().utf8), context: existing.id), in: tx)
                        changes += 1
                    } else if existing.status != seedKey.status {
                        try service.setStatus(seedKey.status.rawValue, of: existing, in: tx)
                        changes += 1
                    }
                    return
                }
                let now = service.clock.now
                if let id = seedKey.id, seedKey.secret == nil, let kept = keepers.accessKeys[id],
                    kept.ownerName == userName?.lowercased()
                {
                    var key = kept.key
                    key.owner = owner
                    key.status = seedKey.status
                    try service.createAccessKey(key, sealedSecret: kept.sealed, in: tx)
                } else {
                    let id: String
                    let secret: String
                    if let pinned = seedKey.id {
                        id = pinned
                        secret = seedKey.secret?.reveal() ?? service.random.withGenerator { AWSIdentifiers.secretAccessKey(using: &$0) }
                    } else {
                        (id, secret) = try service.random.withGenerator { generator in
                            (
                                try AWSIdentifiers.accessKeyID(accountID: account.id, using: &generator),
                                AWSIdentifiers.secretAccessKey(using: &generator)
                            )
                        }
                    }
                    let key = AccessKey(id: id, accountId: account.id, owner: owner, status: seedKey.status, createdAt: now)
                    try service.createAccessKey(key, sealedSecret: try service.sealer.seal(Data(secret.utf8), context: id), in: tx)
                    if seedKey.secret == nil {
                        credentials.append(.init(userName: userName, kind: .accessKey, identifier: id, secret: SeedSecret(secret)))
                    }
                }
                changes += 1
            }
        }
    }

    mutating func loadMFADevice(_ seedDevice: LabSeed.MFADevice?, owner: CredentialOwner, userName: String?, defaultName: String) throws {
        let enabled = try tx.mfaDevices(accountId: account.id, owner: owner)
        let serial = seedDevice?.serialNumber(in: account, defaultName: defaultName)
        for device in enabled where device.serialNumber != serial {
            try tx.deleteMFADevice(serialNumber: device.serialNumber)
            changes += 1
        }
        guard let seedDevice, let serial else { return }
        try Self.within("MFA device \(serial)", seedDevice.location, file: seed.source) {
            let pinnedSeed = try seedDevice.seed.map { try IAMService.mfaSeed(fromBase32: $0.reveal()) }
            if let existing = try tx.mfaDevice(serialNumber: serial) {
                let sealed = try tx.sealedSeed(forMFADevice: serial)
                let sameSeed = try pinnedSeed.map { seed in try sealed.map { try service.sealer.open($0, context: serial) } == seed } ?? true
                if existing.owner == owner, sameSeed { return }
                // Another owner or another seed: the device is made again.
                try tx.deleteMFADevice(serialNumber: serial)
            }
            let sealed: Data
            if let pinnedSeed {
                sealed = try service.sealer.seal(pinnedSeed, context: serial)
            } else if let kept = keepers.mfaSeeds[serial] {
                sealed = kept
            } else {
                let seed = service.random.withGenerator { AWSIdentifiers.mfaSeed(using: &$0) }
                sealed = try service.sealer.seal(seed, context: serial)
                credentials.append(
                    .init(userName: userName, kind: .mfaSeed, identifier: serial, secret: SeedSecret(Base32.encode(seed))))
            }
            let device = MFADevice(
                serialNumber: serial, accountId: account.id, name: seedDevice.name ?? defaultName, path: seedDevice.path ?? "/",
                createdAt: service.clock.now)
            try service.createVirtualMFADevice(device, sealedSeed: sealed, tags: [], in: tx)
            try service.enable(device, for: owner, in: tx)
            changes += 1
        }
    }

    // MARK: - Policies of users and groups

    mutating func loadAttachments(_ references: [String], holder: PolicyHolder, quota: (String, Int)) throws {
        let wanted = try references.map { try attachablePolicy($0) }
        let wantedIds = Set(wanted.map(\.id))
        let attached = try tx.attachedPolicyIds(to: holder)
        for stale in attached where !wantedIds.contains(stale) {
            guard let policy = try tx.managedPolicy(id: stale) else { continue }
            try service.detach(policy.arn(partition: account.partition), from: holder, in: tx)
            changes += 1
        }
        let kept = Set(attached)
        for policy in wanted where !kept.contains(policy.id) {
            try service.attach(policy, to: holder, quota: quota, in: tx)
            changes += 1
        }
    }

    /// The managed policy a user's or group's `policies` entry names, looked up once per load:
    /// every policy of the seed is in place before the first user is loaded.
    mutating func attachablePolicy(_ reference: String) throws -> ManagedPolicy {
        let arn = try policyArn(reference)
        if let policy = attachablePolicies[arn] { return policy }
        let policy = try service.managedPolicy(arn: arn, in: tx)
        attachablePolicies[arn] = policy
        return policy
    }

    mutating func loadInlinePolicies(
        _ policies: [LabSeed.InlinePolicy], holder: PolicyHolder, kind: String, name: String, quota: Int
    ) throws {
        for current in try tx.inlinePolicies(of: holder)
        where !policies.contains(where: { $0.name.lowercased() == current.name.lowercased() }) {
            try service.deleteInline(current.name, of: holder, in: tx)
            changes += 1
        }
        for policy in policies {
            try Self.within("inline policy \(policy.name)", policy.location, file: seed.source) {
                let current = try tx.inlinePolicy(of: holder, named: policy.name)
                guard current?.document != policy.document || current?.name != policy.name else { return }
                try service.putInline(policy.name, policy.document, holder: holder, kind: kind, name: name, quota: quota, in: tx)
                changes += 1
            }
        }
    }

    // MARK: - Groups

    mutating func loadGroup(_ seedGroup: LabSeed.Group) throws {
        try Self.within("group \(seedGroup.name)", seedGroup.location, file: seed.source) {
            let group: Group
            if var existing = try tx.group(named: seedGroup.name, accountId: account.id) {
                guard existing.name == seedGroup.name else {
                    throw IAMError(.entityAlreadyExists, "The group \(existing.name) exists with another case; reset the lab instead.")
                }
                if existing.path != seedGroup.path ?? "/" {
                    existing.path = seedGroup.path ?? "/"
                    try tx.update(existing)
                    changes += 1
                }
                group = existing
            } else {
                let id = service.random.withGenerator { AWSIdentifiers.uniqueID(.group, using: &$0) }
                group = Group(id: id, accountId: account.id, name: seedGroup.name, path: seedGroup.path ?? "/", createdAt: service.clock.now)
                try service.createGroup(group, in: tx)
                changes += 1
            }
            let members = try seedGroup.members.map { try service.existingUser($0, in: tx) }
            for member in try tx.members(ofGroupId: group.id, page: .all).items where !members.contains(where: { $0.id == member.id }) {
                try tx.removeMember(userId: member.id, groupId: group.id)
                changes += 1
            }
            for member in members {
                if try service.addUser(member, to: group, in: tx) { changes += 1 }
            }
            try loadAttachments(seedGroup.policies, holder: .group(id: group.id), quota: ("PoliciesPerGroup", IAMService.policiesPerGroupQuota))
            try loadInlinePolicies(
                seedGroup.inlinePolicies, holder: .group(id: group.id), kind: "group", name: group.name,
                quota: IAMService.groupInlinePolicySizeQuota)
        }
    }

    // MARK: - Errors

    /// Runs `body`, naming the seed entity (and its line) in any AWS error it raises. Static, so
    /// that `body` may mutate the loader.
    static func within<T>(_ entity: String, _ location: SeedLocation?, file: String?, _ body: () throws -> T) rethrows -> T {
        let prefix = (file ?? "<seed>") + ":"
        do {
            return try body()
        } catch let error as IAMError where !error.message.hasPrefix(prefix) {
            let place = location.map { "\($0): " } ?? prefix + " "
            throw IAMError(error.code, "\(place)\(entity): \(error.message)")
        }
    }
}

extension IAMError {
    static let seedChangedMeanwhile = IAMError(
        .concurrentModification, "The account changed while the seed's passwords were being hashed; retry.")
}
