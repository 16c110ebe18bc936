import ArgumentParser
import Foundation
import IAMCore
import IAMService

/// The simulator's shared options; each may also come from `--cli-input-json`.
struct SimulationOptions: ParsableArguments {
    @Option(name: .customLong("action-names"), parsing: .upToNextOption) var actionNames: [String] = []
    @Option(name: .customLong("resource-arns"), parsing: .upToNextOption) var resourceArns: [String] = []
    @Option(name: .customLong("context-entries"), parsing: .upToNextOption, help: "ContextKeyName=k,ContextKeyValues=v,ContextKeyType=string ... or JSON.")
    var contextEntries: [String] = []
    @Option(name: .customLong("policy-input-list"), parsing: .upToNextOption, help: "Policy documents: JSON or file://path.")
    var policyInputList: [String] = []
    @Option(name: .customLong("permissions-boundary-policy-input-list"), parsing: .upToNextOption)
    var boundaryInputList: [String] = []
    @Option(name: .customLong("cli-input-json"), help: "The request as JSON (inline or file://path).") var cliInputJSON: String?

    /// The options merged over `--cli-input-json` (options win).
    func resolved() throws -> (input: [String: Any], actions: [String], resources: [String], context: [SimulationContextEntry], policies: [String], boundary: [String]) {
        let input = try ParameterValue.cliInput(cliInputJSON)
        let strings = { (key: String) in (input[key] as? [Any])?.compactMap { $0 as? String } ?? [] }
        let actions = actionNames.isEmpty ? strings("ActionNames") : actionNames
        let resources = resourceArns.isEmpty ? strings("ResourceArns") : resourceArns
        let context = contextEntries.isEmpty
            ? try ParameterValue.contextEntries(json: input["ContextEntries"] as? [Any] ?? [])
            : try ParameterValue.contextEntries(contextEntries)
        let policies = policyInputList.isEmpty ? strings("PolicyInputList") : try policyInputList.map(ParameterValue.read)
        let boundary = boundaryInputList.isEmpty ? strings("PermissionsBoundaryPolicyInputList") : try boundaryInputList.map(ParameterValue.read)
        guard !actions.isEmpty else { throw CLIError("the following arguments are required: --action-names") }
        return (input, actions, resources, context, policies, boundary)
    }
}

/// `iamctl simulate-principal-policy`.
struct SimulatePrincipalPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "simulate-principal-policy", abstract: "Simulate a user's or group's policies.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var simulation: SimulationOptions
    @Option(name: .customLong("policy-source-arn")) var policySourceArn: String?
    var operationName: String { "SimulatePrincipalPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        let options = try simulation.resolved()
        guard let source = policySourceArn ?? options.input["PolicySourceArn"] as? String else {
            throw CLIError("the following arguments are required: --policy-source-arn")
        }
        let results = try await global.service(environment).simulatePrincipalPolicy(
            policySourceArn: source, actionNames: options.actions, resourceArns: options.resources, contextEntries: options.context,
            policyInputList: options.policies, permissionsBoundaryPolicyInputList: options.boundary)
        environment.emit(SimulationResult.json(results), format: global.output, title: operationName)
    }
}

/// `iamctl simulate-custom-policy`.
struct SimulateCustomPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "simulate-custom-policy", abstract: "Simulate policy documents.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var simulation: SimulationOptions
    var operationName: String { "SimulateCustomPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        let options = try simulation.resolved()
        guard !options.policies.isEmpty else { throw CLIError("the following arguments are required: --policy-input-list") }
        let results = try await global.service(environment).simulateCustomPolicy(
            policyInputList: options.policies, actionNames: options.actions, resourceArns: options.resources,
            contextEntries: options.context, permissionsBoundaryPolicyInputList: options.boundary)
        environment.emit(SimulationResult.json(results), format: global.output, title: operationName)
    }
}

/// `iamctl get-context-keys-for-custom-policy`.
struct GetContextKeysForCustomPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "get-context-keys-for-custom-policy", abstract: "List the context keys documents use.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("policy-input-list"), parsing: .upToNextOption) var policyInputList: [String]
    var operationName: String { "GetContextKeysForCustomPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        let keys = try await global.service(environment).getContextKeysForCustomPolicy(policyInputList: policyInputList.map(ParameterValue.read))
        environment.emit(.object([("ContextKeyNames", .array(keys.map(JSONValue.string)))]), format: global.output, title: operationName)
    }
}

/// `iamctl get-context-keys-for-principal-policy`.
struct GetContextKeysForPrincipalPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "get-context-keys-for-principal-policy", abstract: "List the context keys a principal's policies use.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("policy-source-arn")) var policySourceArn: String
    @Option(name: .customLong("policy-input-list"), parsing: .upToNextOption) var policyInputList: [String] = []
    var operationName: String { "GetContextKeysForPrincipalPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        let keys = try await global.service(environment).getContextKeysForPrincipalPolicy(
            policySourceArn: policySourceArn, policyInputList: policyInputList.map(ParameterValue.read))
        environment.emit(.object([("ContextKeyNames", .array(keys.map(JSONValue.string)))]), format: global.output, title: operationName)
    }
}

/// `iamctl list-effective-policies`: every policy that applies to a user, and how.
struct ListEffectivePoliciesCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-effective-policies",
        abstract: "List every policy that applies to a user: attached directly, inline, or via a group.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    var operationName: String { "ListEffectivePolicies" }

    func execute(_ environment: CommandEnvironment) async throws {
        let policies = try await global.service(environment).listEffectivePolicies(userName: userName)
        environment.emit(.object([("EffectivePolicies", .array(policies.map(\.json)))]), format: global.output, title: operationName)
    }
}

/// `iamctl copy-user-permissions`: memberships, attached and inline policies and boundary, at once.
struct CopyUserPermissionsCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy-user-permissions",
        abstract: "Give a user another user's groups, policies and permissions boundary, in one transaction.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("source-user-name")) var sourceUserName: String
    @Option(name: .customLong("user-name")) var userName: String
    var operationName: String { "CopyUserPermissions" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).copyUserPermissions(sourceUserName: sourceUserName, userName: userName)
    }
}

extension IAMService.AuthorizationDetailsFilter: ExpressibleByArgument {}

/// `iamctl get-account-authorization-details`.
struct GetAccountAuthorizationDetailsCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "get-account-authorization-details", abstract: "Every user, group and policy with their permissions.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("filter"), parsing: .upToNextOption, help: "User, Role, Group, LocalManagedPolicy, AWSManagedPolicy.")
    var filter: [IAMService.AuthorizationDetailsFilter] = []
    @OptionGroup var pagination: PaginationOptions
    var operationName: String { "GetAccountAuthorizationDetails" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let lists = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"]
        // Each page's four lists, flattened to (list, item) so --max-items counts entities as the aws CLI does.
        let (items, token) = try await pagination.collect { request -> Page<(String, JSONValue)> in
            let details = try await service.getAccountAuthorizationDetails(filter: filter, page: request)
            let items = lists.flatMap { list -> [(String, JSONValue)] in
                guard case .array(let entries)? = details[list] else { return [] }
                return entries.map { (list, $0) }
            }
            return Page(items: items, nextMarker: details["Marker"].flatMap { if case .string(let marker) = $0 { marker } else { nil } })
        }
        let merged = JSONValue.object(lists.map { list in (list, .array(items.filter { $0.0 == list }.map(\.1))) })
        environment.emit(merged.withNextToken(token), format: global.output, title: operationName)
    }
}
