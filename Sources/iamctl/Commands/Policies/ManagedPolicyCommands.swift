import ArgumentParser
import Foundation
import IAMCore
import IAMService

/// `iamctl create-policy`.
struct CreatePolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "create-policy", abstract: "Create a customer managed policy.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("policy-name")) var policyName: String
    @Option(name: .customLong("policy-document"), help: "JSON, or file://path.") var policyDocument: String
    @Option(name: .customLong("path")) var path: String?
    @Option(name: .customLong("description")) var description: String?
    @Option(name: .customLong("tags"), parsing: .upToNextOption, help: "Key=k,Value=v ... or JSON.") var tags: [String] = []
    var operationName: String { "CreatePolicy" }

    func validate() throws { _ = try TagArguments.parse(tags) }

    func execute(_ environment: CommandEnvironment) async throws {
        let policy = try await global.service(environment).createPolicy(
            policyName: policyName, policyDocument: ParameterValue.read(policyDocument), path: path, description: description,
            tags: TagArguments.parse(tags))
        environment.emit(.object([("Policy", policy.json)]), format: global.output, title: operationName)
    }
}

/// `iamctl get-policy`.
struct GetPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "get-policy", abstract: "Describe a managed policy.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("policy-arn")) var policyArn: String
    var operationName: String { "GetPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        let policy = try await global.service(environment).getPolicy(policyArn: policyArn)
        environment.emit(.object([("Policy", policy.json)]), format: global.output, title: operationName)
    }
}

/// `iamctl list-policies`.
struct ListPoliciesCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-policies", abstract: "List managed policies.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("scope"), help: "All, AWS or Local.") var scope: PolicyScope = .all
    @Flag(name: .customLong("only-attached"), inversion: .prefixedNo) var onlyAttached = false
    @Option(name: .customLong("path-prefix")) var pathPrefix: String?
    @Option(name: .customLong("policy-usage-filter"), help: "PermissionsPolicy or PermissionsBoundary.")
    var usage: IAMService.PolicyUsage?
    var operationName: String { "ListPolicies" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (policies, token) = try await pagination.collect {
            try await service.listPolicies(scope: scope, onlyAttached: onlyAttached, pathPrefix: pathPrefix, usage: usage, page: $0)
        }
        environment.emit(
            JSONValue.object([("Policies", .array(policies.map(\.json)))]).withNextToken(token), format: global.output,
            title: operationName)
    }
}

/// `iamctl delete-policy`.
struct DeletePolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "delete-policy", abstract: "Delete a customer managed policy.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("policy-arn")) var policyArn: String
    var operationName: String { "DeletePolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).deletePolicy(policyArn: policyArn)
    }
}

/// `iamctl create-policy-version`.
struct CreatePolicyVersionCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "create-policy-version", abstract: "Add a version to a managed policy.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("policy-arn")) var policyArn: String
    @Option(name: .customLong("policy-document"), help: "JSON, or file://path.") var policyDocument: String
    @Flag(name: .customLong("set-as-default"), inversion: .prefixedNo) var setAsDefault = false
    var operationName: String { "CreatePolicyVersion" }

    func execute(_ environment: CommandEnvironment) async throws {
        let version = try await global.service(environment).createPolicyVersion(
            policyArn: policyArn, policyDocument: ParameterValue.read(policyDocument), setAsDefault: setAsDefault)
        environment.emit(.object([("PolicyVersion", version.json(includingDocument: false))]), format: global.output, title: operationName)
    }
}

/// `iamctl get-policy-version`.
struct GetPolicyVersionCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "get-policy-version", abstract: "Show one version of a managed policy.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("policy-arn")) var policyArn: String
    @Option(name: .customLong("version-id")) var versionId: String
    var operationName: String { "GetPolicyVersion" }

    func execute(_ environment: CommandEnvironment) async throws {
        let version = try await global.service(environment).getPolicyVersion(policyArn: policyArn, versionId: versionId)
        environment.emit(.object([("PolicyVersion", version.json())]), format: global.output, title: operationName)
    }
}

/// `iamctl list-policy-versions`.
struct ListPolicyVersionsCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-policy-versions", abstract: "List a managed policy's versions.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("policy-arn")) var policyArn: String
    var operationName: String { "ListPolicyVersions" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (versions, token) = try await pagination.collect { try await service.listPolicyVersions(policyArn: policyArn, page: $0) }
        environment.emit(
            JSONValue.object([("Versions", .array(versions.map { $0.json(includingDocument: false) }))]).withNextToken(token),
            format: global.output, title: operationName)
    }
}

/// `iamctl delete-policy-version`.
struct DeletePolicyVersionCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "delete-policy-version", abstract: "Delete a non-default policy version.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("policy-arn")) var policyArn: String
    @Option(name: .customLong("version-id")) var versionId: String
    var operationName: String { "DeletePolicyVersion" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).deletePolicyVersion(policyArn: policyArn, versionId: versionId)
    }
}

/// `iamctl set-default-policy-version`.
struct SetDefaultPolicyVersionCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "set-default-policy-version", abstract: "Make a version the default.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("policy-arn")) var policyArn: String
    @Option(name: .customLong("version-id")) var versionId: String
    var operationName: String { "SetDefaultPolicyVersion" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).setDefaultPolicyVersion(policyArn: policyArn, versionId: versionId)
    }
}

/// `iamctl tag-policy`.
struct TagPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "tag-policy", abstract: "Add or overwrite tags on a managed policy.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("policy-arn")) var policyArn: String
    @Option(name: .customLong("tags"), parsing: .upToNextOption, help: "Key=k,Value=v ... or JSON.") var tags: [String]
    var operationName: String { "TagPolicy" }

    func validate() throws { _ = try TagArguments.parse(tags) }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).tagPolicy(policyArn: policyArn, tags: TagArguments.parse(tags))
    }
}

/// `iamctl untag-policy`.
struct UntagPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "untag-policy", abstract: "Remove tags from a managed policy.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("policy-arn")) var policyArn: String
    @Option(name: .customLong("tag-keys"), parsing: .upToNextOption) var tagKeys: [String]
    var operationName: String { "UntagPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).untagPolicy(policyArn: policyArn, tagKeys: tagKeys)
    }
}

/// `iamctl list-policy-tags`.
struct ListPolicyTagsCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-policy-tags", abstract: "List a managed policy's tags.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("policy-arn")) var policyArn: String
    var operationName: String { "ListPolicyTags" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (tags, token) = try await pagination.collect { try await service.listPolicyTags(policyArn: policyArn, page: $0) }
        environment.emit(JSONValue.object([("Tags", Tag.json(tags))]).withNextToken(token), format: global.output, title: operationName)
    }
}

/// `iamctl list-entities-for-policy`.
struct ListEntitiesForPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-entities-for-policy", abstract: "List the users and groups that use a managed policy.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("policy-arn")) var policyArn: String
    @Option(name: .customLong("entity-filter"), help: "User, Group, Role, LocalManagedPolicy or AWSManagedPolicy.")
    var entityFilter: IAMService.AuthorizationDetailsFilter?
    @Option(name: .customLong("path-prefix")) var pathPrefix: String?
    @Option(name: .customLong("policy-usage-filter"), help: "PermissionsPolicy or PermissionsBoundary.")
    var usage: IAMService.PolicyUsage?
    var operationName: String { "ListEntitiesForPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        // Groups and users flattened into one list, so --max-items counts entities as the aws CLI does.
        let (entities, token) = try await pagination.collect { request -> Page<(group: Group?, user: User?)> in
            let page = try await service.listEntitiesForPolicy(
                policyArn: policyArn, entityFilter: entityFilter, pathPrefix: pathPrefix, usage: usage, page: request)
            return Page(items: page.groups.map { ($0, nil) } + page.users.map { (nil, $0) }, nextMarker: page.nextMarker)
        }
        let all = IAMService.PolicyEntities(users: entities.compactMap(\.user), groups: entities.compactMap(\.group))
        guard case .object(let pairs) = all.json else { return }
        environment.emit(
            JSONValue.object(pairs.filter { !["IsTruncated", "Marker"].contains($0.0) }).withNextToken(token),
            format: global.output, title: operationName)
    }
}

