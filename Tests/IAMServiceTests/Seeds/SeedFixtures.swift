import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite

/// Seeds for the seed tests, and the repository's `Seeds/` folder.
enum SeedFixtures {
    /// `Seeds/` at the root of the repository.
    static let seedsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Seeds")

    /// Every seed file under `Seeds/` (YAML or JSON, the schema excluded).
    static var seedFiles: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: seedsDirectory.path)) ?? []
        return names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".json")) && !$0.contains("schema") }.sorted()
            .map { seedsDirectory.appendingPathComponent($0) }
    }

    /// A lab with one of everything, for account 123456789012.
    static let lab = """
        account:
          id: "123456789012"
          alias: seed-lab
        root:
          email: trainer@example.com
        password_policy:
          minimum_password_length: 10
          require_numbers: true
        policies:
          - name: LabRead
            path: /lab/
            description: Read the lab bucket
            document:
              Version: "2012-10-17"
              Statement:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource: arn:aws:s3:::lab-bucket/*
            tags:
              team: training
        users:
          - name: alice
            path: /students/
            tags:
              location: us_va_norfolk
            password: "Alice-Pa55word"
            password_reset_required: true
            access_keys:
              - id: AKIAIOSFODNN7EXAMPLE
                secret: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
              - status: Inactive
            mfa_device:
              seed: JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
            policies: [LabRead]
            inline_policies:
              - name: DenyBilling
                document: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"aws-portal:*","Resource":"*"}]}'
            permissions_boundary: AdministratorAccess
          - name: bob
            generate_password: true
            access_keys:
              - {}
        groups:
          - name: students
            members: [alice, bob]
            policies: [IAMUserChangePassword, arn:aws:iam::aws:policy/job-function/Billing]
            inline_policies:
              - name: ReadLab
                document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}'
        """

    static func parse(_ text: String) throws -> LabSeed { try LabSeed.parse(text, file: "lab.yaml") }

    /// A fresh in-memory account 123456789012 (the service fixture's).
    static func service(seed: UInt64 = 7) async throws -> IAMService {
        try await ServiceFixtures.service(seed: seed)
    }

    /// A file database in a new temporary folder.
    static func fileStore() throws -> (store: SQLiteAccountStore, path: String, directory: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seeds-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/iam.sqlite"
        return (try SQLiteAccountStore.open(at: path), path, directory)
    }

    static let masterKey = MasterKey.generate()

    static func reset(in store: any AccountStore, to seed: LabSeed, random: UInt64 = 3) async throws -> (IAMService, SeedCredentials) {
        try await IAMService.resetLab(
            in: store, to: seed, masterKey: masterKey, source: .library, clock: .fixed(ServiceFixtures.now),
            random: .seeded(random), passwordHasher: ServiceFixtures.fastHasher)
    }
}
