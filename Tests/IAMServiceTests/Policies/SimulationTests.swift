import Foundation
import IAMCore
import IAMService
import Testing

@Suite struct SimulationTests {
    @Test func simulatePrincipalPolicyReportsTheMatchedStatementInAWSShape() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "testuser1")
        try await service.attachUserPolicy(userName: "testuser1", policyArn: PolicyFixtures.adminArn)
        let results = try await service.simulatePrincipalPolicy(
            policySourceArn: "arn:aws:iam::123456789012:user/testuser1", actionNames: ["iam:CreateUser"])
        #expect(results.count == 1)
        let json = SimulationResult.json(results).text()
        #expect(json.hasPrefix(#"{"EvaluationResults":[{"EvalActionName":"iam:CreateUser","EvalResourceName":"*","EvalDecision":"allowed","MatchedStatements":[{"SourcePolicyId":"arn:aws:iam::aws:policy/AdministratorAccess","SourcePolicyType":"aws-managed","StartPosition":{"Line":4,"Column":10},"EndPosition":{"Line":8,"Column":10}}]"#))
        #expect(json.hasSuffix(#""MissingContextValues":[]}],"IsTruncated":false}"#))
    }

    @Test func simulatePrincipalPolicyAddsPolicyInputListAndEveryResource() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "alice")
        try await service.attachUserPolicy(userName: "alice", policyArn: PolicyFixtures.adminArn)
        let results = try await service.simulatePrincipalPolicy(
            policySourceArn: "arn:aws:iam::123456789012:user/alice", actionNames: ["s3:GetObject", "s3:PutObject"],
            resourceArns: ["arn:aws:s3:::a/x", "arn:aws:s3:::b/y"],
            policyInputList: [#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}"#])
        #expect(results.map { "\($0.actionName) \($0.resourceName) \($0.result.decision.rawValue)" } == [
            "s3:GetObject arn:aws:s3:::a/x allowed", "s3:GetObject arn:aws:s3:::b/y allowed",
            "s3:PutObject arn:aws:s3:::a/x allowed", "s3:PutObject arn:aws:s3:::b/y explicitDeny",
        ])
        #expect(results[3].result.matchedStatements.map(\.source.id) == ["PolicyInputList.1"])
    }

    @Test func simulatePrincipalPolicyOfAMissingUserIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(throws: IAMError.noSuchUser(named: "ghost")) {
            _ = try await service.simulatePrincipalPolicy(policySourceArn: "arn:aws:iam::123456789012:user/ghost", actionNames: ["s3:GetObject"])
        }
    }

    @Test func simulateCustomPolicyUsesContextEntriesAndReportsMissingKeys() async throws {
        let service = try await ServiceFixtures.service()
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}"#
        let missing = try await service.simulateCustomPolicy(policyInputList: [document], actionNames: ["s3:GetObject"])
        #expect(missing[0].result.decision == .implicitDeny)
        #expect(missing[0].result.missingContextValues == ["aws:SourceIp"])
        let inside = try await service.simulateCustomPolicy(
            policyInputList: [document], actionNames: ["s3:GetObject"],
            contextEntries: [SimulationContextEntry(key: "aws:SourceIp", values: ["10.1.2.3"], type: .ip)])
        #expect(inside[0].result.decision == .allowed)
        #expect(inside[0].json["MatchedStatements"]?.text().contains(#""SourcePolicyId":"PolicyInputList.1","SourcePolicyType":"none""#) == true)
    }

    @Test func simulateCustomPolicyWithABoundaryReportsItsDecision() async throws {
        let service = try await ServiceFixtures.service()
        let results = try await service.simulateCustomPolicy(
            policyInputList: [PolicyFixtures.allowAll], actionNames: ["iam:CreateUser"],
            permissionsBoundaryPolicyInputList: [PolicyFixtures.allowS3Read])
        #expect(results[0].result.decision == .implicitDeny)
        #expect(results[0].json.text().contains(#""PermissionsBoundaryDecisionDetail":{"AllowedByPermissionsBoundary":false}"#))
    }

    @Test func aMalformedInputPolicyIsRefused() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(throws: IAMError(.malformedPolicyDocument, "Syntax errors in policy.")) {
            _ = try await service.simulateCustomPolicy(policyInputList: ["{"], actionNames: ["s3:GetObject"])
        }
    }

    @Test func contextKeysAreListedOnceEach() async throws {
        let service = try await ServiceFixtures.service()
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"Bool":{"aws:SecureTransport":"true"}}}]}"#
        let keys = try await service.getContextKeysForCustomPolicy(policyInputList: [document, document])
        #expect(Set(keys) == ["aws:username", "aws:SourceIp", "aws:SecureTransport"])
        #expect(keys.count == 3)
        _ = try await service.createUser(userName: "alice")
        try await service.putUserPolicy(userName: "alice", policyName: "p", policyDocument: document)
        let principal = try await service.getContextKeysForPrincipalPolicy(policySourceArn: "arn:aws:iam::123456789012:user/alice")
        #expect(Set(principal) == Set(keys))
    }
}

@Suite struct AuthorizationDetailsTests {
    @Test func detailsListUsersGroupsAndUsedPoliciesWithAllVersions() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "alice", tags: [Tag(key: "team", value: "a")])
        _ = try await service.createGroup(groupName: "devs")
        try await service.addUserToGroup(groupName: "devs", userName: "alice")
        try await service.attachGroupPolicy(groupName: "devs", policyArn: PolicyFixtures.billingArn)
        try await service.putUserPolicy(userName: "alice", policyName: "s3", policyDocument: PolicyFixtures.allowS3Read)
        let arn = try await service.createPolicy(policyName: "mine", policyDocument: PolicyFixtures.allowAll).arn
        _ = try await service.createPolicyVersion(policyArn: arn, policyDocument: PolicyFixtures.allowS3Read)
        let details = try await service.getAccountAuthorizationDetails()
        guard case .array(let users) = details["UserDetailList"], case .array(let policies) = details["Policies"] else {
            Issue.record("missing lists")
            return
        }
        #expect(users.count == 1)
        #expect(users[0]["GroupList"]?.text() == #"["devs"]"#)
        #expect(users[0]["UserPolicyList"]?.text().contains(#""PolicyName":"s3","PolicyDocument":{"Version":"2012-10-17""#) == true)
        #expect(policies.compactMap { $0["PolicyName"]?.text() } == [#""Billing""#, #""mine""#])
        guard case .array(let versions) = policies[1]["PolicyVersionList"] else {
            Issue.record("missing versions")
            return
        }
        #expect(versions.count == 2)
        let usersOnly = try await service.getAccountAuthorizationDetails(filter: [.user])
        #expect(usersOnly["Policies"]?.text() == "[]")
        #expect(usersOnly["GroupDetailList"]?.text() == "[]")
    }

    @Test func accountAuthorizationDetailsPageThroughUsersGroupsAndPolicies() async throws {
        let service = try await ServiceFixtures.service()
        for name in ["u1", "u2"] { _ = try await service.createUser(userName: name) }
        _ = try await service.createGroup(groupName: "g1")
        _ = try await service.createPolicy(policyName: "p1", policyDocument: PolicyFixtures.allowAll)
        var names: [String] = []
        var marker: String?
        repeat {
            let page = try await service.getAccountAuthorizationDetails(page: PageRequest(marker: marker, maxItems: 3))
            for (list, member) in [("UserDetailList", "UserName"), ("GroupDetailList", "GroupName"), ("Policies", "PolicyName")] {
                guard case .array(let items)? = page[list] else { continue }
                names += items.compactMap { if case .string(let name)? = $0[member] { name } else { nil } }
            }
            #expect(page["IsTruncated"] == .bool(page["Marker"] != nil))
            marker = page["Marker"].flatMap { if case .string(let text) = $0 { text } else { nil } }
        } while marker != nil
        #expect(names == ["u1", "u2", "g1", "p1"])
    }
}
