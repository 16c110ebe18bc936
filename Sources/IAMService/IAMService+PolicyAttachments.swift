import Foundation
import IAMCore

extension IAMService {
    /// Managed policies attached to one user, and to one group (AWS's default quotas, not adjustable here).
    static let policiesPerUserQuota = 10
    static let policiesPerGroupQuota = 10

    /// Attaches a managed policy (customer managed in this account, or AWS managed) to a user.
    /// Attaching a policy already attached changes nothing, as AWS does.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for the user or "Policy ARN does not exist or is
    ///   not attachable."; `LimitExceeded` "Cannot exceed quota for PoliciesPerUser: 10"; `InvalidInput`.
    public func attachUserPolicy(userName: String, policyArn: String) async throws {
        try validate("AttachUserPolicy", ["UserName": .string(userName), "PolicyArn": .string(policyArn)])
        let parameters = JSONValue.object([("UserName", .string(userName)), ("PolicyArn", .string(policyArn))])
        try await mutate("AttachUserPolicy", parameters: parameters, resources: [policyArn]) { tx, draft in
            let user = try existingUser(userName, in: tx)
            draft.resources.append(user.arn(in: account))
            let policy = try managedPolicy(arn: policyArn, in: tx)
            try attach(policy, to: .user(id: user.id), quota: ("PoliciesPerUser", Self.policiesPerUserQuota), in: tx)
        }
    }

    /// Attaches a managed policy to a group; every member gets it.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`; `LimitExceeded` "Cannot exceed quota for PoliciesPerGroup: 10".
    public func attachGroupPolicy(groupName: String, policyArn: String) async throws {
        try validate("AttachGroupPolicy", ["GroupName": .string(groupName), "PolicyArn": .string(policyArn)])
        let parameters = JSONValue.object([("GroupName", .string(groupName)), ("PolicyArn", .string(policyArn))])
        try await mutate("AttachGroupPolicy", parameters: parameters, resources: [policyArn]) { tx, draft in
            let group = try existingGroup(groupName, in: tx)
            draft.resources.append(group.arn(in: account))
            let policy = try managedPolicy(arn: policyArn, in: tx)
            try attach(policy, to: .group(id: group.id), quota: ("PoliciesPerGroup", Self.policiesPerGroupQuota), in: tx)
        }
    }

    /// Attaches `policy` to `holder` inside a write transaction (shared with seed files): already
    /// attached changes nothing; at most `quota` policies per holder.
    func attach(_ policy: ManagedPolicy, to holder: PolicyHolder, quota: (String, Int), in tx: any StoreWriting) throws {
        let attached = try tx.attachedPolicyIds(to: holder)
        guard !attached.contains(policy.id) else { return }
        guard attached.count < quota.1 else { throw IAMError.quotaExceeded(quota.0, quota.1) }
        try tx.attach(policyId: policy.id, to: holder, at: clock.now)
        try policiesChanged(in: tx)
    }

    /// Detaches a managed policy from a user.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for the user, or "Policy ARN was not found." when
    ///   it is not attached.
    public func detachUserPolicy(userName: String, policyArn: String) async throws {
        try validate("DetachUserPolicy", ["UserName": .string(userName), "PolicyArn": .string(policyArn)])
        let parameters = JSONValue.object([("UserName", .string(userName)), ("PolicyArn", .string(policyArn))])
        try await mutate("DetachUserPolicy", parameters: parameters, resources: [policyArn]) { tx, draft in
            let user = try existingUser(userName, in: tx)
            draft.resources.append(user.arn(in: account))
            try detach(policyArn, from: .user(id: user.id), in: tx)
        }
    }

    /// Detaches a managed policy from a group.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`.
    public func detachGroupPolicy(groupName: String, policyArn: String) async throws {
        try validate("DetachGroupPolicy", ["GroupName": .string(groupName), "PolicyArn": .string(policyArn)])
        let parameters = JSONValue.object([("GroupName", .string(groupName)), ("PolicyArn", .string(policyArn))])
        try await mutate("DetachGroupPolicy", parameters: parameters, resources: [policyArn]) { tx, draft in
            let group = try existingGroup(groupName, in: tx)
            draft.resources.append(group.arn(in: account))
            try detach(policyArn, from: .group(id: group.id), in: tx)
        }
    }

    /// Detaches the policy `policyArn` names from `holder` (shared with seed files).
    func detach(_ policyArn: String, from holder: PolicyHolder, in tx: any StoreWriting) throws {
        let policy = try existingPolicy(arn: policyArn, in: tx)
        guard try tx.attachedPolicies(to: holder).contains(where: { $0.id == policy.id }) else {
            throw IAMError.policyNotFound(arn: policyArn)
        }
        try tx.detach(policyId: policy.id, from: holder)
        try policiesChanged(in: tx)
    }

    /// The managed policies attached to a user, by name.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`.
    public func listAttachedUserPolicies(
        userName: String, pathPrefix: String? = nil, page: PageRequest = PageRequest()
    ) async throws -> Page<AttachedPolicyDescription> {
        try validate(
            "ListAttachedUserPolicies",
            ["UserName": .string(userName), "PathPrefix": .optional(pathPrefix), "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        return try await query("ListAttachedUserPolicies", parameters: .object([("UserName", .string(userName))])) { tx in
            let user = try existingUser(userName, in: tx)
            return try attachedPage(.user(id: user.id), pathPrefix: pathPrefix, page: page, in: tx)
        }
    }

    /// The managed policies attached to a group, by name.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`.
    public func listAttachedGroupPolicies(
        groupName: String, pathPrefix: String? = nil, page: PageRequest = PageRequest()
    ) async throws -> Page<AttachedPolicyDescription> {
        try validate(
            "ListAttachedGroupPolicies",
            ["GroupName": .string(groupName), "PathPrefix": .optional(pathPrefix), "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        return try await query("ListAttachedGroupPolicies", parameters: .object([("GroupName", .string(groupName))])) { tx in
            let group = try existingGroup(groupName, in: tx)
            return try attachedPage(.group(id: group.id), pathPrefix: pathPrefix, page: page, in: tx)
        }
    }

    private func attachedPage(_ holder: PolicyHolder, pathPrefix: String?, page: PageRequest, in tx: any StoreReading) throws -> Page<AttachedPolicyDescription> {
        let policies = try tx.attachedPolicies(to: holder).filter { $0.path.hasPrefix(pathPrefix ?? "/") }
        let described = policies.map { AttachedPolicyDescription(policyName: $0.name, policyArn: $0.arn(partition: account.partition)) }
        return try Self.page(described, page) { $0.policyName.lowercased() + "\u{0}" + $0.policyArn }
    }
}

extension IAMService {
    /// Gives `userName` the group memberships, attached policies, inline policies and permissions
    /// boundary of `sourceUserName`, in one transaction: all of it, or nothing.
    ///
    /// What the target already has is kept; a source inline policy replaces the target's of the
    /// same name; the source's boundary (or none) replaces the target's.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for either user; `LimitExceeded` when the target
    ///   would exceed 10 groups, 10 attached policies or 2,048 characters of inline policies.
    public func copyUserPermissions(sourceUserName: String, userName: String) async throws {
        try validate("GetUser", ["UserName": .string(sourceUserName)])
        try validate("GetUser", ["UserName": .string(userName)])
        let parameters = JSONValue.object([("SourceUserName", .string(sourceUserName)), ("UserName", .string(userName))])
        try await mutate("CopyUserPermissions", parameters: parameters) { tx, draft in
            let source = try existingUser(sourceUserName, in: tx)
            var target = try existingUser(userName, in: tx)
            draft.resources = [source.arn(in: account), target.arn(in: account)]
            for group in try tx.groups(forUserId: source.id, page: .all).items {
                try addUser(target, to: group, in: tx)
            }
            for policy in try tx.attachedPolicies(to: .user(id: source.id)) {
                try attach(policy, to: .user(id: target.id), quota: ("PoliciesPerUser", Self.policiesPerUserQuota), in: tx)
            }
            for inline in try tx.inlinePolicies(of: .user(id: source.id)) {
                try putInline(
                    inline.name, inline.document, holder: .user(id: target.id), kind: "user", name: target.name,
                    quota: Self.userInlinePolicySizeQuota, in: tx)
            }
            target.permissionsBoundaryPolicyId = source.permissionsBoundaryPolicyId
            try tx.update(target)
            try policiesChanged(in: tx)
        }
    }
}
