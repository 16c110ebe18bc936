import Benchmark
import Foundation
import IAMCore
import IAMStoreSQLite

/// Durable single-row writes through the store: one transaction per operation holding one user
/// row and one audit row, committed with WAL and synchronous=FULL on a file database.
/// `floor/durable-writes.sh` runs the same two inserts per transaction through the SQLite C API
/// on the same disk, for the ratio.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        warmupIterations: 10,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 2_000
    )

    Benchmark("Durable user + audit row per transaction") { benchmark in
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iamstore-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteAccountStore.open(at: directory.appendingPathComponent("bench.sqlite").path)
        let account = Account(id: "123456789012", createdAt: Date())
        try await store.write { tx in try tx.insert(account) }
        let identity = AuditIdentity(type: .root, principalId: account.id, arn: account.rootARN)

        benchmark.startMeasurement()
        for iteration in benchmark.scaledIterations {
            let suffix = String(iteration, radix: 32).uppercased()
            let id = "AIDA" + String(repeating: "A", count: 17 - suffix.count) + suffix
            let name = "user\(iteration)"
            let now = Date()
            try await store.write { tx in
                try tx.insert(User(id: id, accountId: account.id, name: name, createdAt: now))
                try tx.appendAuditEvent(
                    AuditEvent(
                        eventId: UUID().uuidString, eventTime: now, eventName: "CreateUser", source: .library,
                        recipientAccountId: account.id, userIdentity: identity,
                        requestParameters: #"{"UserName":"\#(name)"}"#, readOnly: false,
                        resources: ["arn:aws:iam::123456789012:user/\(name)"], requestId: UUID().uuidString))
            }
        }
        benchmark.stopMeasurement()
    }
}
