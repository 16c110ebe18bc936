import ArgumentParser
import Foundation
import IAMCore
import IAMService

/// `iamctl put-user-policy`.
struct PutUserPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "put-user-policy", abstract: "Create or replace a user's inline policy.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    @Option(name: .customLong("policy-name")) var policyName: String
    @Option(name: .customLong("policy-document"), help: "JSON, or file://path.") var policyDocument: String
    var operationName: String { "PutUserPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).putUserPolicy(
            userName: userName, policyName: policyName, policyDocument: ParameterValue.read(policyDocument))
    }
}

/// `iamctl get-user-policy`.
struct GetUserPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "get-user-policy", abstract: "Show a user's inline policy.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    @Option(name: .customLong("policy-name")) var policyName: String
    var operationName: String { "GetUserPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        let policy = try await global.service(environment).getUserPolicy(userName: userName, policyName: policyName)
        environment.emit(policy.json, format: global.output, title: operationName)
    }
}

/// `iamctl delete-user-policy`.
struct DeleteUserPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "delete-user-policy", abstract: "Delete a user's inline policy.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    @Option(name: .customLong("policy-name")) var policyName: String
    var operationName: String { "DeleteUserPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).deleteUserPolicy(userName: userName, policyName: policyName)
    }
}

/// `iamctl list-user-policies`.
struct ListUserPoliciesCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-user-policies", abstract: "List a user's inline policy names.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("user-name")) var userName: String
    var operationName: String { "ListUserPolicies" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (names, token) = try await pagination.collect { try await service.listUserPolicies(userName: userName, page: $0) }
        environment.emit(
            JSONValue.object([("PolicyNames", .array(names.map(JSONValue.string)))]).withNextToken(token), format: global.output,
            title: operationName)
    }
}

/// `iamctl put-group-policy`.
struct PutGroupPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "put-group-policy", abstract: "Create or replace a group's inline policy.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("group-name")) var groupName: String
    @Option(name: .customLong("policy-name")) var policyName: String
    @Option(name: .customLong("policy-document"), help: "JSON, or file://path.") var policyDocument: String
    var operationName: String { "PutGroupPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).putGroupPolicy(
            groupName: groupName, policyName: policyName, policyDocument: ParameterValue.read(policyDocument))
    }
}

/// `iamctl get-group-policy`.
struct GetGroupPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "get-group-policy", abstract: "Show a group's inline policy.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("group-name")) var groupName: String
    @Option(name: .customLong("policy-name")) var policyName: String
    var operationName: String { "GetGroupPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        let policy = try await global.service(environment).getGroupPolicy(groupName: groupName, policyName: policyName)
        environment.emit(policy.json, format: global.output, title: operationName)
    }
}

/// `iamctl delete-group-policy`.
struct DeleteGroupPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "delete-group-policy", abstract: "Delete a group's inline policy.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("group-name")) var groupName: String
    @Option(name: .customLong("policy-name")) var policyName: String
    var operationName: String { "DeleteGroupPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).deleteGroupPolicy(groupName: groupName, policyName: policyName)
    }
}

/// `iamctl list-group-policies`.
struct ListGroupPoliciesCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-group-policies", abstract: "List a group's inline policy names.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("group-name")) var groupName: String
    var operationName: String { "ListGroupPolicies" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (names, token) = try await pagination.collect { try await service.listGroupPolicies(groupName: groupName, page: $0) }
        environment.emit(
            JSONValue.object([("PolicyNames", .array(names.map(JSONValue.string)))]).withNextToken(token), format: global.output,
            title: operationName)
    }
}
