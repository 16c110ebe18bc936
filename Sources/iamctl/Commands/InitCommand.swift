import ArgumentParser
import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite

/// `iamctl init`: creates the database (if needed), an account and its root user.
struct InitCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database, an account and its root user.",
        discussion: """
            The root password is read from standard input with --root-password-stdin, or asked for \
            without echo on a terminal. Access-key secrets are sealed under a master key kept beside the \
            database (PATH.key, mode 0600) unless IAMSTORE_MASTER_KEY holds one (base64, 32 bytes).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("root-email"), help: "The root user's email address.")
    var rootEmail: String

    @Flag(name: .customLong("root-password-stdin"), help: "Read the root password from standard input.")
    var rootPasswordStdin = false

    var operationName: String { "CreateAccount" }

    func validate() throws {
        if let id = global.accountId, !Account.isValidID(id) {
            throw ValidationError("--account-id must be exactly 12 digits.")
        }
    }

    func execute(_ environment: CommandEnvironment) async throws {
        let password = try readPassword(environment)
        let store = try global.openStore(environment, requireExisting: false)
        let service = try await IAMService.createAccount(
            in: store, accountId: global.accountId, rootEmail: rootEmail, rootPassword: password,
            masterKey: global.masterKey(environment), source: .cli, clock: environment.clock, random: environment.random,
            passwordHasher: environment.passwordHasher)
        let path = global.databasePath(environment)
        let keyLocation =
            environment.variables[MasterKey.environmentVariable] != nil
            ? "$\(MasterKey.environmentVariable)" : path + MasterKey.fileSuffix
        environment.emit(
            .object([
                "Account": .object([
                    "AccountId": .string(service.account.id), "Arn": .string(service.account.rootARN),
                    "CreateDate": .string(service.account.createdAt.awsTimestamp),
                ]),
                "RootUser": .object(["Email": .string(rootEmail)]),
                "Database": .string(path),
                "MasterKey": .string(keyLocation),
            ]), format: global.output, title: "Init")
    }

    private func readPassword(_ environment: CommandEnvironment) throws -> String {
        if rootPasswordStdin {
            guard let input = environment.readInput() else { throw CLIError("No root password on standard input.") }
            let password = input.hasSuffix("\r\n") ? String(input.dropLast(2)) : input.hasSuffix("\n") ? String(input.dropLast()) : input
            guard !password.isEmpty else { throw CLIError("No root password on standard input.") }
            return password
        }
        guard let first = environment.promptSecret("Root password: ") else {
            throw CLIError("A root password is required: pass --root-password-stdin, or run iamctl init in a terminal.")
        }
        guard environment.promptSecret("Repeat root password: ") == first else {
            throw CLIError("The passwords do not match.")
        }
        return first
    }
}
