import Foundation
import IAMCore

/// Why a console sign-in was refused.
public enum SignInFailure: String, Error, Sendable, Hashable, CaseIterable {
    /// Unknown account, unknown user, no console password, or a wrong password: deliberately one
    /// case, so a caller cannot learn which user names exist.
    case invalidCredentials
    /// The password is older than `MaxPasswordAge` and the policy sets `HardExpiry`: only an
    /// administrator can set a new one.
    case passwordExpired
    /// The password is right but the principal has an MFA device and no code was given.
    case mfaRequired
    /// The MFA code matched no enabled device of the principal (or was replayed).
    case invalidMFACode
}

/// The result of ``IAMService/authenticatePassword(accountIDOrAlias:userName:password:mfaCode:)``.
public enum SignInOutcome: Sendable, Hashable {
    /// Signed in.
    case signedIn(Principal)
    /// The credentials are right, but the password must be changed first (`PasswordResetRequired`,
    /// or expired without `HardExpiry`); the principal may call only `ChangePassword`.
    case passwordChangeRequired(Principal)
    case failed(SignInFailure)

    /// Whether the credentials were accepted (including when a password change is required).
    public var isSuccess: Bool {
        if case .failed = self { false } else { true }
    }

    /// The principal whose credentials were accepted.
    public var principal: Principal? {
        switch self {
        case .signedIn(let principal), .passwordChangeRequired(let principal): principal
        case .failed: nil
        }
    }
}

extension IAMService {
    /// CloudTrail's user name for a failed sign-in with a user name that does not exist.
    public static let hiddenUserName = "HIDDEN_DUE_TO_SECURITY_REASONS"

    /// Checks an IAM user's console credentials, as the AWS sign-in page does, for embedders.
    ///
    /// Records `PasswordLastUsed` (at most once per five minutes) and a `ConsoleLogin` audit event
    /// (event source `signin.amazonaws.com`) for success and failure alike. On success with a hash
    /// whose Argon2 parameters differ from the hasher's, the password is rehashed and stored in the
    /// same transaction. Password checks run outside the write transaction (they are slow).
    ///
    /// - Parameters:
    ///   - accountIDOrAlias: The 12-digit account ID or the account alias.
    ///   - mfaCode: The current code of one of the user's enabled MFA devices, if any.
    /// - Returns: The principal, or why sign-in was refused.
    /// - Throws: Only storage failures; refused credentials are an outcome, not an error.
    public func authenticatePassword(
        accountIDOrAlias: String, userName: String, password: String, mfaCode: String? = nil
    ) async throws -> SignInOutcome {
        let snapshot = try await store.read { tx -> SignInSnapshot? in
            let accountId = Account.isValidID(accountIDOrAlias) ? accountIDOrAlias : try tx.accountId(forAlias: accountIDOrAlias)
            guard let accountId, let account = try tx.account(id: accountId) else { return nil }
            guard let user = try tx.user(named: userName, accountId: accountId) else {
                return SignInSnapshot(account: account, principal: nil, passwordHash: nil, changedAt: nil, resetRequired: false,
                                      policy: nil, devices: [])
            }
            let profile = try tx.loginProfile(userId: user.id)
            return SignInSnapshot(
                account: account, principal: Principal(account: account, kind: .user(user)), passwordHash: profile?.passwordHash,
                changedAt: profile?.passwordChangedAt, resetRequired: profile?.passwordResetRequired ?? false,
                policy: try tx.passwordPolicy(accountId: accountId),
                devices: try Self.devicesWithSeeds(accountId: accountId, owner: .user(id: user.id), in: tx))
        }
        return try await signIn(snapshot, password: password, mfaCode: mfaCode)
    }

    /// Checks the root user's console credentials, by the root email address (case-insensitive).
    ///
    /// The account password policy does not apply to the root user. Audited like
    /// ``authenticatePassword(accountIDOrAlias:userName:password:mfaCode:)``.
    ///
    /// - Throws: Only storage failures.
    public func authenticateRoot(email: String, password: String, mfaCode: String? = nil) async throws -> SignInOutcome {
        let snapshot = try await store.read { tx -> SignInSnapshot? in
            for account in try tx.accounts() {
                guard let root = try tx.rootUser(accountId: account.id), root.email.lowercased() == email.lowercased() else { continue }
                return SignInSnapshot(
                    account: account, principal: .root(of: account), passwordHash: root.passwordHash, changedAt: root.passwordChangedAt,
                    resetRequired: false, policy: nil,
                    devices: try Self.devicesWithSeeds(accountId: account.id, owner: .root, in: tx))
            }
            return nil
        }
        return try await signIn(snapshot, password: password, mfaCode: mfaCode)
    }

    private static func devicesWithSeeds(
        accountId: String, owner: CredentialOwner, in tx: any StoreReading
    ) throws -> [SignInSnapshot.Device] {
        try tx.mfaDevices(accountId: accountId, owner: owner).compactMap { device in
            try tx.sealedSeed(forMFADevice: device.serialNumber).map { SignInSnapshot.Device(device: device, sealedSeed: $0) }
        }
    }

    private func signIn(_ snapshot: SignInSnapshot?, password: String, mfaCode: String?) async throws -> SignInOutcome {
        let now = clock.now
        let hasher = passwordHasher
        let storedHash = snapshot?.passwordHash
        let passwordMatches = try await PasswordHasher.offload {
            guard let storedHash else {
                // Spend the time a real check takes, so that unknown users cannot be told apart.
                _ = try? hasher.hash(password)
                return false
            }
            return hasher.verify(password, phc: storedHash)
        }
        guard let snapshot, let principal = snapshot.principal, passwordMatches, let hash = snapshot.passwordHash else {
            try await recordSignIn(snapshot, outcome: .failed(.invalidCredentials), at: now)
            return .failed(.invalidCredentials)
        }
        let rehash = hasher.needsRehash(hash) ? try await PasswordHasher.offload { try hasher.hash(password) } : nil

        var usedDevice: (serialNumber: String, step: Int)?
        if !snapshot.devices.isEmpty {
            guard let mfaCode else {
                try await recordSignIn(snapshot, outcome: .failed(.mfaRequired), at: now)
                return .failed(.mfaRequired)
            }
            for entry in snapshot.devices {
                let seed = try sealer.open(entry.sealedSeed, context: entry.device.serialNumber)
                if let step = TOTP.verify(seed: seed, code: mfaCode, now: now, lastUsedStep: entry.device.lastUsedTimeStep) {
                    usedDevice = (entry.device.serialNumber, step)
                    break
                }
            }
            if usedDevice == nil {
                try await recordSignIn(snapshot, outcome: .failed(.invalidMFACode), at: now)
                return .failed(.invalidMFACode)
            }
        }

        var outcome = SignInOutcome.signedIn(principal)
        if let changedAt = snapshot.changedAt, let expiry = snapshot.policy?.expiry(ofPasswordChangedAt: changedAt), now >= expiry {
            outcome = snapshot.policy?.hardExpiry == true ? .failed(.passwordExpired) : .passwordChangeRequired(principal)
        } else if snapshot.resetRequired {
            outcome = .passwordChangeRequired(principal)
        }
        return try await recordSignIn(snapshot, outcome: outcome, at: now, usedDevice: usedDevice, rehash: rehash)
    }

    /// Writes the sign-in's effects and its `ConsoleLogin` event in one transaction.
    @discardableResult
    private func recordSignIn(
        _ snapshot: SignInSnapshot?, outcome: SignInOutcome, at now: Date,
        usedDevice: (serialNumber: String, step: Int)? = nil, rehash: String? = nil
    ) async throws -> SignInOutcome {
        let account = snapshot?.account ?? self.account
        let identity: AuditIdentity
        if let principal = snapshot?.principal {
            identity = principal.auditIdentity
        } else {
            identity = AuditIdentity(type: .iamUser, userName: Self.hiddenUserName)
        }
        let service = IAMService(
            store: store, account: account, caller: snapshot?.principal ?? .root(of: account), source: source, clock: clock,
            random: random, passwordHasher: passwordHasher, sealer: sealer)
        var event = service.auditEvent(
            "ConsoleLogin",
            draft: AuditDraft(
                responseElements: .object(["ConsoleLogin": .string(outcome.isSuccess ? "Success" : "Failure")]),
                resources: snapshot?.principal.map { [$0.arn] } ?? []),
            readOnly: false, error: nil)
        event.eventSource = "signin.amazonaws.com"
        event.userIdentity = identity
        if case .failed(let failure) = outcome {
            event.errorMessage = failure == .invalidCredentials ? "Failed authentication" : failure.rawValue
        }
        let verifiedHash = snapshot?.passwordHash
        let frozenEvent = event
        return try await store.write { tx in
            var outcome = outcome
            // A code accepted concurrently by another sign-in must not be accepted twice.
            if outcome.isSuccess, let usedDevice, var device = try tx.mfaDevice(serialNumber: usedDevice.serialNumber) {
                if let last = device.lastUsedTimeStep, last >= usedDevice.step {
                    outcome = .failed(.invalidMFACode)
                } else {
                    device.lastUsedTimeStep = usedDevice.step
                    try tx.update(device)
                }
            }
            if outcome.isSuccess, let principal = snapshot?.principal {
                try Self.markPasswordUsed(principal, at: now, verifiedHash: verifiedHash, rehash: rehash, in: tx)
            }
            var stored = frozenEvent
            if !outcome.isSuccess {
                stored.responseElements = #"{"ConsoleLogin":"Failure"}"#
                if stored.errorMessage == nil { stored.errorMessage = SignInFailure.invalidMFACode.rawValue }
            }
            try tx.appendAuditEvent(stored)
            return outcome
        }
    }

    private static func markPasswordUsed(
        _ principal: Principal, at now: Date, verifiedHash: String?, rehash: String?, in tx: any StoreWriting
    ) throws {
        func due(_ last: Date?) -> Bool { last.map { now.timeIntervalSince($0) >= 300 } ?? true }
        switch principal.kind {
        case .user(let snapshotUser):
            if var user = try tx.user(id: snapshotUser.id), due(user.passwordLastUsedAt) {
                user.passwordLastUsedAt = now
                try tx.update(user)
            }
            if let rehash, var profile = try tx.loginProfile(userId: snapshotUser.id), profile.passwordHash == verifiedHash {
                profile.passwordHash = rehash
                try tx.save(profile)
            }
        case .root:
            guard var root = try tx.rootUser(accountId: principal.account.id) else { return }
            if due(root.passwordLastUsedAt) { root.passwordLastUsedAt = now }
            if let rehash, root.passwordHash == verifiedHash { root.passwordHash = rehash }
            try tx.save(root)
        }
    }
}

/// What a sign-in reads before checking the password outside any transaction.
struct SignInSnapshot: Sendable {
    struct Device: Sendable {
        var device: MFADevice
        var sealedSeed: Data
    }

    var account: Account
    /// `nil` when the user name is unknown.
    var principal: Principal?
    var passwordHash: String?
    var changedAt: Date?
    var resetRequired: Bool
    var policy: PasswordPolicy?
    var devices: [Device]
}
