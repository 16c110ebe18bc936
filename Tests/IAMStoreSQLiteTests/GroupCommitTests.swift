import Foundation
import GRDB
import IAMCore
import Synchronization
import Testing
@testable import IAMStoreSQLite

/// Writes that queue behind a running one share one commit, and each stays atomic on its own.
@Suite struct GroupCommitTests {
    struct Refused: Error, Equatable {}

    /// Holds the writer inside a first write until `release()`, so the writes after it queue up.
    final class Gate: Sendable {
        private let semaphore = DispatchSemaphore(value: 0)
        private let entered = Mutex(false)
        func hold() {
            entered.withLock { $0 = true }
            semaphore.wait()
        }
        func release() { semaphore.signal() }
        /// Waits (at most five seconds) until the writer is held.
        func waitUntilHeld() async throws {
            for _ in 0..<500 where !entered.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
            #expect(entered.withLock { $0 })
        }
    }

    /// Waits (at most five seconds) until `count` writes are queued behind the held one.
    private func waitUntilQueued(_ count: Int, in commit: GroupCommit) async throws {
        for _ in 0..<500 where commit.pendingCount < count { try await Task.sleep(for: .milliseconds(10)) }
        #expect(commit.pendingCount == count)
    }

    @Test func queuedWritesCommitTogetherAndAFailingOneIsRolledBackAlone() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteAccountStore.open(at: directory.file("iam.sqlite"))
        try await store.write { tx in try tx.insert(Fixtures.account) }
        let groupsBefore = store.groupCommit.groupsCommitted
        let gate = Gate()
        let held = Task { try await store.write { tx in gate.hold(); try tx.insert(Fixtures.user("first")) } }
        try await gate.waitUntilHeld()

        let names = ["ann", "bob", "ANN", "ghost", "cy"]
        let writes = names.map { name in
            Task { () -> Result<String, any Error> in
                do {
                    return .success(try await store.write { tx in
                        try tx.insert(Fixtures.user(name, id: Fixtures.uniqueID("AIDA", name + "-id")))
                        if name == "ghost" { throw Refused() }  // inserted, then refused: rolled back alone
                        return name
                    })
                } catch {
                    return .failure(error)
                }
            }
        }
        try await waitUntilQueued(names.count, in: store.groupCommit)
        gate.release()
        try await held.value
        var outcomes: [String: Result<String, any Error>] = [:]
        for (name, write) in zip(names, writes) { outcomes[name] = await write.value }

        #expect((try? outcomes["ann"]?.get()) == "ann")
        #expect((try? outcomes["bob"]?.get()) == "bob")
        #expect((try? outcomes["cy"]?.get()) == "cy")
        // The second ANN saw the first, committed in the same transaction just before it.
        guard case .failure(let duplicate) = outcomes["ANN"] else { Issue.record("ANN was created twice"); return }
        #expect((duplicate as? IAMError)?.code == .entityAlreadyExists)
        guard case .failure(let refused) = outcomes["ghost"] else { Issue.record("ghost was not refused"); return }
        #expect(refused is Refused)

        let stored = try await store.read { tx in try tx.users(accountId: Fixtures.accountId, pathPrefix: "/", page: .all).items.map(\.name) }
        #expect(Set(stored) == ["first", "ann", "bob", "cy"])
        // The held write alone, then the five queued behind it in one transaction.
        #expect(store.groupCommit.groupsCommitted - groupsBefore == 2)
        try store.close()
    }

    @Test func whenTheGroupsTransactionIsLostEveryWriteInItFails() async throws {
        let queue = try DatabaseQueue(configuration: SQLiteAccountStore.configuration())
        try await queue.write { db in try db.execute(sql: #"CREATE TABLE "item"("name" TEXT NOT NULL)"#) }
        let commit = GroupCommit(writer: queue)
        let gate = Gate()
        func submit(_ body: @escaping @Sendable (Database) throws -> Void) async -> Result<Void, any Error> {
            await withCheckedContinuation { continuation in
                commit.submit(
                    GroupCommit.Job(
                        run: { db in
                            try body(db)
                            return { error in continuation.resume(returning: error.map { .failure($0) } ?? .success(())) }
                        },
                        fail: { error in continuation.resume(returning: .failure(error)) }))
            }
        }
        async let held = submit { _ in gate.hold() }
        try await gate.waitUntilHeld()
        async let kept = submit { db in try db.execute(sql: #"INSERT INTO "item" VALUES ('kept')"#) }
        try await waitUntilQueued(1, in: commit)
        // As SQLite does after an I/O error or a full disk: the whole transaction is rolled back.
        async let lost = submit { db in
            try db.execute(sql: "ROLLBACK")
            throw Refused()
        }
        try await waitUntilQueued(2, in: commit)
        gate.release()
        #expect((try? await held.get()) != nil)
        #expect((try? await kept.get()) == nil, "a write was acknowledged though its transaction was rolled back")
        #expect((try? await lost.get()) == nil)
        let count = try await queue.read { db in try Int.fetchOne(db, sql: #"SELECT count(*) FROM "item""#) }
        #expect(count == 0)
    }
}
