import Benchmark
import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite

/// IAM operations through `IAMService` on a file database (WAL, synchronous=FULL): validation,
/// the rule checks, the write and its audit event in one transaction, as an embedder calls them.
/// Each benchmark has its own database, created once (on its first sample) and reused by every
/// sample, so a sample measures operations only, never account creation or migrations.
/// Compare `CreateUser` with `StoreWrites` and with `floor/durable-writes.sh`, which write the same
/// two rows per transaction through the store and through the SQLite C API.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        warmupIterations: 10,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 2_000
    )

    Benchmark("CreateUser", closure: { benchmark in
        let fixture = try await fixtures.fixture("CreateUser") { _ in }
        let first = await fixtures.reserve("CreateUser", benchmark.scaledIterations.count)
        benchmark.startMeasurement()
        for offset in benchmark.scaledIterations {
            blackHole(try await fixture.service.createUser(userName: "new-user-\(first + offset)"))
        }
        benchmark.stopMeasurement()
    }, teardown: { await fixtures.remove("CreateUser") })

    Benchmark("GetUser (10k users)", closure: { benchmark in
        let fixture = try await fixtures.fixture("GetUser", populate: insertUsers(10_000))
        let first = await fixtures.reserve("GetUser", benchmark.scaledIterations.count)
        benchmark.startMeasurement()
        for offset in benchmark.scaledIterations {
            // A stride through the names so successive calls do not hit the same B-tree page.
            blackHole(try await fixture.service.getUser(userName: userName(((first + offset) * 7_919) % 10_000)))
        }
        benchmark.stopMeasurement()
    }, teardown: { await fixtures.remove("GetUser") })

    Benchmark("ListUsers page of 100 (10k users)", closure: { benchmark in
        let fixture = try await fixtures.fixture("ListUsers", populate: insertUsers(10_000))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            // One operation is one page; the marker walks the whole list and wraps around.
            let page = try await fixture.service.listUsers(page: PageRequest(marker: await fixtures.marker, maxItems: 100))
            precondition(page.items.count == 100, "expected full pages of 100 users")
            await fixtures.setMarker(page.nextMarker)
        }
        benchmark.stopMeasurement()
    }, teardown: { await fixtures.remove("ListUsers") })

    Benchmark("CreateAccessKey (one per user)", closure: { benchmark in
        let fixture = try await fixtures.fixture("CreateAccessKey", populate: insertUsers(3_000))
        let first = await fixtures.reserve("CreateAccessKey", benchmark.scaledIterations.count)
        benchmark.startMeasurement()
        for offset in benchmark.scaledIterations {
            // Two keys per user at most: each user gets one, so 3000 users cover the 2010 samples.
            blackHole(try await fixture.service.createAccessKey(userName: userName((first + offset) % 3_000)))
        }
        benchmark.stopMeasurement()
    }, teardown: { await fixtures.remove("CreateAccessKey") })

    Benchmark("CreateAccessKey + DeleteAccessKey", closure: { benchmark in
        let fixture = try await fixtures.fixture("AccessKeyPair", populate: insertUsers(1))
        let user = userName(0)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let created = try await fixture.service.createAccessKey(userName: user)
            try await fixture.service.deleteAccessKey(accessKeyId: created.accessKey.id, userName: user)
        }
        benchmark.stopMeasurement()
    }, teardown: { await fixtures.remove("AccessKeyPair") })
}

/// `user00042`: the names `insertUsers` gives.
func userName(_ index: Int) -> String {
    let digits = String(index)
    return "user" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
}

/// Inserts `count` users straight through the store in one transaction: fixture setup, not
/// measured, and past the service's 5000-user quota on purpose (10k users for the list pages).
func insertUsers(_ count: Int) -> @Sendable (IAMService) async throws -> Void {
    { service in
        let accountId = service.account.id
        let now = Date()
        try await service.store.write { tx in
            for index in 0..<count {
                // Padded with Z, which is not a base-32 digit, so no two indexes give the same ID.
                let suffix = String(index, radix: 32).uppercased()
                let id = "AIDA" + String(repeating: "Z", count: 17 - suffix.count) + suffix
                try tx.insert(User(id: id, accountId: accountId, name: userName(index), createdAt: now))
            }
        }
    }
}

struct Fixture: Sendable {
    var directory: URL
    var service: IAMService
}

/// One database per benchmark, created on first use; also the running counters that keep names
/// unique across samples and the ListUsers marker.
actor Fixtures {
    private var fixtures: [String: Fixture] = [:]
    private var counters: [String: Int] = [:]
    private(set) var marker: String?

    func fixture(_ name: String, populate: @Sendable (IAMService) async throws -> Void) async throws -> Fixture {
        if let fixture = fixtures[name] { return fixture }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iamstore-service-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteAccountStore.open(at: directory.appendingPathComponent("bench.sqlite").path)
        let service = try await IAMService.createAccount(
            in: store, accountId: "123456789012", rootEmail: "root@example.com", rootPassword: nil, masterKey: .generate())
        try await populate(service)
        let fixture = Fixture(directory: directory, service: service)
        fixtures[name] = fixture
        return fixture
    }

    /// The first of `count` fresh indexes for `name`.
    func reserve(_ name: String, _ count: Int) -> Int {
        let first = counters[name, default: 0]
        counters[name] = first + count
        return first
    }

    func setMarker(_ marker: String?) { self.marker = marker }

    func remove(_ name: String) {
        if let fixture = fixtures.removeValue(forKey: name) {
            try? FileManager.default.removeItem(at: fixture.directory)
        }
    }
}

let fixtures = Fixtures()
