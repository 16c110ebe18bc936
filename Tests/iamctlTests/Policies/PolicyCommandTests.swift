import Foundation
import Testing
@testable import iamctl

@Suite struct PolicyCommandTests {
    private func ready() async throws -> CLIHarness {
        let cli = try CLIHarness()
        let result = await cli.initialize()
        #expect(result.status == 0, "\(result.stderr)")
        return cli
    }

    private func ok(_ cli: CLIHarness, _ arguments: [String]) async throws -> [String: Any] {
        let result = await cli.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout.isEmpty ? [:] : try CLIHarness.json(result.stdout)
    }

    private func effective(_ cli: CLIHarness, _ user: String) async throws -> [String] {
        let json = try await ok(cli, ["list-effective-policies", "--user-name", user])
        let policies = json["EffectivePolicies"] as? [[String: Any]] ?? []
        return policies.map { "\($0["PolicyName"] as? String ?? "?") \($0["Origin"] as? String ?? "?")" }
    }

    private func simulate(_ cli: CLIHarness, _ user: String, _ action: String) async throws -> String? {
        let json = try await ok(
            cli, ["simulate-principal-policy", "--policy-source-arn", "arn:aws:iam::123456789012:user/\(user)", "--action-names", action])
        return (json["EvaluationResults"] as? [[String: Any]])?.first?["EvalDecision"] as? String
    }

    /// The walkthrough's policy steps, end to end.
    @Test func walkthroughPolicySteps() async throws {
        let cli = try await ready()
        let created = await cli.run(["create-user", "--user-name", "testuser1"])
        #expect(created.status == 0)
        #expect(created.stderr.contains("implicit deny for all actions"))
        _ = try await ok(cli, ["attach-user-policy", "--user-name", "testuser1", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess"])
        #expect(try await effective(cli, "testuser1") == ["AdministratorAccess attached directly"])
        #expect(try await simulate(cli, "testuser1", "iam:CreateUser") == "allowed")

        _ = try await ok(cli, ["create-group", "--group-name", "labadmin"])
        _ = try await ok(cli, ["attach-group-policy", "--group-name", "labadmin", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess"])
        _ = try await ok(cli, ["attach-group-policy", "--group-name", "labadmin", "--policy-arn", "arn:aws:iam::aws:policy/job-function/Billing"])
        _ = try await ok(cli, ["add-user-to-group", "--group-name", "labadmin", "--user-name", "testuser1"])
        _ = try await ok(cli, ["detach-user-policy", "--user-name", "testuser1", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess"])
        #expect(try await effective(cli, "testuser1") == ["AdministratorAccess via group labadmin", "Billing via group labadmin"])
        let attached = try await ok(cli, ["list-attached-group-policies", "--group-name", "labadmin"])
        #expect((attached["AttachedPolicies"] as? [[String: String]])?.map { $0["PolicyArn"] ?? "" } == [
            "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/job-function/Billing",
        ])
        #expect(try await simulate(cli, "testuser1", "iam:CreateUser") == "allowed")

        _ = try await ok(cli, [
            "put-user-policy", "--user-name", "testuser1", "--policy-name", "DenyAll", "--policy-document",
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#,
        ])
        #expect(try await simulate(cli, "testuser1", "iam:CreateUser") == "explicitDeny")
    }

    @Test func listEntitiesForPolicyAndAuthorizationDetailsPageAndFilter() async throws {
        let cli = try await ready()
        let admin = "arn:aws:iam::aws:policy/AdministratorAccess"
        for user in ["ann", "ben", "cat"] {
            _ = try await ok(cli, ["create-user", "--user-name", user, "--path", user == "ann" ? "/eng/" : "/"])
            _ = try await ok(cli, ["attach-user-policy", "--user-name", user, "--policy-arn", admin])
        }
        _ = try await ok(cli, ["create-group", "--group-name", "admins"])
        _ = try await ok(cli, ["attach-group-policy", "--group-name", "admins", "--policy-arn", admin])

        let firstTwo = try await ok(cli, ["list-entities-for-policy", "--policy-arn", admin, "--max-items", "2"])
        #expect((firstTwo["PolicyGroups"] as? [[String: String]])?.map { $0["GroupName"] } == ["admins"])
        #expect((firstTwo["PolicyUsers"] as? [[String: String]])?.map { $0["UserName"] } == ["ann"])
        let token = try #require(firstTwo["NextToken"] as? String)
        let rest = try await ok(cli, ["list-entities-for-policy", "--policy-arn", admin, "--starting-token", token])
        #expect((rest["PolicyUsers"] as? [[String: String]])?.map { $0["UserName"] } == ["ben", "cat"])
        #expect(rest["NextToken"] == nil)
        let eng = try await ok(cli, [
            "list-entities-for-policy", "--policy-arn", admin, "--entity-filter", "User", "--path-prefix", "/eng/",
        ])
        #expect((eng["PolicyUsers"] as? [[String: String]])?.map { $0["UserName"] } == ["ann"])
        #expect((eng["PolicyGroups"] as? [Any])?.isEmpty == true)
        let bad = await cli.run(["list-entities-for-policy", "--policy-arn", admin, "--policy-usage-filter", "Sometimes"])
        #expect(bad.status != 0)

        let details = try await ok(cli, ["get-account-authorization-details", "--filter", "User", "Group", "--max-items", "3"])
        #expect((details["UserDetailList"] as? [[String: Any]])?.count == 3)
        #expect((details["GroupDetailList"] as? [[String: Any]])?.isEmpty == true)
        let next = try #require(details["NextToken"] as? String)
        let more = try await ok(cli, ["get-account-authorization-details", "--filter", "User", "Group", "--starting-token", next])
        #expect((more["GroupDetailList"] as? [[String: Any]])?.compactMap { $0["GroupName"] as? String } == ["admins"])
    }

    @Test func createPolicyReadsFileURLsAndPrintsDecodedDocuments() async throws {
        let cli = try await ready()
        let path = cli.directory + "/policy.json"
        try #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let created = try await ok(cli, ["create-policy", "--policy-name", "read", "--policy-document", "file://" + path])
        let policy = try #require(created["Policy"] as? [String: Any])
        #expect(policy["Arn"] as? String == "arn:aws:iam::123456789012:policy/read")
        #expect(policy["DefaultVersionId"] as? String == "v1")
        let version = try await ok(cli, ["get-policy-version", "--policy-arn", "arn:aws:iam::123456789012:policy/read", "--version-id", "v1"])
        let document = (version["PolicyVersion"] as? [String: Any])?["Document"] as? [String: Any]
        #expect(document?["Version"] as? String == "2012-10-17")
        let missing = await cli.run(["create-policy", "--policy-name", "x", "--policy-document", "file://" + cli.directory + "/nope.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Unable to load paramfile"))
    }

    @Test func serviceErrorsPrintTheAWSCLILine() async throws {
        let cli = try await ready()
        _ = try await ok(cli, ["create-user", "--user-name", "bob"])
        let result = await cli.run(["detach-user-policy", "--user-name", "bob", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess"])
        #expect(result.status == 254)
        #expect(result.stderr.contains(
            "An error occurred (NoSuchEntity) when calling the DetachUserPolicy operation: Policy arn:aws:iam::aws:policy/AdministratorAccess was not found."))
    }

    @Test func simulateCustomPolicyAcceptsCLIInputJSON() async throws {
        let cli = try await ready()
        let path = cli.directory + "/input.json"
        let input = #"""
            {"PolicyInputList": ["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":\"alice\"}}}]}"],
             "ActionNames": ["s3:GetObject"],
             "ContextEntries": [{"ContextKeyName": "aws:username", "ContextKeyValues": ["alice"], "ContextKeyType": "string"}]}
            """#
        try input.write(toFile: path, atomically: true, encoding: .utf8)
        let json = try await ok(cli, ["simulate-custom-policy", "--cli-input-json", "file://" + path])
        let result = (json["EvaluationResults"] as? [[String: Any]])?.first
        #expect(result?["EvalDecision"] as? String == "allowed")
        let shorthand = try await ok(cli, [
            "simulate-custom-policy", "--cli-input-json", "file://" + path, "--context-entries",
            "ContextKeyName=aws:username,ContextKeyValues=bob,ContextKeyType=string",
        ])
        #expect((shorthand["EvaluationResults"] as? [[String: Any]])?.first?["EvalDecision"] as? String == "implicitDeny")
    }

    @Test func copyUserPermissionsCopiesGroupsAndPolicies() async throws {
        let cli = try await ready()
        _ = try await ok(cli, ["create-user", "--user-name", "alice"])
        _ = try await ok(cli, ["create-user", "--user-name", "bob"])
        _ = try await ok(cli, ["create-group", "--group-name", "devs"])
        _ = try await ok(cli, ["add-user-to-group", "--group-name", "devs", "--user-name", "alice"])
        _ = try await ok(cli, ["attach-user-policy", "--user-name", "alice", "--policy-arn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess"])
        _ = try await ok(cli, ["copy-user-permissions", "--source-user-name", "alice", "--user-name", "bob"])
        #expect(try await effective(cli, "bob") == ["IAMReadOnlyAccess attached directly"])
        let groups = try await ok(cli, ["list-groups-for-user", "--user-name", "bob"])
        #expect((groups["Groups"] as? [[String: Any]])?.map { $0["GroupName"] as? String } == ["devs"])
    }
}
