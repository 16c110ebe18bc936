import Foundation
import Testing
@testable import iamctl

@Suite struct IdentityCommandTests {
    private func ready() async throws -> CLIHarness {
        let cli = try CLIHarness()
        let result = await cli.initialize()
        #expect(result.status == 0, "\(result.stderr)")
        return cli
    }

    @Test func createUserPrintsTheAWSCLIShapeWithShorthandTags() async throws {
        let cli = try await ready()
        let result = await cli.run(
            ["create-user", "--user-name", "testuser1", "--path", "/lab/", "--tags", "Key=location,Value=us_va_norfolk"])
        #expect(result.status == 0, "\(result.stderr)")
        let user = try #require(try CLIHarness.json(result.stdout)["User"] as? [String: Any])
        #expect(user["UserName"] as? String == "testuser1")
        #expect(user["Path"] as? String == "/lab/")
        #expect(user["Arn"] as? String == "arn:aws:iam::123456789012:user/lab/testuser1")
        #expect((user["UserId"] as? String)?.hasPrefix("AIDA") == true)
        #expect((user["CreateDate"] as? String)?.hasSuffix("+00:00") == true)
        #expect(user["Tags"] as? [[String: String]] == [["Key": "location", "Value": "us_va_norfolk"]])
        #expect(result.stdout.hasPrefix("{\n    \"User\": {\n        \"Path\": \"/lab/\",\n        \"UserName\": \"testuser1\","))
    }

    @Test func createUserAcceptsTheJSONTagForm() async throws {
        let cli = try await ready()
        let result = await cli.run(
            ["create-user", "--user-name", "bob", "--tags", #"[{"Key":"a","Value":"1"},{"Key":"b","Value":"2"}]"#])
        #expect(result.status == 0, "\(result.stderr)")
        let tags = try CLIHarness.json(result.stdout)["User"].flatMap { ($0 as? [String: Any])?["Tags"] } as? [[String: String]]
        #expect(tags == [["Key": "a", "Value": "1"], ["Key": "b", "Value": "2"]])
    }

    @Test func aServiceErrorExits254WithTheAWSCLIErrorLine() async throws {
        let cli = try await ready()
        _ = await cli.run(["create-user", "--user-name", "bob"])
        let again = await cli.run(["create-user", "--user-name", "BOB"])
        #expect(again.status == 254)
        #expect(again.stderr.contains("An error occurred (EntityAlreadyExists) when calling the CreateUser operation: User with name BOB already exists."))
        let missing = await cli.run(["get-user", "--user-name", "ghost"])
        #expect(missing.status == 254)
        #expect(missing.stderr.contains("An error occurred (NoSuchEntity) when calling the GetUser operation: The user with name ghost cannot be found."))
    }

    @Test func getUserWithoutANameDescribesTheRootUser() async throws {
        let cli = try await ready()
        let result = await cli.run(["get-user"])
        #expect(result.status == 0, "\(result.stderr)")
        let user = try #require(try CLIHarness.json(result.stdout)["User"] as? [String: Any])
        #expect(user["UserId"] as? String == "123456789012")
        #expect(user["Arn"] as? String == "arn:aws:iam::123456789012:root")
        #expect(user["UserName"] == nil)
    }

    @Test func listUsersFollowsMarkersAndMaxItemsPrintsANextToken() async throws {
        let cli = try await ready()
        // Each harness run reseeds the generator, so distinct seeds give distinct user IDs.
        for (index, name) in ["c", "a", "b"].enumerated() {
            let created = await cli.run(["create-user", "--user-name", name], seed: UInt64(10 + index))
            #expect(created.status == 0, "\(created.stderr)")
        }
        let all = await cli.run(["list-users", "--page-size", "1"])
        #expect(all.status == 0, "\(all.stderr)")
        let json = try CLIHarness.json(all.stdout)
        #expect((json["Users"] as? [[String: Any]])?.compactMap { $0["UserName"] as? String } == ["a", "b", "c"])
        #expect(json["NextToken"] == nil)
        let firstTwo = try CLIHarness.json((await cli.run(["list-users", "--max-items", "2"])).stdout)
        #expect((firstTwo["Users"] as? [Any])?.count == 2)
        let token = try #require(firstTwo["NextToken"] as? String)
        let rest = try CLIHarness.json((await cli.run(["list-users", "--starting-token", token])).stdout)
        #expect((rest["Users"] as? [[String: Any]])?.compactMap { $0["UserName"] as? String } == ["c"])
    }

    @Test func groupLifecycleThroughTheCLI() async throws {
        let cli = try await ready()
        #expect((await cli.run(["create-group", "--group-name", "devs"])).status == 0)
        #expect((await cli.run(["create-user", "--user-name", "bob"], seed: 2)).status == 0)
        let add = await cli.run(["add-user-to-group", "--group-name", "devs", "--user-name", "bob"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.isEmpty)
        let group = try CLIHarness.json((await cli.run(["get-group", "--group-name", "devs"])).stdout)
        #expect((group["Group"] as? [String: Any])?["GroupName"] as? String == "devs")
        #expect((group["Users"] as? [[String: Any]])?.first?["UserName"] as? String == "bob")
        let conflict = await cli.run(["delete-group", "--group-name", "devs"])
        #expect(conflict.status == 254)
        #expect(conflict.stderr.contains("An error occurred (DeleteConflict) when calling the DeleteGroup operation: Cannot delete entity, must remove users from group first."))
        let groups = try CLIHarness.json((await cli.run(["list-groups-for-user", "--user-name", "bob"])).stdout)
        #expect((groups["Groups"] as? [[String: Any]])?.first?["GroupName"] as? String == "devs")
        let notAUser = await cli.run(["add-user-to-group", "--group-name", "devs", "--user-name", "devs"])
        #expect(notAUser.stderr.contains("(NoSuchEntity) when calling the AddUserToGroup operation: The user with name devs cannot be found."))
    }

    @Test func tagCommandsRoundTrip() async throws {
        let cli = try await ready()
        _ = await cli.run(["create-user", "--user-name", "bob"])
        let tag = await cli.run(["tag-user", "--user-name", "bob", "--tags", "Key=Team,Value=blue", "Key=site,Value=nfk"])
        #expect(tag.status == 0, "\(tag.stderr)")
        _ = await cli.run(["untag-user", "--user-name", "bob", "--tag-keys", "SITE"])
        let tags = try CLIHarness.json((await cli.run(["list-user-tags", "--user-name", "bob"])).stdout)
        #expect(tags["Tags"] as? [[String: String]] == [["Key": "Team", "Value": "blue"]])
        let duplicate = await cli.run(["tag-user", "--user-name", "bob", "--tags", "Key=a,Value=1", "Key=A,Value=2"])
        #expect(duplicate.status == 254)
        #expect(duplicate.stderr.contains("(InvalidInput) when calling the TagUser operation: Duplicate tag keys found."))
    }

    @Test func accountAliasSummaryAndTextOutput() async throws {
        let cli = try await ready()
        #expect((await cli.run(["create-account-alias", "--account-alias", "my-lab"])).status == 0)
        let aliases = await cli.run(["list-account-aliases", "--output", "text"])
        #expect(aliases.stdout == "ACCOUNTALIASES\tmy-lab\n")
        let summary = try CLIHarness.json((await cli.run(["get-account-summary"])).stdout)
        let map = try #require(summary["SummaryMap"] as? [String: Int])
        #expect(map["Users"] == 0)
        #expect(map["UsersQuota"] == 5000)
        #expect(map["AccountPasswordPresent"] == 1)
    }

    @Test func statusIsAReportThatExitsZeroEvenWhenChecksFail() async throws {
        let cli = try await ready()
        let result = await cli.run(["status"])
        #expect(result.status == 0, "\(result.stderr)")
        let checks = try #require(try CLIHarness.json(result.stdout)["SecurityStatus"] as? [[String: Any]])
        #expect(checks.count == 5)
        #expect(checks.first?["Status"] as? String == "FAIL")
        let table = await cli.run(["status", "--output", "table"])
        #expect(table.stdout.contains("SecurityStatus"))
        #expect(table.stdout.contains("Root user has no access keys"))
    }

    @Test func malformedTagShorthandIsAUsageError() async throws {
        let cli = try await ready()
        let result = await cli.run(["create-user", "--user-name", "bob", "--tags", "location=norfolk"])
        #expect(result.status == 252)
        #expect(result.stderr.contains("Unknown tag field location"))
    }
}

@Suite struct IdentityCommandOutputTests {
    @Test func updateAndDeletePrintNothingAndTheRenamedUserIsFound() async throws {
        let cli = try CLIHarness()
        _ = await cli.initialize()
        _ = await cli.run(["create-user", "--user-name", "bob"])
        let update = await cli.run(["update-user", "--user-name", "bob", "--new-user-name", "robert", "--new-path", "/ops/"])
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stdout.isEmpty)
        let user = try CLIHarness.json((await cli.run(["get-user", "--user-name", "ROBERT"])).stdout)["User"] as? [String: Any]
        #expect(user?["Arn"] as? String == "arn:aws:iam::123456789012:user/ops/robert")
        let delete = await cli.run(["delete-user", "--user-name", "robert"])
        #expect(delete.status == 0, "\(delete.stderr)")
        #expect(delete.stdout.isEmpty)
        let gone = await cli.run(["get-user", "--user-name", "robert"])
        #expect(gone.status == 254)
        #expect(gone.stderr.contains("An error occurred (NoSuchEntity) when calling the GetUser operation: The user with name robert cannot be found."))
    }

    @Test func createUserTableAndTextOutput() async throws {
        let cli = try CLIHarness()
        _ = await cli.initialize()
        let table = await cli.run(["create-user", "--user-name", "bob", "--output", "table"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("CreateUser"))
        #expect(table.stdout.contains("| UserName   | bob"))
        let text = await cli.run(["get-user", "--user-name", "bob", "--output", "text"])
        #expect(text.stdout.hasPrefix("USER\tarn:aws:iam::123456789012:user/bob\t"))
        // The aws CLI's text form: scalars in key order (Arn, CreateDate, Path, UserId, UserName).
        let fields = text.stdout.trimmingCharacters(in: .newlines).split(separator: "\t").map(String.init)
        #expect(fields.count == 6)
        #expect(fields.count == 6 && fields[3] == "/" && fields[4].hasPrefix("AIDA") && fields[5] == "bob")
    }
}
