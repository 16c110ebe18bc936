import Foundation
import Testing

@Suite struct LabCommandTests {
    static let seed = """
        account:
          id: "123456789012"
        root:
          email: trainer@example.com
        users:
          - name: testuser1
            password: "Walkthrough-Pa55word!"
            access_keys:
              - {}
          - name: bob
            generate_password: true
        groups:
          - name: labadmin
            members: [testuser1]
            policies: [AdministratorAccess, Billing]
        """

    func write(_ text: String, _ name: String, in cli: CLIHarness) throws -> String {
        let path = cli.directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func labResetCreatesTheAccountAndPrintsGeneratedSecretsOnce() async throws {
        let cli = try CLIHarness()
        let file = try write(Self.seed, "lab.yaml", in: cli)
        let result = await cli.run(["lab", "reset", file])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try CLIHarness.json(result.stdout)
        #expect(output["AccountId"] as? String == "123456789012")
        let credentials = try #require(output["Credentials"] as? [[String: Any]])
        #expect(credentials.map { $0["Type"] as? String } == ["AccessKey", "Password"])
        #expect(credentials.map { $0["UserName"] as? String } == ["testuser1", "bob"])

        let users = try CLIHarness.json(await cli.run(["list-users"]).stdout)["Users"] as? [[String: Any]]
        #expect(users?.compactMap { $0["UserName"] as? String } == ["bob", "testuser1"])
        let attached = try CLIHarness.json(await cli.run(["list-attached-group-policies", "--group-name", "labadmin"]).stdout)
        #expect((attached["AttachedPolicies"] as? [[String: Any]])?.compactMap { $0["PolicyName"] as? String } == ["AdministratorAccess", "Billing"])

        // The secrets are in no file of the database folder but the one the CLI was asked to write.
        let secrets = credentials.compactMap { $0["Secret"] as? String } + ["Walkthrough-Pa55word!"]
        for name in try FileManager.default.contentsOfDirectory(atPath: cli.directory) where name.hasPrefix("iam.sqlite") {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: cli.directory + "/" + name))
            for secret in secrets { #expect(bytes.range(of: Data(secret.utf8)) == nil, "a secret is in \(name)") }
        }
    }

    @Test func credentialsCSVIsWrittenWithMode0600AndKeptOffStandardOutput() async throws {
        let cli = try CLIHarness()
        let file = try write(Self.seed, "lab.yaml", in: cli)
        let csv = cli.directory + "/credentials.csv"
        let result = await cli.run(["lab", "reset", file, "--credentials-csv", csv])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "User name,Type,Id,Secret,Console login link")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("testuser1,AccessKey,AKIA"))
        let secret = String(lines[1].split(separator: ",")[3])
        #expect(secret.count == 40)
        #expect(!result.stdout.contains(secret))
        #expect(try CLIHarness.json(result.stdout)["GeneratedCredentials"] as? Int == 2)
        let mode = try FileManager.default.attributesOfItem(atPath: csv)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func seedApplyIsIdempotentAndExportRoundTrips() async throws {
        let cli = try CLIHarness()
        #expect(await cli.initialize().status == 0)
        let file = try write(Self.seed, "lab.yaml", in: cli)
        let first = await cli.run(["seed", "apply", file])
        #expect(first.status == 0, "\(first.stderr)")
        #expect((try CLIHarness.json(first.stdout)["Changes"] as? Int ?? 0) > 0)
        let second = await cli.run(["seed", "apply", file])
        #expect(try CLIHarness.json(second.stdout)["Changes"] as? Int == 0)
        #expect((try CLIHarness.json(second.stdout)["Credentials"] as? [Any])?.isEmpty == true)

        let exported = await cli.run(["seed", "export", "--include-password-hashes"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("password_hash: '$argon2id$"))
        let exportFile = try write(exported.stdout, "export.yaml", in: cli)
        let reset = await cli.run(["lab", "reset", exportFile])
        #expect(reset.status == 0, "\(reset.stderr)")
        // Every key is pinned by the export and keeps its secret: nothing new to hand out.
        #expect((try CLIHarness.json(reset.stdout)["Credentials"] as? [Any])?.isEmpty == true)
        #expect(await cli.run(["seed", "export", "--include-password-hashes"]).stdout == exported.stdout)
        #expect(!(await cli.run(["seed", "export"]).stdout.contains("$argon2id$")))
    }

    @Test func aBrokenSeedNamesFileLineAndEntityAndChangesNothing() async throws {
        let cli = try CLIHarness()
        let good = try write(Self.seed, "lab.yaml", in: cli)
        #expect(await cli.run(["lab", "reset", good]).status == 0)
        let before = await cli.run(["seed", "export", "--include-password-hashes"]).stdout

        let syntax = try write("users:\n  - name: [x\n", "syntax.yaml", in: cli)
        let badYAML = await cli.run(["lab", "reset", syntax])
        #expect(badYAML.status == 1)
        #expect(badYAML.stderr.contains("syntax.yaml:"), "\(badYAML.stderr)")

        let rule = try write(Self.seed.replacingOccurrences(of: "Billing]", with: "NoSuchPolicy]"), "rule.yaml", in: cli)
        let violated = await cli.run(["lab", "reset", rule])
        #expect(violated.status == 254)
        #expect(violated.stderr.contains("An error occurred (NoSuchEntity) when calling the ResetLab operation: \(rule):13:"), "\(violated.stderr)")
        #expect(violated.stderr.contains("group labadmin: Policy NoSuchPolicy does not exist"), "\(violated.stderr)")
        #expect(await cli.run(["seed", "export", "--include-password-hashes"]).stdout == before)
    }
}
