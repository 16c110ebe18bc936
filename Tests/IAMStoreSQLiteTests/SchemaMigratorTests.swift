import Foundation
import GRDB
import IAMCore
import Testing
@testable import IAMStoreSQLite

@Suite struct SchemaMigratorTests {
    /// The repository's Migrations/ folder, read from disk to compare with what was embedded.
    static let migrationsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Migrations")
    static let snapshot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__/schema.sql")

    @Test func embeddedMigrationsAreNumberedContiguouslyFromOne() throws {
        let migrations = SchemaMigrator.embedded.migrations
        #expect(!migrations.isEmpty)
        #expect(migrations.map(\.version) == Array(1...migrations.count))
        for migration in migrations {
            #expect(migration.name.range(of: #"^\d{4}_[a-z]+(_[a-z]+)*\.sql$"#, options: .regularExpression) != nil)
        }
    }

    @Test func embeddedMigrationsMatchTheFilesOnDisk() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.migrationsFolder.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files == SchemaMigrator.embedded.migrations.map(\.name))
        for migration in SchemaMigrator.embedded.migrations {
            let data = try Data(contentsOf: Self.migrationsFolder.appendingPathComponent(migration.name))
            #expect(try Migration(name: migration.name, contents: data).sha256 == migration.sha256)
        }
    }

    @Test func migratorRefusesGapsInNumbering() throws {
        let first = try Migration(name: "0001_create_a.sql", contents: Data("CREATE TABLE a(x) STRICT;".utf8))
        let third = try Migration(name: "0003_create_c.sql", contents: Data("CREATE TABLE c(x) STRICT;".utf8))
        #expect(throws: MigrationError.notContiguous(expected: 2, found: "0003_create_c.sql")) {
            try SchemaMigrator(migrations: [first, third])
        }
    }

    @Test func freshDatabaseMigratedToLatestMatchesTheCommittedSnapshot() throws {
        let queue = try DatabaseQueue()
        try SchemaMigrator.embedded.migrate(queue)
        let schema = try queue.read(Self.schemaDump)
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try schema.write(to: Self.snapshot, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: Self.snapshot, encoding: .utf8)
        #expect(schema == committed, "Schema changed: review the diff, then run with UPDATE_SNAPSHOTS=1")
    }

    @Test func migratingTwiceAppliesNothingTheSecondTime() throws {
        let queue = try DatabaseQueue()
        let first = try SchemaMigrator.embedded.migrate(queue)
        let second = try SchemaMigrator.embedded.migrate(queue)
        #expect(first.applied.count == SchemaMigrator.embedded.migrations.count)
        #expect(second.applied.isEmpty)
        let ledger = try queue.read(SchemaMigrator.ledger)
        #expect(ledger.map(\.sha256) == SchemaMigrator.embedded.migrations.map(\.sha256))
    }

    @Test func editedMigrationIsRefusedAndTheDatabaseIsLeftUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("edited.sqlite")
        let pool = try DatabasePool(path: path)
        try SchemaMigrator.embedded.migrate(pool)
        try pool.write { db in try db.execute(sql: "UPDATE \"setting\" SET \"value\" = 'false'") }
        let before = try pool.read(Self.fullDump)

        var migrations = SchemaMigrator.embedded.migrations
        let edited = try Migration(name: migrations[0].name, contents: Data((migrations[0].sql + "\n-- edited\n").utf8))
        migrations[0] = edited
        let tampered = try SchemaMigrator(migrations: migrations)
        #expect(throws: MigrationError.checksumMismatch(
            name: edited.name, recorded: SchemaMigrator.embedded.migrations[0].sha256, binary: edited.sha256)
        ) {
            try tampered.migrate(pool)
        }
        #expect(try pool.read(Self.fullDump) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).allSatisfy { !$0.contains(".bak") })
    }

    @Test func databaseFromANewerBinaryIsRefusedAndLeftUntouched() throws {
        let queue = try DatabaseQueue()
        let newer = try SchemaMigrator(
            migrations: SchemaMigrator.embedded.migrations + [
                try Migration(
                    name: String(format: "%04d_create_future.sql", SchemaMigrator.embedded.latestVersion + 1),
                    contents: Data(#"CREATE TABLE "future"("id" INTEGER PRIMARY KEY) STRICT;"#.utf8))
            ])
        try newer.migrate(queue)
        let before = try queue.read(Self.fullDump)
        let error = #expect(throws: MigrationError.self) { try SchemaMigrator.embedded.migrate(queue) }
        guard case .unknownMigration(let name, _) = error else {
            Issue.record("expected unknownMigration, got \(String(describing: error))")
            return
        }
        #expect(name.hasSuffix("_create_future.sql"))
        #expect(error?.description.contains("newer iamctl") == true)
        #expect(try queue.read(Self.fullDump) == before)
    }

    @Test func migratingADatabaseThatHoldsASchemaWritesACopyBesideIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("lab.sqlite")
        let pool = try DatabasePool(path: path)
        let latest = SchemaMigrator.embedded.latestVersion
        try SchemaMigrator.embedded.migrate(pool, upTo: latest - 1)
        try pool.write { db in try AccountRecord(Fixtures.account).insert(db) }
        let report = try SchemaMigrator.embedded.migrate(pool)
        let backup = try #require(report.backupPath)
        #expect(backup.hasPrefix(path + ".pre-"))
        #expect(FileManager.default.fileExists(atPath: backup))
        let copy = try DatabaseQueue(path: backup)
        #expect(try copy.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM account") } == 1)
        #expect(try copy.read(SchemaMigrator.ledger).count == latest - 1)
    }

    @Test func freshDatabaseIsMigratedWithoutACopy() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteAccountStore.open(at: directory.file("new.sqlite"))
        #expect(store.migrationReport.backupPath == nil)
        #expect(store.migrationReport.applied.count == SchemaMigrator.embedded.latestVersion)
    }

    @Test func fileConnectionsUseWALFullSynchronousAndForeignKeys() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteAccountStore.open(at: directory.file("pragmas.sqlite"))
        try store.writer.read { db throws in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try Int.fetchOne(db, sql: "PRAGMA synchronous") == 2)
            #expect(try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1)
        }
        try store.writer.write { db throws in
            #expect(try Int.fetchOne(db, sql: "PRAGMA synchronous") == 2)
            #expect(try Int.fetchOne(db, sql: "PRAGMA busy_timeout") == 10_000)
        }
    }

    static func schemaDump(_ db: Database) throws -> String {
        try String.fetchAll(
            db,
            sql: """
                SELECT sql || ';' FROM sqlite_master
                WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
                ORDER BY type DESC, name
                """
        ).joined(separator: "\n\n") + "\n"
    }

    /// Schema and every row of every table, to prove a refused database was not changed.
    static func fullDump(_ db: Database) throws -> String {
        var dump = try schemaDump(db)
        for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") { dump += "\(table): \(row)\n" }
        }
        return dump
    }
}

@Suite struct DatabaseFileTests {
    @Test func newDatabaseFileIsReadableByItsOwnerOnly() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("private.sqlite")
        _ = try SQLiteAccountStore.open(at: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
