import ArgumentParser
import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite

/// `iamctl db`: the schema and its migrations.
struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Inspect and migrate the database schema.",
        subcommands: [DBMigrateCommand.self, DBStatusCommand.self]
    )
}

/// `iamctl db migrate`: applies pending migrations (after copying a non-empty database).
struct DBMigrateCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending migrations, after copying a database that holds data.")

    @OptionGroup var global: GlobalOptions

    var operationName: String { "Migrate" }

    func execute(_ environment: CommandEnvironment) async throws {
        let path = global.databasePath(environment)
        let store = try SQLiteAccountStore.open(at: path, migrate: false)
        environment.openedStores.add(store)
        let report = try SchemaMigrator.embedded.migrate(store.writer, at: environment.clock.now)
        environment.emit(
            .object([
                "Database": .string(path),
                "Applied": .array(report.applied.map { .string($0.name) }),
                "Backup": report.backupPath.map { .string($0) } ?? .null,
                "SchemaVersion": .integer(SchemaMigrator.embedded.latestVersion),
            ]), format: global.output, title: "Migrate")
    }
}

/// `iamctl db status`: applied and pending migrations with their checksums.
struct DBStatusCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "List applied and pending migrations with their SHA-256 checksums.")

    @OptionGroup var global: GlobalOptions

    var operationName: String { "Status" }

    func execute(_ environment: CommandEnvironment) async throws {
        let path = global.databasePath(environment)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError("The database \(path) does not exist.")
        }
        let store = try SQLiteAccountStore.open(at: path, migrate: false)
        environment.openedStores.add(store)
        let status = try store.migrationStatus()
        let applied: [JSONValue] = status.applied.map {
            .object([
                "Version": .integer($0.version), "Name": .string($0.name), "Sha256": .string($0.sha256),
                "AppliedAt": .string($0.appliedAt.awsTimestamp),
            ])
        }
        let pending: [JSONValue] = status.pending.map {
            .object(["Version": .integer($0.version), "Name": .string($0.name), "Sha256": .string($0.sha256)])
        }
        environment.emit(
            .object([
                "Database": .string(path),
                "SchemaVersion": .integer(status.applied.last?.version ?? 0),
                "LatestVersion": .integer(SchemaMigrator.embedded.latestVersion),
                "Applied": .array(applied),
                "Pending": .array(pending),
            ]), format: global.output, title: "Status")
    }
}
