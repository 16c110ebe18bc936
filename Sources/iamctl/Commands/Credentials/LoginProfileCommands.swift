import ArgumentParser
import Foundation
import IAMCore
import IAMService

/// `iamctl create-login-profile`
struct CreateLoginProfileCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-login-profile", abstract: "Give a user a console password.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    @Option(help: "The password (visible in the process list; prefer --password-stdin).") var password: String?
    @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.") var passwordStdin = false
    @Flag(inversion: .prefixedNo, help: "Require a new password at next sign-in.") var passwordResetRequired = false
    @Option(name: .customLong("credentials-csv"), help: "Also write the console's credentials CSV (mode 0600).")
    var credentialsCSV: String?

    var operationName: String { "CreateLoginProfile" }

    func validate() throws {
        if (password == nil) == !passwordStdin { throw ValidationError("Pass exactly one of --password and --password-stdin.") }
    }

    func execute(_ environment: CommandEnvironment) async throws {
        let password = try environment.password(option: password, fromStandardInput: passwordStdin, name: "password") ?? ""
        let service = try await global.service(environment)
        let profile = try await service.createLoginProfile(
            userName: userName, password: password, passwordResetRequired: passwordResetRequired)
        if let credentialsCSV {
            try SecretFile.write(
                SecretFile.credentialsCSV(userName: profile.userName, password: password, accountId: service.account.id),
                to: credentialsCSV)
        }
        environment.emit(.object(["LoginProfile": profile.json]), format: global.output, title: "CreateLoginProfile")
    }
}

/// `iamctl get-login-profile`
struct GetLoginProfileCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "get-login-profile", abstract: "Show whether a user has a console password (never the password).")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String

    var operationName: String { "GetLoginProfile" }

    func execute(_ environment: CommandEnvironment) async throws {
        let profile = try await global.service(environment).getLoginProfile(userName: userName)
        environment.emit(.object(["LoginProfile": profile.json]), format: global.output, title: "GetLoginProfile")
    }
}

/// `iamctl update-login-profile`
struct UpdateLoginProfileCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "update-login-profile", abstract: "Change a user's console password or its reset flag.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String
    @Option var password: String?
    @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.") var passwordStdin = false
    @Flag(inversion: .prefixedNo, help: "Require a new password at next sign-in.") var passwordResetRequired: Bool?

    var operationName: String { "UpdateLoginProfile" }

    func execute(_ environment: CommandEnvironment) async throws {
        let password = try environment.password(option: password, fromStandardInput: passwordStdin, name: "password")
        try await global.service(environment).updateLoginProfile(
            userName: userName, password: password, passwordResetRequired: passwordResetRequired)
    }
}

/// `iamctl delete-login-profile`
struct DeleteLoginProfileCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "delete-login-profile", abstract: "Remove a user's console password.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String

    var operationName: String { "DeleteLoginProfile" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).deleteLoginProfile(userName: userName)
    }
}

/// `iamctl change-password`: the caller's own password. iamctl acts as the root user, which AWS
/// refuses (`InvalidUserType`); with `--user-name` it acts as that IAM user instead, so a trainer
/// who knows a user's old password can change it the way the user would (the old password is
/// still checked, the reset flag cleared, the audit event names the user).
struct ChangePasswordCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "change-password", abstract: "Change the caller's own password (IAM users only).",
        discussion: "Without --user-name the caller is the root user, which AWS refuses with InvalidUserType.")

    @OptionGroup var global: GlobalOptions
    @Option(
        name: .customLong("user-name"),
        help: "Act as this IAM user (not an aws CLI option: the aws CLI takes the caller from its credentials).")
    var userName: String?
    @Option(name: .customLong("old-password")) var oldPassword: String
    @Option(name: .customLong("new-password")) var newPassword: String

    var operationName: String { "ChangePassword" }

    func execute(_ environment: CommandEnvironment) async throws {
        var service = try await global.service(environment)
        if let userName {
            service = service.acting(as: try await service.principal(forUserNamed: userName))
        }
        try await service.changePassword(oldPassword: oldPassword, newPassword: newPassword)
    }
}

/// `iamctl update-account-password-policy`: parameters left out revert to AWS's defaults.
struct UpdateAccountPasswordPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "update-account-password-policy",
        abstract: "Set the account password policy (no partial updates: omitted settings revert to defaults).")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("minimum-password-length")) var minimumPasswordLength: Int?
    @Flag(inversion: .prefixedNo) var requireSymbols: Bool?
    @Flag(inversion: .prefixedNo) var requireNumbers: Bool?
    @Flag(inversion: .prefixedNo) var requireUppercaseCharacters: Bool?
    @Flag(inversion: .prefixedNo) var requireLowercaseCharacters: Bool?
    @Flag(inversion: .prefixedNo) var allowUsersToChangePassword: Bool?
    @Option(name: .customLong("max-password-age")) var maxPasswordAge: Int?
    @Option(name: .customLong("password-reuse-prevention")) var passwordReusePrevention: Int?
    @Flag(inversion: .prefixedNo) var hardExpiry: Bool?

    var operationName: String { "UpdateAccountPasswordPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).updateAccountPasswordPolicy(
            minimumPasswordLength: minimumPasswordLength, requireSymbols: requireSymbols, requireNumbers: requireNumbers,
            requireUppercaseCharacters: requireUppercaseCharacters, requireLowercaseCharacters: requireLowercaseCharacters,
            allowUsersToChangePassword: allowUsersToChangePassword, maxPasswordAge: maxPasswordAge,
            passwordReusePrevention: passwordReusePrevention, hardExpiry: hardExpiry)
    }
}

/// `iamctl get-account-password-policy`
struct GetAccountPasswordPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "get-account-password-policy", abstract: "Show the account password policy.")

    @OptionGroup var global: GlobalOptions

    var operationName: String { "GetAccountPasswordPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        let policy = try await global.service(environment).getAccountPasswordPolicy()
        environment.emit(.object(["PasswordPolicy": IAMService.json(policy)]), format: global.output, title: "GetAccountPasswordPolicy")
    }
}

/// `iamctl delete-account-password-policy`
struct DeleteAccountPasswordPolicyCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-account-password-policy", abstract: "Remove the account password policy.")

    @OptionGroup var global: GlobalOptions

    var operationName: String { "DeleteAccountPasswordPolicy" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).deleteAccountPasswordPolicy()
    }
}
