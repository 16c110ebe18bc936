import Benchmark
import Foundation
import IAMCore
import IAMStoreSQLite

/// Durable single-row writes through the store: one transaction per operation holding one user
/// row and one audit row, committed with WAL and synchronous=FULL on a file database.
/// The database is created once, on the first sample, and reused, so samples measure writes only
/// (as `floor/durable_writes.c` does: the same two inserts per transaction through the C API, on
/// the same disk; `floor/durable-writes.sh` runs both side by side).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        warmupIterations: 10,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 2_000
    )

    // The same transaction through the async API (what IAMService uses) and the synchronous one,
    // so the cost of the hop to the writer queue is visible beside the floor.
    for asynchronous in [true, false] {
        let name = "Durable user + audit row per transaction" + (asynchronous ? "" : " (synchronous API)")
        Benchmark(name, closure: { benchmark in
            let (store, first) = try await storeWrites.next(name, benchmark.scaledIterations.count)
            benchmark.startMeasurement()
            for offset in benchmark.scaledIterations {
                let (user, event) = userAndEvent(first + offset)
                if asynchronous {
                    try await store.write { tx in
                        try tx.insert(user)
                        try tx.appendAuditEvent(event)
                    }
                } else {
                    try store.writeSync { tx in
                        try tx.insert(user)
                        try tx.appendAuditEvent(event)
                    }
                }
            }
            benchmark.stopMeasurement()
        }, teardown: { await storeWrites.remove(name) })
    }
}

/// User number `number` and the audit event of its creation.
func userAndEvent(_ number: Int) -> (User, AuditEvent) {
    // Base-32 digits (0-9, A-V) padded with Z, which is not one of them: unique, valid IDs.
    let suffix = String(number, radix: 32).uppercased()
    let id = "AIDA" + String(repeating: "Z", count: 17 - suffix.count) + suffix
    let name = "user\(number)"
    let now = Date()
    let event = AuditEvent(
        eventId: UUID().uuidString.lowercased(), eventTime: now, eventName: "CreateUser", source: .library,
        recipientAccountId: "123456789012",
        userIdentity: AuditIdentity(type: .root, principalId: "123456789012", arn: "arn:aws:iam::123456789012:root"),
        requestParameters: #"{"UserName":"\#(name)"}"#, readOnly: false,
        resources: ["arn:aws:iam::123456789012:user/\(name)"], requestId: UUID().uuidString.lowercased())
    return (User(id: id, accountId: "123456789012", name: name, createdAt: now), event)
}

/// One database per benchmark, created on its first sample and reused, and the next free user number.
actor StoreWritesFixture {
    private var stores: [String: (store: SQLiteAccountStore, directory: URL, counter: Int)] = [:]

    func next(_ name: String, _ count: Int) async throws -> (SQLiteAccountStore, Int) {
        if stores[name] == nil {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamstore-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let opened = try SQLiteAccountStore.open(at: folder.appendingPathComponent("bench.sqlite").path)
            try await opened.write { tx in try tx.insert(Account(id: "123456789012", createdAt: Date())) }
            stores[name] = (opened, folder, 0)
        }
        let entry = stores[name]!
        stores[name]!.counter += count
        return (entry.store, entry.counter)
    }

    func remove(_ name: String) {
        if let entry = stores.removeValue(forKey: name) { try? FileManager.default.removeItem(at: entry.directory) }
    }
}

let storeWrites = StoreWritesFixture()
