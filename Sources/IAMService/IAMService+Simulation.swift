import Foundation
import IAMCore

/// One `ContextEntry` of the simulator: a key, its values and their type.
public struct SimulationContextEntry: Sendable, Hashable {
    public var key: String
    public var values: [String]
    public var type: RequestContext.KeyType

    public init(key: String, values: [String], type: RequestContext.KeyType) {
        self.key = key
        self.values = values
        self.type = type
    }
}

/// One `EvaluationResult` of `SimulatePrincipalPolicy` / `SimulateCustomPolicy`.
public struct SimulationResult: Sendable, Hashable {
    public var actionName: String
    public var resourceName: String
    public var result: EvaluationResult

    /// AWS's `EvaluationResult` structure.
    public var json: JSONValue {
        .object([
            "EvalActionName": .string(actionName),
            "EvalResourceName": .string(resourceName),
            "EvalDecision": .string(result.decision.rawValue),
            "MatchedStatements": .array(result.matchedStatements.map { statement -> JSONValue in
                JSONValue.object([
                    ("SourcePolicyId", .string(statement.source.id)),
                    ("SourcePolicyType", .string(statement.source.sourceType.rawValue)),
                    ("StartPosition", .object([("Line", .integer(statement.startPosition.line)), ("Column", .integer(statement.startPosition.column))])),
                    ("EndPosition", .object([("Line", .integer(statement.endPosition.line)), ("Column", .integer(statement.endPosition.column))])),
                ])
            }),
            "MissingContextValues": .array(result.missingContextValues.map(JSONValue.string)),
            "PermissionsBoundaryDecisionDetail": result.permissionsBoundaryDecision.map {
                .object([("AllowedByPermissionsBoundary", .bool($0.allowedByPermissionsBoundary))])
            },
        ])
    }
}

extension SimulationResult {
    /// AWS's `SimulatePolicyResponse`: `{"EvaluationResults": […], "IsTruncated": false}`.
    public static func json(_ results: [SimulationResult]) -> JSONValue {
        .object([("EvaluationResults", .array(results.map(\.json))), ("IsTruncated", .bool(false))])
    }
}

extension IAMService {
    private static func context(_ entries: [SimulationContextEntry]) -> RequestContext {
        var context = RequestContext()
        for entry in entries {
            context[entry.key] = RequestContext.Value(type: entry.type, values: entry.values)
        }
        return context
    }

    private static func compileInputs(_ documents: [String], boundary: Bool) throws -> [CompiledPolicy] {
        try documents.enumerated().map { index, text in
            let source = boundary
                ? PolicySource(id: "PermissionsBoundaryPolicyInputList.\(index + 1)", kind: .permissionsBoundary)
                : PolicySource.customPolicy(at: index)
            return try CompiledPolicy(text: text, source: source)
        }
    }

    private static func simulate(
        identity: [CompiledPolicy], boundary: [CompiledPolicy]?, actionNames: [String], resourceArns: [String],
        context: RequestContext
    ) -> [SimulationResult] {
        let resources = resourceArns.isEmpty ? ["*"] : resourceArns
        var results: [SimulationResult] = []
        for action in actionNames {
            for resource in resources {
                let request = AuthorizationRequest(action: action, resource: resource, context: context)
                let result = PolicyEvaluator.evaluate(request: request, identityPolicies: identity, permissionsBoundary: boundary)
                results.append(SimulationResult(actionName: action, resourceName: resource, result: result))
            }
        }
        return results
    }

    private static func simulationParameters(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    /// Simulates requests of the user (or group) `policySourceArn` names against its policies,
    /// plus `policyInputList`; the boundary is the principal's unless
    /// `permissionsBoundaryPolicyInputList` replaces it. Only `contextEntries` supply context keys,
    /// as in AWS's simulator.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for an unknown principal; `InvalidInput` for a
    ///   source ARN that is not a user or group of this account; `MalformedPolicyDocument`.
    public func simulatePrincipalPolicy(
        policySourceArn: String, actionNames: [String], resourceArns: [String] = [], contextEntries: [SimulationContextEntry] = [],
        policyInputList: [String] = [], permissionsBoundaryPolicyInputList: [String] = []
    ) async throws -> [SimulationResult] {
        try validate(
            "SimulatePrincipalPolicy",
            [
                "PolicySourceArn": .string(policySourceArn), "ActionNames": .list(actionNames.map { .string($0) }),
                "ResourceArns": resourceArns.isEmpty ? nil : .list(resourceArns.map { .string($0) }),
            ])
        let extra = try Self.compileInputs(policyInputList, boundary: false)
        let boundaryInputs = try Self.compileInputs(permissionsBoundaryPolicyInputList, boundary: true)
        let parameters = Self.simulationParameters([
            ("PolicySourceArn", .string(policySourceArn)), ("ActionNames", .array(actionNames.map(JSONValue.string))),
            ("ResourceArns", resourceArns.isEmpty ? nil : .array(resourceArns.map(JSONValue.string))),
        ])
        let context = Self.context(contextEntries)
        return try await query("SimulatePrincipalPolicy", parameters: parameters, resources: [policySourceArn]) { tx in
            let policies = try principalPolicies(arn: policySourceArn, in: tx)
            let compiled = Self.compile(policies, epoch: "")
            let boundary = boundaryInputs.isEmpty ? compiled.boundary : boundaryInputs
            return Self.simulate(
                identity: compiled.identity + extra, boundary: boundary, actionNames: actionNames, resourceArns: resourceArns,
                context: context)
        }
    }

    /// The effective policies of the user or group an ARN names.
    func principalPolicies(arn: String, in tx: any StoreReading) throws -> [EffectivePolicy] {
        let prefix = "arn:\(account.partition):iam::\(account.id):"
        guard arn.hasPrefix(prefix) else { throw IAMError(.invalidInput, "Invalid ARN: \(arn)") }
        let resource = arn.dropFirst(prefix.count)
        let name = resource.split(separator: "/").last.map(String.init) ?? ""
        if resource.hasPrefix("user/") {
            guard let user = try tx.user(named: name, accountId: account.id), user.arn(in: account) == arn else {
                throw IAMError.noSuchUser(named: name)
            }
            return try effectivePolicies(of: user, in: tx)
        }
        if resource.hasPrefix("group/") {
            guard let group = try tx.group(named: name, accountId: account.id), group.arn(in: account) == arn else {
                throw IAMError.noSuchGroup(named: name)
            }
            return try effectivePolicies(of: group, in: tx)
        }
        throw IAMError(.invalidInput, "Invalid ARN: \(arn)")
    }

    /// Simulates requests against the given documents only.
    ///
    /// - Throws: `ValidationError`; `MalformedPolicyDocument`.
    public func simulateCustomPolicy(
        policyInputList: [String], actionNames: [String], resourceArns: [String] = [],
        contextEntries: [SimulationContextEntry] = [], permissionsBoundaryPolicyInputList: [String] = []
    ) async throws -> [SimulationResult] {
        try validate(
            "SimulateCustomPolicy",
            [
                "PolicyInputList": .list(policyInputList.map { .string($0) }), "ActionNames": .list(actionNames.map { .string($0) }),
                "ResourceArns": resourceArns.isEmpty ? nil : .list(resourceArns.map { .string($0) }),
            ])
        let identity = try Self.compileInputs(policyInputList, boundary: false)
        let boundary = try Self.compileInputs(permissionsBoundaryPolicyInputList, boundary: true)
        let parameters = Self.simulationParameters([
            ("ActionNames", .array(actionNames.map(JSONValue.string))),
            ("ResourceArns", resourceArns.isEmpty ? nil : .array(resourceArns.map(JSONValue.string))),
        ])
        let context = Self.context(contextEntries)
        return try await query("SimulateCustomPolicy", parameters: parameters) { _ in
            Self.simulate(
                identity: identity, boundary: boundary.isEmpty ? nil : boundary, actionNames: actionNames,
                resourceArns: resourceArns, context: context)
        }
    }

    /// The context keys the documents use, once each.
    ///
    /// - Throws: `ValidationError`; `MalformedPolicyDocument`.
    public func getContextKeysForCustomPolicy(policyInputList: [String]) async throws -> [String] {
        try validate("GetContextKeysForCustomPolicy", ["PolicyInputList": .list(policyInputList.map { .string($0) })])
        let keys = try Self.contextKeys(policyInputList)
        return try await query("GetContextKeysForCustomPolicy") { _ in keys }
    }

    /// The context keys of every policy of a user or group, plus `policyInputList`.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`; `InvalidInput`; `MalformedPolicyDocument`.
    public func getContextKeysForPrincipalPolicy(policySourceArn: String, policyInputList: [String] = []) async throws -> [String] {
        try validate("GetContextKeysForPrincipalPolicy", ["PolicySourceArn": .string(policySourceArn)])
        _ = try Self.contextKeys(policyInputList)
        return try await query(
            "GetContextKeysForPrincipalPolicy", parameters: .object([("PolicySourceArn", .string(policySourceArn))]),
            resources: [policySourceArn]
        ) { tx in
            let documents = try principalPolicies(arn: policySourceArn, in: tx).filter { $0.origin != .permissionsBoundary }.map(\.document)
            return try Self.contextKeys(documents + policyInputList)
        }
    }

    private static func contextKeys(_ documents: [String]) throws -> [String] {
        var seen = Set<String>()
        var keys: [String] = []
        for text in documents {
            for key in try PolicyDocument(text: text).contextKeys where seen.insert(key.lowercased()).inserted {
                keys.append(key)
            }
        }
        return keys
    }
}
