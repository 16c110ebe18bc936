import Foundation
import IAMCore
import IAMService
import Testing

@Suite struct AWSManagedPolicyCatalogueTests {
    /// Real IDs, paths and default versions (Seeds/aws-managed-policies/README.md).
    static let expected: [(arn: String, id: String, path: String, version: String)] = [
        ("arn:aws:iam::aws:policy/AdministratorAccess", "ANPAIWMBCKSKIEE64ZLYK", "/", "v1"),
        ("arn:aws:iam::aws:policy/ReadOnlyAccess", "ANPAILL3HVNFSB6DCOWYQ", "/", "v87"),
        ("arn:aws:iam::aws:policy/PowerUserAccess", "ANPAJYRXTHIB4FOVS3ZXS", "/", "v12"),
        ("arn:aws:iam::aws:policy/IAMFullAccess", "ANPAI7XKCFMBPM3QQRRVQ", "/", "v2"),
        ("arn:aws:iam::aws:policy/IAMReadOnlyAccess", "ANPAJKSO7NDY4T57MWDSQ", "/", "v4"),
        ("arn:aws:iam::aws:policy/IAMUserChangePassword", "ANPAJ4L4MM2A7QIEB56MS", "/", "v2"),
        ("arn:aws:iam::aws:policy/job-function/Billing", "ANPAIFTHXT6FFMIRT7ZEA", "/job-function/", "v9"),
        ("arn:aws:iam::aws:policy/SecurityAudit", "ANPAIX2T3QCXHR2OGGCTO", "/", "v45"),
        ("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", "ANPAID22R6XPJATWOFDK6", "/job-function/", "v36"),
    ]

    @Test(arguments: expected.indices)
    func everyCataloguePolicyIsPresentInANewAccountWithItsRealIdentity(_ index: Int) async throws {
        let service = try await ServiceFixtures.service()
        let entry = Self.expected[index]
        let policy = try await service.getPolicy(policyArn: entry.arn)
        #expect(policy.policy.id == entry.id)
        #expect(policy.policy.path == entry.path)
        #expect(policy.defaultVersionId == entry.version)
        #expect(policy.policy.isAWSManaged)
        let version = try await service.getPolicyVersion(policyArn: entry.arn, versionId: entry.version)
        // Every seed file is applied and its document is a valid managed policy.
        _ = try PolicyDocument(text: version.document, requiresCurrentVersion: true)
    }

    @Test func administratorAccessHasTheRealDocument() async throws {
        let service = try await ServiceFixtures.service()
        let version = try await service.getPolicyVersion(policyArn: PolicyFixtures.adminArn, versionId: "v1")
        let document = try PolicyDocument(text: version.document)
        #expect(document.statements.count == 1)
        #expect(version.json().text() .contains(#""Document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#))
    }

    @Test func readOnlyAccessAllowsReadsButNoWrites() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "auditor")
        try await service.attachUserPolicy(userName: "auditor", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess")
        #expect(try await service.authorize(userName: "auditor", action: "s3:GetObject", resource: "arn:aws:s3:::b/k").decision == .allowed)
        #expect(try await service.authorize(userName: "auditor", action: "iam:ListUsers").decision == .allowed)
        #expect(try await service.authorize(userName: "auditor", action: "iam:CreateUser").decision == .implicitDeny)
        #expect(try await service.authorize(userName: "auditor", action: "s3:PutObject", resource: "arn:aws:s3:::b/k").decision == .implicitDeny)
    }

    @Test func viewOnlyAccessAllowsListingButNotChanging() async throws {
        let service = try await ServiceFixtures.service()
        let results = try await service.simulateCustomPolicy(
            policyInputList: [try await service.getPolicyVersion(policyArn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", versionId: "v36").document],
            actionNames: ["s3:ListAllMyBuckets", "s3:GetObject", "apigateway:GET"],
            resourceArns: ["arn:aws:apigateway:us-east-1::/restapis"])
        #expect(results.map(\.result.decision) == [.allowed, .implicitDeny, .allowed])
    }

    @Test func listPoliciesScopeAWSListsTheCatalogueOnly() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createPolicy(policyName: "mine", policyDocument: PolicyFixtures.allowAll)
        let aws = try await service.listPolicies(scope: .aws).items.map(\.policy.name)
        #expect(aws == ["AdministratorAccess", "Billing", "IAMFullAccess", "IAMReadOnlyAccess", "IAMUserChangePassword", "PowerUserAccess", "ReadOnlyAccess", "SecurityAudit", "ViewOnlyAccess"])
        let local = try await service.listPolicies(scope: .local).items.map(\.policy.name)
        #expect(local == ["mine"])
    }

    @Test func reopeningADatabaseDoesNotReinstallAnUnchangedCatalogue() async throws {
        let service = try await ServiceFixtures.service()
        let before = try await service.store.read { tx in try tx.setting("awsManagedPoliciesDigest") }
        #expect(before?.count == 64)
        let epoch = try await service.store.read { tx in try tx.setting("policyEpoch") }
        let reopened = try await IAMService(store: service.store, masterKey: .generate(), clock: .fixed(ServiceFixtures.now))
        let after = try await reopened.store.read { tx in (try tx.setting("awsManagedPoliciesDigest"), try tx.setting("policyEpoch")) }
        #expect(after.0 == before)
        #expect(after.1 == epoch)
    }

    @Test func aChangedCatalogueDigestRefreshesTheRowsWhenTheServiceOpens() async throws {
        let service = try await ServiceFixtures.service()
        try await service.store.write { tx in
            try tx.setSetting("awsManagedPoliciesDigest", to: "stale")
            // An older default version replaced by the catalogue's.
            try tx.insert(PolicyVersion(policyId: "ANPAIWMBCKSKIEE64ZLYK", versionId: "v7", document: PolicyFixtures.denyAll, isDefault: false, createdAt: ServiceFixtures.now))
        }
        let reopened = try await IAMService(store: service.store, masterKey: .generate(), clock: .fixed(ServiceFixtures.now))
        let versions = try await reopened.listPolicyVersions(policyArn: PolicyFixtures.adminArn).items.map(\.versionId)
        #expect(versions == ["v1"])
        let digest = try await reopened.store.read { tx in try tx.setting("awsManagedPoliciesDigest") }
        #expect(digest != "stale")
    }

    @Test func awsManagedPoliciesCannotBeDeletedOrChanged() async throws {
        let service = try await ServiceFixtures.service()
        let refusal = IAMError(.invalidInput, "Policy \(PolicyFixtures.adminArn) is an AWS managed policy and cannot be modified or deleted.")
        await #expect(throws: refusal) { try await service.deletePolicy(policyArn: PolicyFixtures.adminArn) }
        await #expect(throws: refusal) {
            _ = try await service.createPolicyVersion(policyArn: PolicyFixtures.adminArn, policyDocument: PolicyFixtures.denyAll)
        }
        #expect(try await service.getPolicy(policyArn: PolicyFixtures.adminArn).defaultVersionId == "v1")
    }
}
