import Foundation
import IAMCore
import IAMService
import Testing

@Suite struct AuthorizationTests {
    @Test func theRootUserIsAllowedEverything() async throws {
        let service = try await ServiceFixtures.service()
        let result = try await service.authorize(principal: .root(of: service.account), action: "iam:DeleteAccountAlias")
        #expect(result.decision == .allowed)
    }

    @Test func aUserWithoutPoliciesIsImplicitlyDenied() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "alice")
        #expect(try await service.authorize(userName: "alice", action: "s3:GetObject").decision == .implicitDeny)
    }

    @Test func attachedInlineAndGroupPoliciesAllAllowAndADenyWins() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "alice")
        _ = try await service.createGroup(groupName: "readers")
        try await service.putGroupPolicy(groupName: "readers", policyName: "read", policyDocument: PolicyFixtures.allowS3Read)
        #expect(try await service.authorize(userName: "alice", action: "s3:GetObject").decision == .implicitDeny)
        try await service.addUserToGroup(groupName: "readers", userName: "alice")
        let viaGroup = try await service.authorize(userName: "alice", action: "s3:GetObject")
        #expect(viaGroup.decision == .allowed)
        #expect(viaGroup.matchedStatements.map(\.source.id) == ["read"])
        // Leaving the group takes the permission away at once (the cache notices the membership change).
        try await service.removeUserFromGroup(groupName: "readers", userName: "alice")
        #expect(try await service.authorize(userName: "alice", action: "s3:GetObject").decision == .implicitDeny)
        try await service.attachUserPolicy(userName: "alice", policyArn: PolicyFixtures.adminArn)
        #expect(try await service.authorize(userName: "alice", action: "iam:CreateUser").decision == .allowed)
        try await service.putUserPolicy(userName: "alice", policyName: "deny", policyDocument: PolicyFixtures.denyAll)
        let denied = try await service.authorize(userName: "alice", action: "iam:CreateUser")
        #expect(denied.decision == .explicitDeny)
        #expect(denied.matchedStatements.map(\.source.id) == ["deny"])
    }

    @Test func aNewDefaultVersionChangesTheDecision() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "alice")
        let arn = try await service.createPolicy(policyName: "p", policyDocument: PolicyFixtures.allowS3Read).arn
        try await service.attachUserPolicy(userName: "alice", policyArn: arn)
        #expect(try await service.authorize(userName: "alice", action: "s3:GetObject").decision == .allowed)
        _ = try await service.createPolicyVersion(policyArn: arn, policyDocument: PolicyFixtures.denyAll, setAsDefault: true)
        #expect(try await service.authorize(userName: "alice", action: "s3:GetObject").decision == .explicitDeny)
    }

    @Test func thePermissionsBoundaryLimitsWhatPoliciesAllow() async throws {
        let service = try await ServiceFixtures.service()
        let boundary = try await service.createPolicy(policyName: "s3only", policyDocument: PolicyFixtures.allowS3Read).arn
        _ = try await service.createUser(userName: "alice", permissionsBoundary: boundary)
        try await service.attachUserPolicy(userName: "alice", policyArn: PolicyFixtures.adminArn)
        let s3 = try await service.authorize(userName: "alice", action: "s3:GetObject")
        #expect(s3.decision == .allowed)
        #expect(s3.permissionsBoundaryDecision?.allowedByPermissionsBoundary == true)
        let iam = try await service.authorize(userName: "alice", action: "iam:CreateUser")
        #expect(iam.decision == .implicitDeny)
        #expect(iam.permissionsBoundaryDecision?.allowedByPermissionsBoundary == false)
        try await service.deleteUserPermissionsBoundary(userName: "alice")
        #expect(try await service.authorize(userName: "alice", action: "iam:CreateUser").decision == .allowed)
    }

    @Test func defaultContextKeysFeedPolicyVariablesAndCallerKeysWin() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "alice", tags: [Tag(key: "team", value: "blue")])
        try await service.attachUserPolicy(userName: "alice", policyArn: "arn:aws:iam::aws:policy/IAMUserChangePassword")
        let own = try await service.authorize(userName: "alice", action: "iam:ChangePassword", resource: "arn:aws:iam::123456789012:user/alice")
        #expect(own.decision == .allowed)
        let other = try await service.authorize(userName: "alice", action: "iam:ChangePassword", resource: "arn:aws:iam::123456789012:user/bob")
        #expect(other.decision == .implicitDeny)
        let tagged = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}]}"#
        try await service.putUserPolicy(userName: "alice", policyName: "team", policyDocument: tagged)
        #expect(try await service.authorize(userName: "alice", action: "s3:PutObject").decision == .allowed)
        var context = RequestContext()
        context["aws:PrincipalTag/team"] = .single("red")
        #expect(try await service.authorize(userName: "alice", action: "s3:PutObject", context: context).decision == .implicitDeny)
    }

    @Test func authorizeByAccessKeyFindsTheOwner() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "alice")
        let key = try await service.createAccessKey(userName: "alice")
        #expect(try await service.authorize(accessKeyID: key.accessKey.id, action: "s3:GetObject").decision == .implicitDeny)
        try await service.attachUserPolicy(userName: "alice", policyArn: PolicyFixtures.adminArn)
        #expect(try await service.authorize(accessKeyID: key.accessKey.id, action: "s3:GetObject").decision == .allowed)
        await #expect(throws: IAMError(.noSuchEntity, "The Access Key with id AKIAGHOST cannot be found.")) {
            _ = try await service.authorize(accessKeyID: "AKIAGHOST", action: "s3:GetObject")
        }
    }

    @Test func twoDatabasesWithTheSameSeededIDsDoNotShareCachedPolicies() async throws {
        let first = try await ServiceFixtures.service()
        let second = try await ServiceFixtures.service()
        _ = try await first.createUser(userName: "alice")
        _ = try await second.createUser(userName: "alice")
        #expect(try await IdentityFixtures.userId(first, "alice") == IdentityFixtures.userId(second, "alice"))
        try await first.attachUserPolicy(userName: "alice", policyArn: PolicyFixtures.adminArn)
        #expect(try await first.authorize(userName: "alice", action: "s3:GetObject").decision == .allowed)
        #expect(try await second.authorize(userName: "alice", action: "s3:GetObject").decision == .implicitDeny)
    }
}

@Suite struct PolicyEpochTests {
    private func epoch(_ service: IAMService) async throws -> String? {
        try await service.store.read { tx in try tx.setting("policyEpoch") }
    }

    @Test func everyPolicyChangeBumpsTheEpochAndAFailedOneDoesNot() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "alice")
        var last = try await epoch(service)
        #expect(last?.hasPrefix("1-") == true)
        let changes: [(String, @Sendable () async throws -> Void)] = [
            ("attach", { try await service.attachUserPolicy(userName: "alice", policyArn: PolicyFixtures.adminArn) }),
            ("inline", { try await service.putUserPolicy(userName: "alice", policyName: "p", policyDocument: PolicyFixtures.denyAll) }),
            ("boundary", { try await service.putUserPermissionsBoundary(userName: "alice", permissionsBoundary: PolicyFixtures.adminArn) }),
            ("detach", { try await service.detachUserPolicy(userName: "alice", policyArn: PolicyFixtures.adminArn) }),
            ("delete inline", { try await service.deleteUserPolicy(userName: "alice", policyName: "p") }),
        ]
        for (name, change) in changes {
            try await change()
            let now = try await epoch(service)
            #expect(now != last, "\(name) did not bump the epoch")
            last = now
        }
        await #expect(throws: IAMError.self) {
            try await service.detachUserPolicy(userName: "alice", policyArn: PolicyFixtures.adminArn)
        }
        #expect(try await epoch(service) == last)
    }
}
