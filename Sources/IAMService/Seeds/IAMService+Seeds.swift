import Foundation
import IAMCore
import Synchronization

// MARK: - Lab resets and seed files

extension IAMService {
    /// Replaces everything in this account with the seed, in one transaction: all of it or nothing.
    ///
    /// The transaction deletes the account's users, groups, keys, MFA devices, customer managed
    /// policies, alias and password policy (``StoreWriting/deleteAccountContents(accountId:)``),
    /// loads the seed through the same rule bodies the IAM operations use, and appends one
    /// `ResetLab` audit event (source `seed`). The audit trail, the root user (whose email and
    /// password change only when the seed names them) and the AWS managed policies stay. A seed
    /// that breaks a rule leaves the database as it was.
    ///
    /// Clear passwords are hashed in parallel on all cores before the transaction opens.
    ///
    /// - Returns: the secrets the load generated, shown this once.
    /// - Throws: `InvalidInput` when the seed names another account; the AWS error of the first
    ///   rule the seed breaks (`ValidationError`, `EntityAlreadyExists`, `LimitExceeded`,
    ///   `PasswordPolicyViolation`, `MalformedPolicyDocument`, `NoSuchEntity`…), its message
    ///   prefixed with the seed's `FILE:LINE:COLUMN` and entity.
    public func resetLab(to seed: LabSeed) async throws -> SeedCredentials {
        try await loadSeed(seed, mode: .reset, creatingAccount: false)
    }

    /// Converges this account to the seed in one transaction: creates what is missing and changes
    /// what differs in the entities the seed names (a named user's tags, password, keys, MFA
    /// device, policies; a named group's members and policies), and leaves alone entities the seed
    /// does not name. Applying the same seed twice writes nothing the second time, not even an
    /// audit event; otherwise one `ApplySeed` event (source `seed`) is appended.
    ///
    /// - Returns: the secrets the load generated, shown this once.
    /// - Throws: as ``resetLab(to:)``.
    public func applySeed(_ seed: LabSeed) async throws -> SeedCredentials {
        try await loadSeed(seed, mode: .apply, creatingAccount: false)
    }

    /// Resets the seed's account in `store`, creating the account (with the seed's `account.id`,
    /// or a random one, and `root.email`) when the database holds none yet — in the same single
    /// transaction. For `iamctl lab reset` and a server started in lab mode.
    ///
    /// - Returns: a service acting as the account's root user, and the generated secrets.
    /// - Throws: as ``resetLab(to:)``; `InvalidInput` when a new account's seed has no root email.
    public static func resetLab(
        in store: any AccountStore, to seed: LabSeed, masterKey: MasterKey, source: AuditSource = .seed,
        clock: ServiceClock = .system, random: RandomSource = .system, passwordHasher: PasswordHasher = PasswordHasher()
    ) async throws -> (service: IAMService, credentials: SeedCredentials) {
        let wanted = seed.account?.id
        let accounts = try await store.read { tx in try tx.accounts() }
        if wanted.map({ id in accounts.contains { $0.id == id } }) ?? !accounts.isEmpty {
            // The seed's account, or the database's only one (several without an ID is refused).
            let service = try await IAMService(
                store: store, masterKey: masterKey, accountId: wanted, source: source, clock: clock, random: random,
                passwordHasher: passwordHasher)
            return (service, try await service.resetLab(to: seed))
        }
        let id = wanted ?? random.withGenerator { AWSIdentifiers.accountID(using: &$0) }
        guard Account.isValidID(id) else {
            throw IAMError(.invalidInput, "The account ID \(id) is not valid: it must be exactly 12 digits.")
        }
        let account = Account(id: id, createdAt: clock.now)
        let service = IAMService(
            store: store, account: account, caller: .root(of: account), source: source, clock: clock, random: random,
            passwordHasher: passwordHasher, sealer: SecretSealer(masterKey: masterKey))
        return (service, try await service.loadSeed(seed, mode: .reset, creatingAccount: true))
    }

    /// What a load does before touching the account.
    enum SeedMode: String, Sendable {
        case reset = "ResetLab"
        case apply = "ApplySeed"
    }

    func loadSeed(_ seed: LabSeed, mode: SeedMode, creatingAccount: Bool) async throws -> SeedCredentials {
        let service = acting(as: caller, source: .seed)
        let parameters = JSONValue.object([
            "File": seed.source.map(JSONValue.string), "Policies": .integer(seed.policies.count),
            "Users": .integer(seed.users.count), "Groups": .integer(seed.groups.count),
        ])
        do {
            try service.checkSeed(seed, creatingAccount: creatingAccount)
            let passwords = try await service.preparePasswords(of: seed, mode: mode)
            return try await store.write { tx in
                if creatingAccount {
                    guard let email = seed.root?.email else {
                        throw IAMError(.invalidInput, "A seed that creates its account needs root.email.")
                    }
                    try tx.insert(service.account)
                    try Self.installAWSManagedPolicies(in: tx, at: service.clock.now)
                    try tx.save(RootUser(accountId: service.account.id, email: email, passwordHash: nil, createdAt: service.clock.now))
                }
                var keepers = SeedLoader.Keepers()
                if mode == .reset {
                    keepers = try SeedLoader.Keepers.read(for: seed, account: service.account, in: tx)
                    try tx.deleteAccountContents(accountId: service.account.id)
                }
                var batching = service
                batching.batchesPolicyEpoch = true
                var loader = SeedLoader(service: batching, tx: tx, seed: seed, passwords: passwords, keepers: keepers)
                try loader.load()
                // A reset is always recorded; an apply that changed nothing writes nothing at all.
                if mode == .reset || loader.changes > 0 {
                    try Self.bumpPolicyEpoch(in: tx)
                    var draft = AuditDraft(requestParameters: parameters, resources: [service.account.rootARN])
                    draft.responseElements = .object([
                        "Changes": .integer(loader.changes), "GeneratedCredentials": .integer(loader.credentials.count),
                    ])
                    try tx.appendAuditEvent(service.auditEvent(mode.rawValue, draft: draft, readOnly: false, error: nil))
                }
                return SeedCredentials(accountId: service.account.id, credentials: loader.credentials, changes: loader.changes)
            }
        } catch {
            if !creatingAccount {
                try await service.recordFailure(
                    mode.rawValue, parameters: parameters, resources: [service.account.rootARN], readOnly: false, error: error)
            }
            throw error
        }
    }

    // MARK: - Checks before the transaction

    /// Every input check of the seed that needs no database: the model's shapes for each entity
    /// (through the operations' own check functions), passwords, PHC hashes, pinned keys and seeds.
    func checkSeed(_ seed: LabSeed, creatingAccount: Bool) throws {
        let file = seed.source
        if let section = seed.account {
            try SeedLoader.within("account", section.location, file: file) {
                if let id = section.id, id != account.id {
                    throw IAMError(.invalidInput, "The seed is for account \(id), but this database's account is \(account.id).")
                }
                if let alias = section.alias { try validate("CreateAccountAlias", ["AccountAlias": .string(alias)]) }
            }
        }
        if let root = seed.root {
            try SeedLoader.within("root user", root.location, file: file) {
                if let email = root.email, !Self.isPlausibleEmail(email) {
                    throw IAMError(.invalidInput, "The email address \(email) is not valid.")
                }
                try checkSeedPassword(root.password)
                try checkSeedCredentials(root.accessKeys, root.mfaDevice, defaultName: SeedLoader.rootDeviceName)
            }
        }
        if let policy = seed.passwordPolicy {
            try SeedLoader.within("password policy", nil, file: file) { try checkPasswordPolicy(policy) }
        }
        for policy in seed.policies {
            try SeedLoader.within("policy \(policy.name)", policy.location, file: file) {
                try checkCreatePolicy(
                    policyName: policy.name, policyDocument: policy.document, path: policy.path, description: policy.description,
                    tags: policy.tags)
            }
        }
        var names = Set<String>()
        for user in seed.users {
            try SeedLoader.within("user \(user.name)", user.location, file: file) {
                guard names.insert(user.name.lowercased()).inserted else { throw IAMError.userAlreadyExists(named: user.name) }
                try checkCreateUser(userName: user.name, path: user.path, permissionsBoundary: nil, tags: user.tags)
                try checkSeedPassword(user.password)
                try checkSeedCredentials(user.accessKeys, user.mfaDevice, defaultName: user.name)
                for inline in user.inlinePolicies {
                    try checkPutInlinePolicy(holder: "User", name: user.name, policyName: inline.name, policyDocument: inline.document)
                }
            }
        }
        names = []
        for group in seed.groups {
            try SeedLoader.within("group \(group.name)", group.location, file: file) {
                guard names.insert(group.name.lowercased()).inserted else { throw IAMError.groupAlreadyExists(named: group.name) }
                try validate("CreateGroup", ["GroupName": .string(group.name), "Path": .optional(group.path)])
                for inline in group.inlinePolicies {
                    try checkPutInlinePolicy(holder: "Group", name: group.name, policyName: inline.name, policyDocument: inline.document)
                }
            }
        }
    }

    private func checkSeedPassword(_ password: LabSeed.Password?) throws {
        switch password {
        case .clear(let secret): try Self.checkPasswordShape(secret.reveal(), member: "password")
        case .hash(let hash):
            guard hash.hasPrefix("$argon2id$"), PHCString(hash) != nil else {
                throw IAMError(.invalidInput, "password_hash must be an Argon2id PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash).")
            }
        case .generate, nil: break
        }
    }

    private func checkSeedCredentials(_ keys: [LabSeed.AccessKey], _ device: LabSeed.MFADevice?, defaultName: String) throws {
        guard keys.count <= 2 else { throw IAMError.quotaExceeded("AccessKeysPerUser", 2) }
        for key in keys {
            if let id = key.id {
                try validate("UpdateAccessKey", ["AccessKeyId": .string(id), "Status": .string(key.status.rawValue)])
                guard id.hasPrefix("AKIA"), id.count == AWSIdentifiers.accessKeyIDLength,
                    id.allSatisfy({ AWSIdentifiers.idAlphabet.contains($0) || ("0"..."9").contains($0) })
                else {
                    throw IAMError(.invalidInput, "The access key ID \(id) is not valid: AKIA and 16 characters of A–Z and 0–9.")
                }
            }
            if let secret = key.secret?.reveal() {
                guard secret.count == AWSIdentifiers.secretAccessKeyLength, secret.allSatisfy(AWSIdentifiers.secretAlphabet.contains)
                else {
                    throw IAMError(.invalidInput, "A pinned secret access key is 40 characters of A–Z, a–z, 0–9, + and /.")
                }
            }
        }
        if let device {
            try validate(
                "CreateVirtualMFADevice",
                ["VirtualMFADeviceName": .string(device.name ?? defaultName), "Path": .string(device.path ?? "/")])
            if let seed = device.seed { _ = try Self.mfaSeed(fromBase32: seed.reveal()) }
        }
    }

    /// A pinned MFA seed: Base32 (as AWS's `Base32StringSeed`) of at least 16 bytes (RFC 4226).
    static func mfaSeed(fromBase32 text: String) throws -> Data {
        guard let seed = Base32.decode(text), seed.count >= 16 else {
            throw IAMError(.invalidInput, "An MFA seed is Base32 text of at least 16 bytes (26 characters).")
        }
        return seed
    }

    // MARK: - Passwords, before the transaction

    /// Hashes the seed's clear passwords (and generates the passwords it asks for) in parallel on
    /// every core; a password whose current hash already matches keeps that hash, so loading the
    /// same seed again changes nothing.
    func preparePasswords(of seed: LabSeed, mode: SeedMode) async throws -> SeedPasswords {
        let accountId = account.id
        let names = seed.users.filter { $0.password != nil }.map(\.name)
        let (current, policy) = try await store.read { tx -> ([String: String], PasswordPolicy?) in
            var hashes: [String: String] = [:]
            if let hash = try tx.rootUser(accountId: accountId)?.passwordHash { hashes[SeedPasswords.rootKey] = hash }
            for name in names {
                if let user = try tx.user(named: name, accountId: accountId), let profile = try tx.loginProfile(userId: user.id) {
                    hashes[SeedPasswords.key(user: name)] = profile.passwordHash
                }
            }
            return (hashes, try tx.passwordPolicy(accountId: accountId))
        }
        enum Job: Sendable {
            case hash(key: String, password: SeedSecret, current: String?)
            case generate(key: String)
        }
        var jobs: [Job] = []
        if case .clear(let password) = seed.root?.password {
            jobs.append(.hash(key: SeedPasswords.rootKey, password: password, current: current[SeedPasswords.rootKey]))
        }
        for user in seed.users {
            let key = SeedPasswords.key(user: user.name)
            switch user.password {
            case .clear(let password): jobs.append(.hash(key: key, password: password, current: current[key]))
            case .generate where current[key] == nil: jobs.append(.generate(key: key))
            default: break
            }
        }
        let lengthWanted = max(seed.passwordPolicy?.minimumPasswordLength ?? policy?.minimumPasswordLength ?? 0, 20)
        let results = Mutex<[Result<(String, String, SeedSecret?), any Error>]>([])
        let hasher = passwordHasher
        let random = self.random
        let frozen = jobs
        DispatchQueue.concurrentPerform(iterations: frozen.count) { index in
            let result = Result<(String, String, SeedSecret?), any Error>(catching: {
                switch frozen[index] {
                case .hash(let key, let password, let current):
                    if let current, hasher.verify(password.reveal(), phc: current) { return (key, current, nil) }
                    return (key, try hasher.hash(password.reveal()), nil)
                case .generate(let key):
                    let password = random.withGenerator { Self.generatedPassword(length: lengthWanted, using: &$0) }
                    return (key, try hasher.hash(password), SeedSecret(password))
                }
            })
            results.withLock { $0.append(result) }
        }
        var prepared = SeedPasswords()
        for result in results.withLock({ $0 }) {
            let (key, hash, generated) = try result.get()
            if let generated {
                prepared.generated[key] = (generated, hash)
            } else {
                prepared.hashes[key] = hash
            }
        }
        return prepared
    }

    /// A random password with upper- and lower-case letters, digits and symbols, so that any
    /// password policy accepts it.
    static func generatedPassword(length: Int, using generator: inout any RandomNumberGenerator) -> String {
        let classes = [
            Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), Array("abcdefghijkmnopqrstuvwxyz"), Array("23456789"), Array("!@#$%^&*()_+-=[]{}|"),
        ]
        let all = classes.flatMap { $0 }
        var characters = classes.map { $0[Int.random(in: 0..<$0.count, using: &generator)] }
        while characters.count < length { characters.append(all[Int.random(in: 0..<all.count, using: &generator)]) }
        characters.shuffle(using: &generator)
        return String(characters)
    }
}

/// Password hashes a seed load computed before its transaction.
struct SeedPasswords: Sendable {
    /// Hashes of clear passwords, by ``key(user:)`` or ``rootKey``.
    var hashes: [String: String] = [:]
    /// Generated passwords with their hashes.
    var generated: [String: (password: SeedSecret, hash: String)] = [:]

    static let rootKey = "root"
    static func key(user name: String) -> String { "user:" + name.lowercased() }
}
