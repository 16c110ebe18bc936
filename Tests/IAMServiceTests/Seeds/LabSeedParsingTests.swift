import Foundation
import IAMCore
import IAMService
import Testing

@Suite struct LabSeedParsingTests {
    @Test func yamlSeedReadsEveryField() throws {
        let seed = try SeedFixtures.parse(SeedFixtures.lab)
        #expect(seed.account?.id == "123456789012")
        #expect(seed.account?.alias == "seed-lab")
        #expect(seed.passwordPolicy?.minimumPasswordLength == 10)
        #expect(seed.passwordPolicy?.requireNumbers == true)
        let policy = try #require(seed.policies.first)
        #expect(policy.path == "/lab/")
        #expect(policy.document == #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::lab-bucket/*"}]}"#)
        #expect(policy.tags == [Tag(key: "team", value: "training")])
        let alice = seed.users[0]
        #expect(alice.tags == [Tag(key: "location", value: "us_va_norfolk")])
        #expect(alice.password == .clear(SeedSecret("Alice-Pa55word")))
        #expect(alice.passwordResetRequired)
        #expect(alice.accessKeys.map(\.id) == ["AKIAIOSFODNN7EXAMPLE", nil])
        #expect(alice.accessKeys.map(\.status) == [.active, .inactive])
        #expect(alice.permissionsBoundary == "AdministratorAccess")
        #expect(alice.location?.line == 22)
        #expect(seed.users[1].password == .generate)
        #expect(seed.groups[0].members == ["alice", "bob"])
    }

    @Test func jsonSeedReadsLikeYAML() throws {
        let json = """
            {"account": {"id": "123456789012"},
             "users": [{"name": "alice", "tags": {"team": "blue"}, "password": "Alice-Pa55word"}],
             "groups": [{"name": "students", "members": ["alice"], "policies": ["AdministratorAccess"]}]}
            """
        let seed = try LabSeed.parse(json, file: "lab.json")
        #expect(seed.users.map(\.name) == ["alice"])
        #expect(seed.users[0].tags == [Tag(key: "team", value: "blue")])
        #expect(seed.groups[0].policies == ["AdministratorAccess"])
    }

    @Test func secretsPrintRedacted() throws {
        let seed = try SeedFixtures.parse(SeedFixtures.lab)
        let printed = "\(seed)" + String(describing: seed.users) + String(reflecting: seed)
        #expect(!printed.contains("Alice-Pa55word"))
        #expect(!printed.contains("wJalrXUtnFEMI"))
        #expect(!printed.contains("JBSWY3DP"))
    }

    @Test(arguments: [
        ("users:\n  - name: alice\n    tags: [unclosed\n", 4, "invalid YAML"),
        ("users:\n  - name: alice\n    colour: blue\n", 3, "unknown field 'colour' in a user"),
        ("users:\n  - name: alice\n    password_reset_required: maybe\n", 3, "expected true or false"),
        ("groups:\n  - name: admin\n    members: labuser\n", 3, "expected a list"),
        ("policies:\n  - name: Missing\n    document_file: nowhere.json\n", 3, "cannot read the policy file"),
        ("users:\n  - name: alice\n    password: a\n    password_hash: b\n", 2, "give only one of"),
        ("account:\n  id: 1\n  id: 2\n", 2, "duplicate keys"),
    ])
    func brokenSeedsNameFileAndLine(text: String, line: Int, message: String) throws {
        let error = try #require(throws: LabSeedError.self) { try LabSeed.parse(text, file: "broken.yaml") }
        #expect(error.location?.file == "broken.yaml")
        #expect(error.location?.line == line, "\(error)")
        #expect(error.description.contains(message), "\(error)")
        #expect(error.description.hasPrefix("broken.yaml:\(line):"))
    }

    @Test func policyFilesAreReadBesideTheSeed() throws {
        let seed = try LabSeed.load(contentsOf: SeedFixtures.seedsDirectory.appendingPathComponent("example.yaml"))
        let policy = try #require(seed.policies.first { $0.name == "LabS3Read" })
        #expect(policy.document.contains("ReadLabBucket"))
        #expect(seed.source?.hasSuffix("Seeds/example.yaml") == true)
    }

    @Test func exportedYAMLReadsBackToTheSameSeed() throws {
        var seed = try SeedFixtures.parse(SeedFixtures.lab)
        let text = try seed.yaml()
        var again = try LabSeed.parse(text, file: "lab.yaml")
        // Locations differ between the two texts; everything else must not.
        seed = Self.withoutLocations(seed)
        again = Self.withoutLocations(again)
        #expect(again == seed)
    }

    static func withoutLocations(_ seed: LabSeed) -> LabSeed {
        var seed = seed
        seed.account?.location = nil
        seed.root?.location = nil
        for index in seed.policies.indices { seed.policies[index].location = nil }
        for index in seed.users.indices {
            seed.users[index].location = nil
            seed.users[index].mfaDevice?.location = nil
            for key in seed.users[index].accessKeys.indices { seed.users[index].accessKeys[key].location = nil }
            for inline in seed.users[index].inlinePolicies.indices { seed.users[index].inlinePolicies[inline].location = nil }
        }
        for index in seed.groups.indices {
            seed.groups[index].location = nil
            for inline in seed.groups[index].inlinePolicies.indices { seed.groups[index].inlinePolicies[inline].location = nil }
        }
        return seed
    }
}
