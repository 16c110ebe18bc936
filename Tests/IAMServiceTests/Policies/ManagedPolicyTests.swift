import Foundation
import IAMCore
import IAMService
import Testing

@Suite struct ManagedPolicyTests {
    @Test func createPolicyReturnsTheAWSShapeAndKeepsTheSubmittedText() async throws {
        let service = try await ServiceFixtures.service()
        let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]\n}"
        let created = try await service.createPolicy(
            policyName: "S3All", policyDocument: text, path: "/lab/", description: "lab", tags: [Tag(key: "team", value: "a")])
        #expect(created.policy.id.hasPrefix("ANPA") && created.policy.id.count == 21)
        #expect(created.arn == "arn:aws:iam::123456789012:policy/lab/S3All")
        #expect(created.defaultVersionId == "v1")
        let json = created.json.text()
        #expect(json.hasPrefix(#"{"PolicyName":"S3All","PolicyId":"\#(created.policy.id)","Arn":"arn:aws:iam::123456789012:policy/lab/S3All","Path":"/lab/","DefaultVersionId":"v1","AttachmentCount":0,"PermissionsBoundaryUsageCount":0,"IsAttachable":true,"Description":"lab","CreateDate":"#))
        #expect(json.hasSuffix(#""Tags":[{"Key":"team","Value":"a"}]}"#))
        let version = try await service.getPolicyVersion(policyArn: created.arn, versionId: "v1")
        #expect(version.document == text)
        #expect(version.json().text().hasPrefix(#"{"Document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]},"VersionId":"v1","IsDefaultVersion":true"#))
        let events = try await IdentityFixtures.audit(service)
        #expect(events.contains("CreatePolicy"))
    }

    @Test func createPolicyRequiresVersion20121017AndChangesNothingWhenRefused() async throws {
        let service = try await ServiceFixtures.service()
        let before = try await PolicyFixtures.snapshot(service)
        await #expect(throws: IAMError(.malformedPolicyDocument, "Policy document must be version 2012-10-17 or greater.")) {
            _ = try await service.createPolicy(
                policyName: "old", policyDocument: #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        }
        #expect(try await PolicyFixtures.snapshot(service) == before)
        #expect(try await PolicyFixtures.lastAudit(service) == "CreatePolicy:MalformedPolicyDocument")
    }

    @Test func createPolicyOverTheSizeQuotaIsLimitExceeded() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createPolicy(policyName: "exact", policyDocument: PolicyFixtures.document(size: 6144))
        await #expect(throws: IAMError(.limitExceeded, "Cannot exceed quota for PolicySize: 6144")) {
            _ = try await service.createPolicy(policyName: "over", policyDocument: PolicyFixtures.document(size: 6145))
        }
        #expect(try await service.listPolicies(scope: .local).items.map(\.policy.name) == ["exact"])
    }

    @Test func createPolicyWithATakenNameIsEntityAlreadyExists() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createPolicy(policyName: "dup", policyDocument: PolicyFixtures.allowAll)
        await #expect(throws: IAMError(.entityAlreadyExists, "A policy called DUP already exists. Duplicate names are not allowed.")) {
            _ = try await service.createPolicy(policyName: "DUP", policyDocument: PolicyFixtures.allowAll)
        }
    }

    @Test func createPolicyAtTheQuotaIsLimitExceeded() async throws {
        let service = try await ServiceFixtures.service()
        try await service.store.write { tx in
            for index in 0..<1500 {
                try tx.insert(ManagedPolicy(id: "ANPA" + String(format: "%017d", index), accountId: "123456789012", name: "p\(index)", createdAt: .now, updatedAt: .now))
            }
        }
        await #expect(throws: IAMError(.limitExceeded, "Cannot exceed quota for Policies: 1500")) {
            _ = try await service.createPolicy(policyName: "one-too-many", policyDocument: PolicyFixtures.allowAll)
        }
    }

    @Test func getPolicyOfAMissingPolicyIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(throws: IAMError(.noSuchEntity, "Policy arn:aws:iam::123456789012:policy/ghost was not found.")) {
            _ = try await service.getPolicy(policyArn: PolicyFixtures.arn("ghost"))
        }
    }

    @Test func versionsAreCappedAtFiveAndVersionIDsAreNeverReused() async throws {
        let service = try await ServiceFixtures.service()
        let arn = try await service.createPolicy(policyName: "p", policyDocument: PolicyFixtures.allowAll).arn
        for _ in 2...5 { _ = try await service.createPolicyVersion(policyArn: arn, policyDocument: PolicyFixtures.allowS3Read) }
        let before = try await PolicyFixtures.snapshot(service)
        await #expect(
            throws: IAMError(
                .limitExceeded,
                "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.")
        ) {
            _ = try await service.createPolicyVersion(policyArn: arn, policyDocument: PolicyFixtures.allowS3Read)
        }
        #expect(try await PolicyFixtures.snapshot(service) == before)
        try await service.deletePolicyVersion(policyArn: arn, versionId: "v5")
        let next = try await service.createPolicyVersion(policyArn: arn, policyDocument: PolicyFixtures.allowS3Read, setAsDefault: true)
        #expect(next.versionId == "v6")
        #expect(next.isDefault)
        #expect(try await service.listPolicyVersions(policyArn: arn).items.map(\.versionId) == ["v6", "v4", "v3", "v2", "v1"])
        #expect(try await service.getPolicy(policyArn: arn).defaultVersionId == "v6")
    }

    @Test func theDefaultVersionCannotBeDeleted() async throws {
        let service = try await ServiceFixtures.service()
        let arn = try await service.createPolicy(policyName: "p", policyDocument: PolicyFixtures.allowAll).arn
        await #expect(throws: IAMError(.deleteConflict, "Cannot delete the default version of a policy.")) {
            try await service.deletePolicyVersion(policyArn: arn, versionId: "v1")
        }
        #expect(try await PolicyFixtures.lastAudit(service) == "DeletePolicyVersion:DeleteConflict")
    }

    @Test func setDefaultPolicyVersionSwitchesTheDefault() async throws {
        let service = try await ServiceFixtures.service()
        let arn = try await service.createPolicy(policyName: "p", policyDocument: PolicyFixtures.allowAll).arn
        _ = try await service.createPolicyVersion(policyArn: arn, policyDocument: PolicyFixtures.allowS3Read)
        try await service.setDefaultPolicyVersion(policyArn: arn, versionId: "v2")
        let versions = try await service.listPolicyVersions(policyArn: arn).items
        #expect(versions.map { "\($0.versionId):\($0.isDefault)" } == ["v2:true", "v1:false"])
        await #expect(throws: IAMError(.noSuchEntity, "Policy \(arn) version v9 does not exist.")) {
            try await service.setDefaultPolicyVersion(policyArn: arn, versionId: "v9")
        }
    }

    @Test func deletePolicyIsRefusedWhileAttachedUsedAsBoundaryOrVersioned() async throws {
        let service = try await ServiceFixtures.service()
        let arn = try await service.createPolicy(policyName: "p", policyDocument: PolicyFixtures.allowAll).arn
        _ = try await service.createUser(userName: "alice")
        try await service.attachUserPolicy(userName: "alice", policyArn: arn)
        let attached = IAMError(.deleteConflict, "Cannot delete a policy attached to entities.")
        await #expect(throws: attached) { try await service.deletePolicy(policyArn: arn) }
        try await service.detachUserPolicy(userName: "alice", policyArn: arn)
        try await service.putUserPermissionsBoundary(userName: "alice", permissionsBoundary: arn)
        await #expect(throws: attached) { try await service.deletePolicy(policyArn: arn) }
        try await service.deleteUserPermissionsBoundary(userName: "alice")
        _ = try await service.createPolicyVersion(policyArn: arn, policyDocument: PolicyFixtures.allowS3Read)
        await #expect(
            throws: IAMError(
                .deleteConflict,
                "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.")
        ) { try await service.deletePolicy(policyArn: arn) }
        try await service.deletePolicyVersion(policyArn: arn, versionId: "v2")
        try await service.deletePolicy(policyArn: arn)
        #expect(try await service.listPolicies(scope: .local).items.isEmpty)
        #expect(try await PolicyFixtures.lastAudit(service) == "DeletePolicy")
    }

    @Test func getPolicyCountsAttachmentsAndBoundaryUsesLive() async throws {
        let service = try await ServiceFixtures.service()
        let arn = try await service.createPolicy(policyName: "p", policyDocument: PolicyFixtures.allowAll).arn
        _ = try await service.createUser(userName: "alice")
        _ = try await service.createUser(userName: "bob", permissionsBoundary: arn)
        _ = try await service.createGroup(groupName: "devs")
        try await service.attachUserPolicy(userName: "alice", policyArn: arn)
        try await service.attachGroupPolicy(groupName: "devs", policyArn: arn)
        let policy = try await service.getPolicy(policyArn: arn)
        #expect(policy.attachmentCount == 2)
        #expect(policy.permissionsBoundaryUsageCount == 1)
        let entities = try await service.listEntitiesForPolicy(policyArn: arn)
        #expect(entities.users.map(\.name) == ["alice", "bob"])
        #expect(entities.groups.map(\.name) == ["devs"])
        #expect(try await service.listPolicies(scope: .local, onlyAttached: true).items.map(\.policy.name) == ["p"])
        #expect(try await service.listPolicies(scope: .all, onlyAttached: true, usage: .permissionsBoundary).items.map(\.policy.name) == ["p"])
        #expect(try await service.listPolicies(scope: .aws, onlyAttached: true).items.isEmpty)
    }

    @Test func listEntitiesForPolicyFiltersByEntityPathAndUsage() async throws {
        let service = try await ServiceFixtures.service()
        let arn = try await service.createPolicy(policyName: "p", policyDocument: PolicyFixtures.allowAll).arn
        _ = try await service.createUser(userName: "alice", path: "/eng/")
        _ = try await service.createUser(userName: "bob", permissionsBoundary: arn)
        _ = try await service.createUser(userName: "carol", path: "/eng/", permissionsBoundary: arn)
        _ = try await service.createGroup(groupName: "devs", path: "/eng/")
        _ = try await service.createGroup(groupName: "ops")
        for user in ["alice", "carol"] { try await service.attachUserPolicy(userName: user, policyArn: arn) }
        for group in ["devs", "ops"] { try await service.attachGroupPolicy(groupName: group, policyArn: arn) }

        let attached = try await service.listEntitiesForPolicy(policyArn: arn, usage: .permissionsPolicy)
        #expect(attached.users.map(\.name) == ["alice", "carol"])
        #expect(attached.groups.map(\.name) == ["devs", "ops"])
        let boundaries = try await service.listEntitiesForPolicy(policyArn: arn, usage: .permissionsBoundary)
        #expect(boundaries.users.map(\.name) == ["bob", "carol"])
        #expect(boundaries.groups.isEmpty)
        let everything = try await service.listEntitiesForPolicy(policyArn: arn)
        #expect(everything.users.map(\.name) == ["alice", "bob", "carol"])
        let users = try await service.listEntitiesForPolicy(policyArn: arn, entityFilter: .user)
        #expect(users.groups.isEmpty && users.users.count == 3)
        let groups = try await service.listEntitiesForPolicy(policyArn: arn, entityFilter: .group)
        #expect(groups.users.isEmpty && groups.groups.count == 2)
        #expect(try await service.listEntitiesForPolicy(policyArn: arn, entityFilter: .role).json["PolicyUsers"] == .array([]))
        let eng = try await service.listEntitiesForPolicy(policyArn: arn, pathPrefix: "/eng/")
        #expect(eng.users.map(\.name) == ["alice", "carol"])
        #expect(eng.groups.map(\.name) == ["devs"])
        let error = await #expect(throws: IAMError.self) {
            _ = try await service.listEntitiesForPolicy(policyArn: arn, pathPrefix: "eng")
        }
        #expect(error?.code == .validationError)
    }

    @Test func listEntitiesForPolicyPagesThroughGroupsThenUsers() async throws {
        let service = try await ServiceFixtures.service()
        let arn = try await service.createPolicy(policyName: "p", policyDocument: PolicyFixtures.allowAll).arn
        for name in ["u1", "u2", "u3"] {
            _ = try await service.createUser(userName: name)
            try await service.attachUserPolicy(userName: name, policyArn: arn)
        }
        for name in ["g1", "g2"] {
            _ = try await service.createGroup(groupName: name)
            try await service.attachGroupPolicy(groupName: name, policyArn: arn)
        }
        var seen: [String] = []
        var marker: String?
        var pages = 0
        repeat {
            let page = try await service.listEntitiesForPolicy(policyArn: arn, page: PageRequest(marker: marker, maxItems: 2))
            seen += page.groups.map(\.name) + page.users.map(\.name)
            #expect(page.json["IsTruncated"] == .bool(page.nextMarker != nil))
            marker = page.nextMarker
            pages += 1
        } while marker != nil
        #expect(seen == ["g1", "g2", "u1", "u2", "u3"])
        #expect(pages == 3)
    }

    @Test func policyTagKeysAreCaseSensitive() async throws {
        let service = try await ServiceFixtures.service()
        let arn = try await service.createPolicy(policyName: "p", policyDocument: PolicyFixtures.allowAll).arn
        try await service.tagPolicy(policyArn: arn, tags: [Tag(key: "Env", value: "prod"), Tag(key: "env", value: "dev")])
        #expect(try await service.listPolicyTags(policyArn: arn).items == [Tag(key: "Env", value: "prod"), Tag(key: "env", value: "dev")])
        try await service.untagPolicy(policyArn: arn, tagKeys: ["env"])
        #expect(try await service.listPolicyTags(policyArn: arn).items == [Tag(key: "Env", value: "prod")])
    }

    @Test func listPoliciesPagesWithMarkers() async throws {
        let service = try await ServiceFixtures.service()
        for name in ["a", "b", "c"] { _ = try await service.createPolicy(policyName: name, policyDocument: PolicyFixtures.allowAll) }
        let first = try await service.listPolicies(scope: .local, page: PageRequest(maxItems: 2))
        #expect(first.items.map(\.policy.name) == ["a", "b"])
        let second = try await service.listPolicies(scope: .local, page: PageRequest(marker: first.nextMarker, maxItems: 2))
        #expect(second.items.map(\.policy.name) == ["c"])
        #expect(!second.isTruncated)
    }
}
