import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite
import Testing

@Suite struct LabResetTests {
    @Test func resetLoadsEveryEntityThroughTheRules() async throws {
        let service = try await SeedFixtures.service()
        let credentials = try await service.resetLab(to: SeedFixtures.parse(SeedFixtures.lab))
        // Generated: bob's password and key, alice's second key; pinned secrets are not echoed.
        #expect(credentials.credentials.map(\.kind) == [.accessKey, .password, .accessKey])
        #expect(Set(credentials.credentials.compactMap(\.userName)) == ["alice", "bob"])
        #expect(!credentials.credentials.contains { $0.identifier == "AKIAIOSFODNN7EXAMPLE" })

        let alice = try await service.getUser(userName: "alice")
        #expect(alice.path == "/students/")
        #expect(alice.tags == [Tag(key: "location", value: "us_va_norfolk")])
        #expect(alice.permissionsBoundaryArn == "arn:aws:iam::aws:policy/AdministratorAccess")
        #expect(try await service.getLoginProfile(userName: "alice").passwordResetRequired)
        let keys = try await service.listAccessKeys(userName: "alice").items
        #expect(keys.map(\.status) == [.active, .inactive] || keys.map(\.status) == [.inactive, .active])
        #expect(keys.contains { $0.accessKeyId == "AKIAIOSFODNN7EXAMPLE" })
        let devices = try await service.listMFADevices(userName: "alice").items
        #expect(devices.map(\.serialNumber) == ["arn:aws:iam::123456789012:mfa/alice"])
        let group = try await service.getGroup(groupName: "students")
        #expect(group.members.items.map(\.name) == ["alice", "bob"])
        let attached = try await service.listAttachedGroupPolicies(groupName: "students").items.map(\.policyName)
        #expect(attached == ["Billing", "IAMUserChangePassword"])
        #expect(try await service.listAttachedUserPolicies(userName: "alice").items.map(\.policyArn) == ["arn:aws:iam::123456789012:policy/lab/LabRead"])
        #expect(try await service.listAccountAliases().items == ["seed-lab"])
        #expect(try await service.getAccountPasswordPolicy().minimumPasswordLength == 10)

        // The pinned secret verifies requests: the sealed secret opens to it.
        let signing = try await service.lookupSigningSecret(accessKeyId: "AKIAIOSFODNN7EXAMPLE")
        #expect(signing?.secret.reveal() == "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")

        // One audit event for the whole reset, from the seed, without secrets.
        let events = try await ServiceFixtures.auditEvents(service)
        let reset = try #require(events.last)
        #expect(reset.eventName == "ResetLab")
        #expect(reset.source == .seed)
        #expect(events.filter { $0.eventName == "CreateUser" }.isEmpty)
        let audit = events.map { "\($0.requestParameters ?? "") \($0.responseElements ?? "")" }.joined()
        for credential in credentials.credentials { #expect(!audit.contains(credential.secret.reveal())) }
        #expect(!audit.contains("Alice-Pa55word"))
    }

    /// A load marks compiled policies stale once for its whole transaction, and that is enough:
    /// a decision cached before the load is not served after it.
    @Test func aLoadMakesEarlierPolicyDecisionsStale() async throws {
        let service = try await SeedFixtures.service()
        let plain = "account:\n  id: \"123456789012\"\nusers:\n  - name: dave\n"
        let admin = plain + "    policies: [arn:aws:iam::aws:policy/AdministratorAccess]\n"
        _ = try await service.resetLab(to: SeedFixtures.parse(plain))
        #expect(try await service.authorize(userName: "dave", action: "iam:ListUsers").decision == .implicitDeny)
        _ = try await service.applySeed(SeedFixtures.parse(admin))
        #expect(try await service.authorize(userName: "dave", action: "iam:ListUsers").decision == .allowed)
        _ = try await service.applySeed(SeedFixtures.parse(plain))
        #expect(try await service.authorize(userName: "dave", action: "iam:ListUsers").decision == .implicitDeny)
        _ = try await service.resetLab(to: SeedFixtures.parse(admin))
        #expect(try await service.authorize(userName: "dave", action: "iam:ListUsers").decision == .allowed)
    }

    @Test func applyTwiceChangesNothingTheSecondTime() async throws {
        let service = try await SeedFixtures.service()
        let seed = try SeedFixtures.parse(SeedFixtures.lab)
        let first = try await service.applySeed(seed)
        #expect(first.changes > 0)
        let exported = try await service.exportSeed(includePasswordHashes: true).yaml()
        let eventCount = try await ServiceFixtures.auditEvents(service).count

        let second = try await service.applySeed(seed)
        #expect(second.changes == 0)
        #expect(second.credentials.isEmpty)
        #expect(try await ServiceFixtures.auditEvents(service).count == eventCount)
        #expect(try await service.exportSeed(includePasswordHashes: true).yaml() == exported)
    }

    @Test func applyConvergesNamedEntitiesAndLeavesOthersAlone() async throws {
        let service = try await SeedFixtures.service()
        _ = try await service.createUser(userName: "outsider")
        _ = try await service.applySeed(SeedFixtures.parse(SeedFixtures.lab))
        try await service.tagUser(userName: "alice", tags: [Tag(key: "extra", value: "1")])
        try await service.removeUserFromGroup(groupName: "students", userName: "bob")
        let result = try await service.applySeed(SeedFixtures.parse(SeedFixtures.lab))
        #expect(result.changes == 2)
        #expect(try await service.getUser(userName: "alice").tags == [Tag(key: "location", value: "us_va_norfolk")])
        #expect(try await service.getGroup(groupName: "students").members.items.map(\.name) == ["alice", "bob"])
        #expect(try await service.getUser(userName: "outsider").userName == "outsider")
    }

    @Test func aViolatingSeedChangesNothing() async throws {
        let service = try await SeedFixtures.service()
        _ = try await service.resetLab(to: SeedFixtures.parse(SeedFixtures.lab))
        let before = try await service.exportSeed(includePasswordHashes: true).yaml()
        // Valid YAML, but carol's password breaks the seed's own policy (10 characters).
        let violating = SeedFixtures.lab.replacingOccurrences(
            of: "  - name: bob\n", with: "  - name: carol\n    password: \"Short-1a\"\n  - name: bob\n")
        let error = try await #require(throws: IAMError.self) { try await service.resetLab(to: SeedFixtures.parse(violating)) }
        #expect(error.code == .passwordPolicyViolation)
        #expect(error.message.hasPrefix("lab.yaml:"), "\(error.message)")
        #expect(error.message.contains("user carol: Password should have a minimum length of 10"), "\(error.message)")
        #expect(try await service.exportSeed(includePasswordHashes: true).yaml() == before)

        // A policy that does not exist, a quota, a duplicate: each refused, nothing changed.
        for bad in [
            SeedFixtures.lab.replacingOccurrences(of: "policies: [LabRead]", with: "policies: [NoSuchPolicy]"),
            SeedFixtures.lab.replacingOccurrences(of: "      - status: Inactive\n", with: "      - status: Inactive\n      - {}\n"),
            SeedFixtures.lab.replacingOccurrences(of: "  - name: bob\n", with: "  - name: ALICE\n  - name: bob\n"),
        ] {
            await #expect(throws: IAMError.self) { try await service.resetLab(to: SeedFixtures.parse(bad)) }
            #expect(try await service.exportSeed(includePasswordHashes: true).yaml() == before)
        }
        let failures = try await ServiceFixtures.auditEvents(service).filter { $0.eventName == "ResetLab" && $0.errorCode != nil }
        #expect(failures.count == 4)
    }

    @Test func exportThenResetRoundTripsTheState() async throws {
        let service = try await SeedFixtures.service()
        _ = try await service.resetLab(to: SeedFixtures.parse(SeedFixtures.lab))
        try await service.updateAccessKey(accessKeyId: "AKIAIOSFODNN7EXAMPLE", status: "Inactive", userName: "alice")
        let first = try await service.exportSeed(includePasswordHashes: true).yaml()
        #expect(!first.contains("wJalrXUtnFEMI"))
        let credentials = try await service.resetLab(to: LabSeed.parse(first, file: "export.yaml"))
        #expect(credentials.credentials.isEmpty, "an export pins every key and keeps every secret")
        let second = try await service.exportSeed(includePasswordHashes: true).yaml()
        #expect(second == first)
        // Kept secrets still verify.
        #expect(try await service.lookupSigningSecret(accessKeyId: "AKIAIOSFODNN7EXAMPLE")?.secret.reveal() == "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")

        // Without hashes, passwords are kept by the reset as generate_password.
        let plain = try await service.exportSeed().yaml()
        #expect(!plain.contains("$argon2id$"))
        #expect(plain.contains("generate_password: true"))
        _ = try await service.resetLab(to: LabSeed.parse(plain, file: "export.yaml"))
        #expect(try await service.exportSeed(includePasswordHashes: true).yaml() == first)
    }

    @Test func resetCreatesTheAccountOfAnEmptyDatabase() async throws {
        let store = try SQLiteAccountStore.inMemory()
        let (service, _) = try await SeedFixtures.reset(in: store, to: SeedFixtures.parse(SeedFixtures.lab))
        #expect(service.account.id == "123456789012")
        #expect(try await service.listUsers().items.map(\.name) == ["alice", "bob"])
        let root = try await store.read { tx in try tx.rootUser(accountId: "123456789012") }
        #expect(root?.email == "trainer@example.com")

        // A seed without root.email cannot create its account, and nothing is left behind.
        let empty = try SQLiteAccountStore.inMemory()
        await #expect(throws: IAMError.self) {
            _ = try await SeedFixtures.reset(in: empty, to: LabSeed.parse("users:\n  - name: alice\n"))
        }
        #expect(try await empty.read { tx in try tx.accounts() }.isEmpty)
    }

    @Test func secretsAreNeitherInTheDatabaseFileNorItsWAL() async throws {
        let (store, path, directory) = try SeedFixtures.fileStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (_, credentials) = try await SeedFixtures.reset(in: store, to: SeedFixtures.parse(SeedFixtures.lab))
        #expect(credentials.credentials.count == 3)
        var needles = credentials.credentials.map { $0.secret.reveal() }
        needles += ["Alice-Pa55word", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"]
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        #expect(bytes.count > 0)
        for needle in needles { #expect(bytes.range(of: Data(needle.utf8)) == nil, "a secret is in the database file") }
    }

    @Test func everySeedUnderSeedsLoads() async throws {
        let files = SeedFixtures.seedFiles
        #expect(files.count >= 3)
        for file in files {
            let store = try SQLiteAccountStore.inMemory()
            let seed = try LabSeed.load(contentsOf: file)
            let (service, _) = try await SeedFixtures.reset(in: store, to: seed)
            // Loading it again over itself changes nothing.
            #expect(try await service.applySeed(seed).changes == 0, "\(file.lastPathComponent)")
        }
    }

    @Test func walkthroughSeedsHoldTheStartAndEndStates() async throws {
        let store = try SQLiteAccountStore.inMemory()
        let start = try LabSeed.load(contentsOf: SeedFixtures.seedsDirectory.appendingPathComponent("walkthrough-start.yaml"))
        let (service, _) = try await SeedFixtures.reset(in: store, to: start)
        #expect(try await service.listUsers().items.map(\.name) == ["labuser"])
        #expect(try await service.getGroup(groupName: "admin").members.items.map(\.name) == ["labuser"])
        #expect(try await service.listAttachedGroupPolicies(groupName: "admin").items.map(\.policyName) == ["AdministratorAccess"])
        #expect(try await service.securityStatus().allSatisfy(\.passed))

        let end = try LabSeed.load(contentsOf: SeedFixtures.seedsDirectory.appendingPathComponent("walkthrough-end.yaml"))
        let credentials = try await service.resetLab(to: end)
        #expect(credentials.credentials.map(\.kind) == [.accessKey])
        #expect(credentials.credentials.first?.userName == "testuser1")
        #expect(try await service.getGroup(groupName: "labadmin").members.items.map(\.name) == ["testuser1"])
        #expect(try await service.listAttachedGroupPolicies(groupName: "labadmin").items.map(\.policyName) == ["AdministratorAccess", "Billing"])
        #expect(try await service.listAttachedUserPolicies(userName: "testuser1").items.isEmpty)
        let tags = try await service.getUser(userName: "testuser1").tags
        #expect(tags?.isEmpty ?? true)
        #expect(try await service.getLoginProfile(userName: "testuser1").passwordResetRequired == false)
        #expect(try await service.listAccessKeys(userName: "testuser1").items.count == 1)
        let events = try await ServiceFixtures.auditEvents(service).map(\.eventName)
        #expect(events.filter { $0 == "ResetLab" }.count == 2)
    }
}
