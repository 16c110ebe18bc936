import Foundation
import GRDB
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
        /// A connection of its own on the file at this path that never writes: its
        /// `PRAGMA data_version` changes with every commit by any other connection, in this
        /// process or another. Opened at the first lookup, so a command that never makes one
        /// never opens it.
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
    private let observer = Mutex<DatabaseQueue?>(nil)
    private let entries = Mutex(Entries())

    init(writer: any DatabaseWriter) {
        if writer.path != ":memory:", FileManager.default.fileExists(atPath: writer.path) {
            source = .observer(path: writer.path)
        } else {
            source = .totalChanges(writer)
        }
    }

    /// Closes the observer connection, if it was opened.
    func close() throws {
        try observer.withLock { $0 }?.close()
    }

    /// The stamps a ``SQLiteAccountStore/readSession(_:)`` has taken, by cache.
    final class Session: Sendable {
        let stamps = Mutex<[ObjectIdentifier: Int64]>([:])
    }

    @TaskLocal static var session: Session?

    /// The stamp for a lookup: the session's, taken at its first lookup, or a fresh one.
    func stamp() throws -> Int64 {
        guard let session = Self.session else { return try currentStamp() }
        let id = ObjectIdentifier(self)
        if let stamp = session.stamps.withLock({ $0[id] }) { return stamp }
        let stamp = try currentStamp()
        session.stamps.withLock { $0[id] = stamp }
        return stamp
    }

    /// After a write in a session: its next lookup takes a fresh stamp.
    func sessionDidWrite() {
        let id = ObjectIdentifier(self)
        Self.session?.stamps.withLock { _ = $0.removeValue(forKey: id) }
    }

    /// The current stamp; it differs from every earlier one once anything has been committed.
    private func currentStamp() throws -> Int64 {
        switch source {
        case .observer(let path):
            let queue = try observer.withLock { queue in
                if let queue { return queue }
                var configuration = Configuration()
                configuration.readonly = true
                configuration.label = "IAMStore.changeObserver"
                let opened = try DatabaseQueue(path: path, configuration: configuration)
                queue = opened
                return opened
            }
            return try queue.inDatabase { db in try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0 }
        case .totalChanges(let writer):
            return try writer.unsafeReentrantRead { db in Int64(db.totalChangesCount) }
        }
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
