import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// Answers of ``SQLiteAccountStore/cachedRead(_:_:)``, valid while the database's change stamp
/// stays what it was when they were read.
///
/// The stamp is read before the answer, so an answer is never older than its stamp: a commit
/// that lands between the two only makes the next lookup miss. Any commit clears every answer;
/// this cache serves read-mostly traffic (a server answering GetUser), not a write-heavy one.
final class ReadCache: Sendable {
    /// Where the stamp comes from.
    private enum StampSource: Sendable {
        /// The file at this path: its WAL index's change counter, or, where it has no index, a
        /// connection of its own that never writes, whose `PRAGMA data_version` changes with
        /// every commit by any other connection, in this process or another. Both are opened at
        /// the first lookup, so a command that never makes one never opens them.
        case observer(path: String)
        /// The store's only connection (a private in-memory database): the count of rows it
        /// has changed, which every write moves.
        case totalChanges(any DatabaseWriter)
    }

    private struct Entries {
        var stamp: Int64?
        var values: [String: any Sendable] = [:]
    }

    /// Bounds memory when a server sees many distinct keys between two commits; past it, the
    /// cache starts over.
    private static let capacity = 4_096
    private let source: StampSource
    /// The observer connection, once opened.
    private let observer = Mutex<DataVersionProbe?>(nil)
    /// The file's WAL index, mapped once the observer has seen it exist; `.unavailable` when it
    /// could not be or the store is not a pool (the observer's pragma answers instead).
    private let walIndex: Mutex<WALIndexMapping>
    private let entries = Mutex(Entries())

    init(writer: any DatabaseWriter) {
        if writer.path != ":memory:", FileManager.default.fileExists(atPath: writer.path) {
            source = .observer(path: writer.path)
        } else {
            source = .totalChanges(writer)
        }
        // Only a pool is sure to keep its WAL index in the `-shm` file: a single connection in
        // WAL mode may keep it in its own memory (exclusive locking), beside a stale file.
        walIndex = Mutex(writer is DatabasePool ? .notYetMapped : .unavailable)
    }

    /// Closes the observer connection, if it was opened.
    func close() throws {
        observer.withLock { probe in
            probe?.close()
            probe = nil
        }
        walIndex.withLock { if case .mapped = $0 { $0 = .notYetMapped } }
    }

    /// Whether stamps come from the mapped WAL index (tests).
    var readsWALIndex: Bool {
        if case .mapped = walIndex.withLock({ $0 }) { true } else { false }
    }

    /// The stamps a ``SQLiteAccountStore/readSession(_:)`` has taken, by cache.
    final class Session: Sendable {
        let stamps = Mutex<[ObjectIdentifier: Int64]>([:])
    }

    @TaskLocal static var session: Session?

    /// The stamp for a lookup: the session's, taken at its first lookup, or a fresh one; `nil`
    /// while a commit is being published (the lookup reads, and keeps nothing).
    func stamp() throws -> Int64? {
        guard let session = Self.session else { return try currentStamp() }
        let id = ObjectIdentifier(self)
        if let stamp = session.stamps.withLock({ $0[id] }) { return stamp }
        guard let stamp = try currentStamp() else { return nil }
        session.stamps.withLock { $0[id] = stamp }
        return stamp
    }

    /// After a write in a session: its next lookup takes a fresh stamp.
    func sessionDidWrite() {
        let id = ObjectIdentifier(self)
        Self.session?.stamps.withLock { _ = $0.removeValue(forKey: id) }
    }

    /// The current stamp; it differs from every earlier one once anything has been committed.
    ///
    /// A file in WAL mode answers from its WAL index's header, mapped into memory: a load and a
    /// compare, where the pragma takes and drops a read lock (two system calls, a twentieth of a
    /// served `GetUser`). The two never mix: a database keeps the one it started with.
    private func currentStamp() throws -> Int64? {
        switch source {
        case .observer(let path):
            switch walIndex.withLock({ $0 }) {
            case .mapped(let header):
                return header.changeStamp()
            case .unavailable:
                return try observer.withLock { probe in try Self.dataVersion(of: path, probe: &probe) }
            case .notYetMapped:
                // The observer's first read transaction makes SQLite create and initialize the index.
                _ = try observer.withLock { probe in try Self.dataVersion(of: path, probe: &probe) }
                walIndex.withLock { mapping in
                    if case .notYetMapped = mapping {
                        mapping = WALIndexHeader(databasePath: path).map(WALIndexMapping.mapped) ?? .unavailable
                    }
                }
                return try currentStamp()
            }
        case .totalChanges(let writer):
            return try writer.unsafeReentrantRead { db in Int64(db.totalChangesCount) }
        }
    }

    private static func dataVersion(of path: String, probe: inout DataVersionProbe?) throws -> Int64 {
        if probe == nil { probe = try DataVersionProbe(path: path) }
        return try probe!.dataVersion()
    }

    /// The answer kept for `key` at `stamp`, if any.
    func value<T>(_ key: String, at stamp: Int64) -> T? {
        entries.withLock { entries in
            // Unwrapped first: a missing entry cast to an optional `T` would read as a kept `nil`.
            guard entries.stamp == stamp, let kept = entries.values[key] else { return nil }
            return kept as? T
        }
    }

    /// Keeps `value` for `key`, read after `stamp` was taken.
    func keep(_ value: some Sendable, for key: String, at stamp: Int64) {
        entries.withLock { entries in
            if entries.stamp != stamp || entries.values.count >= Self.capacity { entries = Entries(stamp: stamp) }
            entries.values[key] = value
        }
    }
}

/// `PRAGMA data_version` on a read-only connection of its own, asked through SQLite's C API: a
/// served request asks it once, and GRDB's queue hop and row cursor cost more than the pragma
/// (a twentieth of a signed GetUser's CPU). Not thread-safe: ``ReadCache`` holds it in a lock.
final class DataVersionProbe {
    private var connection: OpaquePointer?
    private var statement: OpaquePointer?

    /// Opens `path` read-only; waits up to ten seconds for a lock, as the store's connections do.
    init(path: String) throws {
        var connection: OpaquePointer?
        let opened = sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        self.connection = connection
        guard opened == SQLITE_OK else { throw failure(opened) }
        sqlite3_busy_timeout(connection, 10_000)
        let prepared = sqlite3_prepare_v2(connection, "PRAGMA data_version", -1, &statement, nil)
        guard prepared == SQLITE_OK else { throw failure(prepared) }
    }

    /// The file's data version: it changes whenever another connection commits.
    func dataVersion() throws -> Int64 {
        defer { sqlite3_reset(statement) }
        let stepped = sqlite3_step(statement)
        guard stepped == SQLITE_ROW else { throw failure(stepped) }
        return sqlite3_column_int64(statement, 0)
    }

    func close() {
        sqlite3_finalize(statement)
        sqlite3_close_v2(connection)
        (statement, connection) = (nil, nil)
    }

    deinit { close() }

    private func failure(_ code: CInt) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: connection.map { String(cString: sqlite3_errmsg($0)) },
            sql: "PRAGMA data_version")
    }
}
