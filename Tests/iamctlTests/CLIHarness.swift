import Foundation
import IAMService
import Synchronization
@testable import iamctl

/// Runs iamctl command lines in-process with captured output and a temporary database.
final class CLIHarness: Sendable {
    let directory: String
    let database: String
    private let out = Mutex("")
    private let err = Mutex("")
    let input: String?
    /// One generator for the harness's lifetime, so successive commands get distinct IDs.
    let random = RandomSource.seeded(1)

    init(input: String? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("iamctl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        database = directory + "/iam.sqlite"
        self.input = input
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `arguments` (with `--db` pointing at the harness database) and returns what it printed.
    /// `seed` starts a fresh deterministic generator for this one command.
    func run(_ arguments: [String], input: String? = nil, seed: UInt64? = nil) async -> Result {
        out.withLock { $0 = "" }
        err.withLock { $0 = "" }
        let stdin = input ?? self.input
        let environment = CommandEnvironment(
            variables: ["IAMSTORE_DB": database],
            writeOut: { text in self.out.withLock { $0 += text } },
            writeError: { text in self.err.withLock { $0 += text } },
            readInput: { stdin },
            promptSecret: { _ in nil },
            clock: .system,
            random: seed.map(RandomSource.seeded) ?? random,
            passwordHasher: PasswordHasher(parameters: Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1)))
        let status = await IAMCtl.run(arguments, environment: environment)
        return Result(status: status, stdout: out.withLock { $0 }, stderr: err.withLock { $0 })
    }

    /// `iamctl init` for account 123456789012 with a known root password.
    func initialize() async -> Result {
        await run(
            ["init", "--account-id", "123456789012", "--root-email", "root@example.com", "--root-password-stdin"],
            input: "Root-Password-1\n")
    }

    /// The JSON object printed on standard output.
    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
}
