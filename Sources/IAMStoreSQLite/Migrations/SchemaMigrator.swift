import Foundation
import GRDB

/// Applies the embedded SQL migrations in order, each in its own transaction, and records each
/// with its name, SHA-256 and time in the `schemaMigration` ledger.
///
/// It refuses, without changing anything, a database whose applied migration differs from the
/// binary's file and a database migrated by a newer binary. Before migrating a file database that
/// already holds a schema, it writes a copy beside it with `VACUUM INTO`.
public struct SchemaMigrator: Sendable {
    /// The migrations this binary carries, sorted by version.
    public let migrations: [Migration]

    /// The migrations compiled into this binary from `Migrations/`.
    public static let embedded: SchemaMigrator = {
        do {
            return try SchemaMigrator(
                migrations: EmbeddedMigrations.files.map { try Migration(name: $0.name, contents: $0.contents) })
        } catch {
            // The files are checked by the test suite; a binary cannot be built with broken ones unnoticed.
            preconditionFailure("Embedded migrations are invalid: \(error)")
        }
    }()

    public init(migrations: [Migration]) throws {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (index, migration) in sorted.enumerated() where migration.version != index + 1 {
            throw MigrationError.notContiguous(expected: index + 1, found: migration.name)
        }
        self.migrations = sorted
    }

    /// The latest version this binary knows.
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// What is applied and what is pending.
    public struct Status: Sendable, Hashable {
        public var applied: [AppliedMigration]
        public var pending: [Migration]
    }

    /// Reads the ledger and checks it against this binary's migrations.
    ///
    /// - Throws: ``MigrationError`` when the database was edited or is newer than this binary.
    public func status(_ db: Database) throws -> Status {
        let applied = try Self.ledger(db)
        for entry in applied {
            guard let migration = migrations.first(where: { $0.version == entry.version }) else {
                throw MigrationError.unknownMigration(name: entry.name, version: entry.version)
            }
            guard migration.sha256 == entry.sha256, migration.name == entry.name else {
                throw MigrationError.checksumMismatch(name: migration.name, recorded: entry.sha256, binary: migration.sha256)
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        return Status(applied: applied, pending: migrations.filter { !appliedVersions.contains($0.version) })
    }

    /// What ``migrate(_:upTo:at:)`` did.
    public struct Report: Sendable, Hashable {
        public var applied: [Migration]
        /// The copy taken before migrating, when the database already held a schema.
        public var backupPath: String?
    }

    /// Applies every pending migration up to `version` (all when `nil`).
    ///
    /// - Throws: ``MigrationError`` before any change when the database is refused; a SQLite
    ///   error if a migration fails, in which case that migration's transaction is rolled back.
    @discardableResult
    public func migrate(_ writer: any DatabaseWriter, upTo version: Int? = nil, at date: Date = Date()) throws -> Report {
        let target = version ?? latestVersion
        let status = try writer.read { db in
            try db.tableExists(Self.ledgerTable) ? try self.status(db) : Status(applied: [], pending: self.migrations)
        }
        let pending = status.pending.filter { $0.version <= target }
        guard !pending.isEmpty else { return Report(applied: [], backupPath: nil) }

        var backupPath: String?
        if !status.applied.isEmpty, let path = Self.filePath(of: writer) {
            let copy = "\(path).pre-\(pending[0].name.prefix(4))-\(Self.compactTimestamp(date)).bak"
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [copy])
            }
            backupPath = copy
        }

        try writer.writeWithoutTransaction { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS "schemaMigration" (
                    "version" INTEGER NOT NULL PRIMARY KEY,
                    "name" TEXT NOT NULL UNIQUE,
                    "sha256" TEXT NOT NULL CHECK (length("sha256") = 64),
                    "appliedAt" TEXT NOT NULL
                ) STRICT
                """)
        }
        var applied: [Migration] = []
        for migration in pending {
            let didApply = try writer.write { db -> Bool in
                // Another process may have applied it since the status was read.
                let already = try Bool.fetchOne(
                    db, sql: #"SELECT 1 FROM "schemaMigration" WHERE "version" = ?"#, arguments: [migration.version]) ?? false
                guard !already else { return false }
                try db.execute(sql: migration.sql)
                try db.execute(
                    sql: #"INSERT INTO "schemaMigration"("version", "name", "sha256", "appliedAt") VALUES (?, ?, ?, ?)"#,
                    arguments: [migration.version, migration.name, migration.sha256, Timestamp.string(from: date)])
                return true
            }
            if didApply { applied.append(migration) }
        }
        return Report(applied: applied, backupPath: backupPath)
    }

    static let ledgerTable = "schemaMigration"

    static func ledger(_ db: Database) throws -> [AppliedMigration] {
        guard try db.tableExists(ledgerTable) else { return [] }
        return try Row.fetchAll(db, sql: #"SELECT * FROM "schemaMigration" ORDER BY "version""#).map { row in
            AppliedMigration(
                version: row["version"], name: row["name"], sha256: row["sha256"],
                appliedAt: (row["appliedAt"] as String).storedDate)
        }
    }

    static func filePath(of writer: any DatabaseWriter) -> String? {
        let path = writer.path
        return path.isEmpty || path == ":memory:" || path.hasPrefix("file::memory:") ? nil : path
    }

    static func compactTimestamp(_ date: Date) -> String {
        Timestamp.string(from: date).filter { $0.isNumber || $0 == "T" }.prefix(15) + "Z"
    }
}
