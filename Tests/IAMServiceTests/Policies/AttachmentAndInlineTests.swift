import Foundation
import IAMCore
import IAMService
import Testing

@Suite struct AttachmentAndInlineTests {
    private func serviceWithUserAndGroup() async throws -> IAMService {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "alice")
        _ = try await service.createGroup(groupName: "devs")
        return service
    }

    @Test func attachingTheEleventhPolicyToAUserIsLimitExceeded() async throws {
        let service = try await serviceWithUserAndGroup()
        for index in 0..<10 {
            let arn = try await service.createPolicy(policyName: "p\(index)", policyDocument: PolicyFixtures.allowAll).arn
            try await service.attachUserPolicy(userName: "alice", policyArn: arn)
        }
        let before = try await PolicyFixtures.snapshot(service)
        await #expect(throws: IAMError(.limitExceeded, "Cannot exceed quota for PoliciesPerUser: 10")) {
            try await service.attachUserPolicy(userName: "alice", policyArn: PolicyFixtures.adminArn)
        }
        #expect(try await PolicyFixtures.snapshot(service) == before)
        #expect(try await PolicyFixtures.lastAudit(service) == "AttachUserPolicy:LimitExceeded")
        // Re-attaching one already attached is not an eleventh attachment.
        try await service.attachUserPolicy(userName: "alice", policyArn: PolicyFixtures.arn("p0"))
    }

    @Test func attachingTheEleventhPolicyToAGroupIsLimitExceeded() async throws {
        let service = try await serviceWithUserAndGroup()
        for index in 0..<10 {
            let arn = try await service.createPolicy(policyName: "p\(index)", policyDocument: PolicyFixtures.allowAll).arn
            try await service.attachGroupPolicy(groupName: "devs", policyArn: arn)
        }
        await #expect(throws: IAMError(.limitExceeded, "Cannot exceed quota for PoliciesPerGroup: 10")) {
            try await service.attachGroupPolicy(groupName: "devs", policyArn: PolicyFixtures.adminArn)
        }
    }

    @Test func attachingAMissingPolicyIsNoSuchEntity() async throws {
        let service = try await serviceWithUserAndGroup()
        await #expect(throws: IAMError(.noSuchEntity, "Policy arn:aws:iam::123456789012:policy/ghost does not exist or is not attachable.")) {
            try await service.attachUserPolicy(userName: "alice", policyArn: PolicyFixtures.arn("ghost"))
        }
        await #expect(throws: IAMError.noSuchUser(named: "ghost")) {
            try await service.attachUserPolicy(userName: "ghost", policyArn: PolicyFixtures.adminArn)
        }
    }

    @Test func detachingAPolicyThatIsNotAttachedIsNoSuchEntity() async throws {
        let service = try await serviceWithUserAndGroup()
        await #expect(throws: IAMError(.noSuchEntity, "Policy \(PolicyFixtures.adminArn) was not found.")) {
            try await service.detachUserPolicy(userName: "alice", policyArn: PolicyFixtures.adminArn)
        }
        await #expect(throws: IAMError(.noSuchEntity, "Policy \(PolicyFixtures.adminArn) was not found.")) {
            try await service.detachGroupPolicy(groupName: "devs", policyArn: PolicyFixtures.adminArn)
        }
    }

    @Test func attachedPoliciesAreListedByName() async throws {
        let service = try await serviceWithUserAndGroup()
        try await service.attachUserPolicy(userName: "alice", policyArn: PolicyFixtures.adminArn)
        try await service.attachGroupPolicy(groupName: "devs", policyArn: PolicyFixtures.billingArn)
        let user = try await service.listAttachedUserPolicies(userName: "alice").items
        #expect(user.map { $0.json.text() } == [#"{"PolicyName":"AdministratorAccess","PolicyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}"#])
        let group = try await service.listAttachedGroupPolicies(groupName: "devs", pathPrefix: "/job-function/").items
        #expect(group.map(\.policyArn) == [PolicyFixtures.billingArn])
        #expect(try await service.listAttachedGroupPolicies(groupName: "devs", pathPrefix: "/other/").items.isEmpty)
    }

    @Test func userInlinePoliciesMayOmitVersionAndAreReplacedByName() async throws {
        let service = try await serviceWithUserAndGroup()
        let legacy = #"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#
        try await service.putUserPolicy(userName: "alice", policyName: "s3", policyDocument: legacy)
        try await service.putUserPolicy(userName: "alice", policyName: "S3", policyDocument: PolicyFixtures.allowS3Read)
        #expect(try await service.listUserPolicies(userName: "alice").items == ["s3"])
        let policy = try await service.getUserPolicy(userName: "alice", policyName: "s3")
        #expect(policy.document == PolicyFixtures.allowS3Read)
        #expect(policy.json.text().hasPrefix(#"{"UserName":"alice","PolicyName":"s3","PolicyDocument":{"Version":"2012-10-17""#))
        try await service.deleteUserPolicy(userName: "alice", policyName: "s3")
        await #expect(throws: IAMError(.noSuchEntity, "The user policy with name s3 cannot be found.")) {
            _ = try await service.getUserPolicy(userName: "alice", policyName: "s3")
        }
    }

    @Test func userInlinePoliciesOverTheAggregateSizeAreLimitExceeded() async throws {
        let service = try await serviceWithUserAndGroup()
        try await service.putUserPolicy(userName: "alice", policyName: "one", policyDocument: PolicyFixtures.document(size: 1024))
        try await service.putUserPolicy(userName: "alice", policyName: "two", policyDocument: PolicyFixtures.document(size: 1024))
        let before = try await PolicyFixtures.snapshot(service)
        await #expect(throws: IAMError(.limitExceeded, "Maximum policy size of 2048 bytes exceeded for user alice")) {
            try await service.putUserPolicy(userName: "alice", policyName: "three", policyDocument: PolicyFixtures.document(size: 200))
        }
        #expect(try await PolicyFixtures.snapshot(service) == before)
        // Replacing one counts its new size only.
        try await service.putUserPolicy(userName: "alice", policyName: "two", policyDocument: PolicyFixtures.document(size: 1000))
    }

    @Test func groupInlinePoliciesOverTheAggregateSizeAreLimitExceeded() async throws {
        let service = try await serviceWithUserAndGroup()
        try await service.putGroupPolicy(groupName: "devs", policyName: "one", policyDocument: PolicyFixtures.document(size: 4900))
        await #expect(throws: IAMError(.limitExceeded, "Maximum policy size of 5120 bytes exceeded for group devs")) {
            try await service.putGroupPolicy(groupName: "devs", policyName: "two", policyDocument: PolicyFixtures.document(size: 221))
        }
        try await service.putGroupPolicy(groupName: "devs", policyName: "two", policyDocument: PolicyFixtures.document(size: 220))
        #expect(try await service.listGroupPolicies(groupName: "devs").items == ["one", "two"])
        await #expect(throws: IAMError(.noSuchEntity, "The group policy with name three cannot be found.")) {
            try await service.deleteGroupPolicy(groupName: "devs", policyName: "three")
        }
    }

    @Test func aMalformedInlinePolicyIsRefused() async throws {
        let service = try await serviceWithUserAndGroup()
        await #expect(throws: IAMError(.malformedPolicyDocument, "Syntax errors in policy.")) {
            try await service.putUserPolicy(userName: "alice", policyName: "bad", policyDocument: "{not json")
        }
        #expect(try await service.listUserPolicies(userName: "alice").items.isEmpty)
    }

    @Test func permissionsBoundaryCanBeSetAndRemoved() async throws {
        let service = try await serviceWithUserAndGroup()
        try await service.putUserPermissionsBoundary(userName: "alice", permissionsBoundary: PolicyFixtures.adminArn)
        #expect(try await service.getUser(userName: "alice").permissionsBoundaryArn == PolicyFixtures.adminArn)
        #expect(try await service.getPolicy(policyArn: PolicyFixtures.adminArn).permissionsBoundaryUsageCount == 1)
        try await service.deleteUserPermissionsBoundary(userName: "alice")
        #expect(try await service.getUser(userName: "alice").permissionsBoundaryArn == nil)
        await #expect(throws: IAMError(.noSuchEntity, "Policy arn:aws:iam::123456789012:policy/ghost does not exist or is not attachable.")) {
            try await service.putUserPermissionsBoundary(userName: "alice", permissionsBoundary: PolicyFixtures.arn("ghost"))
        }
    }

    @Test func copyUserPermissionsCopiesEverythingInOneTransaction() async throws {
        let service = try await serviceWithUserAndGroup()
        _ = try await service.createUser(userName: "bob")
        try await service.addUserToGroup(groupName: "devs", userName: "alice")
        try await service.attachUserPolicy(userName: "alice", policyArn: PolicyFixtures.adminArn)
        try await service.putUserPolicy(userName: "alice", policyName: "s3", policyDocument: PolicyFixtures.allowS3Read)
        try await service.putUserPermissionsBoundary(userName: "alice", permissionsBoundary: PolicyFixtures.billingArn)
        try await service.copyUserPermissions(sourceUserName: "alice", userName: "bob")
        let bob = try await service.listEffectivePolicies(userName: "bob").map { "\($0.name) \($0.origin.text)" }
        #expect(bob == ["AdministratorAccess attached directly", "s3 inline", "Billing permissions boundary"])
        #expect(try await service.listGroupsForUser(userName: "bob").items.map(\.name) == ["devs"])
    }

    @Test func copyUserPermissionsOverAQuotaChangesNothing() async throws {
        let service = try await serviceWithUserAndGroup()
        _ = try await service.createUser(userName: "bob")
        try await service.putUserPolicy(userName: "alice", policyName: "big", policyDocument: PolicyFixtures.document(size: 1500))
        try await service.putUserPolicy(userName: "bob", policyName: "own", policyDocument: PolicyFixtures.document(size: 1000))
        try await service.attachUserPolicy(userName: "alice", policyArn: PolicyFixtures.adminArn)
        let before = try await PolicyFixtures.snapshot(service)
        await #expect(throws: IAMError(.limitExceeded, "Maximum policy size of 2048 bytes exceeded for user bob")) {
            try await service.copyUserPermissions(sourceUserName: "alice", userName: "bob")
        }
        #expect(try await PolicyFixtures.snapshot(service) == before)
    }
}
