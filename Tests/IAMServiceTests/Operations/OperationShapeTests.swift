import Foundation
import IAMCore
import IAMService
import Testing

/// Runs every performable operation once, in an order that lets each succeed, and checks that each
/// output uses only members of the model's output shape, with the kinds the model gives them, so a
/// model-driven XML encoder never meets an unknown member.
@Suite struct OperationShapeTests {
    /// Every operation performed so far, and where an output broke the model.
    final class Run {
        let iam: IAMService
        var performed: Set<String> = []
        var violations: [String] = []

        init(_ iam: IAMService) { self.iam = iam }

        @discardableResult
        func callAs(_ service: IAMService, _ operation: String, _ input: JSONValue = .object([])) async throws -> JSONValue {
            let output = try await service.perform(operation, input: input)
            performed.insert(operation)
            let model = try #require(IAMModel.operation(named: operation))
            if let shape = model.output {
                violations += OperationShapeTests.violations(of: output, shape: shape, service: model.service, path: operation)
            } else if output != .object([]) {
                violations.append("\(operation): \(output.text()) for an operation without output")
            }
            return output
        }

        @discardableResult
        func call(_ operation: String, _ input: JSONValue = .object([])) async throws -> JSONValue {
            try await callAs(iam, operation, input)
        }
    }

    /// Where `value` leaves the model: unknown members, or values of another kind than the shape's.
    static func violations(of value: JSONValue, shape name: String, service: ModelService, path: String) -> [String] {
        guard let shape = IAMModel.shape(named: name, in: service) else { return ["\(path): unknown shape \(name)"] }
        switch (shape.kind, value) {
        case (.structure, .object(let pairs)):
            return pairs.flatMap { key, member -> [String] in
                guard let modelMember = shape.members.first(where: { $0.name == key }) else {
                    return ["\(path).\(key): not a member of \(name)"]
                }
                return violations(of: member, shape: modelMember.shape, service: service, path: "\(path).\(key)")
            }
        case (.list, .array(let items)):
            return items.enumerated().flatMap { index, item in
                violations(of: item, shape: shape.member ?? "", service: service, path: "\(path)[\(index)]")
            }
        case (.map, .object(let pairs)):
            return pairs.flatMap { key, item in violations(of: item, shape: shape.value ?? "", service: service, path: "\(path).\(key)") }
        case (.string, .string), (.timestamp, .string), (.blob, .string), (.integer, .integer), (.long, .integer),
            (.boolean, .bool), (.double, .number), (.float, .number), (.double, .integer), (.float, .integer):
            return []
        default:
            return ["\(path): \(value.text()) is not a \(shape.kind.rawValue) (\(name))"]
        }
    }

    static let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:username":"bob"}}}]}"#

    @Test func everyPerformableOperationAnswersWithinItsModelOutputShape() async throws {
        let run = Run(try await ServiceFixtures.service())
        let tag: JSONValue = .array([.object([("Key", "team"), ("Value", "core")])])

        // Users, tags, groups.
        try await run.call("CreateUser", .object([("UserName", "bob"), ("Path", "/division/"), ("Tags", tag)]))
        try await run.call("CreateUser", .object([("UserName", "temp")]))
        try await run.call("UpdateUser", .object([("UserName", "temp"), ("NewUserName", "temp2")]))
        try await run.call("ListUsers")
        try await run.call("TagUser", .object([("UserName", "bob"), ("Tags", .array([.object([("Key", "k"), ("Value", "v")])]))]))
        try await run.call("UntagUser", .object([("UserName", "bob"), ("TagKeys", .array(["k"]))]))
        try await run.call("ListUserTags", .object([("UserName", "bob")]))
        try await run.call("CreateGroup", .object([("GroupName", "admins"), ("Path", "/division/")]))
        try await run.call("CreateGroup", .object([("GroupName", "g1")]))
        try await run.call("UpdateGroup", .object([("GroupName", "g1"), ("NewGroupName", "g2")]))
        try await run.call("AddUserToGroup", .object([("GroupName", "admins"), ("UserName", "bob")]))
        try await run.call("GetGroup", .object([("GroupName", "admins")]))
        try await run.call("ListGroups")
        try await run.call("ListGroupsForUser", .object([("UserName", "bob")]))

        // Access keys.
        let key = try await run.call("CreateAccessKey", .object([("UserName", "bob")]))
        let keyId = try #require(key["AccessKey"]?["AccessKeyId"])
        try await run.call("ListAccessKeys", .object([("UserName", "bob")]))
        try await run.call("GetAccessKeyLastUsed", .object([("AccessKeyId", keyId)]))
        try await run.call("UpdateAccessKey", .object([("UserName", "bob"), ("AccessKeyId", keyId), ("Status", "Inactive")]))
        try await run.call("DeleteAccessKey", .object([("UserName", "bob"), ("AccessKeyId", keyId)]))

        // Password policy, login profile, password change.
        try await run.call("UpdateAccountPasswordPolicy", .object([("MinimumPasswordLength", 12), ("AllowUsersToChangePassword", true)]))
        try await run.call("GetAccountPasswordPolicy")
        try await run.call("CreateLoginProfile", .object([("UserName", "bob"), ("Password", "First-Passw0rd!")]))
        try await run.call("GetLoginProfile", .object([("UserName", "bob")]))
        try await run.call("UpdateLoginProfile", .object([("UserName", "bob"), ("PasswordResetRequired", true)]))
        let bob = run.iam.acting(as: try await run.iam.principal(forUserNamed: "bob"))
        try await run.callAs(bob, "ChangePassword", .object([("OldPassword", "First-Passw0rd!"), ("NewPassword", "Second-Passw0rd!")]))
        try await run.call("DeleteLoginProfile", .object([("UserName", "bob")]))
        try await run.call("DeleteAccountPasswordPolicy")

        // MFA.
        let device = try await run.call("CreateVirtualMFADevice", .object([("VirtualMFADeviceName", "bob-phone"), ("Tags", tag)]))
        let serial = try #require(device["VirtualMFADevice"]?["SerialNumber"])
        guard case .string(let seedBase64)? = device["VirtualMFADevice"]?["Base32StringSeed"] else {
            Issue.record("no Base32StringSeed")
            return
        }
        let seedText = try #require(Data(base64Encoded: seedBase64))
        let seed = try #require(Base32.decode(String(decoding: seedText, as: UTF8.self)))
        let step = TOTP.timeStep(at: ServiceFixtures.now)
        let codes = { (first: Int) -> [(String, JSONValue)] in
            [("AuthenticationCode1", .string(TOTP.code(seed: seed, step: first))), ("AuthenticationCode2", .string(TOTP.code(seed: seed, step: first + 1)))]
        }
        try await run.call("EnableMFADevice", .object([("UserName", "bob"), ("SerialNumber", serial)] + codes(step - 1)))
        try await run.call("ResyncMFADevice", .object([("UserName", "bob"), ("SerialNumber", serial)] + codes(step + 1)))
        try await run.call("ListMFADevices", .object([("UserName", "bob")]))
        try await run.call("ListVirtualMFADevices")
        try await run.call("TagMFADevice", .object([("SerialNumber", serial), ("Tags", .array([.object([("Key", "k"), ("Value", "v")])]))]))
        try await run.call("UntagMFADevice", .object([("SerialNumber", serial), ("TagKeys", .array(["k"]))]))
        try await run.call("ListMFADeviceTags", .object([("SerialNumber", serial)]))
        try await run.call("DeactivateMFADevice", .object([("UserName", "bob"), ("SerialNumber", serial)]))
        try await run.call("DeleteVirtualMFADevice", .object([("SerialNumber", serial)]))

        // Account.
        try await run.call("CreateAccountAlias", .object([("AccountAlias", "lab-account")]))
        try await run.call("ListAccountAliases")
        try await run.call("DeleteAccountAlias", .object([("AccountAlias", "lab-account")]))
        try await run.call("GetAccountSummary")
        try await run.call("GenerateCredentialReport")
        try await run.call("GetCredentialReport")

        // Managed policies, attachments, inline policies, boundaries.
        let created = try await run.call("CreatePolicy", .object([("PolicyName", "p"), ("PolicyDocument", .string(Self.document)), ("Description", "d"), ("Tags", tag)]))
        let arn = try #require(created["Policy"]?["Arn"])
        try await run.call("GetPolicy", .object([("PolicyArn", arn)]))
        try await run.call("ListPolicies", .object([("Scope", "Local")]))
        try await run.call("CreatePolicyVersion", .object([("PolicyArn", arn), ("PolicyDocument", .string(Self.document)), ("SetAsDefault", true)]))
        try await run.call("GetPolicyVersion", .object([("PolicyArn", arn), ("VersionId", "v2")]))
        try await run.call("ListPolicyVersions", .object([("PolicyArn", arn)]))
        try await run.call("SetDefaultPolicyVersion", .object([("PolicyArn", arn), ("VersionId", "v1")]))
        try await run.call("DeletePolicyVersion", .object([("PolicyArn", arn), ("VersionId", "v2")]))
        try await run.call("TagPolicy", .object([("PolicyArn", arn), ("Tags", .array([.object([("Key", "k"), ("Value", "v")])]))]))
        try await run.call("UntagPolicy", .object([("PolicyArn", arn), ("TagKeys", .array(["k"]))]))
        try await run.call("ListPolicyTags", .object([("PolicyArn", arn)]))
        try await run.call("AttachUserPolicy", .object([("UserName", "bob"), ("PolicyArn", arn)]))
        try await run.call("AttachGroupPolicy", .object([("GroupName", "admins"), ("PolicyArn", arn)]))
        try await run.call("ListAttachedUserPolicies", .object([("UserName", "bob")]))
        try await run.call("ListAttachedGroupPolicies", .object([("GroupName", "admins")]))
        try await run.call("ListEntitiesForPolicy", .object([("PolicyArn", arn)]))
        try await run.call("PutUserPolicy", .object([("UserName", "bob"), ("PolicyName", "inline"), ("PolicyDocument", .string(Self.document))]))
        try await run.call("GetUserPolicy", .object([("UserName", "bob"), ("PolicyName", "inline")]))
        try await run.call("ListUserPolicies", .object([("UserName", "bob")]))
        try await run.call("PutGroupPolicy", .object([("GroupName", "admins"), ("PolicyName", "inline"), ("PolicyDocument", .string(Self.document))]))
        try await run.call("GetGroupPolicy", .object([("GroupName", "admins"), ("PolicyName", "inline")]))
        try await run.call("ListGroupPolicies", .object([("GroupName", "admins")]))
        try await run.call("PutUserPermissionsBoundary", .object([("UserName", "bob"), ("PermissionsBoundary", arn)]))
        try await run.call("GetUser", .object([("UserName", "bob")]))
        try await run.call("GetAccountAuthorizationDetails")

        // Simulation and context keys.
        let bobArn = "arn:aws:iam::123456789012:user/division/bob"
        let context: JSONValue = .array([
            .object([("ContextKeyName", "aws:username"), ("ContextKeyValues", .array(["bob"])), ("ContextKeyType", "string")])
        ])
        try await run.call(
            "SimulatePrincipalPolicy",
            .object([("PolicySourceArn", .string(bobArn)), ("ActionNames", .array(["s3:GetObject"])), ("ContextEntries", context)]))
        try await run.call(
            "SimulateCustomPolicy",
            .object([("PolicyInputList", .array([.string(Self.document)])), ("ActionNames", .array(["s3:GetObject"])), ("ContextEntries", context)]))
        try await run.call("GetContextKeysForCustomPolicy", .object([("PolicyInputList", .array([.string(Self.document)]))]))
        try await run.call("GetContextKeysForPrincipalPolicy", .object([("PolicySourceArn", .string(bobArn))]))
        try await run.call("GetCallerIdentity")

        // Taking it all down again.
        try await run.call("DeleteUserPermissionsBoundary", .object([("UserName", "bob")]))
        try await run.call("DeleteUserPolicy", .object([("UserName", "bob"), ("PolicyName", "inline")]))
        try await run.call("DeleteGroupPolicy", .object([("GroupName", "admins"), ("PolicyName", "inline")]))
        try await run.call("DetachUserPolicy", .object([("UserName", "bob"), ("PolicyArn", arn)]))
        try await run.call("DetachGroupPolicy", .object([("GroupName", "admins"), ("PolicyArn", arn)]))
        try await run.call("DeletePolicy", .object([("PolicyArn", arn)]))
        try await run.call("RemoveUserFromGroup", .object([("GroupName", "admins"), ("UserName", "bob")]))
        try await run.call("DeleteGroup", .object([("GroupName", "g2")]))
        try await run.call("DeleteUser", .object([("UserName", "temp2")]))

        #expect(run.violations == [])
        #expect(IAMService.performableOperations.subtracting(run.performed).sorted() == [], "operations without a representative call")
    }

    @Test func everyPerformableOperationIsInTheModel() {
        for operation in IAMService.performableOperations {
            #expect(IAMModel.operation(named: operation) != nil, "\(operation)")
        }
    }
}
