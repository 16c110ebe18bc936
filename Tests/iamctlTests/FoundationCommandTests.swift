import Foundation
import Testing
@testable import iamctl

@Suite struct FoundationCommandTests {
    @Test func initCreatesTheDatabaseAccountRootUserAndMasterKey() async throws {
        let cli = try CLIHarness()
        let result = await cli.initialize()
        #expect(result.status == 0, "\(result.stderr)")
        let json = try CLIHarness.json(result.stdout)
        let account = try #require(json["Account"] as? [String: Any])
        #expect(account["AccountId"] as? String == "123456789012")
        #expect(account["Arn"] as? String == "arn:aws:iam::123456789012:root")
        #expect(json["MasterKey"] as? String == cli.database + ".key")
        let mode = try FileManager.default.attributesOfItem(atPath: cli.database + ".key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(!result.stdout.contains("Root-Password-1"))
    }

    @Test func initTwiceForOneAccountFailsLikeTheAWSCLI() async throws {
        let cli = try CLIHarness()
        _ = await cli.initialize()
        let second = await cli.initialize()
        #expect(second.status == 254)
        #expect(second.stderr.contains(
            "An error occurred (EntityAlreadyExists) when calling the CreateAccount operation: Account 123456789012 already exists."))
    }

    @Test func initWithoutAPasswordSourceExplainsWhatToDo() async throws {
        let cli = try CLIHarness()
        let result = await cli.run(["init", "--root-email", "root@example.com"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--root-password-stdin"))
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test func initRejectsAMalformedAccountIDBeforeTouchingAnything() async throws {
        let cli = try CLIHarness()
        let result = await cli.run(["init", "--account-id", "12", "--root-email", "a@b.c", "--root-password-stdin"], input: "x\n")
        #expect(result.status == 252)
        #expect(result.stderr.contains("--account-id must be exactly 12 digits."))
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test func dbStatusListsAppliedMigrationsWithChecksums() async throws {
        let cli = try CLIHarness()
        _ = await cli.initialize()
        let result = await cli.run(["db", "status", "--output", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try CLIHarness.json(result.stdout)
        let applied = try #require(json["Applied"] as? [[String: Any]])
        #expect(applied.first?["Name"] as? String == "0001_create_account.sql")
        #expect((applied.first?["Sha256"] as? String)?.count == 64)
        #expect((json["Pending"] as? [Any])?.isEmpty == true)
        #expect(json["SchemaVersion"] as? Int == json["LatestVersion"] as? Int)
    }

    @Test func dbStatusOfAMissingFileFailsWithoutCreatingIt() async throws {
        let cli = try CLIHarness()
        let result = await cli.run(["db", "status"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("does not exist"))
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test func dbMigrateOnAMigratedDatabaseAppliesNothing() async throws {
        let cli = try CLIHarness()
        _ = await cli.initialize()
        let result = await cli.run(["db", "migrate"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect((try CLIHarness.json(result.stdout)["Applied"] as? [Any])?.isEmpty == true)
    }

    @Test func editedMigrationMakesTheCLIExitNonZeroNamingTheFile() async throws {
        let cli = try CLIHarness()
        _ = await cli.initialize()
        let ledger = try String(contentsOfFile: cli.database, encoding: .isoLatin1).contains("0001_create_account.sql")
        #expect(ledger)
        _ = try SQLiteShell.run(cli.database, #"UPDATE "schemaMigration" SET "sha256" = printf('%064d', 0) WHERE "version" = 1"#)
        let result = await cli.run(["db", "status"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("Migration 0001_create_account.sql was applied with SHA-256 0000"))
        #expect(result.stderr.contains("The database was not changed."))
    }

    @Test(arguments: ["table", "text"])
    func otherOutputFormatsPrintTheSameFields(format: String) async throws {
        let cli = try CLIHarness()
        _ = await cli.initialize()
        let result = await cli.run(["db", "status", "--output", format])
        #expect(result.status == 0)
        #expect(result.stdout.contains("0005_create_audit_event.sql"))
    }
}
