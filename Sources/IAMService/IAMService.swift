import Foundation
import IAMCore

/// The service layer: every IAM operation, with AWS's rules, in one transaction each, audited.
///
/// A service acts in one account as one caller (the root user by default). Build one with
/// ``init(store:masterKey:accountId:source:clock:random:passwordHasher:)`` and derive per-request
/// services with ``acting(as:)``. It is a `Sendable` value holding `let` dependencies.
///
/// ```swift
/// let store = try SQLiteAccountStore.open(at: "iam.sqlite")
/// let iam = try await IAMService(store: store, masterKey: .loadOrCreate(at: "iam.sqlite.key"))
/// ```
public struct IAMService: Sendable {
    public let store: any AccountStore
    /// The account every operation acts in.
    public let account: Account
    /// Who makes the requests; recorded in every audit event.
    public let caller: Principal
    /// Where requests come from, for the audit trail.
    public let source: AuditSource
    public let clock: ServiceClock
    public let random: RandomSource
    public let passwordHasher: PasswordHasher
    /// The caller's network address and client, for the audit trail.
    public var sourceIPAddress: String?
    public var userAgent: String?
    /// The request's ID, for the audit trail: a server sets the `RequestId` it answers with, so
    /// an event and its response can be matched as in CloudTrail. Without one, each event draws its own.
    public var requestId: String?
    let sealer: SecretSealer
    /// Set for a seed load, which marks compiled policies stale once for its whole transaction
    /// instead of once per attachment (a 1,000-user lab attaches 3,000 times).
    var batchesPolicyEpoch = false

    /// A service for `accountId`, or for the database's only account when `accountId` is `nil`.
    ///
    /// - Throws: `NoSuchEntity` when the account does not exist (or the database holds none);
    ///   `InvalidInput` when `accountId` is `nil` and the database holds several accounts.
    public init(
        store: any AccountStore, masterKey: MasterKey, accountId: String? = nil, source: AuditSource = .library,
        clock: ServiceClock = .system, random: RandomSource = .system, passwordHasher: PasswordHasher = PasswordHasher()
    ) async throws {
        let account = try await store.read { tx -> Account in
            if let accountId {
                guard let account = try tx.account(id: accountId) else { throw IAMError.noSuchAccount(accountId) }
                return account
            }
            let accounts = try tx.accounts()
            guard accounts.count <= 1 else {
                throw IAMError(
                    .invalidInput,
                    "The database holds \(accounts.count) accounts (\(accounts.map(\.id).joined(separator: ", "))); choose one with an account ID.")
            }
            guard let account = accounts.first else {
                throw IAMError(.noSuchEntity, "The database holds no account yet; create one first (iamctl init).")
            }
            return account
        }
        // Every account sees the AWS managed policies; a cheap digest check skips this normally.
        try await Self.ensureAWSManagedPolicies(in: store, at: clock.now)
        self.init(
            store: store, account: account, caller: .root(of: account), source: source, clock: clock, random: random,
            passwordHasher: passwordHasher, sealer: SecretSealer(masterKey: masterKey))
    }

    init(
        store: any AccountStore, account: Account, caller: Principal, source: AuditSource, clock: ServiceClock,
        random: RandomSource, passwordHasher: PasswordHasher, sealer: SecretSealer
    ) {
        self.store = store
        self.account = account
        self.caller = caller
        self.source = source
        self.clock = clock
        self.random = random
        self.passwordHasher = passwordHasher
        self.sealer = sealer
    }

    /// The same service acting as `principal` (for example the signer of an HTTP request).
    public func acting(as principal: Principal, source: AuditSource? = nil) -> IAMService {
        var copy = IAMService(
            store: store, account: principal.account, caller: principal, source: source ?? self.source, clock: clock,
            random: random, passwordHasher: passwordHasher, sealer: sealer)
        copy.sourceIPAddress = sourceIPAddress
        copy.userAgent = userAgent
        copy.requestId = requestId
        return copy
    }
}

extension IAMError {
    static func noSuchAccount(_ id: String) -> IAMError {
        IAMError(.noSuchEntity, "The account with ID \(id) cannot be found.")
    }
}
