import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite
import Testing
@testable import iamctl

/// The auditor's SQL queries printed in the README run, word for word, with the sqlite3 shell
/// against a database after a walkthrough, and return the rows the walkthrough implies.
@Suite struct AuditReadmeQueryTests {
    /// The SQL blocks of the README's audit section, by their first line (`-- title`).
    static func readmeQueries(sourceFile: String = #filePath) throws -> [String: String] {
        let root = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "\n## Audit: who changed what, when\n"))
        let section = readme[start.upperBound...].components(separatedBy: "\n## ")[0]
        var queries: [String: String] = [:]
        for block in section.components(separatedBy: "```sql\n").dropFirst() {
            let sql = block.components(separatedBy: "\n```")[0]
            let title = sql.split(separator: "\n")[0]
            if title.hasPrefix("-- ") { queries[String(title.dropFirst(3))] = sql }
        }
        return queries
    }

    /// The rows `sqlite3 -json` prints for `sql`.
    static func rows(_ database: String, _ sql: String) throws -> [[String: Any]] {
        let output = try SQLiteShell.read(database, sql, options: ["-json"])
        guard !output.isEmpty else { return [] }
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
    }

    @Test func readmeQueriesAnswerAfterAWalkthrough() async throws {
        let queries = try Self.readmeQueries()
        #expect(queries.keys.sorted() == ["all changes to testuser1 last week", "failed sign-ins by user", "keys created and never used"])

        // The walkthrough: testuser1 with a password, two keys and group labadmin; labuser with one key.
        let cli = try CLIHarness()
        #expect(await cli.initialize().status == 0)
        func iamctl(_ arguments: [String], input: String? = nil, status: Int32 = 0) async throws -> [String: Any] {
            let result = await cli.run(arguments, input: input)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            return result.stdout.isEmpty ? [:] : try CLIHarness.json(result.stdout)
        }
        _ = try await iamctl(["create-user", "--user-name", "labuser"])
        _ = try await iamctl(["create-user", "--user-name", "testuser1"])
        _ = try await iamctl(
            ["create-login-profile", "--user-name", "testuser1", "--password-stdin", "--no-password-reset-required"],
            input: "Walkthrough-Pa55word!\n")
        var keys: [String] = []
        for user in ["testuser1", "testuser1", "labuser"] {
            let created = try await iamctl(["create-access-key", "--user-name", user])
            keys.append(try #require((created["AccessKey"] as? [String: Any])?["AccessKeyId"] as? String))
        }
        _ = try await iamctl(["create-group", "--group-name", "labadmin"])
        _ = try await iamctl(["add-user-to-group", "--group-name", "labadmin", "--user-name", "testuser1"])
        _ = try await iamctl(["delete-user", "--user-name", "testuser1"], status: 254)

        // Sign-ins, a request signed with testuser1's first key, a use of the second recorded by
        // another service, and a change to testuser1 made a month ago.
        let store = try SQLiteAccountStore.open(at: cli.database)
        let service = try await IAMService(
            store: store, masterKey: MasterKey.resolve(databasePath: cli.database, environment: [:]),
            passwordHasher: PasswordHasher(parameters: Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1)))
        for (user, password) in [("testuser1", "wrong-1"), ("testuser1", "wrong-2"), ("mallory", "wrong-3"), ("testuser1", "Walkthrough-Pa55word!")] {
            _ = try await service.authenticatePassword(accountIDOrAlias: "123456789012", userName: user, password: password)
        }
        var signer = try await service.principal(forUserNamed: "testuser1")
        signer.accessKeyId = keys[0]
        _ = try await service.acting(as: signer).createGroup(groupName: "testers")
        try await service.recordAccessKeyUse(id: keys[1], service: "s3", region: "us-east-1", at: Date())
        let monthAgo = try await IAMService(
            store: store, masterKey: .generate(), clock: .fixed(Date().addingTimeInterval(-30 * 86400)))
        try await monthAgo.tagUser(userName: "testuser1", tags: [Tag(key: "team", value: "blue")])

        let changes = try Self.rows(cli.database, try #require(queries["all changes to testuser1 last week"]))
        #expect(
            changes.compactMap { $0["eventName"] as? String } == [
                "CreateUser", "CreateLoginProfile", "CreateAccessKey", "CreateAccessKey", "AddUserToGroup", "DeleteUser",
            ])
        #expect(changes.compactMap { $0["actor"] as? String } == Array(repeating: "root", count: 6))
        #expect(changes.compactMap { $0["result"] as? String }.suffix(2) == ["Success", "DeleteConflict"])

        let failures = try Self.rows(cli.database, try #require(queries["failed sign-ins by user"]))
        #expect(failures.compactMap { $0["userName"] as? String } == ["testuser1", IAMService.hiddenUserName])
        #expect(failures.compactMap { $0["failures"] as? Int } == [2, 1])

        let unused = try Self.rows(cli.database, try #require(queries["keys created and never used"]))
        #expect(unused.compactMap { $0["accessKeyId"] as? String } == [keys[2]])
        #expect(unused.first?["owner"] as? String == "labuser" && unused.first?["status"] as? String == "Active")
    }
}
