import Foundation
import IAMCore
import Testing
@testable import iamctl

/// `iamctl audit list | verify | config`, in-process against a temporary database.
@Suite struct AuditCommandTests {
    /// An account with testuser1 in labadmin and one failed request.
    static func harnessWithHistory() async throws -> CLIHarness {
        let cli = try CLIHarness()
        #expect(await cli.initialize().status == 0)
        for arguments in [
            ["create-user", "--user-name", "testuser1"], ["create-group", "--group-name", "labadmin"],
            ["add-user-to-group", "--group-name", "labadmin", "--user-name", "testuser1"],
        ] {
            let result = await cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        #expect(await cli.run(["delete-group", "--group-name", "labadmin"]).status == 254)
        return cli
    }

    static func events(_ cli: CLIHarness, _ arguments: [String]) async throws -> [[String: Any]] {
        let result = await cli.run(["audit", "list"] + arguments)
        #expect(result.status == 0, "audit list \(arguments): \(result.stderr)")
        return try #require(try CLIHarness.json(result.stdout)["Events"] as? [[String: Any]])
    }

    static func names(_ cli: CLIHarness, _ arguments: [String]) async throws -> [String] {
        try await events(cli, arguments).compactMap { $0["eventName"] as? String }
    }

    @Test func listPrintsCloudTrailRecords() async throws {
        let cli = try await Self.harnessWithHistory()
        let events = try await Self.events(cli, [])
        #expect(events.compactMap { $0["eventName"] as? String } == ["CreateAccount", "CreateUser", "CreateGroup", "AddUserToGroup", "DeleteGroup"])
        let created = events[1]
        #expect(created["eventVersion"] as? String == "1.11")
        #expect(created["eventSource"] as? String == "iam.amazonaws.com" && created["awsRegion"] as? String == "us-east-1")
        #expect((created["eventTime"] as? String)?.hasSuffix("Z") == true)
        #expect(created["readOnly"] as? Bool == false && created["eventType"] as? String == "AwsApiCall")
        #expect(created["recipientAccountId"] as? String == "123456789012")
        let identity = try #require(created["userIdentity"] as? [String: Any])
        #expect(identity["type"] as? String == "Root" && identity["arn"] as? String == "arn:aws:iam::123456789012:root")
        #expect((created["requestParameters"] as? [String: Any])?["UserName"] as? String == "testuser1")
        let user = try #require((created["responseElements"] as? [String: Any])?["User"] as? [String: Any])
        #expect(user["Arn"] as? String == "arn:aws:iam::123456789012:user/testuser1")
        let resources = try #require(created["resources"] as? [[String: Any]])
        #expect(resources.first?["ARN"] as? String == "arn:aws:iam::123456789012:user/testuser1")
        #expect(resources.first?["type"] as? String == "AWS::IAM::User")
        for key in ["eventID", "requestID"] { #expect((created[key] as? String)?.count == 36) }
        let failed = events[4]
        #expect(failed["errorCode"] as? String == "DeleteConflict")
        #expect(failed["errorMessage"] as? String == "Cannot delete entity, must remove users from group first.")
    }

    @Test func listFiltersByNameResourceActorErrorsReadOnlyAndTime() async throws {
        let cli = try await Self.harnessWithHistory()
        #expect(try await Self.names(cli, ["--event-name", "creategroup"]) == ["CreateGroup"])
        #expect(try await Self.names(cli, ["--resource", "testuser1"]) == ["CreateUser", "AddUserToGroup"])
        #expect(
            try await Self.names(cli, ["--resource", "arn:aws:iam::123456789012:group/labadmin"]) == ["CreateGroup", "AddUserToGroup", "DeleteGroup"])
        #expect(try await Self.names(cli, ["--errors-only"]) == ["DeleteGroup"])
        #expect(try await Self.names(cli, ["--user-name", "testuser1"]) == [])
        #expect(try await Self.names(cli, ["--read-only", "true"]) == [])
        #expect(try await Self.names(cli, ["--read-only", "false"]).count == 5)
        #expect(try await Self.names(cli, ["--since", "1h"]).count == 5)
        #expect(try await Self.names(cli, ["--since", "2999-01-01"]) == [])
        #expect(try await Self.names(cli, ["--until", "2000-01-01T00:00:00Z"]) == [])
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(try await Self.names(cli, ["--since", today, "--until", today]).count == 5)

        let bad = await cli.run(["audit", "list", "--since", "last tuesday"])
        #expect(bad.status == 252)
        #expect(bad.stderr.contains("--since takes an ISO 8601 date or date-time"))
        #expect(await cli.run(["audit", "list", "--read-only", "maybe"]).status == 252)
    }

    @Test func listPagesWithMaxItemsAndStartingToken() async throws {
        let cli = try await Self.harnessWithHistory()
        let first = await cli.run(["audit", "list", "--max-items", "2"])
        let page = try CLIHarness.json(first.stdout)
        #expect((page["Events"] as? [[String: Any]])?.compactMap { $0["eventName"] as? String } == ["CreateAccount", "CreateUser"])
        let token = try #require(page["NextToken"] as? String)
        let rest = try await Self.names(cli, ["--starting-token", token])
        #expect(rest == ["CreateGroup", "AddUserToGroup", "DeleteGroup"])
        let badToken = await cli.run(["audit", "list", "--starting-token", "garbage"])
        #expect(badToken.status == 254 && badToken.stderr.contains("(InvalidInput)"))
    }

    @Test func listAsTableSummarizesEachEvent() async throws {
        let cli = try await Self.harnessWithHistory()
        let table = await cli.run(["audit", "list", "--output", "table", "--resource", "labadmin"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("Time") && $0.contains("Event") && $0.contains("Actor") && $0.contains("Resource") && $0.contains("Result") })
        #expect(lines.contains { $0.contains("AddUserToGroup") && $0.contains("root") && $0.contains("group/labadmin, user/testuser1") && $0.contains("Success") })
        #expect(lines.contains { $0.contains("DeleteGroup") && $0.contains("DeleteConflict") })
    }

    @Test func verifyHoldsUntilARowIsEditedWithTheSqliteShell() async throws {
        let cli = try await Self.harnessWithHistory()
        let intact = await cli.run(["audit", "verify"])
        #expect(intact.status == 0, "\(intact.stderr)")
        let report = try CLIHarness.json(intact.stdout)
        #expect(report["ChainIntact"] as? Bool == true && report["EventCount"] as? Int == 5)

        // The trigger refuses the edit; an attacker with the file drops it first.
        #expect(try Self.sqlite3(cli.database, #"UPDATE "auditEvent" SET "eventName" = 'Nothing' WHERE "id" = 3"#) != 0)
        #expect(
            try Self.sqlite3(
                cli.database, #"DROP TRIGGER "auditEvent_noUpdate"; UPDATE "auditEvent" SET "eventName" = 'CreatePolicy' WHERE "id" = 3"#)
                == 0)
        let broken = await cli.run(["audit", "verify"])
        #expect(broken.status == 1)
        let found = try CLIHarness.json(broken.stdout)
        #expect(found["ChainIntact"] as? Bool == false && found["BrokenAtEvent"] as? Int == 3)
        let expected = try #require(found["ExpectedHash"] as? String)
        let stored = try #require(found["FoundHash"] as? String)
        #expect(expected.count == 64 && stored.count == 64 && expected != stored)
        #expect(broken.stderr.contains("The audit chain is broken at event 3: expected hash \(expected), found \(stored)."))
    }

    @Test func configShowsAndSwitchesReadAuditing() async throws {
        let cli = try await Self.harnessWithHistory()
        #expect(try CLIHarness.json(await cli.run(["audit", "config"]).stdout)["ReadEvents"] as? String == "off")
        #expect(await cli.run(["list-users"]).status == 0)
        let on = await cli.run(["audit", "config", "--read-events", "on"])
        #expect(try CLIHarness.json(on.stdout)["ReadEvents"] as? String == "on")
        #expect(await cli.run(["list-users"]).status == 0)
        #expect(await cli.run(["get-user", "--user-name", "testuser1"]).status == 0)
        #expect(try CLIHarness.json(await cli.run(["audit", "config", "--read-events", "off"]).stdout)["ReadEvents"] as? String == "off")
        #expect(await cli.run(["list-groups"]).status == 0)
        #expect(try await Self.names(cli, ["--read-only", "true"]) == ["ListUsers", "GetUser"])
        #expect(
            try await Self.names(cli, ["--event-name", "UpdateAuditConfiguration"]) == ["UpdateAuditConfiguration", "UpdateAuditConfiguration"])
        #expect(await cli.run(["audit", "config", "--read-events", "sometimes"]).status == 252)
    }

    @Test func builtBinaryExitsOneOnABrokenChain() async throws {
        let cli = try await Self.harnessWithHistory()
        let binary = try BuiltBinary.locate()
        let intact = try binary.run(["audit", "verify", "--db", cli.database])
        #expect(intact.status == 0, "\(intact.stderr)")
        #expect(
            try Self.sqlite3(
                cli.database, #"DROP TRIGGER "auditEvent_noDelete"; DELETE FROM "auditEvent" WHERE "id" = 2"#) == 0)
        let broken = try binary.run(["audit", "verify", "--db", cli.database, "--output", "text"])
        #expect(broken.status == 1)
        // Event 3 now follows event 1: its link names a row that is gone.
        #expect(broken.stderr.contains("The audit chain is broken at event 3"))
    }

    /// Runs `sql` with the sqlite3 shell; returns its exit status.
    static func sqlite3(_ database: String, _ sql: String) throws -> Int32 {
        try SQLiteShell.run(database, sql).status
    }
}

/// The times `audit list --since/--until` accept.
@Suite struct AuditTimeTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24T16:00:00Z
    static let midnight: Double = 1_763_942_400

    /// Text, whether it ends a range, and the instant expected (seconds since 1970).
    static let cases: [(String, Bool, Double)] = [
        ("30m", false, 1_764_000_000 - 1800), ("24h", false, 1_764_000_000 - 86400), ("7d", false, 1_764_000_000 - 604_800),
        ("2w", false, 1_764_000_000 - 1_209_600), ("2025-11-24", false, midnight), ("2025-11-24", true, midnight + 86399.999),
        ("2025-11-24T16:00:00Z", true, 1_764_000_000), ("2025-11-24T17:00:00+01:00", false, 1_764_000_000),
        ("2025-11-24T16:00:00.250Z", false, 1_764_000_000.25),
    ]

    @Test(arguments: cases)
    func parsesAgesDatesAndDateTimes(text: String, endOfDay: Bool, expected: Double) throws {
        let date = try #require(AuditTime.parse(text, now: Self.now, endOfDay: endOfDay))
        #expect(abs(date.timeIntervalSince1970 - expected) < 0.0005)
    }

    @Test(arguments: ["", "yesterday", "7", "7y", "-7d", "2025-13-01", "2025-11-24T16:00:00", "24/11/2025"])
    func rejectsAnythingElse(text: String) {
        #expect(AuditTime.parse(text, now: Self.now, endOfDay: false) == nil)
    }
}
