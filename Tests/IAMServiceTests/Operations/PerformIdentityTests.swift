import Foundation
import IAMCore
import IAMService
import Testing

@Suite struct PerformIdentityTests {
    @Test func createGetListAndDeleteUserByName() async throws {
        let iam = try await ServiceFixtures.service()
        let created = try await iam.perform(
            "CreateUser",
            input: .object([
                ("UserName", "bob"), ("Path", "/division/"),
                ("Tags", .array([.object([("Key", "team"), ("Value", "core")])])),
            ]))
        #expect(created["User"]?["Arn"] == "arn:aws:iam::123456789012:user/division/bob")
        #expect(created["User"]?["CreateDate"] == .string(ServiceFixtures.now.awsTimestamp))
        #expect(created["User"]?["Tags"] == .array([.object([("Key", "team"), ("Value", "core")])]))

        let got = try await iam.perform("GetUser", input: .object([("UserName", "BOB")]))
        #expect(got["User"]?["UserName"] == "bob")

        let listed = try await iam.perform("ListUsers", input: .object([]))
        #expect(listed["Users"] == .array([try #require(created["User"]).removing("Tags")]))
        #expect(listed["IsTruncated"] == false)
        #expect(listed["Marker"] == nil)

        #expect(try await iam.perform("DeleteUser", input: .object([("UserName", "bob")])) == .object([]))
        await #expect(throws: IAMError.noSuchUser(named: "bob")) {
            try await iam.perform("GetUser", input: .object([("UserName", "bob")]))
        }
    }

    @Test func aPreparedOperationIsCheckedOnceAndRunsLikePerform() async throws {
        let iam = try await ServiceFixtures.service()
        let refused = #expect(throws: IAMError.self) {
            try IAMService.prepare("GetUser", input: .object([("UserName", "not a name!")]))
        }
        #expect(refused?.code.rawValue == "ValidationError")
        let prepared = try IAMService.prepare("CreateUser", input: .object([("UserName", "carol"), ("Path", "/lab/")]))
        #expect(prepared.name == "CreateUser")
        let target = try await iam.authorizationTarget(for: prepared)
        #expect(target.action == "iam:CreateUser")
        #expect(target.resource == "arn:aws:iam::123456789012:user/lab/carol")
        let created = try await iam.perform(prepared)
        #expect(created["User"]?["Arn"] == "arn:aws:iam::123456789012:user/lab/carol")
    }

    @Test func getUserWithoutNameDescribesTheCaller() async throws {
        let iam = try await ServiceFixtures.service()
        let root = try await iam.perform("GetUser", input: .object([]))
        #expect(root["User"]?["UserId"] == "123456789012")
        #expect(root["User"]?["Arn"] == "arn:aws:iam::123456789012:root")

        _ = try await iam.createUser(userName: "alice")
        let alice = iam.acting(as: try await iam.principal(forUserNamed: "alice"))
        #expect(try await alice.perform("GetUser", input: .object([]))["User"]?["UserName"] == "alice")
    }

    @Test func getCallerIdentityNamesRootAndUsers() async throws {
        let iam = try await ServiceFixtures.service()
        #expect(
            try await iam.perform("GetCallerIdentity", input: .object([]))
                == .object([("UserId", "123456789012"), ("Account", "123456789012"), ("Arn", "arn:aws:iam::123456789012:root")]))
        let user = try await iam.createUser(userName: "alice")
        let alice = iam.acting(as: try await iam.principal(forUserNamed: "alice"))
        #expect(
            try await alice.perform("GetCallerIdentity", input: .object([]))
                == .object([("UserId", .string(user.userId)), ("Account", "123456789012"), ("Arn", .string(user.arn))]))
        let target = try await alice.authorizationTarget(for: "GetCallerIdentity", input: .object([]))
        #expect(target == AuthorizationTarget(action: "sts:GetCallerIdentity", resource: "*", requiresPermission: false))
    }

    @Test func missingRequiredMemberIsValidationError() async throws {
        let iam = try await ServiceFixtures.service()
        await #expect(
            throws: IAMError(
                .validationError,
                "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null")
        ) {
            try await iam.perform("CreateUser", input: .object([]))
        }
    }

    @Test func valueOfTheWrongKindIsValidationError() async throws {
        let iam = try await ServiceFixtures.service()
        await #expect(
            throws: IAMError(
                .validationError,
                "1 validation error detected: Value 'ten' at 'maxItems' failed to satisfy constraint: Member must be of type integer")
        ) {
            try await iam.perform("ListUsers", input: .object([("MaxItems", "ten")]))
        }
        // A whole JSON number is an integer.
        #expect(try await iam.perform("ListUsers", input: .object([("MaxItems", .number(5))]))["IsTruncated"] == false)
    }

    @Test func unknownAndUnimplementedOperationsAreInvalidAction() async throws {
        let iam = try await ServiceFixtures.service()
        for name in ["CreateRole", "Frobnicate"] {
            await #expect(
                throws: IAMError(IAMError.Code(rawValue: "InvalidAction"), "Could not find operation \(name) for version 2010-05-08")
            ) {
                try await iam.perform(name, input: .object([]))
            }
            await #expect(throws: IAMError.self) { try await iam.authorizationTarget(for: name, input: .object([])) }
        }
        #expect(!IAMService.performableOperations.contains("CreateRole"))
    }

    @Test func userTargetsCarryThePathOfExistingUsersAndTheCallerWhenUnnamed() async throws {
        let iam = try await ServiceFixtures.service()
        _ = try await iam.createUser(userName: "bob", path: "/division/")
        let alice = iam.acting(as: try await iam.principal(forUserNamed: try await iam.createUser(userName: "alice").userName!))
        let cases: [(IAMService, String, JSONValue, String)] = [
            (iam, "CreateUser", .object([("UserName", "carol"), ("Path", "/ops/")]), "arn:aws:iam::123456789012:user/ops/carol"),
            (iam, "GetUser", .object([("UserName", "BOB")]), "arn:aws:iam::123456789012:user/division/bob"),
            (iam, "GetUser", .object([("UserName", "nobody")]), "arn:aws:iam::123456789012:user/nobody"),
            (alice, "GetUser", .object([]), "arn:aws:iam::123456789012:user/alice"),
            (iam, "DeleteUser", .object([("UserName", "bob")]), "arn:aws:iam::123456789012:user/division/bob"),
            (iam, "ListUsers", .object([]), "arn:aws:iam::123456789012:user/"),
            (iam, "ListUsers", .object([("PathPrefix", "/division/")]), "arn:aws:iam::123456789012:user/division/"),
        ]
        for (service, operation, input, resource) in cases {
            let target = try await service.authorizationTarget(for: operation, input: input)
            #expect(target == AuthorizationTarget(action: "iam:\(operation)", resource: resource), "\(operation) \(input.text())")
        }
    }

    @Test func listUsersPagesWithMarkerAndMaxItems() async throws {
        let iam = try await ServiceFixtures.service()
        for name in ["u1", "u2", "u3"] { _ = try await iam.createUser(userName: name) }
        let first = try await iam.perform("ListUsers", input: .object([("MaxItems", 2)]))
        #expect(first["Users"].map(userNames) == ["u1", "u2"])
        #expect(first["IsTruncated"] == true)
        let marker = try #require(first["Marker"])
        let second = try await iam.perform("ListUsers", input: .object([("Marker", marker), ("MaxItems", 2)]))
        #expect(second["Users"].map(userNames) == ["u3"])
        #expect(second["IsTruncated"] == false)
        #expect(second["Marker"] == nil)
    }

    private func userNames(_ list: JSONValue) -> [String] {
        guard case .array(let users) = list else { return [] }
        return users.compactMap { if case .string(let name)? = $0["UserName"] { name } else { nil } }
    }
}

extension JSONValue {
    /// The object without `member`.
    func removing(_ member: String) -> JSONValue {
        guard case .object(let pairs) = self else { return self }
        return .object(pairs.filter { $0.0 != member })
    }
}
