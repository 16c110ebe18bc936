import ArgumentParser
import Foundation
import IAMCore
import IAMService

/// `iamctl create-account-alias`.
struct CreateAccountAliasCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "create-account-alias", abstract: "Set the account's alias.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("account-alias")) var accountAlias: String
    var operationName: String { "CreateAccountAlias" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).createAccountAlias(accountAlias)
    }
}

/// `iamctl delete-account-alias`.
struct DeleteAccountAliasCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "delete-account-alias", abstract: "Remove the account's alias.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("account-alias")) var accountAlias: String
    var operationName: String { "DeleteAccountAlias" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).deleteAccountAlias(accountAlias)
    }
}

/// `iamctl list-account-aliases`.
struct ListAccountAliasesCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-account-aliases", abstract: "List the account's alias.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    var operationName: String { "ListAccountAliases" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (aliases, token) = try await pagination.collect { try await service.listAccountAliases(page: $0) }
        environment.emit(
            JSONValue.object([("AccountAliases", .array(aliases.map(JSONValue.string)))]).withNextToken(token),
            format: global.output, title: operationName)
    }
}

/// `iamctl get-account-summary`.
struct GetAccountSummaryCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "get-account-summary", abstract: "Show the account's entity counts and quotas.")
    @OptionGroup var global: GlobalOptions
    var operationName: String { "GetAccountSummary" }

    func execute(_ environment: CommandEnvironment) async throws {
        let summary = try await global.service(environment).getAccountSummary()
        environment.emit(summary.json, format: global.output, title: operationName)
    }
}

/// `iamctl status`: the IAM console's security status checklist. A report, so it exits 0 even
/// when checks fail.
struct StatusCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the account's security status checklist (as the IAM console's dashboard).")
    @OptionGroup var global: GlobalOptions
    var operationName: String { "GetSecurityStatus" }

    func execute(_ environment: CommandEnvironment) async throws {
        let checks = try await global.service(environment).securityStatus()
        environment.emit(checks.json, format: global.output, title: "SecurityStatus")
    }
}
