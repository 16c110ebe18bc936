import ArgumentParser
import Foundation
import IAMCore
import IAMService

/// `iamctl create-user`, as `aws iam create-user`.
struct CreateUserCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "create-user", abstract: "Create an IAM user.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    @Option(name: .customLong("path")) var path: String?
    @Option(name: .customLong("permissions-boundary"), help: "The ARN of a managed policy.") var permissionsBoundary: String?
    @Option(name: .customLong("tags"), parsing: .upToNextOption, help: "Key=k,Value=v ... or JSON.") var tags: [String] = []
    var operationName: String { "CreateUser" }

    func validate() throws { _ = try TagArguments.parse(tags) }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let user = try await service.createUser(
            userName: userName, path: path, permissionsBoundary: permissionsBoundary, tags: TagArguments.parse(tags))
        environment.emit(.object([("User", user.json)]), format: global.output, title: operationName)
        let policies = try await service.listEffectivePolicies(userName: userName).filter { $0.origin != .permissionsBoundary }
        if policies.isEmpty {
            environment.warn(
                "Warning: user \(userName) has no policies yet (implicit deny for all actions); attach one with iamctl attach-user-policy.")
        }
    }
}

/// `iamctl get-user`: the named user, or the caller (the root user) without `--user-name`.
struct GetUserCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "get-user", abstract: "Describe an IAM user or the caller.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String?
    var operationName: String { "GetUser" }

    func execute(_ environment: CommandEnvironment) async throws {
        let user = try await global.service(environment).getUser(userName: userName)
        environment.emit(.object([("User", user.json)]), format: global.output, title: operationName)
    }
}

/// `iamctl update-user`: rename or re-path; prints nothing, as the aws CLI.
struct UpdateUserCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "update-user", abstract: "Rename an IAM user or change its path.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    @Option(name: .customLong("new-user-name")) var newUserName: String?
    @Option(name: .customLong("new-path")) var newPath: String?
    var operationName: String { "UpdateUser" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).updateUser(userName: userName, newUserName: newUserName, newPath: newPath)
    }
}

/// `iamctl delete-user`.
struct DeleteUserCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "delete-user", abstract: "Delete an IAM user.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    var operationName: String { "DeleteUser" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).deleteUser(userName: userName)
    }
}

/// `iamctl list-users`.
struct ListUsersCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-users", abstract: "List IAM users.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("path-prefix")) var pathPrefix: String?
    var operationName: String { "ListUsers" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (users, token) = try await pagination.collect { try await service.listUsers(pathPrefix: pathPrefix, page: $0) }
        environment.emit(
            JSONValue.object([("Users", .array(users.map { $0.json(in: service.account) }))]).withNextToken(token),
            format: global.output, title: operationName)
    }
}

/// `iamctl tag-user`.
struct TagUserCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "tag-user", abstract: "Add or overwrite tags on an IAM user.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    @Option(name: .customLong("tags"), parsing: .upToNextOption, help: "Key=k,Value=v ... or JSON.") var tags: [String]
    var operationName: String { "TagUser" }

    func validate() throws { _ = try TagArguments.parse(tags) }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).tagUser(userName: userName, tags: TagArguments.parse(tags))
    }
}

/// `iamctl untag-user`.
struct UntagUserCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "untag-user", abstract: "Remove tags from an IAM user.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    @Option(name: .customLong("tag-keys"), parsing: .upToNextOption) var tagKeys: [String]
    var operationName: String { "UntagUser" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).untagUser(userName: userName, tagKeys: tagKeys)
    }
}

/// `iamctl list-user-tags`.
struct ListUserTagsCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-user-tags", abstract: "List an IAM user's tags.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("user-name")) var userName: String
    var operationName: String { "ListUserTags" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (tags, token) = try await pagination.collect { try await service.listUserTags(userName: userName, page: $0) }
        environment.emit(
            JSONValue.object([("Tags", Tag.json(tags))]).withNextToken(token), format: global.output, title: operationName)
    }
}
