import Foundation
import GRDB
import IAMCore

/// The SQLite implementation of ``AccountStore``: one file, WAL, `synchronous=FULL`, foreign keys on.
///
/// The caller owns the connection: pass any GRDB `DatabaseWriter` (an in-memory `DatabaseQueue`
/// in tests), or use ``open(at:migrate:)`` for a `DatabasePool` on a file. Open one store per
/// file per process and share it: it is `Sendable`.
public struct SQLiteAccountStore: AccountStore {
    /// The GRDB connection, for tests and tools that need SQL; the service never uses it.
    public let writer: any DatabaseWriter
    /// What opening the store migrated (empty when nothing was pending or `migrate` was false).
    public let migrationReport: SchemaMigrator.Report

    /// Wraps `writer` and, unless `migrate` is false, applies pending migrations.
    ///
    /// - Throws: ``MigrationError`` when the database was edited after migrating or comes from a
    ///   newer binary; SQLite errors otherwise.
    public init(writer: any DatabaseWriter, migrate: Bool = true, migrator: SchemaMigrator = .embedded) throws {
        self.writer = writer
        self.migrationReport = migrate ? try migrator.migrate(writer) : .init(applied: [], backupPath: nil)
        self.readCache = ReadCache(writer: writer)
        self.groupCommit = GroupCommit(writer: writer)
    }

    let readCache: ReadCache
    let groupCommit: GroupCommit

    /// Opens (creating when missing) the database file at `path` in a `DatabasePool`.
    /// A new file is created with mode 0600 (SQLite gives its -wal and -shm files the same mode):
    /// it holds password hashes and sealed secrets.
    public static func open(at path: String, migrate: Bool = true) throws -> SQLiteAccountStore {
        if !FileManager.default.fileExists(atPath: path) {
            // Created and left empty: SQLite writes the header; `FileHandle` closes the descriptor.
            let descriptor = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            if descriptor >= 0 { try FileHandle(fileDescriptor: descriptor, closeOnDealloc: true).close() }
        }
        let pool = try DatabasePool(path: path, configuration: configuration())
        // DatabasePool switches its writer to synchronous=NORMAL when it enables WAL, after
        // prepareDatabase has run; durability needs FULL, so set it again on the writer.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        return try SQLiteAccountStore(writer: pool, migrate: migrate)
    }

    /// A private in-memory database, migrated: for tests and throwaway labs.
    public static func inMemory() throws -> SQLiteAccountStore {
        try SQLiteAccountStore(writer: DatabaseQueue(configuration: configuration()))
    }

    /// The connection settings every IAMStore connection uses.
    ///
    /// `synchronous=FULL` makes every acknowledged commit survive power loss in WAL mode;
    /// the busy timeout lets several processes share one file.
    public static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "IAMStore"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    /// Runs `body` in a read transaction on the calling thread.
    ///
    /// A read never waits for a writer (WAL gives each reader its snapshot) and IAMStore's reads are
    /// bounded (a page holds at most 1,000 items), so they run inline instead of hopping to GRDB's
    /// reader queue and back: the two thread switches cost more than a typical lookup. Writes still
    /// hop, since they may wait for the file's write lock.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T {
        try readSync(body)
    }

    /// Answers what `body` answered for `key` when no connection has committed since; reads otherwise.
    ///
    /// A file database tells by its WAL index's change counter (``WALIndexHeader``; where there is
    /// none, `PRAGMA data_version` on a connection of its own), so a write by another process
    /// (`iamctl` beside a running server) is seen at once.
    public func cachedRead<T: Sendable>(_ key: String, _ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T {
        guard let stamp = try readCache.stamp() else { return try readSync(body) }
        if let cached: T = readCache.value(key, at: stamp) { return cached }
        let value = try readSync(body)
        readCache.keep(value, for: key, at: stamp)
        return value
    }

    /// Runs `body` in a write transaction and returns once it is on disk.
    ///
    /// Writes that arrive while another is running share its successor's commit (see
    /// ``GroupCommit``): each is still atomic on its own, and none is acknowledged before the sync.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T {
        defer { readCache.sessionDidWrite() }
        return try await withCheckedThrowingContinuation { continuation in
            groupCommit.submit(
                GroupCommit.Job(
                    run: { db in
                        let value = try body(SQLiteTransaction(db: db))
                        return { commitError in
                            if let commitError {
                                continuation.resume(throwing: translatedTrigger(commitError))
                            } else {
                                continuation.resume(returning: value)
                            }
                        }
                    },
                    fail: { error in continuation.resume(throwing: translatedTrigger(error)) }))
        }
    }

    /// Runs `body` as one session of cached lookups (see ``AccountStore/readSession(_:)``): the
    /// server wraps each request in one, so a request that makes four lookups checks the file's
    /// change stamp once.
    public func readSession<T>(_ body: () async throws -> T) async rethrows -> T {
        try await ReadCache.$session.withValue(ReadCache.Session()) { try await body() }
    }

    /// Synchronous variants, for command-line tools and tests that are not async.
    public func readSync<T>(_ body: (any StoreReading) throws -> T) throws -> T {
        try translatingTriggersSync {
            try writer.unsafeRead { db in try db.deferredTransaction { try body(SQLiteTransaction(db: db)) } }
        }
    }

    public func writeSync<T>(_ body: (any StoreWriting) throws -> T) throws -> T {
        defer { readCache.sessionDidWrite() }
        return try translatingTriggersSync {
            try writer.writeWithoutTransaction { db in try db.immediateTransaction { try body(SQLiteTransaction(db: db)) } }
        }
    }

    /// Folds the write-ahead log into the database file when no other connection is using it,
    /// and closes every connection of the store; the store must not be used afterwards.
    ///
    /// SQLite folds the log back when the last connection to a file closes, but GRDB closes a
    /// pool's writer before its read-only readers, which cannot; and a log left behind by a process
    /// that exits is recovered by the next one, which SQLite then cannot restart. Short-lived
    /// processes (each `iamctl` command) would see the log grow by every transaction and every
    /// later transaction slow down, so the writer truncates the log itself before closing. It
    /// does not wait: while another process (a running `iamctl serve`) reads or writes, that
    /// process keeps the log's index alive and SQLite restarts the log as usual.
    public func close() throws {
        try readCache.close()
        if writer is DatabasePool {
            _ = try? writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA busy_timeout = 0")
                return try db.checkpoint(.truncate)
            }
        }
        try writer.close()
    }

    /// The migration ledger and what is pending, checked against this binary.
    public func migrationStatus(migrator: SchemaMigrator = .embedded) throws -> SchemaMigrator.Status {
        try writer.read { db in try migrator.status(db) }
    }
}

extension Database {
    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, committed on return and rolled back on error.
    ///
    /// GRDB's `write` parses `BEGIN` and `COMMIT` anew for every transaction; cached statements skip
    /// that (about a sixth of the CPU a durable two-row write costs, measured with callgrind).
    /// IMMEDIATE takes the write lock at once, so a writer in another process waits on the busy
    /// timeout instead of failing when a deferred transaction tries to upgrade.
    func immediateTransaction<T>(_ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN IMMEDIATE TRANSACTION", body)
    }

    /// Runs `body` in one deferred transaction: a read sees one snapshot of the file throughout.
    ///
    /// GRDB's `read` wraps the same transaction in savepoint bookkeeping and parses `BEGIN` and
    /// `COMMIT` on every call, which cost a served GetUser more than its queries (perf, 2026-11-29).
    func deferredTransaction<T>(_ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN DEFERRED TRANSACTION", body)
    }

    private func transaction<T>(begin: String, _ body: () throws -> T) throws -> T {
        try cachedStatement(sql: begin).execute()
        do {
            let result = try body()
            try cachedStatement(sql: "COMMIT TRANSACTION").execute()
            return result
        } catch {
            if isInsideTransaction { try? cachedStatement(sql: "ROLLBACK TRANSACTION").execute() }
            throw error
        }
    }
}

/// The schema's triggers raise `Code: message` (`LimitExceeded: Cannot exceed quota for
/// AccessKeysPerUser: 2`): the last line of defence speaks AWS's vocabulary too.
private func translatedTrigger(_ error: any Error) -> any Error {
    guard let error = error as? DatabaseError, error.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER,
        let message = error.message, let colon = message.firstIndex(of: ":")
    else { return error }
    let code = String(message[..<colon])
    guard !code.isEmpty, code.allSatisfy(\.isLetter), code.first?.isUppercase == true else { return error }
    return IAMError(IAMError.Code(rawValue: code), message[message.index(after: colon)...].trimmingCharacters(in: .whitespaces))
}

private func translatingTriggersSync<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw translatedTrigger(error) }
}
