import Foundation

/// Persistent storage of AWS accounts, shaped as transactions.
///
/// A rule and the write it guards share one transaction: the service counts, checks and writes
/// inside one ``write(_:)`` closure, whose repository calls are synchronous. Reads that belong
/// together come from one ``read(_:)``. An error thrown inside `write` rolls the transaction back.
public protocol AccountStore: Sendable {
    /// Runs `body` in a read-only transaction that sees one consistent snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (_ tx: any StoreReading) throws -> T) async throws -> T

    /// Runs `body` in a write transaction, committed durably when `body` returns.
    ///
    /// Writes are serialized across threads and processes, so a count checked inside `body` still
    /// holds when the insert it guards commits.
    func write<T: Sendable>(_ body: @escaping @Sendable (_ tx: any StoreWriting) throws -> T) async throws -> T

    /// Runs `body` in a read, or answers what it answered for `key` when nothing has been
    /// committed to the store since, by any connection or process.
    ///
    /// For the lookups every served request repeats (its access key, its caller's policies): a
    /// cached answer is exactly what a read would return now. `key` must name everything `body`
    /// depends on. Stores that cannot tell whether anything changed simply read.
    func cachedRead<T: Sendable>(_ key: String, _ body: @escaping @Sendable (_ tx: any StoreReading) throws -> T) async throws -> T

    /// Runs `body` (one served request) as one session of ``cachedRead(_:_:)`` lookups: the store
    /// checks for commits once, at the session's first lookup, and again after each write the
    /// session makes. Answers stay as fresh as the session's start.
    func readSession<T>(_ body: () async throws -> T) async rethrows -> T
}

extension AccountStore {
    public func cachedRead<T: Sendable>(_ key: String, _ body: @escaping @Sendable (_ tx: any StoreReading) throws -> T) async throws -> T {
        try await read(body)
    }

    public func readSession<T>(_ body: () async throws -> T) async rethrows -> T {
        try await body()
    }
}

/// How ``StoreReading/managedPolicies(accountId:scope:pathPrefix:onlyAttached:page:)`` filters by owner.
public enum PolicyScope: String, Sendable, Hashable, CaseIterable {
    /// AWS's `All`.
    case all = "All"
    /// AWS managed policies only.
    case aws = "AWS"
    /// Customer managed policies only.
    case local = "Local"
}

/// Which virtual MFA devices to list.
public enum MFAAssignmentFilter: String, Sendable, Hashable, CaseIterable {
    case assigned = "Assigned"
    case unassigned = "Unassigned"
    case any = "Any"
}

/// Filters for ``StoreReading/auditEvents(matching:page:)``; `nil` fields do not filter.
public struct AuditEventFilter: Sendable, Hashable {
    public var accountId: String?
    public var since: Date?
    public var until: Date?
    public var eventName: String?
    /// The caller's user name, whatever its case.
    public var userName: String?
    /// An ARN, or a name matched against the last path component of the event's resource ARNs.
    public var resource: String?
    /// Only failed requests: an error code or an error message (failed sign-ins have only a message).
    public var errorsOnly = false
    /// Only reads (`true`), only writes (`false`), or both (`nil`).
    public var readOnly: Bool?

    public init(
        accountId: String? = nil, since: Date? = nil, until: Date? = nil, eventName: String? = nil,
        userName: String? = nil, resource: String? = nil, errorsOnly: Bool = false, readOnly: Bool? = nil
    ) {
        self.accountId = accountId
        self.since = since
        self.until = until
        self.eventName = eventName
        self.userName = userName
        self.resource = resource
        self.errorsOnly = errorsOnly
        self.readOnly = readOnly
    }
}
