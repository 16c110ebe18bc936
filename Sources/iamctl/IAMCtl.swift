import ArgumentParser
import Foundation
import IAMCore
import IAMStoreSQLite

/// `iamctl`: AWS-CLI-shaped commands over an IAMStore database file.
@main
struct IAMCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iamctl",
        abstract: "A persistent AWS IAM account in one SQLite file.",
        discussion: "Commands are named like `aws iam` (create-user --user-name NAME) and act as the account's root user.",
        subcommands: [InitCommand.self, DBCommand.self, ServeCommand.self, SeedCommand.self, LabCommand.self, AuditCommand.self]
            + IdentityCommands.all + CredentialCommands.all + PolicyCommands.all
    )

    static func main() async {
        let result = await run(Array(CommandLine.arguments.dropFirst()), environment: .live)
        Foundation.exit(result)
    }

    /// Parses and runs one command line; returns the exit status. Errors are printed like the
    /// aws CLI and never as a stack trace.
    static func run(_ arguments: [String], environment: CommandEnvironment) async -> Int32 {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            let message = fullMessage(for: error)
            let code = exitCode(for: error)
            if code == .success { environment.print(message) } else { environment.warn(message) }
            return code == .success ? 0 : 252
        }
        guard let command = command as? any IAMCommand else {
            // A group such as `iamctl db` without a subcommand: show its help.
            environment.print(helpMessage(for: type(of: command)))
            return 0
        }
        defer { environment.openedStores.closeAll() }
        do {
            try await command.execute(environment)
            return 0
        } catch let error as IAMError {
            environment.warn(
                "\nAn error occurred (\(error.code.rawValue)) when calling the \(command.operationName) operation: \(error.message)")
            return 254
        } catch let error as MigrationError {
            environment.warn("iamctl: \(error.description)")
            return 3
        } catch let error as CLIError {
            environment.warn("iamctl: \(error.description)")
            return 1
        } catch {
            environment.warn("iamctl: \(error)")
            return 1
        }
    }
}

/// A runnable command: its work, callable with an injected environment.
protocol IAMCommand: AsyncParsableCommand {
    /// The AWS operation name used in error messages (`CreateUser`).
    var operationName: String { get }
    func execute(_ environment: CommandEnvironment) async throws
}

extension IAMCommand {
    mutating func run() async throws {
        // Reached only when a command is run through ArgumentParser's own entry point.
        let status = await IAMCtl.run(Array(CommandLine.arguments.dropFirst()), environment: .live)
        if status != 0 { throw ExitCode(status) }
    }
}
