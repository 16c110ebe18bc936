import Foundation
import IAMCore

extension IAMService {
    /// AWS's default quota of groups in one account.
    static let groupsQuota = 300
    /// AWS's hard quota of groups one user belongs to.
    static let groupsPerUserQuota = 10

    /// Creates a group.
    ///
    /// - Throws: `ValidationError`; `EntityAlreadyExists` when a group of that name exists, whatever
    ///   its case; `LimitExceeded` at 300 groups.
    public func createGroup(groupName: String, path: String? = nil) async throws -> Group {
        try validate("CreateGroup", ["GroupName": .string(groupName), "Path": .optional(path)])
        let parameters = JSONValue.object(["GroupName": .string(groupName), "Path": path.map(JSONValue.string)])
        let id = random.withGenerator { AWSIdentifiers.uniqueID(.group, using: &$0) }
        let group = Group(id: id, accountId: account.id, name: groupName, path: path ?? "/", createdAt: clock.now)
        return try await mutate("CreateGroup", parameters: parameters, resources: [group.arn(in: account)]) { tx, draft in
            try createGroup(group, in: tx)
            draft.responseElements = .object([("Group", group.json(in: account))])
            return group
        }
    }

    /// `CreateGroup`'s rules and write inside a write transaction (shared with seed files):
    /// unique name whatever its case, the groups quota.
    func createGroup(_ group: Group, in tx: any StoreWriting) throws {
        if try tx.group(named: group.name, accountId: account.id) != nil {
            throw IAMError.groupAlreadyExists(named: group.name)
        }
        guard try tx.groupCount(accountId: account.id) < Self.groupsQuota else {
            throw IAMError.quotaExceeded("Groups", Self.groupsQuota)
        }
        try tx.insert(group)
    }

    /// A group and one page of its members.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` when the group does not exist; `InvalidInput`
    ///   for a marker this service did not issue.
    public func getGroup(groupName: String, page: PageRequest = PageRequest()) async throws -> GroupWithMembers {
        try validate(
            "GetGroup",
            ["GroupName": .string(groupName), "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        return try await query("GetGroup", parameters: .object([("GroupName", .string(groupName))])) { tx in
            let group = try existingGroup(groupName, in: tx)
            return GroupWithMembers(group: group, members: try tx.members(ofGroupId: group.id, page: page))
        }
    }

    /// Renames a group or moves it to another path; members and policies stay.
    ///
    /// Like ``updateUser(userName:newUserName:newPath:)``, a new name taken by any group, whatever
    /// its case (a change of case only included), is refused.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` when the group does not exist;
    ///   `EntityAlreadyExists` when the new name is taken.
    public func updateGroup(groupName: String, newGroupName: String? = nil, newPath: String? = nil) async throws {
        try validate(
            "UpdateGroup",
            ["GroupName": .string(groupName), "NewGroupName": .optional(newGroupName), "NewPath": .optional(newPath)])
        let parameters = JSONValue.object([
            "GroupName": .string(groupName),
            "NewPath": newPath.map(JSONValue.string),
            "NewGroupName": newGroupName.map(JSONValue.string),
        ])
        try await mutate("UpdateGroup", parameters: parameters) { tx, draft in
            var group = try existingGroup(groupName, in: tx)
            draft.resources = [group.arn(in: account)]
            if let newGroupName {
                if try tx.group(named: newGroupName, accountId: account.id) != nil {
                    throw IAMError.groupAlreadyExists(named: newGroupName)
                }
                group.name = newGroupName
            }
            if let newPath { group.path = newPath }
            try tx.update(group)
            let newArn = group.arn(in: account)
            if !draft.resources.contains(newArn) { draft.resources.append(newArn) }
        }
    }

    /// Deletes a group without members or policies.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` when the group does not exist; `DeleteConflict`
    ///   while it has members ("must remove users from group first", hashicorp/terraform#29147),
    ///   inline policies ("must delete policies first", rebuy-de/aws-nuke#275) or attached policies
    ///   ("must detach all policies first", cloud-custodian#7484), checked in that order, the
    ///   DeleteGroup API reference's.
    public func deleteGroup(groupName: String) async throws {
        try validate("DeleteGroup", ["GroupName": .string(groupName)])
        try await mutate("DeleteGroup", parameters: .object([("GroupName", .string(groupName))])) { tx, draft in
            let group = try existingGroup(groupName, in: tx)
            draft.resources = [group.arn(in: account)]
            if try !tx.members(ofGroupId: group.id, page: PageRequest(maxItems: 1)).items.isEmpty {
                throw IAMError.deleteConflict(mustFirst: "remove users from group")
            }
            if try !tx.inlinePolicies(of: .group(id: group.id)).isEmpty {
                throw IAMError.deleteConflict(mustFirst: "delete policies")
            }
            if try !tx.attachedPolicies(to: .group(id: group.id)).isEmpty {
                throw IAMError.deleteConflict(mustFirst: "detach all policies")
            }
            try tx.deleteGroup(id: group.id)
        }
    }

    /// One page of the account's groups whose path starts with `pathPrefix`.
    ///
    /// - Throws: `ValidationError`; `InvalidInput` for a marker this service did not issue.
    public func listGroups(pathPrefix: String? = nil, page: PageRequest = PageRequest()) async throws -> Page<Group> {
        try validate(
            "ListGroups",
            ["PathPrefix": .optional(pathPrefix), "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        let parameters = JSONValue.object(["PathPrefix": pathPrefix.map(JSONValue.string)])
        return try await query("ListGroups", parameters: parameters) { tx in
            try tx.groups(accountId: account.id, pathPrefix: pathPrefix, page: page)
        }
    }

    /// One page of the groups a user belongs to.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` when the user does not exist; `InvalidInput`
    ///   for a marker this service did not issue.
    public func listGroupsForUser(userName: String, page: PageRequest = PageRequest()) async throws -> Page<Group> {
        try validate(
            "ListGroupsForUser",
            ["UserName": .string(userName), "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        return try await query("ListGroupsForUser", parameters: .object([("UserName", .string(userName))])) { tx in
            let user = try existingUser(userName, in: tx)
            return try tx.groups(forUserId: user.id, page: page)
        }
    }

    /// Adds a user to a group; adding a member again changes nothing.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` when the group or the user does not exist (a
    ///   group's name given as `userName` is a missing user: groups never contain groups);
    ///   `LimitExceeded` "Cannot exceed quota for GroupsPerUser: 10".
    public func addUserToGroup(groupName: String, userName: String) async throws {
        try validate("AddUserToGroup", ["GroupName": .string(groupName), "UserName": .string(userName)])
        let parameters = JSONValue.object([("GroupName", .string(groupName)), ("UserName", .string(userName))])
        try await mutate("AddUserToGroup", parameters: parameters) { tx, draft in
            let group = try existingGroup(groupName, in: tx)
            let user = try existingUser(userName, in: tx)
            draft.resources = [group.arn(in: account), user.arn(in: account)]
            try addUser(user, to: group, in: tx)
        }
    }

    /// `AddUserToGroup`'s rules and write inside a write transaction (shared with seed files and
    /// ``copyUserPermissions(sourceUserName:userName:)``): a member again changes nothing; at most
    /// 10 groups per user. Returns whether a membership was added.
    @discardableResult
    func addUser(_ user: User, to group: Group, in tx: any StoreWriting) throws -> Bool {
        guard try !tx.isMember(userId: user.id, groupId: group.id) else { return false }
        guard try tx.groups(forUserId: user.id, page: .all).items.count < Self.groupsPerUserQuota else {
            throw IAMError.quotaExceeded("GroupsPerUser", Self.groupsPerUserQuota)
        }
        try tx.addMember(userId: user.id, groupId: group.id, accountId: account.id, at: clock.now)
        return true
    }

    /// Removes a user from a group. Removing a user who is not a member succeeds and changes
    /// nothing: real AWS raises no error then (tested against the API and CLI in
    /// cloud-custodian/cloud-custodian PR #4730, 2019).
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` when the group or the user does not exist.
    public func removeUserFromGroup(groupName: String, userName: String) async throws {
        try validate("RemoveUserFromGroup", ["GroupName": .string(groupName), "UserName": .string(userName)])
        let parameters = JSONValue.object([("GroupName", .string(groupName)), ("UserName", .string(userName))])
        try await mutate("RemoveUserFromGroup", parameters: parameters) { tx, draft in
            let group = try existingGroup(groupName, in: tx)
            let user = try existingUser(userName, in: tx)
            draft.resources = [group.arn(in: account), user.arn(in: account)]
            try tx.removeMember(userId: user.id, groupId: group.id)
        }
    }
}
