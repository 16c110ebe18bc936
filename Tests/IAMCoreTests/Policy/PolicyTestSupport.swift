@testable import IAMCore

/// Builds policy texts and decisions tersely for the policy tests.
enum PolicyFixture {
    /// A 2012-10-17 policy with the given statement objects (JSON text).
    static func document(_ statements: String..., version: String? = "2012-10-17") -> String {
        let versionMember = version.map { #""Version":"\#($0)","# } ?? ""
        return #"{\#(versionMember)"Statement":[\#(statements.joined(separator: ","))]}"#
    }

    /// One statement object.
    static func statement(
        _ effect: String = "Allow",
        action: String = #""*""#,
        actionKey: String = "Action",
        resource: String = #""*""#,
        resourceKey: String = "Resource",
        condition: String? = nil,
        sid: String? = nil
    ) -> String {
        var members = [#""Effect":"\#(effect)""#, #""\#(actionKey)":\#(action)"#, #""\#(resourceKey)":\#(resource)"#]
        if let condition { members.append(#""Condition":\#(condition)"#) }
        if let sid { members.insert(#""Sid":"\#(sid)""#, at: 0) }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func compile(_ text: String, id: String = "test-policy", kind: PolicySource.Kind = .userInline) throws
        -> CompiledPolicy
    {
        try CompiledPolicy(text: text, source: PolicySource(id: id, kind: kind))
    }

    /// The decision for one request against identity policies and an optional boundary.
    static func decide(
        _ identity: [String],
        boundary: [String]? = nil,
        action: String,
        resource: String = "*",
        context: RequestContext = RequestContext()
    ) throws -> EvaluationResult {
        let identityPolicies = try identity.enumerated().map { try compile($1, id: "identity-\($0)") }
        let boundaryPolicies = try boundary?.map { try compile($0, id: "boundary", kind: .permissionsBoundary) }
        return PolicyEvaluator.evaluate(
            request: AuthorizationRequest(action: action, resource: resource, context: context),
            identityPolicies: identityPolicies,
            permissionsBoundary: boundaryPolicies
        )
    }

    /// Whether a single Allow statement with `condition` applies, given `context`.
    static func conditionHolds(_ condition: String, context: RequestContext, version: String? = "2012-10-17") throws -> Bool {
        let text = document(statement(condition: condition), version: version)
        return try decide([text], action: "s3:GetObject", context: context).decision == .allowed
    }

    /// A context from single string values.
    static func context(_ values: [String: String]) -> RequestContext {
        var context = RequestContext()
        for (key, value) in values { context[key] = .single(value) }
        return context
    }
}
