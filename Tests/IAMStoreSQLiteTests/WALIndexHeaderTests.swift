import Foundation
import GRDB
import Testing
@testable import IAMStoreSQLite

/// The WAL index's header read as SQLite's readers read it: two equal copies, initialized, give a
/// stamp; a commit gives a new one; a header caught halfway through a write gives none.
@Suite struct WALIndexHeaderTests {
    /// A header as SQLite lays it out: `iChange` at 8, `isInit` at 12, `aSalt[0]` at 32.
    private static func header(change: UInt32, salt: UInt32, initialized: Bool = true) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 48)
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: 3_007_000, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: change, toByteOffset: 8, as: UInt32.self)
            raw.storeBytes(of: initialized ? 1 : 0, toByteOffset: 12, as: UInt8.self)
            raw.storeBytes(of: salt, toByteOffset: 32, as: UInt32.self)
        }
        return bytes
    }

    /// Writes an index file of `first` then `second` (and the rest of a page) beside `database`,
    /// in place, as a writer does.
    private static func writeIndex(_ first: [UInt8], _ second: [UInt8], beside database: String) throws {
        let path = database + "-shm"
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: Data(count: 4096))
        }
        let file = try #require(FileHandle(forWritingAtPath: path))
        defer { try? file.close() }
        try file.seek(toOffset: 0)
        try file.write(contentsOf: first + second)
    }

    /// An index in `directory` holding a committed header (change 7, salt 41), mapped.
    private static func committedIndex(in directory: TemporaryDirectory) throws -> (database: String, WALIndexHeader) {
        let database = directory.file("iam.sqlite")
        let committed = header(change: 7, salt: 41)
        try writeIndex(committed, committed, beside: database)
        return (database, try #require(WALIndexHeader(databasePath: database)))
    }

    @Test func equalCopiesGiveAStampThatMovesWithEveryCommit() throws {
        let directory = try TemporaryDirectory()
        let (database, index) = try Self.committedIndex(in: directory)
        let before = try #require(index.changeStamp())
        #expect(index.changeStamp() == before)

        // The mapping is shared: what a writer stores is what the next read sees.
        let next = Self.header(change: 8, salt: 41)
        try Self.writeIndex(next, next, beside: database)
        let afterCommit = try #require(index.changeStamp())
        #expect(afterCommit != before)

        // A restarted log keeps the counter but not the salt.
        let restarted = Self.header(change: 8, salt: 42)
        try Self.writeIndex(restarted, restarted, beside: database)
        let afterRestart = try #require(index.changeStamp())
        #expect(afterRestart != afterCommit && afterRestart != before)
    }

    @Test func aHeaderCaughtHalfwayThroughAWriteGivesNoStamp() throws {
        let directory = try TemporaryDirectory()
        let (database, index) = try Self.committedIndex(in: directory)
        // A writer stores the second copy first.
        try Self.writeIndex(Self.header(change: 7, salt: 41), Self.header(change: 8, salt: 41), beside: database)
        #expect(index.changeStamp() == nil)
    }

    @Test func noIndexOrAnUninitializedOneIsNotMapped() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("iam.sqlite")
        #expect(WALIndexHeader(databasePath: database) == nil)
        let uninitialized = Self.header(change: 0, salt: 0, initialized: false)
        try Self.writeIndex(uninitialized, uninitialized, beside: database)
        #expect(WALIndexHeader(databasePath: database) == nil)
    }

    @Test func aRealDatabasesStampMovesWithCommitsOnly() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("iam.sqlite")
        let store = try SQLiteAccountStore.open(at: database)
        let index = try #require(WALIndexHeader(databasePath: database))
        let before = try #require(index.changeStamp())
        _ = try await store.read { tx in try tx.account(id: Fixtures.accountId) }
        #expect(index.changeStamp() == before)
        try await store.write { tx in try tx.insert(Fixtures.account) }
        let after = try #require(index.changeStamp())
        #expect(after != before)
        try store.close()
    }
}
