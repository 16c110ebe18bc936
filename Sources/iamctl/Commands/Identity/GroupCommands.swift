import ArgumentParser
import Foundation
import IAMCore
import IAMService

/// `iamctl create-group`.
struct CreateGroupCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "create-group", abstract: "Create a group.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("group-name")) var groupName: String
    @Option(name: .customLong("path")) var path: String?
    var operationName: String { "CreateGroup" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let group = try await service.createGroup(groupName: groupName, path: path)
        environment.emit(.object([("Group", group.json(in: service.account))]), format: global.output, title: operationName)
    }
}

/// `iamctl get-group`: the group and its members.
struct GetGroupCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "get-group", abstract: "Describe a group and list its users.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("group-name")) var groupName: String
    var operationName: String { "GetGroup" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        var group: Group?
        let (users, token) = try await pagination.collect { request in
            let result = try await service.getGroup(groupName: groupName, page: request)
            group = result.group
            return result.members
        }
        let account = service.account
        environment.emit(
            JSONValue.object([
                "Users": .array(users.map { $0.json(in: account) }),
                "Group": group.map { $0.json(in: account) },
            ]).withNextToken(token), format: global.output, title: operationName)
    }
}

/// `iamctl update-group`.
struct UpdateGroupCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "update-group", abstract: "Rename a group or change its path.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("group-name")) var groupName: String
    @Option(name: .customLong("new-group-name")) var newGroupName: String?
    @Option(name: .customLong("new-path")) var newPath: String?
    var operationName: String { "UpdateGroup" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).updateGroup(groupName: groupName, newGroupName: newGroupName, newPath: newPath)
    }
}

/// `iamctl delete-group`.
struct DeleteGroupCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "delete-group", abstract: "Delete a group.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("group-name")) var groupName: String
    var operationName: String { "DeleteGroup" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).deleteGroup(groupName: groupName)
    }
}

/// `iamctl list-groups`.
struct ListGroupsCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-groups", abstract: "List groups.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("path-prefix")) var pathPrefix: String?
    var operationName: String { "ListGroups" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (groups, token) = try await pagination.collect { try await service.listGroups(pathPrefix: pathPrefix, page: $0) }
        environment.emit(
            JSONValue.object([("Groups", .array(groups.map { $0.json(in: service.account) }))]).withNextToken(token),
            format: global.output, title: operationName)
    }
}

/// `iamctl list-groups-for-user`.
struct ListGroupsForUserCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-groups-for-user", abstract: "List the groups a user belongs to.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("user-name")) var userName: String
    var operationName: String { "ListGroupsForUser" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (groups, token) = try await pagination.collect { try await service.listGroupsForUser(userName: userName, page: $0) }
        environment.emit(
            JSONValue.object([("Groups", .array(groups.map { $0.json(in: service.account) }))]).withNextToken(token),
            format: global.output, title: operationName)
    }
}

/// `iamctl add-user-to-group`.
struct AddUserToGroupCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "add-user-to-group", abstract: "Add a user to a group.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("group-name")) var groupName: String
    @Option(name: .customLong("user-name")) var userName: String
    var operationName: String { "AddUserToGroup" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).addUserToGroup(groupName: groupName, userName: userName)
    }
}

/// `iamctl remove-user-from-group`.
struct RemoveUserFromGroupCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "remove-user-from-group", abstract: "Remove a user from a group.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("group-name")) var groupName: String
    @Option(name: .customLong("user-name")) var userName: String
    var operationName: String { "RemoveUserFromGroup" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).removeUserFromGroup(groupName: groupName, userName: userName)
    }
}
