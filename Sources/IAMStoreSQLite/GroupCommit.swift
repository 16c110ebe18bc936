import GRDB
import Synchronization

/// Group commit: writes that queue up while the writer is busy are run one after another in one
/// transaction, each in a savepoint of its own, and acknowledged together after that
/// transaction's one sync.
///
/// With `synchronous=FULL` every commit waits for the disk, and one write transaction at a time
/// holds the file; under concurrent writers the sync, not the work, is the bound. Sharing it
/// keeps every promise a transaction per write made:
/// - **atomic**: a write whose body throws is rolled back to its savepoint, alone; the others in
///   its group go on, and it is answered its error at once;
/// - **durable**: no write is acknowledged before the commit that holds it has synced;
/// - **serial**: each write sees every earlier write of its group, as if each had committed.
///
/// If the commit itself fails (or SQLite rolls the whole transaction back after an I/O error or
/// a full disk), every write of the group is answered that error and none of them is on disk. A
/// write that finds the writer idle runs alone in a plain transaction, as before.
final class GroupCommit: Sendable {
    /// One queued write.
    struct Job: Sendable {
        /// Runs the write's body inside the group's transaction and returns how to acknowledge it
        /// once the commit's outcome is known (`nil`: committed; otherwise the commit's error).
        let run: @Sendable (Database) throws -> @Sendable ((any Error)?) -> Void
        /// Answers the write with an error: its own, or the group's.
        let fail: @Sendable (any Error) -> Void
    }

    private struct State {
        var pending: [Job] = []
        var draining = false
        var groupsCommitted = 0
    }

    /// Bounds one group's transaction (and so the wait of its first write).
    static let maximumGroupSize = 64
    private let writer: any DatabaseWriter
    private let state = Mutex(State())

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Writes waiting for the writer (for tests).
    var pendingCount: Int { state.withLock { $0.pending.count } }

    /// Transactions committed so far, whatever their size (for tests).
    var groupsCommitted: Int { state.withLock { $0.groupsCommitted } }

    /// Queues `job`; starts the writer's drain unless it is already running.
    func submit(_ job: Job) {
        let startsDrain = state.withLock { state in
            state.pending.append(job)
            guard !state.draining else { return false }
            state.draining = true
            return true
        }
        if startsDrain {
            writer.asyncWriteWithoutTransaction { [self] db in drain(db) }
        }
    }

    /// Commits groups until nothing is queued.
    private func drain(_ db: Database) {
        while true {
            let group = state.withLock { state -> [Job] in
                guard !state.pending.isEmpty else {
                    state.draining = false
                    return []
                }
                let count = min(state.pending.count, Self.maximumGroupSize)
                let group = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                return group
            }
            guard !group.isEmpty else { return }
            commit(group, db)
        }
    }

    /// Runs `group` in one transaction and acknowledges it after the commit.
    private func commit(_ group: [Job], _ db: Database) {
        do {
            try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
        } catch {
            group.forEach { $0.fail(error) }
            return
        }
        let alone = group.count == 1
        var acknowledgements: [@Sendable ((any Error)?) -> Void] = []
        acknowledgements.reserveCapacity(group.count)
        for (index, job) in group.enumerated() {
            do {
                if !alone { try db.cachedStatement(sql: "SAVEPOINT groupCommit").execute() }
                let acknowledge = try job.run(db)
                if !alone { try db.cachedStatement(sql: "RELEASE SAVEPOINT groupCommit").execute() }
                acknowledgements.append(acknowledge)
            } catch {
                if !alone, db.isInsideTransaction, (try? rollBackToSavepoint(db)) != nil {
                    job.fail(error)
                    continue
                }
                // Alone, or the transaction is gone or unsure: nothing of the group may commit.
                if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute() }
                job.fail(error)
                acknowledgements.forEach { $0(error) }
                group[(index + 1)...].forEach { $0.fail(error) }
                return
            }
        }
        do {
            try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
        } catch {
            if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute() }
            acknowledgements.forEach { $0(error) }
            return
        }
        state.withLock { $0.groupsCommitted += 1 }
        acknowledgements.forEach { $0(nil) }
    }

    private func rollBackToSavepoint(_ db: Database) throws {
        try db.cachedStatement(sql: "ROLLBACK TRANSACTION TO SAVEPOINT groupCommit").execute()
        try db.cachedStatement(sql: "RELEASE SAVEPOINT groupCommit").execute()
    }
}
