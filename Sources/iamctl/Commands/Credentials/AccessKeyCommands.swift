import ArgumentParser
import Foundation
import IAMCore
import IAMService

/// `iamctl create-access-key`: without `--user-name` it creates a key for the root user, which
/// AWS advises against, so it says so on standard error.
struct CreateAccessKeyCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-access-key",
        abstract: "Create an access key; its secret is shown only this once.",
        discussion: "Without --user-name the key belongs to the root user.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String?
    @Option(name: .customLong("credentials-csv"), help: "Also write the console's credentials CSV (mode 0600).")
    var credentialsCSV: String?

    var operationName: String { "CreateAccessKey" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let created = try await service.createAccessKey(userName: userName)
        if userName == nil {
            environment.warn(
                "Warning: this access key belongs to the root user, which has unrestricted access to the account. "
                    + "Prefer keys for IAM users (--user-name).")
        }
        if let credentialsCSV {
            try SecretFile.write(
                SecretFile.credentialsCSV(
                    userName: created.userName ?? "root", accessKeyId: created.accessKey.id,
                    secret: created.secretAccessKey.reveal(), accountId: service.account.id),
                to: credentialsCSV)
        }
        environment.emit(.object(["AccessKey": created.json]), format: global.output, title: "CreateAccessKey")
    }
}

/// `iamctl update-access-key`
struct UpdateAccessKeyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "update-access-key", abstract: "Activate or deactivate an access key.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String?
    @Option(name: .customLong("access-key-id")) var accessKeyId: String
    @Option(help: "Active or Inactive.") var status: String

    var operationName: String { "UpdateAccessKey" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).updateAccessKey(accessKeyId: accessKeyId, status: status, userName: userName)
    }
}

/// `iamctl delete-access-key`
struct DeleteAccessKeyCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "delete-access-key", abstract: "Delete an access key.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String?
    @Option(name: .customLong("access-key-id")) var accessKeyId: String

    var operationName: String { "DeleteAccessKey" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).deleteAccessKey(accessKeyId: accessKeyId, userName: userName)
    }
}

/// `iamctl list-access-keys`
struct ListAccessKeysCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-access-keys", abstract: "List access keys (never secrets).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("user-name")) var userName: String?

    var operationName: String { "ListAccessKeys" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (keys, token) = try await pagination.collect { try await service.listAccessKeys(userName: userName, page: $0) }
        environment.emit(
            JSONValue.object(["AccessKeyMetadata": .array(keys.map(\.json))]).withNextToken(token), format: global.output,
            title: "ListAccessKeys")
    }
}

/// `iamctl get-access-key-last-used`
struct GetAccessKeyLastUsedCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "get-access-key-last-used", abstract: "Show when, where and for which service a key was last used.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("access-key-id")) var accessKeyId: String

    var operationName: String { "GetAccessKeyLastUsed" }

    func execute(_ environment: CommandEnvironment) async throws {
        let used = try await global.service(environment).getAccessKeyLastUsed(accessKeyId: accessKeyId)
        environment.emit(used.json, format: global.output, title: "GetAccessKeyLastUsed")
    }
}
