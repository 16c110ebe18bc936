import Foundation
import IAMCore

extension IAMService {
    /// AWS's hard quota of IAM users in one account.
    static let usersQuota = 5000

    /// Creates an IAM user, with its tags and permissions boundary, in one transaction.
    ///
    /// - Parameters:
    ///   - permissionsBoundary: the ARN of an existing managed policy (customer managed in this
    ///     account, or AWS managed).
    /// - Returns: the user as `CreateUser` answers, tags and boundary included.
    /// - Throws: `ValidationError` for shapes AWS's model rejects; `EntityAlreadyExists` when a user
    ///   of that name exists, whatever its case; `NoSuchEntity` when the boundary policy does not
    ///   exist; `InvalidInput` for a malformed boundary ARN, a reserved `aws:` tag key or a tag key
    ///   given twice; `LimitExceeded` at 5000 users.
    public func createUser(
        userName: String, path: String? = nil, permissionsBoundary: String? = nil, tags: [Tag] = []
    ) async throws -> UserDescription {
        try checkCreateUser(userName: userName, path: path, permissionsBoundary: permissionsBoundary, tags: tags)
        let parameters = JSONValue.object([
            "UserName": .string(userName),
            "Path": path.map(JSONValue.string),
            "PermissionsBoundary": permissionsBoundary.map(JSONValue.string),
            "Tags": tags.isEmpty ? nil : Tag.json(tags),
        ])
        let id = random.withGenerator { AWSIdentifiers.uniqueID(.user, using: &$0) }
        let user = User(id: id, accountId: account.id, name: userName, path: path ?? "/", createdAt: clock.now)
        return try await mutate("CreateUser", parameters: parameters, resources: [user.arn(in: account)]) { tx, draft in
            let description = try createUser(user, permissionsBoundary: permissionsBoundary, tags: tags, in: tx)
            draft.responseElements = .object([("User", description.json)])
            return description
        }
    }

    /// `CreateUser`'s input checks, before any transaction: the model's shapes and the tag rules.
    func checkCreateUser(userName: String, path: String?, permissionsBoundary: String?, tags: [Tag]) throws {
        try validate(
            "CreateUser",
            [
                "UserName": .string(userName), "Path": .optional(path),
                "PermissionsBoundary": .optional(permissionsBoundary), "Tags": tags.isEmpty ? nil : .tags(tags),
            ])
        try Self.checkTags(tags, keysIgnoreCase: true)
    }

    /// `CreateUser`'s rules and writes inside a write transaction (shared by the operation and
    /// seed files): unique name whatever its case, the users quota, an existing boundary policy.
    func createUser(_ user: User, permissionsBoundary: String?, tags: [Tag], in tx: any StoreWriting) throws -> UserDescription {
        if try tx.user(named: user.name, accountId: account.id) != nil {
            throw IAMError.userAlreadyExists(named: user.name)
        }
        guard try tx.userCount(accountId: account.id) < Self.usersQuota else {
            throw IAMError.quotaExceeded("Users", Self.usersQuota)
        }
        var created = user
        var boundaryArn: String?
        if let permissionsBoundary {
            let policy = try managedPolicy(arn: permissionsBoundary, in: tx)
            created.permissionsBoundaryPolicyId = policy.id
            boundaryArn = policy.arn(partition: account.partition)
        }
        try tx.insert(created)
        if !tags.isEmpty { try tx.setTags(tags, userId: created.id) }
        return UserDescription(
            created, in: account, permissionsBoundaryArn: boundaryArn, tags: tags.isEmpty ? [] : try tx.tags(userId: created.id))
    }

    /// Describes a user, or the caller when `userName` is `nil` (for the root user: the account ID
    /// as `UserId` and the root ARN, with no path or name, as AWS answers).
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` when the user does not exist.
    public func getUser(userName: String? = nil) async throws -> UserDescription {
        try validate("GetUser", ["UserName": .optional(userName)])
        let parameters = JSONValue.object(["UserName": userName.map(JSONValue.string)])
        let callerId = if case .user(let user) = caller.kind { user.id } else { account.id }
        let cacheKey = userName.map { "user \($0)" } ?? "caller \(callerId)"
        return try await query("GetUser", parameters: parameters, cacheKey: cacheKey) { tx in
            let user: User
            if let userName {
                user = try existingUser(userName, in: tx)
            } else {
                switch caller.kind {
                case .root:
                    let root = try tx.rootUser(accountId: account.id)
                    return UserDescription(
                        path: nil, userName: nil, userId: account.id, arn: account.rootARN,
                        createdAt: root?.createdAt ?? account.createdAt, passwordLastUsedAt: root?.passwordLastUsedAt)
                case .user(let callerUser):
                    guard let current = try tx.user(id: callerUser.id) else { throw IAMError.noSuchUser(named: callerUser.name) }
                    user = current
                }
            }
            let boundary = try user.permissionsBoundaryPolicyId.flatMap { try tx.managedPolicy(id: $0) }
            return UserDescription(
                user, in: account, permissionsBoundaryArn: boundary?.arn(partition: account.partition),
                tags: try tx.tags(userId: user.id))
        }
    }

    /// Renames a user or moves it to another path. The user keeps its unique ID, memberships,
    /// credentials and policies.
    ///
    /// A new name taken by any user, whatever its case, is refused, and so is a change of case
    /// only (`shira` → `SHIRA`), as real AWS answers (noobaa/noobaa-core PR #9323).
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` when the user does not exist;
    ///   `EntityAlreadyExists` when the new name is taken.
    public func updateUser(userName: String, newUserName: String? = nil, newPath: String? = nil) async throws {
        try validate(
            "UpdateUser",
            ["UserName": .string(userName), "NewUserName": .optional(newUserName), "NewPath": .optional(newPath)])
        let parameters = JSONValue.object([
            "UserName": .string(userName),
            "NewPath": newPath.map(JSONValue.string),
            "NewUserName": newUserName.map(JSONValue.string),
        ])
        try await mutate("UpdateUser", parameters: parameters) { tx, draft in
            var user = try existingUser(userName, in: tx)
            draft.resources = [user.arn(in: account)]
            if let newUserName {
                if try tx.user(named: newUserName, accountId: account.id) != nil {
                    throw IAMError.userAlreadyExists(named: newUserName)
                }
                user.name = newUserName
            }
            if let newPath { user.path = newPath }
            try tx.update(user)
            let newArn = user.arn(in: account)
            if !draft.resources.contains(newArn) { draft.resources.append(newArn) }
        }
    }

    /// Deletes a user that owns nothing AWS makes the caller remove first. Tags and the
    /// permissions boundary go with the user.
    ///
    /// Conflicts are reported in the order of the DeleteUser API reference (password, access keys,
    /// MFA devices, inline policies, attached policies, groups), each with AWS's message.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` when the user does not exist; `DeleteConflict`.
    public func deleteUser(userName: String) async throws {
        try validate("DeleteUser", ["UserName": .string(userName)])
        try await mutate("DeleteUser", parameters: .object([("UserName", .string(userName))])) { tx, draft in
            let user = try existingUser(userName, in: tx)
            draft.resources = [user.arn(in: account)]
            // Messages as real AWS words them: "login profile", "access keys", "MFA device",
            // "detach all policies" and "delete policies" are quoted in cloud-custodian#1663,
            // aws-controllers-k8s#2229, rebuy-de/aws-nuke#281 and ansible/ansible#22832; a user
            // still in a group gets the group's own message, mozilla-services/userplex#17 (2016):
            // "DeleteConflict: Cannot delete entity, must remove users from group first."
            if try tx.loginProfile(userId: user.id) != nil {
                throw IAMError.deleteConflict(mustFirst: "delete login profile")
            }
            if try !tx.accessKeys(accountId: account.id, owner: .user(id: user.id)).isEmpty {
                throw IAMError.deleteConflict(mustFirst: "delete access keys")
            }
            if try !tx.mfaDevices(accountId: account.id, owner: .user(id: user.id)).isEmpty {
                throw IAMError.deleteConflict(mustFirst: "delete MFA device")
            }
            if try !tx.inlinePolicies(of: .user(id: user.id)).isEmpty {
                throw IAMError.deleteConflict(mustFirst: "delete policies")
            }
            if try !tx.attachedPolicies(to: .user(id: user.id)).isEmpty {
                throw IAMError.deleteConflict(mustFirst: "detach all policies")
            }
            if try !tx.groups(forUserId: user.id, page: PageRequest(maxItems: 1)).items.isEmpty {
                throw IAMError.deleteConflict(mustFirst: "remove users from group")
            }
            try tx.deleteUser(id: user.id)
        }
    }

    /// One page of the account's users whose path starts with `pathPrefix`, ordered by name
    /// without regard to case. Lists carry no tags, as AWS's do.
    ///
    /// - Throws: `ValidationError`; `InvalidInput` for a marker this service did not issue.
    public func listUsers(pathPrefix: String? = nil, page: PageRequest = PageRequest()) async throws -> Page<User> {
        try validate(
            "ListUsers",
            ["PathPrefix": .optional(pathPrefix), "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        let parameters = JSONValue.object(["PathPrefix": pathPrefix.map(JSONValue.string)])
        return try await query("ListUsers", parameters: parameters) { tx in
            try tx.users(accountId: account.id, pathPrefix: pathPrefix, page: page)
        }
    }

    /// The managed policy an ARN names: customer managed in this account, or AWS managed.
    ///
    /// - Throws: `InvalidInput` for a malformed ARN; `NoSuchEntity` when no such policy exists.
    func managedPolicy(arn: String, in tx: any StoreReading) throws -> ManagedPolicy {
        // arn:PARTITION:iam::ACCOUNT|aws:policy/PATH/NAME
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[3].isEmpty, parts[5].hasPrefix("policy/")
        else {
            // Unverified wording.
            throw IAMError(.invalidInput, "ARN \(arn) is not valid.")
        }
        let owner = String(parts[4])
        let resource = parts[5].dropFirst("policy".count)
        let slash = resource.lastIndex(of: "/")!
        let path = String(resource[...slash])
        let name = String(resource[resource.index(after: slash)...])
        let notFound = IAMError(.noSuchEntity, "Policy \(arn) does not exist or is not attachable.")
        guard parts[1] == Substring(account.partition), owner == "aws" || owner == account.id, !name.isEmpty else {
            throw notFound
        }
        guard let policy = try tx.managedPolicy(named: name, accountId: owner == "aws" ? nil : owner),
            policy.path == path, policy.name == name
        else { throw notFound }
        return policy
    }
}
