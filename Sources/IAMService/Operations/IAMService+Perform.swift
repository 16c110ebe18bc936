import Foundation
import IAMCore

/// One entry of the operation table: how an AWS operation runs on the service, and what the
/// policy engine authorizes before it runs.
struct OperationHandler: Sendable {
    /// The action prefix: `iam`, or `sts`.
    var service: String
    /// Decodes the input, calls the service method and builds the output structure's members.
    var run: @Sendable (IAMService, OperationInput) async throws -> JSONValue
    /// The resource the operation is authorized on.
    var resource: ResourceRule
    /// Whether the caller needs a policy allowing the action (every operation but GetCallerIdentity).
    var requiresPermission: Bool

    init(
        service: String = "iam", run: @escaping @Sendable (IAMService, OperationInput) async throws -> JSONValue,
        resource: ResourceRule, requiresPermission: Bool = true
    ) {
        self.service = service
        self.run = run
        self.resource = resource
        self.requiresPermission = requiresPermission
    }

    /// An operation without output: it answers `.object([])`.
    init(noOutput run: @escaping @Sendable (IAMService, OperationInput) async throws -> Void, resource: ResourceRule) {
        self.init(
            run: { iam, input in
                try await run(iam, input)
                return .object([])
            }, resource: resource)
    }
}

/// How an operation's resource ARN follows from its input.
struct ResourceRule: Sendable {
    let resolve: @Sendable (IAMService, OperationInput) async throws -> String

    init(_ resolve: @escaping @Sendable (IAMService, OperationInput) async throws -> String) { self.resolve = resolve }

    /// `*`: account-level operations, and those the Service Authorization Reference lists without
    /// a resource type.
    static let any = ResourceRule { _, _ in "*" }
    /// The user `UserName` names, with its path.
    static let user = ResourceRule { iam, input in try await iam.userResource(try input.requiredString("UserName")) }
    /// The user an optional `UserName` names, or the caller when it is omitted.
    static let userOrCaller = ResourceRule { iam, input in try await iam.userResource(input.string("UserName")) }
    /// The group `GroupName` names, with its path.
    static let group = ResourceRule { iam, input in try await iam.groupResource(try input.requiredString("GroupName")) }
    /// The managed policy `PolicyArn` names.
    static let policy = ResourceRule { _, input in try input.requiredString("PolicyArn") }
    /// A new entity of `kind` at the input's `Path`, named by `nameMember`.
    static func new(_ kind: String, nameMember: String) -> ResourceRule {
        ResourceRule { iam, input in
            iam.account.arn(kind, path: input.string("Path") ?? "/", name: try input.requiredString(nameMember))
        }
    }
    /// List operations: `arn:aws:iam::ACCOUNT:KIND/` followed by the input's `PathPrefix`.
    static func pathPrefix(_ kind: String) -> ResourceRule {
        ResourceRule { iam, input in iam.account.arn(kind, path: input.string("PathPrefix") ?? "/", name: "") }
    }
}

extension IAMService {
    /// Every operation `perform` runs, keyed by AWS's operation name. Each family of operations
    /// contributes its entries from its own file (`Operations+Identity.swift`, …).
    static let operationTable: [String: OperationHandler] = {
        var table: [String: OperationHandler] = [:]
        for family in [identityOperations, credentialOperations, accountOperations, policyOperations, simulationOperations] {
            table.merge(family) { _, _ in preconditionFailure("an operation is listed twice in the operation table") }
        }
        return table
    }()

    /// The AWS operation names ``perform(_:input:)`` implements: IAM names such as `CreateUser`,
    /// plus STS `GetCallerIdentity`.
    public static let performableOperations: Set<String> = Set(operationTable.keys)

    /// Runs one AWS operation as ``caller``.
    ///
    /// ```swift
    /// let output = try await iam.perform("CreateUser", input: ["UserName": "bob", "Path": "/division/"])
    /// output["User"]?["Arn"]  // "arn:aws:iam::123456789012:user/division/bob"
    /// ```
    ///
    /// - Parameters:
    ///   - operation: AWS's operation name, such as `CreateUser`.
    ///   - input: The operation's input structure, members named as botocore's model names them:
    ///     strings as `.string`, integers as `.integer` (or a whole `.number`), booleans as `.bool`,
    ///     lists as `.array`, structures and maps as `.object`; `.null` members count as absent.
    ///     What a Query decoder produces from `Tags.member.1.Key=…`.
    /// - Returns: The members of the operation's output structure (what sits inside
    ///   `<CreateUserResult>`), named and nested as the model names them; timestamps as
    ///   ``Foundation/Date/awsTimestamp`` strings, policy documents as their plain text, blobs
    ///   (credential report content, MFA seeds and QR codes) as base64 text; `.object([])` for
    ///   operations without output.
    /// - Throws: `InvalidAction` for an operation not in ``performableOperations``; `ValidationError`
    ///   for input the model rejects (a missing required member, a value of the wrong kind, a
    ///   broken length or pattern); otherwise whatever the operation's service method throws.
    public func perform(_ operation: String, input: JSONValue) async throws -> JSONValue {
        try await perform(Self.prepare(operation, input: input))
    }

    /// Runs an operation already checked by ``prepare(_:input:)``.
    public func perform(_ prepared: PreparedOperation) async throws -> JSONValue {
        try await prepared.handler.run(self, prepared.input)
    }

    /// What the policy engine must allow before `operation` runs: the action (`iam:CreateUser`) and
    /// the resource ARN AWS's Service Authorization Reference gives for it, resolved in this account
    /// with the path of existing entities (`arn:aws:iam::123456789012:group/division/admins`), the
    /// caller's own ARN when an optional `UserName` is omitted, the policy ARN for policy
    /// operations, and `*` for account-level ones.
    ///
    /// The input is checked against the model first, so a request that `perform` would refuse as
    /// `ValidationError` is refused here the same way.
    ///
    /// - Throws: `InvalidAction` for an operation not in ``performableOperations``; `ValidationError`.
    public func authorizationTarget(for operation: String, input: JSONValue) async throws -> AuthorizationTarget {
        try await authorizationTarget(for: Self.prepare(operation, input: input))
    }

    /// The authorization target of an operation already checked by ``prepare(_:input:)``.
    public func authorizationTarget(for prepared: PreparedOperation) async throws -> AuthorizationTarget {
        AuthorizationTarget(
            action: "\(prepared.handler.service):\(prepared.name)",
            resource: try await prepared.handler.resource.resolve(self, prepared.input),
            requiresPermission: prepared.handler.requiresPermission)
    }

    /// `operation` with its input checked against the model once, for a caller (a server) that
    /// asks for its ``authorizationTarget(for:)-(PreparedOperation)`` and then performs it.
    ///
    /// - Throws: `InvalidAction` for an operation not in ``performableOperations``; `ValidationError`.
    public static func prepare(_ operation: String, input: JSONValue) throws -> PreparedOperation {
        guard let handler = operationTable[operation], let model = IAMModel.operation(named: operation) else {
            // AWS's answer to an Action it does not know, as `IAMModel.validate` words it.
            throw IAMError(
                IAMError.Code(rawValue: "InvalidAction"),
                "Could not find operation \(operation) for version \(ModelService.iam.apiVersion)")
        }
        let decoded = OperationInput(operation: operation, json: input)
        if model.input != nil { try IAMModel.validate(operation: operation, input: decoded.modelValue) }
        return PreparedOperation(name: operation, handler: handler, input: decoded)
    }
}

/// An operation and its input, checked against the model: what ``IAMService/prepare(_:input:)``
/// returns for ``IAMService/authorizationTarget(for:)-(PreparedOperation)`` and
/// ``IAMService/perform(_:)-(PreparedOperation)``.
public struct PreparedOperation: Sendable {
    /// AWS's operation name.
    public let name: String
    let handler: OperationHandler
    let input: OperationInput
}

// MARK: - Resources

extension IAMService {
    /// The ARN of the user named `name` with its path when it exists (`/` otherwise, as a request
    /// for a missing user is still authorized before `NoSuchEntity`), or the caller's own ARN when
    /// `name` is `nil`.
    func userResource(_ name: String?) async throws -> String {
        guard let name else { return caller.arn }
        let user = try await store.cachedRead("user \(account.id) \(name)") { tx in
            try tx.user(named: name, accountId: account.id)
        }
        return user?.arn(in: account) ?? account.arn("user", name: name)
    }

    /// The ARN of the group named `name`, with its path when it exists.
    func groupResource(_ name: String) async throws -> String {
        let group = try await store.cachedRead("group \(account.id) \(name)") { tx in
            try tx.group(named: name, accountId: account.id)
        }
        return group?.arn(in: account) ?? account.arn("group", name: name)
    }
}
