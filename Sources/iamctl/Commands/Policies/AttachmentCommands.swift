import ArgumentParser
import Foundation
import IAMCore
import IAMService

/// `iamctl attach-user-policy`.
struct AttachUserPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "attach-user-policy", abstract: "Attach a managed policy to a user.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    @Option(name: .customLong("policy-arn")) var policyArn: String
    var operationName: String { "AttachUserPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).attachUserPolicy(userName: userName, policyArn: policyArn)
    }
}

/// `iamctl detach-user-policy`.
struct DetachUserPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "detach-user-policy", abstract: "Detach a managed policy from a user.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    @Option(name: .customLong("policy-arn")) var policyArn: String
    var operationName: String { "DetachUserPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).detachUserPolicy(userName: userName, policyArn: policyArn)
    }
}

/// `iamctl attach-group-policy`.
struct AttachGroupPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "attach-group-policy", abstract: "Attach a managed policy to a group.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("group-name")) var groupName: String
    @Option(name: .customLong("policy-arn")) var policyArn: String
    var operationName: String { "AttachGroupPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).attachGroupPolicy(groupName: groupName, policyArn: policyArn)
    }
}

/// `iamctl detach-group-policy`.
struct DetachGroupPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "detach-group-policy", abstract: "Detach a managed policy from a group.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("group-name")) var groupName: String
    @Option(name: .customLong("policy-arn")) var policyArn: String
    var operationName: String { "DetachGroupPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).detachGroupPolicy(groupName: groupName, policyArn: policyArn)
    }
}

/// `iamctl list-attached-user-policies`.
struct ListAttachedUserPoliciesCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-attached-user-policies", abstract: "List the managed policies attached to a user.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("user-name")) var userName: String
    @Option(name: .customLong("path-prefix")) var pathPrefix: String?
    var operationName: String { "ListAttachedUserPolicies" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (policies, token) = try await pagination.collect {
            try await service.listAttachedUserPolicies(userName: userName, pathPrefix: pathPrefix, page: $0)
        }
        environment.emit(
            JSONValue.object([("AttachedPolicies", .array(policies.map(\.json)))]).withNextToken(token), format: global.output,
            title: operationName)
    }
}

/// `iamctl list-attached-group-policies`.
struct ListAttachedGroupPoliciesCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-attached-group-policies", abstract: "List the managed policies attached to a group.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("group-name")) var groupName: String
    @Option(name: .customLong("path-prefix")) var pathPrefix: String?
    var operationName: String { "ListAttachedGroupPolicies" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (policies, token) = try await pagination.collect {
            try await service.listAttachedGroupPolicies(groupName: groupName, pathPrefix: pathPrefix, page: $0)
        }
        environment.emit(
            JSONValue.object([("AttachedPolicies", .array(policies.map(\.json)))]).withNextToken(token), format: global.output,
            title: operationName)
    }
}

/// `iamctl put-user-permissions-boundary`.
struct PutUserPermissionsBoundaryCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "put-user-permissions-boundary", abstract: "Set a user's permissions boundary.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    @Option(name: .customLong("permissions-boundary")) var permissionsBoundary: String
    var operationName: String { "PutUserPermissionsBoundary" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).putUserPermissionsBoundary(userName: userName, permissionsBoundary: permissionsBoundary)
    }
}

/// `iamctl delete-user-permissions-boundary`.
struct DeleteUserPermissionsBoundaryCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "delete-user-permissions-boundary", abstract: "Remove a user's permissions boundary.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    var operationName: String { "DeleteUserPermissionsBoundary" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).deleteUserPermissionsBoundary(userName: userName)
    }
}
