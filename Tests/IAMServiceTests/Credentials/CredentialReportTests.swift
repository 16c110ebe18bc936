import Foundation
import IAMCore
import IAMService
import Testing

@Suite struct CredentialReportTests {
    @Test func getBeforeGenerateIsReportNotPresent() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(
            throws: IAMError(.reportNotPresent, "Credential report not present. Use GenerateCredentialReport to generate a report.")
        ) { _ = try await service.getCredentialReport() }
    }

    @Test func reportHasRootRowThenUsersBuiltFromRealData() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        try await CredentialFixtures.insertUser("bob", in: service)
        _ = try await service.createLoginProfile(userName: "alice", password: "Alice-Pass-1")
        let key = try await service.createAccessKey(userName: "alice").accessKey.id
        try await service.updateAccessKey(accessKeyId: key, status: "Inactive", userName: "alice")
        let secondKey = try await service.createAccessKey(userName: "alice").accessKey.id
        try await service.recordAccessKeyUse(id: key, service: "s3", region: "eu-west-1", at: ServiceFixtures.now)

        let generation = try await service.generateCredentialReport()
        #expect(generation == CredentialReportGeneration(state: "STARTED", description: "No report exists. Starting a new report generation task"))
        let report = try await service.getCredentialReport()
        #expect(report.reportFormat == "text/csv" && report.generatedTime == ServiceFixtures.now)
        let lines = String(decoding: report.content, as: UTF8.self).split(separator: "\n").map(String.init)
        let t = "2025-11-24T16:00:00+00:00"
        #expect(lines.count == 4)
        #expect(lines[0] == IAMService.credentialReportColumns.joined(separator: ","))
        #expect(lines[1] == "<root_account>,arn:aws:iam::123456789012:root,\(t),not_supported,no_information,not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A")
        // Key columns in the store's order: creation date (both keys share the fixture's instant), then ID.
        let used = "false,\(t),\(t),eu-west-1,s3"
        let unused = "true,\(t),N/A,N/A,N/A"
        let keyColumns = key < secondKey ? "\(used),\(unused)" : "\(unused),\(used)"
        #expect(lines[2] == "alice,arn:aws:iam::123456789012:user/alice,\(t),true,no_information,\(t),N/A,false,\(keyColumns),false,N/A,false,N/A")
        #expect(lines[3] == "bob,arn:aws:iam::123456789012:user/bob,\(t),false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A")
        #expect(report.json["Content"] == .string(report.content.base64EncodedString()))
    }

    @Test func recentReportIsReusedAndOldOneExpires() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.generateCredentialReport()
        try await CredentialFixtures.insertUser("alice", in: service)
        #expect(try await service.generateCredentialReport().state == "COMPLETE")
        #expect(!String(decoding: try await service.getCredentialReport().content, as: UTF8.self).contains("alice"))
        let later = try await IAMService(
            store: service.store, masterKey: .generate(), clock: .fixed(ServiceFixtures.now.addingTimeInterval(4 * 3600 + 1)),
            passwordHasher: ServiceFixtures.fastHasher)
        await #expect(
            throws: IAMError(.reportExpired, "The most recent credential report has expired. Use GenerateCredentialReport to generate a new report.")
        ) { _ = try await later.getCredentialReport() }
        #expect(try await later.generateCredentialReport().state == "STARTED")
        #expect(String(decoding: try await later.getCredentialReport().content, as: UTF8.self).contains("\nalice,"))
    }

    @Test func passwordNextRotationFollowsMaxPasswordAge() async throws {
        let service = try await ServiceFixtures.service()
        try await service.updateAccountPasswordPolicy(maxPasswordAge: 90)
        try await CredentialFixtures.insertUser("alice", in: service)
        _ = try await service.createLoginProfile(userName: "alice", password: "Alice-Pass-1")
        _ = try await service.generateCredentialReport()
        let lines = String(decoding: try await service.getCredentialReport().content, as: UTF8.self).split(separator: "\n")
        let fields = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(fields[3] == "true" && fields[6] == "2026-02-22T16:00:00+00:00")
    }
}
