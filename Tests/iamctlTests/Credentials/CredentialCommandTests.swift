import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite
import Testing
@testable import iamctl

@Suite struct CredentialCommandTests {
    /// An initialized database with user `alice`, inserted through the store (no users command here).
    static func harnessWithAlice() async throws -> CLIHarness {
        let cli = try CLIHarness()
        let initialized = await cli.initialize()
        #expect(initialized.status == 0, "\(initialized.stderr)")
        let store = try SQLiteAccountStore.open(at: cli.database)
        try await store.write { tx in
            try tx.insert(User(id: "AIDAXXXXXXXXXXXXALICE", accountId: "123456789012", name: "alice", createdAt: Date()))
        }
        return cli
    }

    @Test func createAccessKeyWithoutUserNameIsARootKeyWithAWarning() async throws {
        let cli = try await Self.harnessWithAlice()
        let result = await cli.run(["create-access-key"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Warning: this access key belongs to the root user"))
        let key = try #require(try CLIHarness.json(result.stdout)["AccessKey"] as? [String: Any])
        #expect((key["AccessKeyId"] as? String)?.hasPrefix("AKIA") == true)
        #expect((key["SecretAccessKey"] as? String)?.count == 40)
        #expect(key["Status"] as? String == "Active" && key["UserName"] == nil)
        let listed = await cli.run(["list-access-keys"])
        #expect(!listed.stdout.contains(key["SecretAccessKey"] as? String ?? "-"))
        #expect(listed.stdout.contains(key["AccessKeyId"] as? String ?? "-"))
        let table = await cli.run(["list-access-keys", "--output", "table"])
        #expect(table.stdout.contains("AccessKeyMetadata"))
        #expect(table.stdout.contains("| AccessKeyId ") && table.stdout.contains("| Active |"))
    }

    @Test func createAccessKeyWritesTheCredentialsCSVWithMode0600() async throws {
        let cli = try await Self.harnessWithAlice()
        let csv = cli.directory + "/alice_credentials.csv"
        let result = await cli.run(["create-access-key", "--user-name", "alice", "--credentials-csv", csv])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("Warning"))
        let key = try #require(try CLIHarness.json(result.stdout)["AccessKey"] as? [String: Any])
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(text == """
            User name,Password,Access key ID,Secret access key,Console login link
            alice,,\(key["AccessKeyId"] as? String ?? ""),\(key["SecretAccessKey"] as? String ?? ""),https://123456789012.signin.aws.amazon.com/console

            """)
        let mode = try FileManager.default.attributesOfItem(atPath: csv)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func thirdAccessKeyFailsLikeTheAWSCLI() async throws {
        let cli = try await Self.harnessWithAlice()
        _ = await cli.run(["create-access-key", "--user-name", "alice"])
        _ = await cli.run(["create-access-key", "--user-name", "alice"], seed: 2)
        let third = await cli.run(["create-access-key", "--user-name", "alice"], seed: 3)
        #expect(third.status == 254)
        #expect(third.stderr.contains(
            "An error occurred (LimitExceeded) when calling the CreateAccessKey operation: Cannot exceed quota for AccessKeysPerUser: 2"))
    }

    @Test func loginProfileLifecycleWithPasswordFromStandardInput() async throws {
        let cli = try await Self.harnessWithAlice()
        let csv = cli.directory + "/console.csv"
        let created = await cli.run(
            ["create-login-profile", "--user-name", "alice", "--password-stdin", "--password-reset-required", "--credentials-csv", csv],
            input: "Alice-Pass-1\n")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(!created.stdout.contains("Alice-Pass-1"))
        let profile = try #require(try CLIHarness.json(created.stdout)["LoginProfile"] as? [String: Any])
        #expect(profile["UserName"] as? String == "alice" && profile["PasswordResetRequired"] as? Bool == true)
        #expect((profile["CreateDate"] as? String)?.hasSuffix("+00:00") == true)
        #expect(try String(contentsOfFile: csv, encoding: .utf8).contains("\nalice,Alice-Pass-1,,,https://123456789012.signin.aws.amazon.com/console\n"))
        let again = await cli.run(["create-login-profile", "--user-name", "alice", "--password", "Other-Pass-2"])
        #expect(again.stderr.contains(
            "An error occurred (EntityAlreadyExists) when calling the CreateLoginProfile operation: Login Profile for user alice already exists."))
        #expect(await cli.run(["delete-login-profile", "--user-name", "alice"]).status == 0)
        let missing = await cli.run(["get-login-profile", "--user-name", "alice"])
        #expect(missing.stderr.contains(
            "An error occurred (NoSuchEntity) when calling the GetLoginProfile operation: Login Profile for User alice cannot be found."))
    }

    @Test func passwordPolicyRoundTripAndTextOutput() async throws {
        let cli = try await Self.harnessWithAlice()
        let missing = await cli.run(["get-account-password-policy"])
        #expect(missing.stderr.contains("The Password Policy with domain name 123456789012 cannot be found."))
        let updated = await cli.run(["update-account-password-policy", "--minimum-password-length", "12", "--require-symbols"])
        #expect(updated.status == 0, "\(updated.stderr)")
        let shown = await cli.run(["get-account-password-policy"])
        let policy = try #require(try CLIHarness.json(shown.stdout)["PasswordPolicy"] as? [String: Any])
        #expect(policy["MinimumPasswordLength"] as? Int == 12 && policy["RequireSymbols"] as? Bool == true)
        #expect(policy["RequireNumbers"] as? Bool == false && policy["ExpirePasswords"] as? Bool == false)
        let violation = await cli.run(["create-login-profile", "--user-name", "alice", "--password", "short"])
        #expect(violation.stderr.contains(
            "An error occurred (PasswordPolicyViolation) when calling the CreateLoginProfile operation: Password should have a minimum length of 12"))
        let text = await cli.run(["get-account-password-policy", "--output", "text"])
        #expect(text.stdout.hasPrefix("PASSWORDPOLICY\t"))
    }

    @Test func virtualMFADeviceSeedGoesToTheOutfileAndEnablesTheRootDevice() async throws {
        let cli = try await Self.harnessWithAlice()
        let seedFile = cli.directory + "/seed.txt"
        let created = await cli.run([
            "create-virtual-mfa-device", "--virtual-mfa-device-name", "root-account-mfa-device", "--outfile", seedFile,
            "--bootstrap-method", "Base32StringSeed",
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let serial = "arn:aws:iam::123456789012:mfa/root-account-mfa-device"
        let device = try #require(try CLIHarness.json(created.stdout)["VirtualMFADevice"] as? [String: Any])
        #expect(device["SerialNumber"] as? String == serial)
        let base32 = try String(contentsOfFile: seedFile, encoding: .utf8)
        #expect(!created.stdout.contains(base32))
        #expect(try FileManager.default.attributesOfItem(atPath: seedFile)[.posixPermissions] as? Int == 0o600)
        let seed = try #require(Base32.decode(base32))
        let step = TOTP.timeStep(at: Date())
        let enabled = await cli.run([
            "enable-mfa-device", "--serial-number", serial, "--authentication-code1", TOTP.code(seed: seed, step: step - 1),
            "--authentication-code2", TOTP.code(seed: seed, step: step),
        ])
        #expect(enabled.status == 0, "\(enabled.stderr)")
        let listed = try CLIHarness.json(await cli.run(["list-virtual-mfa-devices", "--assignment-status", "Assigned"]).stdout)
        let devices = try #require(listed["VirtualMFADevices"] as? [[String: Any]])
        #expect(devices.map { $0["SerialNumber"] as? String } == [serial])
        let png = cli.directory + "/qr.png"
        let second = await cli.run([
            "create-virtual-mfa-device", "--virtual-mfa-device-name", "alice-phone", "--outfile", png, "--bootstrap-method", "QRCodePNG",
        ])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: png)).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let bad = await cli.run([
            "enable-mfa-device", "--user-name", "alice", "--serial-number", "arn:aws:iam::123456789012:mfa/alice-phone",
            "--authentication-code1", "123456", "--authentication-code2", "654321",
        ])
        #expect(bad.stderr.contains(
            "An error occurred (InvalidAuthenticationCode) when calling the EnableMFADevice operation: MultiFactorAuthentication failed with invalid MFA one time pass code."))
    }

    @Test func credentialReportIsBase64CSVAfterGeneration() async throws {
        let cli = try await Self.harnessWithAlice()
        let before = await cli.run(["get-credential-report"])
        #expect(before.stderr.contains("An error occurred (ReportNotPresent) when calling the GetCredentialReport operation"))
        let generated = try CLIHarness.json(await cli.run(["generate-credential-report"]).stdout)
        #expect(generated["State"] as? String == "STARTED")
        let report = try CLIHarness.json(await cli.run(["get-credential-report"]).stdout)
        #expect(report["ReportFormat"] as? String == "text/csv")
        let content = try #require(Data(base64Encoded: report["Content"] as? String ?? ""))
        let lines = String(decoding: content, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3 && lines[1].hasPrefix("<root_account>,") && lines[2].hasPrefix("alice,"))
    }
}
