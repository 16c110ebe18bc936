import Foundation
import IAMCore
import IAMService
import Testing

/// `perform` and `authorizationTarget` per family of operations: decoding, output forms, paging,
/// and the resources AWS authorizes on.
@Suite struct PerformFamilyTests {
    static let account = ServiceFixtures.accountId
    static let document = """
        {
          "Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]
        }
        """

    /// bob (/division/) in admins (/division/), a policy p at /lab/ attached to both, one key of bob's.
    static func world() async throws -> (iam: IAMService, policyArn: String, keyId: String) {
        let iam = try await ServiceFixtures.service()
        _ = try await iam.createUser(userName: "bob", path: "/division/")
        _ = try await iam.createGroup(groupName: "admins", path: "/division/")
        try await iam.addUserToGroup(groupName: "admins", userName: "bob")
        let policy = try await iam.createPolicy(policyName: "p", policyDocument: document, path: "/lab/")
        try await iam.attachUserPolicy(userName: "bob", policyArn: policy.arn)
        try await iam.attachGroupPolicy(groupName: "admins", policyArn: policy.arn)
        let key = try await iam.createAccessKey(userName: "bob")
        return (iam, policy.arn, key.accessKey.id)
    }

    // MARK: Authorization targets

    @Test func everyFamilyIsAuthorizedOnTheResourceAWSUses() async throws {
        let (iam, arn, keyId) = try await Self.world()
        let bob = iam.acting(as: try await iam.principal(forUserNamed: "bob"))
        let user = "arn:aws:iam::\(Self.account):user/division/bob"
        let group = "arn:aws:iam::\(Self.account):group/division/admins"
        let cases: [(IAMService, String, JSONValue, String)] = [
            (iam, "UpdateUser", .object([("UserName", "BOB")]), user),
            (iam, "TagUser", .object([("UserName", "bob"), ("Tags", .array([]))]), user),
            (iam, "CreateGroup", .object([("GroupName", "ops"), ("Path", "/x/")]), "arn:aws:iam::\(Self.account):group/x/ops"),
            (iam, "AddUserToGroup", .object([("GroupName", "admins"), ("UserName", "bob")]), group),
            (iam, "ListGroupsForUser", .object([("UserName", "bob")]), user),
            (iam, "ListGroups", .object([("PathPrefix", "/division/")]), "arn:aws:iam::\(Self.account):group/division/"),
            (bob, "CreateAccessKey", .object([]), user),
            (bob, "ListAccessKeys", .object([]), user),
            (bob, "ChangePassword", .object([("OldPassword", "a"), ("NewPassword", "b")]), user),
            (iam, "CreateAccessKey", .object([]), "arn:aws:iam::\(Self.account):root"),
            (iam, "GetAccessKeyLastUsed", .object([("AccessKeyId", .string(keyId))]), user),
            (iam, "GetAccessKeyLastUsed", .object([("AccessKeyId", "AKIAIOSFODNN7EXAMPLE")]), "*"),
            (iam, "GetLoginProfile", .object([("UserName", "bob")]), user),
            (iam, "EnableMFADevice", .object([
                ("UserName", "bob"), ("SerialNumber", "arn:aws:iam::123456789012:mfa/phone"), ("AuthenticationCode1", "123456"),
                ("AuthenticationCode2", "654321"),
            ]), user),
            (iam, "CreateVirtualMFADevice", .object([("VirtualMFADeviceName", "phone"), ("Path", "/d/")]), "arn:aws:iam::\(Self.account):mfa/d/phone"),
            (iam, "TagMFADevice", .object([("SerialNumber", "arn:aws:iam::123456789012:mfa/phone"), ("Tags", .array([]))]), "arn:aws:iam::\(Self.account):mfa/phone"),
            (iam, "ListVirtualMFADevices", .object([]), "*"),
            (iam, "GetAccountSummary", .object([]), "*"),
            (iam, "UpdateAccountPasswordPolicy", .object([]), "*"),
            (iam, "CreateAccountAlias", .object([("AccountAlias", "lab")]), "*"),
            (iam, "GetCredentialReport", .object([]), "*"),
            (iam, "GetAccountAuthorizationDetails", .object([]), "*"),
            (iam, "CreatePolicy", .object([("PolicyName", "q"), ("Path", "/lab/"), ("PolicyDocument", "{}")]), "arn:aws:iam::\(Self.account):policy/lab/q"),
            (iam, "GetPolicyVersion", .object([("PolicyArn", .string(arn)), ("VersionId", "v1")]), arn),
            (iam, "ListEntitiesForPolicy", .object([("PolicyArn", .string(arn))]), arn),
            (iam, "ListPolicies", .object([("Scope", "Local")]), "*"),
            (iam, "AttachUserPolicy", .object([("UserName", "bob"), ("PolicyArn", .string(arn))]), user),
            (iam, "DetachGroupPolicy", .object([("GroupName", "admins"), ("PolicyArn", .string(arn))]), group),
            (iam, "PutGroupPolicy", .object([("GroupName", "admins"), ("PolicyName", "i"), ("PolicyDocument", "{}")]), group),
            (iam, "PutUserPermissionsBoundary", .object([("UserName", "bob"), ("PermissionsBoundary", .string(arn))]), user),
            (iam, "SimulatePrincipalPolicy", .object([("PolicySourceArn", .string(group)), ("ActionNames", .array(["s3:GetObject"]))]), group),
            (iam, "SimulateCustomPolicy", .object([("PolicyInputList", .array(["{}"])), ("ActionNames", .array(["s3:GetObject"]))]), "*"),
            (iam, "GetContextKeysForPrincipalPolicy", .object([("PolicySourceArn", .string(user))]), user),
        ]
        for (service, operation, input, resource) in cases {
            let target = try await service.authorizationTarget(for: operation, input: input)
            #expect(target == AuthorizationTarget(action: "iam:\(operation)", resource: resource), "\(operation) \(input.text())")
        }
    }

    @Test func authorizationTargetRefusesInputThePerformWouldRefuse() async throws {
        let iam = try await ServiceFixtures.service()
        await #expect(
            throws: IAMError(
                .validationError,
                "1 validation error detected: Value null at 'groupName' failed to satisfy constraint: Member must not be null")
        ) {
            try await iam.authorizationTarget(for: "AddUserToGroup", input: .object([("UserName", "bob")]))
        }
    }

    // MARK: Credentials

    @Test func accessKeysOfTheCallerPageAndShowTheSecretOnlyOnCreation() async throws {
        let (iam, _, firstKey) = try await Self.world()
        let bob = iam.acting(as: try await iam.principal(forUserNamed: "bob"))
        let created = try await bob.perform("CreateAccessKey", input: .object([]))
        #expect(created["AccessKey"]?["UserName"] == "bob")
        guard case .string(let secret)? = created["AccessKey"]?["SecretAccessKey"] else {
            Issue.record("no SecretAccessKey in \(created.text())")
            return
        }
        #expect(secret.count == 40)

        // Both keys carry the fixture clock's one instant: creation dates tie, and the IDs decide.
        guard case .string(let createdKey)? = created["AccessKey"]?["AccessKeyId"] else {
            Issue.record("no AccessKeyId in \(created.text())")
            return
        }
        let ordered = [firstKey, createdKey].sorted()
        let first = try await bob.perform("ListAccessKeys", input: .object([("MaxItems", 1)]))
        #expect(first["AccessKeyMetadata"]?.arrayCount == 1)
        #expect(first["AccessKeyMetadata"]?[0]?["AccessKeyId"] == .string(ordered[0]))
        #expect(first["IsTruncated"] == true)
        let second = try await bob.perform("ListAccessKeys", input: .object([("MaxItems", 1), ("Marker", try #require(first["Marker"]))]))
        #expect(second["AccessKeyMetadata"]?[0]?["AccessKeyId"] == .string(ordered[1]))
        #expect(second["IsTruncated"] == false)
        #expect(!second.text().contains(secret))
    }

    @Test func loginProfileWithoutUserNameIsTheCallingUsersAndRootMustNameOne() async throws {
        let (iam, _, _) = try await Self.world()
        _ = try await iam.createLoginProfile(userName: "bob", password: "Bob-Passw0rd!")
        let bob = iam.acting(as: try await iam.principal(forUserNamed: "bob"))
        #expect(try await bob.perform("GetLoginProfile", input: .object([]))["LoginProfile"]?["UserName"] == "bob")
        await #expect(
            throws: IAMError(
                .validationError,
                "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null")
        ) {
            try await iam.perform("GetLoginProfile", input: .object([]))
        }
    }

    @Test func aMissingPasswordIsReportedWithoutNull() async throws {
        let (iam, _, _) = try await Self.world()
        await #expect(
            throws: IAMError(
                .validationError,
                "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must not be null")
        ) {
            try await iam.perform("CreateLoginProfile", input: .object([("UserName", "bob")]))
        }
        await #expect(throws: IAMError(.noSuchEntity, "Login Profile for User bob cannot be found.")) {
            try await iam.getLoginProfile(userName: "bob")
        }
    }

    @Test func virtualMFADeviceSecretsAndTheCredentialReportAreBase64() async throws {
        let (iam, _, _) = try await Self.world()
        let created = try await iam.perform("CreateVirtualMFADevice", input: .object([("VirtualMFADeviceName", "phone")]))
        let device = try #require(created["VirtualMFADevice"])
        #expect(device["SerialNumber"] == "arn:aws:iam::123456789012:mfa/phone")
        guard case .string(let seed)? = device["Base32StringSeed"], case .string(let png)? = device["QRCodePNG"] else {
            Issue.record("no seed or QR code in the output")
            return
        }
        let seedText = String(decoding: try #require(Data(base64Encoded: seed)), as: UTF8.self)
        #expect(seedText.count == 64)
        #expect(Base32.decode(seedText) != nil)
        #expect(try #require(Data(base64Encoded: png)).prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))

        #expect(try await iam.perform("GenerateCredentialReport", input: .object([]))["State"] == "STARTED")
        let report = try await iam.perform("GetCredentialReport", input: .object([]))
        guard case .string(let content)? = report["Content"] else {
            Issue.record("no Content")
            return
        }
        let csv = String(decoding: try #require(Data(base64Encoded: content)), as: UTF8.self)
        #expect(csv.hasPrefix("user,arn,user_creation_time,"))
        #expect(csv.contains("arn:aws:iam::123456789012:user/division/bob"))
        #expect(report["ReportFormat"] == "text/csv")
    }

    // MARK: Account

    @Test func passwordPolicyRoundTripsThroughTheModelNames() async throws {
        let iam = try await ServiceFixtures.service()
        #expect(
            try await iam.perform("UpdateAccountPasswordPolicy", input: .object([("MinimumPasswordLength", 14), ("RequireSymbols", true), ("MaxPasswordAge", 90)]))
                == .object([]))
        let policy = try #require(try await iam.perform("GetAccountPasswordPolicy", input: .object([]))["PasswordPolicy"])
        #expect(policy["MinimumPasswordLength"] == 14)
        #expect(policy["RequireSymbols"] == true)
        #expect(policy["ExpirePasswords"] == true)
        #expect(policy["MaxPasswordAge"] == 90)
        await #expect(throws: IAMError.self) {
            try await iam.perform("UpdateAccountPasswordPolicy", input: .object([("RequireSymbols", "yes")]))
        }
    }

    // MARK: Policies

    @Test func policyDocumentsComeBackAsTheSubmittedText() async throws {
        let (iam, arn, _) = try await Self.world()
        let version = try await iam.perform("GetPolicyVersion", input: .object([("PolicyArn", .string(arn)), ("VersionId", "v1")]))
        #expect(version["PolicyVersion"]?["Document"] == .string(Self.document))
        #expect(version["PolicyVersion"]?["IsDefaultVersion"] == true)

        try await iam.putUserPolicy(userName: "bob", policyName: "inline", policyDocument: Self.document)
        #expect(
            try await iam.perform("GetUserPolicy", input: .object([("UserName", "bob"), ("PolicyName", "inline")]))
                == .object([("UserName", "bob"), ("PolicyName", "inline"), ("PolicyDocument", .string(Self.document))]))

        let details = try await iam.perform("GetAccountAuthorizationDetails", input: .object([("Filter", .array(["User", "LocalManagedPolicy"]))]))
        #expect(details["UserDetailList"]?[0]?["UserPolicyList"]?[0]?["PolicyDocument"] == .string(Self.document))
        #expect(details["Policies"]?[0]?["PolicyVersionList"]?[0]?["Document"] == .string(Self.document))
        #expect(details["GroupDetailList"] == .array([]))
    }

    @Test func listEntitiesForPolicyFiltersAndPages() async throws {
        let (iam, arn, _) = try await Self.world()
        _ = try await iam.createUser(userName: "carol", path: "/other/", permissionsBoundary: arn)
        try await iam.attachUserPolicy(userName: "carol", policyArn: arn)
        let names = { (output: JSONValue) in output.text() }

        let all = try await iam.perform("ListEntitiesForPolicy", input: .object([("PolicyArn", .string(arn))]))
        #expect(all["PolicyGroups"] == .array([.object([("GroupName", "admins"), ("GroupId", try #require(all["PolicyGroups"]?[0]?["GroupId"]))])]))
        #expect(all["PolicyUsers"]?.arrayCount == 2)
        #expect(all["PolicyRoles"] == .array([]))

        let users = try await iam.perform("ListEntitiesForPolicy", input: .object([("PolicyArn", .string(arn)), ("EntityFilter", "User"), ("PathPrefix", "/division/")]))
        #expect(users["PolicyGroups"] == .array([]))
        #expect(users["PolicyUsers"]?[0]?["UserName"] == "bob")
        #expect(users["PolicyUsers"]?.arrayCount == 1)

        let bounded = try await iam.perform("ListEntitiesForPolicy", input: .object([("PolicyArn", .string(arn)), ("PolicyUsageFilter", "PermissionsBoundary")]))
        #expect(bounded["PolicyUsers"]?.arrayCount == 1, "\(names(bounded))")
        #expect(bounded["PolicyUsers"]?[0]?["UserName"] == "carol")

        let first = try await iam.perform("ListEntitiesForPolicy", input: .object([("PolicyArn", .string(arn)), ("MaxItems", 2)]))
        #expect(first["PolicyGroups"]?.arrayCount == 1)
        #expect(first["PolicyUsers"]?[0]?["UserName"] == "bob")
        #expect(first["IsTruncated"] == true)
        let rest = try await iam.perform("ListEntitiesForPolicy", input: .object([("PolicyArn", .string(arn)), ("MaxItems", 2), ("Marker", try #require(first["Marker"]))]))
        #expect(rest["PolicyUsers"]?[0]?["UserName"] == "carol")
        #expect(rest["PolicyGroups"] == .array([]))
        #expect(rest["IsTruncated"] == false)
    }

    @Test func listPoliciesDecodesScopeAndFlags() async throws {
        let (iam, arn, _) = try await Self.world()
        let local = try await iam.perform("ListPolicies", input: .object([("Scope", "Local"), ("OnlyAttached", true)]))
        #expect(local["Policies"]?.arrayCount == 1)
        #expect(local["Policies"]?[0]?["Arn"] == .string(arn))
        await #expect(throws: IAMError.self) {
            try await iam.perform("ListPolicies", input: .object([("Scope", "Everything")]))
        }
        await #expect(throws: IAMError.self) {
            try await iam.perform("ListPolicies", input: .object([("OnlyAttached", "true")]))
        }
    }

    // MARK: Simulation

    @Test func simulationResultsPageAndResourcePoliciesAreRefused() async throws {
        let iam = try await ServiceFixtures.service()
        let input: [(String, JSONValue)] = [
            ("PolicyInputList", .array([.string(Self.document)])), ("ActionNames", .array(["s3:GetObject", "s3:PutObject"])),
        ]
        let first = try await iam.perform("SimulateCustomPolicy", input: .object(input + [("MaxItems", 1)]))
        #expect(first["EvaluationResults"]?[0]?["EvalActionName"] == "s3:GetObject")
        #expect(first["EvaluationResults"]?[0]?["EvalDecision"] == "allowed")
        #expect(first["IsTruncated"] == true)
        let second = try await iam.perform("SimulateCustomPolicy", input: .object(input + [("MaxItems", 1), ("Marker", try #require(first["Marker"]))]))
        #expect(second["EvaluationResults"]?[0]?["EvalActionName"] == "s3:PutObject")
        #expect(second["EvaluationResults"]?[0]?["EvalDecision"] == "implicitDeny")
        #expect(second["IsTruncated"] == false)

        await #expect(
            throws: IAMError(
                .invalidInput,
                "IAMStore simulates identity-based policies and permissions boundaries only; ResourcePolicy cannot be simulated.")
        ) {
            try await iam.perform("SimulateCustomPolicy", input: .object(input + [("ResourcePolicy", .string(Self.document))]))
        }
    }

    @Test func contextEntriesReachTheSimulator() async throws {
        let iam = try await ServiceFixtures.service()
        let conditional = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"10"}}}]}"#
        let base: [(String, JSONValue)] = [("PolicyInputList", .array([.string(conditional)])), ("ActionNames", .array(["s3:GetObject"]))]
        let without = try await iam.perform("SimulateCustomPolicy", input: .object(base))
        #expect(without["EvaluationResults"]?[0]?["EvalDecision"] == "implicitDeny")
        let with = try await iam.perform(
            "SimulateCustomPolicy",
            input: .object(base + [("ContextEntries", .array([.object([("ContextKeyName", "s3:max-keys"), ("ContextKeyValues", .array(["5"])), ("ContextKeyType", "numeric")])]))]))
        #expect(with["EvaluationResults"]?[0]?["EvalDecision"] == "allowed")
        let keys = try await iam.perform("GetContextKeysForCustomPolicy", input: .object([("PolicyInputList", .array([.string(conditional)]))]))
        #expect(keys == .object([("ContextKeyNames", .array(["s3:max-keys"]))]))
    }

    // MARK: Validation

    @Test func listsAndStructuresOfTheWrongKindAreValidationErrors() async throws {
        let iam = try await ServiceFixtures.service()
        await #expect(
            throws: IAMError(
                .validationError,
                "1 validation error detected: Value 'team' at 'tags' failed to satisfy constraint: Member must be of type list")
        ) {
            try await iam.perform("CreateUser", input: .object([("UserName", "bob"), ("Tags", "team")]))
        }
        await #expect(
            throws: IAMError(
                .validationError,
                "1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null")
        ) {
            try await iam.perform("CreateUser", input: .object([("UserName", "bob"), ("Tags", .array([.object([("Key", "team")])]))]))
        }
        #expect(try await iam.listUsers().items.isEmpty)
    }

    // MARK: The shape checker itself

    @Test func theShapeCheckerFindsUnknownMembersAndWrongKinds() {
        let output: JSONValue = .object([
            ("User", .object([("UserName", "bob"), ("Nickname", "b"), ("CreateDate", 5)])),
        ])
        #expect(
            OperationShapeTests.violations(of: output, shape: "GetUserResponse", service: .iam, path: "GetUser") == [
                "GetUser.User.Nickname: not a member of User", "GetUser.User.CreateDate: 5 is not a timestamp (dateType)",
            ])
    }
}

extension JSONValue {
    /// The element at `index` of an array.
    subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The number of elements of an array.
    var arrayCount: Int? {
        guard case .array(let items) = self else { return nil }
        return items.count
    }
}
