import GRDB

/// A record inserted on every mutation's path (users, audit events): through one cached statement
/// per table with its arguments in column order, instead of GRDB's `Codable` encoding, which costs
/// tens of thousands of instructions a row (measured with callgrind). The columns and
/// `insertArguments` must list the same members in the same order; the round-trip tests of each
/// record read every column back.
protocol HotInsertRecord: TableRecord {
    /// `INSERT INTO "table" ("a", "b") VALUES (?, ?)`, built once by ``hotInsertSQL(columns:)``.
    static var insertSQL: String { get }
    var insertArguments: StatementArguments { get }
}

extension HotInsertRecord {
    static func hotInsertSQL(columns: [String]) -> String {
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \"\(databaseTableName)\" (\(names)) VALUES (\(marks))"
    }

    /// Inserts the record with the table's cached statement.
    func insertHot(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: insertArguments)
    }
}
