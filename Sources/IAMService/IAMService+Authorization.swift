import Foundation
import IAMCore
import Synchronization

/// Where one policy of a principal comes from, for `list-effective-policies` and the simulator.
public struct EffectivePolicy: Sendable, Hashable {
    /// How the policy reaches the user.
    public enum Origin: Sendable, Hashable {
        case attachedToUser
        case inlineInUser
        case attachedToGroup(String)
        case inlineInGroup(String)
        case permissionsBoundary

        /// A short human description: "attached directly", "inline", "via group G".
        public var text: String {
            switch self {
            case .attachedToUser: "attached directly"
            case .inlineInUser: "inline"
            case .attachedToGroup(let group): "via group \(group)"
            case .inlineInGroup(let group): "inline via group \(group)"
            case .permissionsBoundary: "permissions boundary"
            }
        }
    }

    /// The policy name.
    public var name: String
    /// The ARN of a managed policy; `nil` for an inline one.
    public var arn: String?
    public var origin: Origin
    /// The document in force (the default version of a managed policy).
    public var document: String

    /// The label the evaluator reports matched statements under.
    var source: PolicySource {
        switch origin {
        case .attachedToUser: PolicySource(id: arn ?? name, kind: .userManaged)
        case .inlineInUser: PolicySource(id: name, kind: .userInline)
        case .attachedToGroup(let group): PolicySource(id: arn ?? name, kind: .groupManaged(groupName: group))
        case .inlineInGroup(let group): PolicySource(id: name, kind: .groupInline(groupName: group))
        case .permissionsBoundary: PolicySource(id: arn ?? name, kind: .permissionsBoundary)
        }
    }

    /// `{"PolicyName", "PolicyArn"?, "PolicyType", "Origin"}` for the CLI.
    public var json: JSONValue {
        let type: String = switch origin {
        case .attachedToUser, .attachedToGroup: arn?.contains(":iam::aws:policy/") == true ? "AWSManaged" : "CustomerManaged"
        case .inlineInUser, .inlineInGroup: "Inline"
        case .permissionsBoundary: "PermissionsBoundary"
        }
        return .object([
            "PolicyName": .string(name), "PolicyArn": arn.map(JSONValue.string), "PolicyType": .string(type),
            "Origin": .string(origin.text),
        ])
    }
}

/// A user's policies compiled for evaluation, valid for one policy epoch.
struct CompiledPrincipalPolicies: Sendable {
    var epoch: String
    /// The memberships and boundary compiled in: group changes do not bump the epoch, so they
    /// are compared on every use (one indexed query).
    var groupIds: [String]
    var boundaryPolicyId: String?
    var identity: [CompiledPolicy]
    var boundary: [CompiledPolicy]?
}

/// Compiled policy sets keyed by user ID, shared by every copy of a service over one store.
///
/// An entry is used only while the database's `policyEpoch` equals the one it was compiled at:
/// every change that can alter a decision bumps the epoch in its own transaction.
final class PolicyCache: Sendable {
    private let entries = Mutex<[String: CompiledPrincipalPolicies]>([:])

    func get(_ userId: String, epoch: String, groupIds: [String], boundaryPolicyId: String?) -> CompiledPrincipalPolicies? {
        entries.withLock { $0[userId] }.flatMap {
            $0.epoch == epoch && $0.groupIds == groupIds && $0.boundaryPolicyId == boundaryPolicyId ? $0 : nil
        }
    }

    func put(_ userId: String, _ value: CompiledPrincipalPolicies) {
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[userId] = value
        }
    }
}

extension IAMService {
    /// Every policy that applies to `user`: inline and attached, each group's inline and attached,
    /// and the boundary, in that order.
    func effectivePolicies(of user: User, in tx: any StoreReading) throws -> [EffectivePolicy] {
        var result: [EffectivePolicy] = []
        for policy in try tx.attachedPolicies(to: .user(id: user.id)) {
            if let version = try tx.defaultPolicyVersion(policyId: policy.id) {
                result.append(EffectivePolicy(name: policy.name, arn: policy.arn(partition: account.partition), origin: .attachedToUser, document: version.document))
            }
        }
        for inline in try tx.inlinePolicies(of: .user(id: user.id)) {
            result.append(EffectivePolicy(name: inline.name, arn: nil, origin: .inlineInUser, document: inline.document))
        }
        for group in try tx.groups(forUserId: user.id, page: .all).items {
            result += try effectivePolicies(of: group, in: tx)
        }
        if let boundaryId = user.permissionsBoundaryPolicyId, let policy = try tx.managedPolicy(id: boundaryId),
            let version = try tx.defaultPolicyVersion(policyId: boundaryId)
        {
            result.append(EffectivePolicy(name: policy.name, arn: policy.arn(partition: account.partition), origin: .permissionsBoundary, document: version.document))
        }
        return result
    }

    /// A group's attached policies (default versions) and inline policies.
    func effectivePolicies(of group: Group, in tx: any StoreReading) throws -> [EffectivePolicy] {
        var result: [EffectivePolicy] = []
        for policy in try tx.attachedPolicies(to: .group(id: group.id)) {
            if let version = try tx.defaultPolicyVersion(policyId: policy.id) {
                result.append(EffectivePolicy(name: policy.name, arn: policy.arn(partition: account.partition), origin: .attachedToGroup(group.name), document: version.document))
            }
        }
        for inline in try tx.inlinePolicies(of: .group(id: group.id)) {
            result.append(EffectivePolicy(name: inline.name, arn: nil, origin: .inlineInGroup(group.name), document: inline.document))
        }
        return result
    }

    /// Compiles a user's effective policies; stored documents were validated when written.
    static func compile(
        _ policies: [EffectivePolicy], epoch: String, groupIds: [String] = [], boundaryPolicyId: String? = nil
    ) -> CompiledPrincipalPolicies {
        var identity: [CompiledPolicy] = []
        var boundary: [CompiledPolicy]?
        for policy in policies {
            guard let compiled = try? CompiledPolicy(text: policy.document, source: policy.source) else { continue }
            if policy.origin == .permissionsBoundary { boundary = [compiled] } else { identity.append(compiled) }
        }
        return CompiledPrincipalPolicies(
            epoch: epoch, groupIds: groupIds, boundaryPolicyId: boundaryPolicyId, identity: identity, boundary: boundary)
    }

    /// The caller's own keys (`aws:username`, `aws:userid`, `aws:PrincipalArn`,
    /// `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:PrincipalTag/…`): cached with the
    /// caller's compiled policies, since they change only when the user or its tags do.
    func principalContext(for user: User, tags: [Tag]) -> RequestContext {
        var context = RequestContext()
        context["aws:username"] = .single(user.name)
        context["aws:userid"] = .single(user.id)
        context["aws:PrincipalArn"] = .single(user.arn(in: account), type: .string)
        context["aws:PrincipalAccount"] = .single(account.id)
        context["aws:PrincipalType"] = .single("User")
        for tag in tags { context["aws:PrincipalTag/\(tag.key)"] = .single(tag.value) }
        return context
    }

    /// The context keys IAM supplies for a user's request: the caller's, the time, then the keys
    /// the request supplied, which win.
    func requestContext(principal: RequestContext, merging supplied: RequestContext) -> RequestContext {
        var context = principal
        context.merge(Self.timeContext(at: clock.now))
        context.merge(supplied)
        return context
    }

    /// `aws:CurrentTime` and `aws:EpochTime` (whole seconds), built and parsed once a second
    /// rather than for every request.
    static func timeContext(at now: Date) -> RequestContext {
        let second = Int(now.timeIntervalSince1970)
        if let kept = timeContexts.withLock({ $0.second == second ? $0.context : nil }) { return kept }
        var context = RequestContext()
        context["aws:CurrentTime"] = .single(UTCTimestamp.string(now, milliseconds: false, zone: "Z"), type: .date)
        context["aws:EpochTime"] = .single(String(second), type: .numeric)
        timeContexts.withLock { $0 = (second, context) }
        return context
    }

    private static let timeContexts = Mutex<(second: Int, context: RequestContext)>((.min, RequestContext()))

    /// Decides whether `principal` may perform `action` on `resource`.
    ///
    /// The root user is allowed everything. For an IAM user, its inline and attached policies and
    /// those of its groups are evaluated as one set, with the permissions boundary; compiled
    /// policies are cached per user until any policy, attachment, membership or boundary changes.
    ///
    /// - Throws: `NoSuchEntity` when the user no longer exists.
    public func authorize(
        principal: Principal, action: String, resource: String = "*", context: RequestContext = RequestContext()
    ) async throws -> EvaluationResult {
        guard case .user(let user) = principal.kind else {
            return EvaluationResult(decision: .allowed, matchedStatements: [], missingContextValues: [], permissionsBoundaryDecision: nil)
        }
        let service = self
        let (compiled, principalContext) = try await store.cachedRead("authorization \(user.id)") { tx -> (CompiledPrincipalPolicies, RequestContext) in
            guard let current = try tx.user(id: user.id) else { throw IAMError.noSuchUser(named: user.name) }
            let epoch = try tx.setting(Self.policyEpochSetting) ?? ""
            let tags = try tx.tags(userId: current.id)
            let groupIds = try tx.groups(forUserId: current.id, page: .all).items.map(\.id)
            let boundaryId = current.permissionsBoundaryPolicyId
            let principalContext = service.principalContext(for: current, tags: tags)
            if let cached = Self.policyCache.get(current.id, epoch: epoch, groupIds: groupIds, boundaryPolicyId: boundaryId) {
                return (cached, principalContext)
            }
            let compiled = Self.compile(
                try service.effectivePolicies(of: current, in: tx), epoch: epoch, groupIds: groupIds, boundaryPolicyId: boundaryId)
            Self.policyCache.put(current.id, compiled)
            return (compiled, principalContext)
        }
        let request = AuthorizationRequest(
            action: action, resource: resource, context: requestContext(principal: principalContext, merging: context))
        return PolicyEvaluator.evaluate(request: request, identityPolicies: compiled.identity, permissionsBoundary: compiled.boundary)
    }

    /// Decides for the IAM user named `userName` in this account.
    ///
    /// - Throws: `NoSuchEntity` when the user does not exist.
    public func authorize(
        userName: String, action: String, resource: String = "*", context: RequestContext = RequestContext()
    ) async throws -> EvaluationResult {
        let user = try await store.read { [account] tx in
            guard let user = try tx.user(named: userName, accountId: account.id) else { throw IAMError.noSuchUser(named: userName) }
            return user
        }
        return try await authorize(principal: Principal(account: account, kind: .user(user)), action: action, resource: resource, context: context)
    }

    /// Decides for the owner of an access key (the root user or an IAM user).
    ///
    /// - Throws: `NoSuchEntity` when the key does not exist in this account.
    public func authorize(
        accessKeyID: String, action: String, resource: String = "*", context: RequestContext = RequestContext()
    ) async throws -> EvaluationResult {
        let principal = try await store.read { [account] tx -> Principal in
            guard let key = try tx.accessKey(id: accessKeyID), key.accountId == account.id else {
                throw IAMError(.noSuchEntity, "The Access Key with id \(accessKeyID) cannot be found.")
            }
            switch key.owner {
            case .root: return Principal(account: account, kind: .root, accessKeyId: accessKeyID)
            case .user(let id):
                guard let user = try tx.user(id: id) else { throw IAMError(.noSuchEntity, "The Access Key with id \(accessKeyID) cannot be found.") }
                return Principal(account: account, kind: .user(user), accessKeyId: accessKeyID)
            }
        }
        return try await authorize(principal: principal, action: action, resource: resource, context: context)
    }

    /// One cache per process, keyed by user ID and checked against the database's epoch stamp,
    /// whose random nonce tells databases apart.
    static let policyCache = PolicyCache()
}

extension IAMService {
    /// Every policy that applies to a user, with where it comes from: attached directly, inline,
    /// via a group, or the permissions boundary.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`.
    public func listEffectivePolicies(userName: String) async throws -> [EffectivePolicy] {
        try validate("GetUser", ["UserName": .string(userName)])
        return try await query("ListEffectivePolicies", parameters: .object([("UserName", .string(userName))])) { tx in
            try effectivePolicies(of: existingUser(userName, in: tx), in: tx)
        }
    }
}
