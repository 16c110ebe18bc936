import Foundation
import IAMCore

extension IAMService {
    /// Aggregate size of a user's inline policies, and of a group's (white space not counted).
    static let userInlinePolicySizeQuota = 2048
    static let groupInlinePolicySizeQuota = 5120

    /// Creates or replaces an inline policy of a user. Inline documents may omit `Version`.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`; `MalformedPolicyDocument`; `LimitExceeded`
    ///   "Maximum policy size of 2048 bytes exceeded for user NAME".
    public func putUserPolicy(userName: String, policyName: String, policyDocument: String) async throws {
        try checkPutInlinePolicy(holder: "User", name: userName, policyName: policyName, policyDocument: policyDocument)
        let parameters = JSONValue.object([
            ("UserName", .string(userName)), ("PolicyName", .string(policyName)), ("PolicyDocument", .string(policyDocument)),
        ])
        try await mutate("PutUserPolicy", parameters: parameters) { tx, draft in
            let user = try existingUser(userName, in: tx)
            draft.resources = [user.arn(in: account)]
            try putInline(policyName, policyDocument, holder: .user(id: user.id), kind: "user", name: user.name,
                          quota: Self.userInlinePolicySizeQuota, in: tx)
        }
    }

    /// Creates or replaces an inline policy of a group.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`; `MalformedPolicyDocument`; `LimitExceeded`
    ///   "Maximum policy size of 5120 bytes exceeded for group NAME".
    public func putGroupPolicy(groupName: String, policyName: String, policyDocument: String) async throws {
        try checkPutInlinePolicy(holder: "Group", name: groupName, policyName: policyName, policyDocument: policyDocument)
        let parameters = JSONValue.object([
            ("GroupName", .string(groupName)), ("PolicyName", .string(policyName)), ("PolicyDocument", .string(policyDocument)),
        ])
        try await mutate("PutGroupPolicy", parameters: parameters) { tx, draft in
            let group = try existingGroup(groupName, in: tx)
            draft.resources = [group.arn(in: account)]
            try putInline(policyName, policyDocument, holder: .group(id: group.id), kind: "group", name: group.name,
                          quota: Self.groupInlinePolicySizeQuota, in: tx)
        }
    }

    /// `PutUserPolicy`'s or `PutGroupPolicy`'s input checks (`holder` is `User` or `Group`),
    /// shared with seed files.
    func checkPutInlinePolicy(holder: String, name: String, policyName: String, policyDocument: String) throws {
        try validate(
            "Put\(holder)Policy",
            ["\(holder)Name": .string(name), "PolicyName": .string(policyName), "PolicyDocument": .string(policyDocument)])
    }

    /// The inline policy rules and write inside a write transaction (shared with seed files and
    /// ``copyUserPermissions(sourceUserName:userName:)``): grammar and the holder's size quota.
    func putInline(
        _ policyName: String, _ document: String, holder: PolicyHolder, kind: String, name: String, quota: Int,
        in tx: any StoreWriting
    ) throws {
        _ = try PolicyDocument(text: document)
        let others = try tx.inlinePolicies(of: holder).filter { $0.name.lowercased() != policyName.lowercased() }
        let total = others.reduce(PolicyDocument.sizeWithoutWhitespace(document)) { $0 + PolicyDocument.sizeWithoutWhitespace($1.document) }
        guard total <= quota else {
            // The quota's wording is the reference's (aws-iam-rules.md); the group form is by analogy.
            throw IAMError(.limitExceeded, "Maximum policy size of \(quota) bytes exceeded for \(kind) \(name)")
        }
        let now = clock.now
        let existing = try tx.inlinePolicy(of: holder, named: policyName)
        try tx.save(
            InlinePolicy(name: existing?.name ?? policyName, document: document, createdAt: existing?.createdAt ?? now, updatedAt: now),
            of: holder)
        try policiesChanged(in: tx)
    }

    /// Deletes an inline policy inside a write transaction (shared with seed files).
    func deleteInline(_ policyName: String, of holder: PolicyHolder, in tx: any StoreWriting) throws {
        try tx.deleteInlinePolicy(of: holder, named: policyName)
        try policiesChanged(in: tx)
    }

    /// An inline policy of a user, with its document.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` "The user policy with name X cannot be found.".
    public func getUserPolicy(userName: String, policyName: String) async throws -> InlinePolicyDescription {
        try validate("GetUserPolicy", ["UserName": .string(userName), "PolicyName": .string(policyName)])
        let parameters = JSONValue.object([("UserName", .string(userName)), ("PolicyName", .string(policyName))])
        return try await query("GetUserPolicy", parameters: parameters) { tx in
            let user = try existingUser(userName, in: tx)
            guard let policy = try tx.inlinePolicy(of: .user(id: user.id), named: policyName) else {
                throw IAMError.noSuchInlinePolicy("user", policyName)
            }
            return InlinePolicyDescription(holderMember: "UserName", holderName: user.name, policyName: policy.name, document: policy.document)
        }
    }

    /// An inline policy of a group, with its document.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` "The group policy with name X cannot be found.".
    public func getGroupPolicy(groupName: String, policyName: String) async throws -> InlinePolicyDescription {
        try validate("GetGroupPolicy", ["GroupName": .string(groupName), "PolicyName": .string(policyName)])
        let parameters = JSONValue.object([("GroupName", .string(groupName)), ("PolicyName", .string(policyName))])
        return try await query("GetGroupPolicy", parameters: parameters) { tx in
            let group = try existingGroup(groupName, in: tx)
            guard let policy = try tx.inlinePolicy(of: .group(id: group.id), named: policyName) else {
                throw IAMError.noSuchInlinePolicy("group", policyName)
            }
            return InlinePolicyDescription(holderMember: "GroupName", holderName: group.name, policyName: policy.name, document: policy.document)
        }
    }

    /// Deletes an inline policy of a user.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`.
    public func deleteUserPolicy(userName: String, policyName: String) async throws {
        try validate("DeleteUserPolicy", ["UserName": .string(userName), "PolicyName": .string(policyName)])
        let parameters = JSONValue.object([("UserName", .string(userName)), ("PolicyName", .string(policyName))])
        try await mutate("DeleteUserPolicy", parameters: parameters) { tx, draft in
            let user = try existingUser(userName, in: tx)
            draft.resources = [user.arn(in: account)]
            guard try tx.inlinePolicy(of: .user(id: user.id), named: policyName) != nil else {
                throw IAMError.noSuchInlinePolicy("user", policyName)
            }
            try deleteInline(policyName, of: .user(id: user.id), in: tx)
        }
    }

    /// Deletes an inline policy of a group.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`.
    public func deleteGroupPolicy(groupName: String, policyName: String) async throws {
        try validate("DeleteGroupPolicy", ["GroupName": .string(groupName), "PolicyName": .string(policyName)])
        let parameters = JSONValue.object([("GroupName", .string(groupName)), ("PolicyName", .string(policyName))])
        try await mutate("DeleteGroupPolicy", parameters: parameters) { tx, draft in
            let group = try existingGroup(groupName, in: tx)
            draft.resources = [group.arn(in: account)]
            guard try tx.inlinePolicy(of: .group(id: group.id), named: policyName) != nil else {
                throw IAMError.noSuchInlinePolicy("group", policyName)
            }
            try deleteInline(policyName, of: .group(id: group.id), in: tx)
        }
    }

    /// The names of a user's inline policies.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`.
    public func listUserPolicies(userName: String, page: PageRequest = PageRequest()) async throws -> Page<String> {
        try validate("ListUserPolicies", ["UserName": .string(userName), "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        return try await query("ListUserPolicies", parameters: .object([("UserName", .string(userName))])) { tx in
            let user = try existingUser(userName, in: tx)
            return try Self.page(try tx.inlinePolicies(of: .user(id: user.id)).map(\.name), page) { $0.lowercased() }
        }
    }

    /// The names of a group's inline policies.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`.
    public func listGroupPolicies(groupName: String, page: PageRequest = PageRequest()) async throws -> Page<String> {
        try validate("ListGroupPolicies", ["GroupName": .string(groupName), "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        return try await query("ListGroupPolicies", parameters: .object([("GroupName", .string(groupName))])) { tx in
            let group = try existingGroup(groupName, in: tx)
            return try Self.page(try tx.inlinePolicies(of: .group(id: group.id)).map(\.name), page) { $0.lowercased() }
        }
    }
}

extension IAMError {
    /// `NoSuchEntity` "The user policy with name X cannot be found." (or group), as AWS words it
    /// (lucidsoftware/cumulus#71; the role form in aws/aws-cli#6139). The group form is by analogy.
    static func noSuchInlinePolicy(_ kind: String, _ name: String) -> IAMError {
        IAMError(.noSuchEntity, "The \(kind) policy with name \(name) cannot be found.")
    }
}
