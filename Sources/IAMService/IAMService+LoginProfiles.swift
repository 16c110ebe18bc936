import Foundation
import IAMCore

/// AWS's `LoginProfile` response: never the password.
public struct LoginProfileDescription: Sendable, Hashable {
    /// The user's name, in its stored case.
    public var userName: String
    /// When the login profile was created.
    public var createDate: Date
    /// Whether the user must choose a new password at next sign-in.
    public var passwordResetRequired: Bool

    /// A description with every field given.
    public init(userName: String, createDate: Date, passwordResetRequired: Bool) {
        self.userName = userName
        self.createDate = createDate
        self.passwordResetRequired = passwordResetRequired
    }

    /// As AWS's `LoginProfile` shape.
    public var json: JSONValue {
        .object([
            "UserName": .string(userName), "CreateDate": .string(createDate.awsTimestamp),
            "PasswordResetRequired": .bool(passwordResetRequired),
        ])
    }
}

extension IAMService {
    /// Gives a user a console password.
    ///
    /// The password is hashed with Argon2id before the write transaction starts (hashing is slow);
    /// the account password policy is checked inside it, with the insert it guards.
    ///
    /// - Throws: `ValidationError` for a malformed name or password (never echoed);
    ///   `NoSuchEntity` for an unknown user; `EntityAlreadyExists` "Login Profile for user X
    ///   already exists."; `PasswordPolicyViolation` when the password breaks the account policy.
    public func createLoginProfile(
        userName: String, password: String, passwordResetRequired: Bool = false
    ) async throws -> LoginProfileDescription {
        try validate(
            "CreateLoginProfile",
            ["UserName": .string(userName), "Password": .string(password), "PasswordResetRequired": .boolean(passwordResetRequired)])
        let candidate = try await preparePassword(password, userName: userName)
        let accountId = account.id
        let now = clock.now
        let parameters: JSONValue = .object([
            "UserName": .string(userName), "PasswordResetRequired": .bool(passwordResetRequired),
        ])
        return try await mutate("CreateLoginProfile", parameters: parameters) { tx, draft in
            let user = try existingUser(userName, in: tx)
            draft.resources = [user.arn(in: account)]
            try candidate.check(password, userId: user.id, accountId: accountId, in: tx)
            try createLoginProfile(for: user, passwordHash: candidate.hash, passwordResetRequired: passwordResetRequired, in: tx)
            let result = LoginProfileDescription(userName: user.name, createDate: now, passwordResetRequired: passwordResetRequired)
            draft.responseElements = .object(["LoginProfile": result.json])
            return result
        }
    }

    /// `CreateLoginProfile`'s rule and write inside a write transaction (shared with seed files):
    /// one login profile per user. The password was checked against the policy by the caller.
    func createLoginProfile(for user: User, passwordHash: String, passwordResetRequired: Bool, in tx: any StoreWriting) throws {
        if try tx.loginProfile(userId: user.id) != nil {
            throw IAMError(.entityAlreadyExists, "Login Profile for user \(user.name) already exists.")
        }
        let now = clock.now
        try tx.save(
            LoginProfile(
                userId: user.id, passwordHash: passwordHash, passwordResetRequired: passwordResetRequired,
                passwordChangedAt: now, createdAt: now))
    }

    /// A user's login profile: its creation date and whether a reset is required, never the password.
    ///
    /// - Throws: `NoSuchEntity` for an unknown user, or "Login Profile for User X cannot be found."
    public func getLoginProfile(userName: String) async throws -> LoginProfileDescription {
        try validate("GetLoginProfile", ["UserName": .string(userName)])
        return try await query("GetLoginProfile", parameters: .object(["UserName": .string(userName)])) { tx in
            let user = try existingUser(userName, in: tx)
            guard let profile = try tx.loginProfile(userId: user.id) else { throw IAMError.noLoginProfile(user.name) }
            return LoginProfileDescription(
                userName: user.name, createDate: profile.createdAt, passwordResetRequired: profile.passwordResetRequired)
        }
    }

    /// Changes a user's password and/or its reset flag, as an administrator.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for an unknown user or a user without login
    ///   profile; `PasswordPolicyViolation` when the new password breaks the policy or reuses one
    ///   of the last `PasswordReusePrevention` passwords.
    public func updateLoginProfile(userName: String, password: String? = nil, passwordResetRequired: Bool? = nil) async throws {
        try validate(
            "UpdateLoginProfile",
            [
                "UserName": .string(userName), "Password": .optional(password),
                "PasswordResetRequired": passwordResetRequired.map { .boolean($0) },
            ])
        let candidate: PasswordCandidate? =
            if let password { try await preparePassword(password, userName: userName) } else { nil }
        let accountId = account.id
        let now = clock.now
        let parameters: JSONValue = .object([
            "UserName": .string(userName), "PasswordResetRequired": passwordResetRequired.map { .bool($0) },
        ])
        try await mutate("UpdateLoginProfile", parameters: parameters) { tx, draft in
            let user = try existingUser(userName, in: tx)
            draft.resources = [user.arn(in: account)]
            guard var profile = try tx.loginProfile(userId: user.id) else { throw IAMError.noLoginProfile(user.name) }
            if let candidate, let password {
                try candidate.check(password, userId: user.id, accountId: accountId, in: tx)
                try Self.replacePassword(of: &profile, with: candidate.hash, at: now, accountId: accountId, in: tx)
            }
            if let passwordResetRequired { profile.passwordResetRequired = passwordResetRequired }
            try tx.save(profile)
        }
    }

    /// Removes a user's console password (the history of earlier hashes stays for reuse prevention).
    ///
    /// - Throws: `NoSuchEntity` for an unknown user, or "Login Profile for User X cannot be found."
    public func deleteLoginProfile(userName: String) async throws {
        try validate("DeleteLoginProfile", ["UserName": .string(userName)])
        try await mutate("DeleteLoginProfile", parameters: .object(["UserName": .string(userName)])) { tx, draft in
            let user = try existingUser(userName, in: tx)
            draft.resources = [user.arn(in: account)]
            guard let profile = try tx.loginProfile(userId: user.id) else { throw IAMError.noLoginProfile(user.name) }
            try deleteLoginProfile(profile, in: tx)
        }
    }

    /// `DeleteLoginProfile`'s write inside a write transaction (shared with seed files): the hash
    /// goes to the password history first, for reuse prevention.
    func deleteLoginProfile(_ profile: LoginProfile, in tx: any StoreWriting) throws {
        try tx.appendPasswordHistory(userId: profile.userId, passwordHash: profile.passwordHash, at: clock.now)
        try tx.trimPasswordHistory(userId: profile.userId, keep: Self.passwordHistoryDepth)
        try tx.deleteLoginProfile(userId: profile.userId)
    }

    /// Changes the calling IAM user's own password.
    ///
    /// `AllowUsersToChangePassword` is not checked here: in AWS it only grants the
    /// `iam:ChangePassword` permission, and authorization is the caller's concern. A successful
    /// change clears `PasswordResetRequired`.
    ///
    /// - Throws: `ValidationError`; `InvalidUserType` when the caller is the root user;
    ///   `NoSuchEntity` when the caller has no login profile; `InvalidInput` when `oldPassword`
    ///   is wrong; `PasswordPolicyViolation` when the new password breaks the policy.
    public func changePassword(oldPassword: String, newPassword: String) async throws {
        try validate("ChangePassword", ["OldPassword": .string(oldPassword), "NewPassword": .string(newPassword)])
        guard case .user(let callerUser) = caller.kind else {
            try await mutate("ChangePassword") { _, _ in throw IAMError.rootCannotChangePassword }
            return
        }
        let candidate = try await preparePassword(newPassword, userName: callerUser.name)
        let oldMatches = candidate.currentHash.map { passwordHasher.verify(oldPassword, phc: $0) } ?? false
        let accountId = account.id
        let now = clock.now
        try await mutate("ChangePassword") { tx, draft in
            guard let user = try tx.user(id: callerUser.id) else { throw IAMError.noSuchUser(named: callerUser.name) }
            draft.resources = [user.arn(in: account)]
            guard var profile = try tx.loginProfile(userId: user.id) else { throw IAMError.noLoginProfile(user.name) }
            guard oldMatches, profile.passwordHash == candidate.currentHash else { throw IAMError.wrongOldPassword }
            try candidate.check(newPassword, userId: user.id, accountId: accountId, in: tx)
            try Self.replacePassword(of: &profile, with: candidate.hash, at: now, accountId: accountId, in: tx)
            profile.passwordResetRequired = false
            try tx.save(profile)
        }
    }

    /// How many earlier hashes are kept: AWS's largest `PasswordReusePrevention`.
    static let passwordHistoryDepth = 24

    static func replacePassword(
        of profile: inout LoginProfile, with hash: String, at now: Date, accountId: String, in tx: any StoreWriting
    ) throws {
        try tx.appendPasswordHistory(userId: profile.userId, passwordHash: profile.passwordHash, at: now)
        try tx.trimPasswordHistory(userId: profile.userId, keep: passwordHistoryDepth)
        profile.passwordHash = hash
        profile.passwordChangedAt = now
    }

    /// Hashes `password` and checks it against the user's earlier passwords, outside any write
    /// transaction (both are slow). The write transaction then confirms, with
    /// ``PasswordCandidate/check(_:userId:accountId:in:)``, that nothing changed meanwhile.
    func preparePassword(_ password: String, userName: String?) async throws -> PasswordCandidate {
        let accountId = account.id
        let snapshot = try await store.read { tx in
            let user = try userName.flatMap { try tx.user(named: $0, accountId: accountId) }
            return try PasswordCandidate.Snapshot.read(userId: user?.id, accountId: accountId, in: tx)
        }
        let hasher = passwordHasher
        let (hash, reused) = try await PasswordHasher.offload {
            (try hasher.hash(password), snapshot.hashesToAvoid.contains { hasher.verify(password, phc: $0) })
        }
        return PasswordCandidate(hash: hash, snapshot: snapshot, reused: reused)
    }
}

/// A new password, hashed, with what was known about the user's earlier passwords when it was.
struct PasswordCandidate: Sendable {
    struct Snapshot: Sendable, Equatable {
        var currentHash: String?
        var history: [String]
        var reusePrevention: Int?

        /// The current password and the earlier ones, `PasswordReusePrevention` in all.
        var hashesToAvoid: [String] {
            guard let count = reusePrevention, count > 0 else { return [] }
            return Array(([currentHash].compactMap { $0 } + history).prefix(count))
        }

        static func read(userId: String?, accountId: String, in tx: any StoreReading) throws -> Snapshot {
            let policy = try tx.passwordPolicy(accountId: accountId)
            guard let userId else { return Snapshot(currentHash: nil, history: [], reusePrevention: policy?.passwordReusePrevention) }
            return Snapshot(
                currentHash: try tx.loginProfile(userId: userId)?.passwordHash,
                history: try tx.passwordHistory(userId: userId, limit: IAMService.passwordHistoryDepth),
                reusePrevention: policy?.passwordReusePrevention)
        }
    }

    /// The account password policy's rules (length, character classes), inside the transaction
    /// that writes the password.
    ///
    /// - Throws: `PasswordPolicyViolation`.
    static func checkPolicy(_ password: String, accountId: String, in tx: any StoreReading) throws {
        if let violation = try tx.passwordPolicy(accountId: accountId)?.violation(of: password) {
            throw IAMError.passwordPolicyViolation(violation)
        }
    }

    let hash: String
    let snapshot: Snapshot
    let reused: Bool

    var currentHash: String? { snapshot.currentHash }

    /// Inside the write transaction: the policy rules, and reuse prevention as checked earlier.
    ///
    /// - Throws: `PasswordPolicyViolation`; `ConcurrentModification` when the user's password or
    ///   the policy's reuse setting changed since the candidate was prepared.
    func check(_ password: String, userId: String, accountId: String, in tx: any StoreReading) throws {
        try Self.checkPolicy(password, accountId: accountId, in: tx)
        guard try Snapshot.read(userId: userId, accountId: accountId, in: tx) == snapshot else {
            throw IAMError(.concurrentModification, "The password was changed by another request; retry.")
        }
        if reused, let count = snapshot.reusePrevention { throw IAMError.passwordReused(count) }
    }
}

extension IAMError {
    /// "Login Profile for User X cannot be found."
    static func noLoginProfile(_ userName: String) -> IAMError {
        IAMError(.noSuchEntity, "Login Profile for User \(userName) cannot be found.")
    }

    static let rootCannotChangePassword = IAMError(
        .invalidUserType, "Only IAM users can change their own password with ChangePassword.")

    static let wrongOldPassword = IAMError(.invalidInput, "The old password is incorrect.")
}
