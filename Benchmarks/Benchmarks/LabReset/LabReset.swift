import Benchmark
import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite

/// `lab reset` of a large lab on a file database (WAL, synchronous=FULL): 1,000 users with
/// pre-hashed passwords and tags, 100 groups, 2,000 generated access keys, 200 customer managed
/// policies and 3,000 attachments (two per user, ten per group), in one transaction that first
/// deletes the previous lab. Target: ≤ 1 s. `Benchmarks/lab-seed.py` writes the same lab as YAML
/// for timing `iamctl lab reset` end to end.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(20),
        maxIterations: 10
    )

    Benchmark("ResetLab (1k users, 100 groups, 2k keys, 200 policies, 3k attachments)", closure: { benchmark in
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lab-reset-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteAccountStore.open(at: directory + "/iam.sqlite")
        let seed = largeLab()
        let key = MasterKey.generate()
        // The first reset creates the account; each measured one replaces a full lab.
        _ = try await IAMService.resetLab(in: store, to: seed, masterKey: key)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await IAMService.resetLab(in: store, to: seed, masterKey: key))
        }
        benchmark.stopMeasurement()
    })
}

/// The benchmark's lab; `lab-seed.py` generates the same one.
func largeLab() -> LabSeed {
    var seed = LabSeed()
    seed.account = LabSeed.AccountSection(id: "123456789012")
    seed.root = LabSeed.Root(email: "trainer@example.com")
    // One Argon2id hash (OWASP parameters) shared by every user: pre-hashed, so nothing is hashed.
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2VlZHNhbHRzZWVkc2FsdA$wV9txXlogav2k7HaYbR9RWuQg1oY5hpK+MLNMoUxag0"
    seed.policies = (0..<200).map { index in
        LabSeed.Policy(
            name: "LabPolicy\(index)",
            document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-\#(index)/*"}]}"#)
    }
    seed.users = (0..<1_000).map { index in
        var user = LabSeed.User(name: String(format: "student%04d", index), path: "/students/")
        user.tags = [Tag(key: "cohort", value: "c\(index % 10)"), Tag(key: "seat", value: "\(index)")]
        user.password = .hash(hash)
        user.accessKeys = [LabSeed.AccessKey(), LabSeed.AccessKey()]
        user.policies = ["LabPolicy\(index % 200)", "LabPolicy\((index + 1) % 200)"]
        return user
    }
    seed.groups = (0..<100).map { index in
        var group = LabSeed.Group(name: String(format: "team%03d", index))
        group.members = (0..<10).map { String(format: "student%04d", index * 10 + $0) }
        group.policies = (0..<10).map { "LabPolicy\((index * 10 + $0) % 200)" }
        return group
    }
    return seed
}
