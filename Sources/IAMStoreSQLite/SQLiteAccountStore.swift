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
    }

    /// Opens (creating when missing) the database file at `path` in a `DatabasePool`.
    /// A new file is created with mode 0600 (SQLite gives its -wal and -shm files the same mode):
    /// it holds password hashes and sealed secrets.
    public static func open(at path: String, migrate: Bool = true) throws -> SQLiteAccountStore {
        if !FileManager.default.fileExists(atPath: path) {
            let descriptor = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            if descriptor >= 0 { close(descriptor) }
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

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T {
        try await translatingTriggers {
            try await writer.read { db in try body(SQLiteTransaction(db: db)) }
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T {
        try await translatingTriggers {
            try await writer.writeWithoutTransaction { db in try db.immediateTransaction { try body(SQLiteTransaction(db: db)) } }
        }
    }

    /// Synchronous variants, for command-line tools and tests that are not async.
    public func readSync<T>(_ body: (any StoreReading) throws -> T) throws -> T {
        try translatingTriggersSync { try writer.read { db in try body(SQLiteTransaction(db: db)) } }
    }

    public func writeSync<T>(_ body: (any StoreWriting) throws -> T) throws -> T {
        try translatingTriggersSync {
            try writer.writeWithoutTransaction { db in try db.immediateTransaction { try body(SQLiteTransaction(db: db)) } }
        }
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
        try cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
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

private func translatingTriggers<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch { throw translatedTrigger(error) }
}

private func translatingTriggersSync<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw translatedTrigger(error) }
}
