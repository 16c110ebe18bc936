import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite
import Testing

/// The cloudsecurityessentials.org IAM users-and-groups walkthrough, replayed with the built
/// `iamctl` binary: testuser1 gets a custom console password and one access key whose secret is
/// shown once and stored nowhere in clear; labadmin cannot be deleted while it has a member.
@Suite struct WalkthroughTests {
    let directory: String
    let database: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("walkthrough-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        database = directory + "/iam.sqlite"
    }

    static let password = "Walkthrough-Pa55word!"

    /// `iamctl ARGUMENTS --db DATABASE`, expecting success unless `expecting` says otherwise.
    @discardableResult
    func iamctl(
        _ binary: BuiltBinary, _ arguments: [String], input: String = "", expecting status: Int32 = 0,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> BuiltBinary.Result {
        let result = try binary.run(arguments + ["--db", database], input: input)
        #expect(
            result.status == status, "iamctl \(arguments.joined(separator: " ")): \(result.stderr)",
            sourceLocation: sourceLocation)
        return result
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func walkthroughCreatesTestuser1WithPasswordAndOneKeyAndProtectsLabadmin() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let binary = try BuiltBinary.locate()

        // The account, and what the earlier posts left in it: labuser in group admin.
        try iamctl(
            binary, ["init", "--account-id", "123456789012", "--root-email", "root@example.com", "--root-password-stdin"],
            input: "Root-Password-1\n")
        // Held open until the end so the last iamctl process never checkpoints and removes the
        // WAL: its bytes are scanned too.
        let store = try SQLiteAccountStore.open(at: database)
        try iamctl(binary, ["create-user", "--user-name", "labuser"])
        try iamctl(binary, ["create-group", "--group-name", "admin"])
        try iamctl(binary, ["add-user-to-group", "--group-name", "admin", "--user-name", "labuser"])
        let users = try json(try iamctl(binary, ["list-users"]).stdout)["Users"] as? [[String: Any]]
        #expect(users?.compactMap { $0["UserName"] as? String } == ["labuser"])

        // Add user testuser1: console access with a custom password, no reset required.
        let created = try json(try iamctl(binary, ["create-user", "--user-name", "testuser1"]).stdout)
        #expect((created["User"] as? [String: Any])?["Arn"] as? String == "arn:aws:iam::123456789012:user/testuser1")
        let profile = try iamctl(
            binary, ["create-login-profile", "--user-name", "testuser1", "--password-stdin", "--no-password-reset-required"],
            input: Self.password + "\n")
        #expect((try json(profile.stdout)["LoginProfile"] as? [String: Any])?["PasswordResetRequired"] as? Bool == false)
        #expect(!profile.stdout.contains(Self.password))

        // Programmatic access: one key, and the console's Download .csv.
        let csv = directory + "/testuser1_credentials.csv"
        let keyResult = try iamctl(binary, ["create-access-key", "--user-name", "testuser1", "--credentials-csv", csv])
        #expect(!keyResult.stderr.contains("Warning"))
        let key = try #require(try json(keyResult.stdout)["AccessKey"] as? [String: Any])
        let keyId = try #require(key["AccessKeyId"] as? String)
        let secret = try #require(key["SecretAccessKey"] as? String)
        #expect(keyId.hasPrefix("AKIA") && keyId.count == 20)
        #expect(secret.count == 40)
        #expect(key["UserName"] as? String == "testuser1")
        let csvText = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(csvText == """
            User name,Password,Access key ID,Secret access key,Console login link
            testuser1,,\(keyId),\(secret),https://123456789012.signin.aws.amazon.com/console

            """)
        let mode = try FileManager.default.attributesOfItem(atPath: csv)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // No permissions yet: no group, no attached or inline policy.
        let groupsOfTestuser = try json(try iamctl(binary, ["list-groups-for-user", "--user-name", "testuser1"]).stdout)
        #expect((groupsOfTestuser["Groups"] as? [Any])?.isEmpty == true)
        let userId = try #require((created["User"] as? [String: Any])?["UserId"] as? String)
        let (attached, inline) = try await store.read { tx in
            (try tx.attachedPolicies(to: .user(id: userId)).count, try tx.inlinePolicies(of: .user(id: userId)).count)
        }
        #expect(attached == 0 && inline == 0)

        // "This will be the only opportunity to access these keys": a second listing never shows it.
        let listed = try iamctl(binary, ["list-access-keys", "--user-name", "testuser1"])
        let metadata = try #require(try json(listed.stdout)["AccessKeyMetadata"] as? [[String: Any]])
        #expect(metadata.compactMap { $0["AccessKeyId"] as? String } == [keyId])
        #expect(!listed.stdout.contains(secret))
        #expect(metadata.allSatisfy { $0["SecretAccessKey"] == nil })

        // Group labadmin with testuser1 in it.
        try iamctl(binary, ["create-group", "--group-name", "labadmin"])
        try iamctl(binary, ["add-user-to-group", "--group-name", "labadmin", "--user-name", "testuser1"])
        let group = try json(try iamctl(binary, ["get-group", "--group-name", "labadmin"]).stdout)
        #expect((group["Users"] as? [[String: Any]])?.compactMap { $0["UserName"] as? String } == ["testuser1"])

        // A group with a member cannot be deleted.
        let refused = try iamctl(binary, ["delete-group", "--group-name", "labadmin"], expecting: 254)
        #expect(
            refused.stderr.contains(
                "An error occurred (DeleteConflict) when calling the DeleteGroup operation: "
                    + "Cannot delete entity, must remove users from group first."))
        #expect(refused.stdout.isEmpty)

        // Groups are not users: a group name given as --user-name names no user.
        let notAUser = try iamctl(binary, ["get-user", "--user-name", "labadmin"], expecting: 254)
        #expect(
            notAUser.stderr.contains(
                "An error occurred (NoSuchEntity) when calling the GetUser operation: The user with name labadmin cannot be found."))
        let notAMember = try iamctl(
            binary, ["add-user-to-group", "--group-name", "labadmin", "--user-name", "admin"], expecting: 254)
        #expect(
            notAMember.stderr.contains(
                "An error occurred (NoSuchEntity) when calling the AddUserToGroup operation: The user with name admin cannot be found."))

        // An MFA device for testuser1: its seed goes to a 0600 file and nowhere else.
        let seedFile = directory + "/testuser1-mfa.txt"
        let device = try json(
            try iamctl(
                binary, [
                    "create-virtual-mfa-device", "--virtual-mfa-device-name", "testuser1", "--outfile", seedFile,
                    "--bootstrap-method", "Base32StringSeed",
                ]).stdout)
        let serial = try #require((device["VirtualMFADevice"] as? [String: Any])?["SerialNumber"] as? String)
        let base32 = try String(contentsOfFile: seedFile, encoding: .utf8)
        let seed = try #require(Base32.decode(base32))
        let step = TOTP.timeStep(at: Date())
        let codes = [TOTP.code(seed: seed, step: step - 1), TOTP.code(seed: seed, step: step)]
        try iamctl(
            binary, [
                "enable-mfa-device", "--user-name", "testuser1", "--serial-number", serial, "--authentication-code1", codes[0],
                "--authentication-code2", codes[1],
            ])

        // The secret, the passwords and the MFA seed are nowhere in the database, its WAL, the
        // audit trail or what `audit list` prints.
        let needles: [(String, Data)] = [
            ("secret access key", Data(secret.utf8)), ("password", Data(Self.password.utf8)),
            ("root password", Data("Root-Password-1".utf8)), ("MFA seed (Base32)", Data(base32.utf8)), ("MFA seed (bytes)", seed),
        ]
        // Each command folds its write-ahead log into the file when it closes the database, so the
        // file holds every page written; the log (empty, or what a crash would have left) is
        // scanned as well.
        let databaseBytes = try Data(contentsOf: URL(fileURLWithPath: database))
        let walPath = database + "-wal"
        let walBytes = (try? Data(contentsOf: URL(fileURLWithPath: walPath))) ?? Data()
        #expect(databaseBytes.range(of: Data("testuser1".utf8)) != nil, "the commands' writes are in the database file")
        let audit = try Self.sqlite(database, #"SELECT * FROM "auditEvent""#)
        #expect(audit.contains("CreateAccessKey") && audit.contains("CreateLoginProfile"), "audit rows: \(audit.prefix(200))")
        #expect(audit.contains("EnableMFADevice"))
        let auditListing = try iamctl(binary, ["audit", "list", "--output", "json"]).stdout
        let records = try #require(try json(auditListing)["Events"] as? [[String: Any]])
        #expect(records.count >= 12)
        #expect(records.contains { $0["eventName"] as? String == "CreateVirtualMFADevice" })
        let summary = try iamctl(binary, ["audit", "list", "--output", "table"]).stdout
        for (name, needle) in needles {
            #expect(databaseBytes.range(of: needle) == nil, "the \(name) is in the database file")
            #expect(walBytes.range(of: needle) == nil, "the \(name) is in the WAL")
            for (place, text) in [("an auditEvent row", audit), ("audit list --output json", auditListing), ("audit list --output table", summary)] {
                #expect(Data(text.utf8).range(of: needle) == nil, "the \(name) is in \(place)")
            }
        }
        _ = store
    }

    @Test func createAccessKeyWithoutUserNameMakesARootKeyAndWarns() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let binary = try BuiltBinary.locate()
        try iamctl(
            binary, ["init", "--account-id", "123456789012", "--root-email", "root@example.com", "--root-password-stdin"],
            input: "Root-Password-1\n")
        let result = try iamctl(binary, ["create-access-key"])
        #expect(result.stderr.contains("Warning: this access key belongs to the root user"))
        let key = try #require(try json(result.stdout)["AccessKey"] as? [String: Any])
        #expect(key["UserName"] == nil)
        let keyId = try #require(key["AccessKeyId"] as? String)
        let rootKeys = try json(try iamctl(binary, ["list-access-keys"]).stdout)["AccessKeyMetadata"] as? [[String: Any]]
        #expect(rootKeys?.compactMap { $0["AccessKeyId"] as? String } == [keyId])
        let summary = try json(try iamctl(binary, ["get-account-summary"]).stdout)["SummaryMap"] as? [String: Any]
        #expect(summary?["AccountAccessKeysPresent"] as? Int == 1)
    }

    /// Every row `sqlite3` prints for `sql`, one column per line.
    static func sqlite(_ database: String, _ sql: String) throws -> String {
        try SQLiteShell.read(database, sql, options: ["-line"])
    }
}
