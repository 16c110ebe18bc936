import Foundation
import GRDB
import IAMCore
import Synchronization
import Testing
@testable import IAMStoreSQLite

/// `cachedRead` answers from memory only while nothing has been committed, by this store, by
/// another connection, or by another process; `close` folds a large log back into the file.
@Suite struct ReadCacheTests {
    /// Counts the reads a lookup actually makes.
    final class Reads: Sendable {
        let count = Mutex(0)
        func lookup(_ store: SQLiteAccountStore, _ name: String) async throws -> User? {
            try await store.cachedRead("user \(name)") { [self] tx in
                count.withLock { $0 += 1 }
                return try tx.user(named: name, accountId: Fixtures.accountId)
            }
        }
        var value: Int { count.withLock { $0 } }
    }

    @Test func anAnswerIsReusedUntilTheStoreCommits() async throws {
        let store = try Fixtures.store()
        let reads = Reads()
        #expect(try await reads.lookup(store, "alice") == nil)
        #expect(try await reads.lookup(store, "alice") == nil)
        #expect(reads.value == 1)
        try await store.write { tx in try tx.insert(Fixtures.user("alice")) }
        #expect(try await reads.lookup(store, "alice")?.name == "alice")
        #expect(reads.value == 2)
    }

    @Test func aKeptNilIsNotConfusedWithAMissingAnswer() async throws {
        let store = try Fixtures.store()
        try await store.write { tx in try tx.insert(Fixtures.user("dave")) }
        let reads = Reads()
        #expect(try await reads.lookup(store, "nobody") == nil)
        #expect(try await reads.lookup(store, "nobody") == nil)
        #expect(try await reads.lookup(store, "dave")?.name == "dave")
        #expect(reads.value == 2)
    }

    @Test func aCommitByAnotherConnectionOnTheFileIsSeenAtOnce() async throws {
        let (directory, server) = try await Self.fileStore()
        let path = directory.file("iam.sqlite")
        let reads = Reads()
        #expect(try await reads.lookup(server, "bob") == nil)
        // Another store on the same file stands for another process (an `iamctl` command).
        let other = try SQLiteAccountStore.open(at: path)
        try await other.write { tx in try tx.insert(Fixtures.user("bob")) }
        #expect(try await reads.lookup(server, "bob")?.name == "bob")
        #expect(reads.value == 2)
        #expect(server.readCache.readsWALIndex)
        try other.close()
        try server.close()
    }

    @Test func aSingleConnectionOnAFileAsksThePragma() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("iam.sqlite")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let store = try SQLiteAccountStore(writer: DatabaseQueue(path: path, configuration: SQLiteAccountStore.configuration()))
        try await store.write { tx in try tx.insert(Fixtures.account) }
        let reads = Reads()
        #expect(try await reads.lookup(store, "erin") == nil)
        let other = try SQLiteAccountStore.open(at: path)
        try await other.write { tx in try tx.insert(Fixtures.user("erin")) }
        #expect(try await reads.lookup(store, "erin")?.name == "erin")
        #expect(reads.value == 2)
        #expect(!store.readCache.readsWALIndex)
        try other.close()
        try store.close()
    }

    @Test func aSessionChecksForCommitsOnceUnlessItWrites() async throws {
        let store = try Fixtures.store()
        let reads = Reads()
        try await store.readSession {
            #expect(try await reads.lookup(store, "carol") == nil)
            try await store.write { tx in try tx.insert(Fixtures.user("carol")) }
            // The session's own write is seen by its next lookup.
            #expect(try await reads.lookup(store, "carol")?.name == "carol")
            #expect(try await reads.lookup(store, "carol")?.name == "carol")
        }
        #expect(reads.value == 2)
    }

    @Test func closingFoldsTheLogIntoTheFile() async throws {
        let (directory, store) = try await Self.fileStore()
        let path = directory.file("iam.sqlite")
        let log = path + "-wal"
        #expect(try fileSize(log) > 0)
        try store.close()
        #expect(try fileSize(log) == 0)
        let reopened = try SQLiteAccountStore.open(at: path)
        #expect(try await reopened.read { tx in try tx.account(id: Fixtures.accountId) } != nil)
        try reopened.close()
    }

    @Test func closingDoesNotWaitForAnotherProcessesReader() async throws {
        let (directory, store) = try await Self.fileStore()
        // Another connection (a running server) in the middle of a read transaction.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let reader = try DatabaseQueue(path: directory.file("iam.sqlite"), configuration: configuration)
        try reader.inDatabase { db in
            try db.execute(sql: "BEGIN DEFERRED TRANSACTION")
            _ = try Int.fetchOne(db, sql: #"SELECT count(*) FROM "account""#)
        }
        let started = Date()
        try store.close()
        #expect(Date().timeIntervalSince(started) < 5, "close waited for the reader (busy timeout 10 s)")
        try reader.inDatabase { db in try db.execute(sql: "COMMIT") }
        try reader.close()
    }

    /// A store on `iam.sqlite` in a new temporary directory, holding the fixture account.
    private static func fileStore() async throws -> (TemporaryDirectory, SQLiteAccountStore) {
        let directory = try TemporaryDirectory()
        let store = try SQLiteAccountStore.open(at: directory.file("iam.sqlite"))
        try await store.write { tx in try tx.insert(Fixtures.account) }
        return (directory, store)
    }

    private func fileSize(_ path: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        return (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }
}
