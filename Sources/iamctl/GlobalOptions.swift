import ArgumentParser
import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite

/// How results are printed, as the aws CLI's `--output`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case json, table, text
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $IAMSTORE_DB, else ./iam.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: "Output format: json, table or text.")
    var output: OutputFormat = .json

    @Option(name: .customLong("account-id"), help: "The account to act in, when the database holds several.")
    var accountId: String?

    func databasePath(_ environment: CommandEnvironment) -> String {
        db ?? environment.variables["IAMSTORE_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "./iam.sqlite"
    }

    /// Opens the database (migrating it, and saying where the pre-migration copy went).
    func openStore(_ environment: CommandEnvironment, requireExisting: Bool = true) throws -> SQLiteAccountStore {
        let path = databasePath(environment)
        if requireExisting, !FileManager.default.fileExists(atPath: path) {
            throw CLIError("The database \(path) does not exist. Create it with: iamctl init --db \(path) --root-email EMAIL")
        }
        let store = try SQLiteAccountStore.open(at: path)
        environment.openedStores.add(store)
        report(store.migrationReport, environment)
        return store
    }

    func report(_ migration: SchemaMigrator.Report, _ environment: CommandEnvironment) {
        if let backup = migration.backupPath {
            environment.warn("Copied the database to \(backup) before migrating.")
        }
        if !migration.applied.isEmpty, migration.backupPath != nil {
            environment.warn("Applied migrations: \(migration.applied.map(\.name).joined(separator: ", ")).")
        }
    }

    func masterKey(_ environment: CommandEnvironment) throws -> MasterKey {
        try MasterKey.resolve(databasePath: databasePath(environment), environment: environment.variables)
    }

    /// A service acting as the account's root user, the CLI's identity.
    func service(_ environment: CommandEnvironment) async throws -> IAMService {
        let store = try openStore(environment)
        return try await IAMService(
            store: store, masterKey: masterKey(environment), accountId: accountId, source: .cli, clock: environment.clock,
            random: environment.random, passwordHasher: environment.passwordHasher)
    }
}

/// A usage or environment problem the CLI reports in one line (not an AWS error).
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
