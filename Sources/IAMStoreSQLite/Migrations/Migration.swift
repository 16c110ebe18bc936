import Crypto
import Foundation

/// One versioned SQL migration from the `Migrations/` folder, compiled into the binary.
public struct Migration: Sendable, Hashable {
    /// The number in the file name: `0001_create_account.sql` is version 1.
    public var version: Int
    /// The file name, `NNNN_verb_object.sql`.
    public var name: String
    public var sql: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String

    public init(name: String, contents: Data) throws {
        let digits = name.prefix { $0.isNumber }
        guard digits.count == 4, let version = Int(digits), version > 0,
            name.dropFirst(4).hasPrefix("_"), name.hasSuffix(".sql"),
            let sql = String(data: contents, encoding: .utf8)
        else { throw MigrationError.malformedName(name) }
        self.version = version
        self.name = name
        self.sql = sql
        self.sha256 = SHA256.hash(data: contents).hexString
    }
}

/// A migration recorded in a database's ledger.
public struct AppliedMigration: Sendable, Hashable, Codable {
    public var version: Int
    public var name: String
    public var sha256: String
    public var appliedAt: Date
}

/// Why the migrator refuses a database. It never changes the database when it refuses.
public enum MigrationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file name that is not `NNNN_verb_object.sql`.
    case malformedName(String)
    /// The binary's migrations are not numbered 1, 2, 3… without gaps.
    case notContiguous(expected: Int, found: String)
    /// An applied migration whose file was edited after it landed.
    case checksumMismatch(name: String, recorded: String, binary: String)
    /// The database was migrated by a newer binary.
    case unknownMigration(name: String, version: Int)

    public var description: String {
        switch self {
        case .malformedName(let name):
            "Migration file \(name) is not named NNNN_verb_object.sql."
        case .notContiguous(let expected, let found):
            "Migrations are not numbered contiguously: expected version \(expected), found \(found)."
        case .checksumMismatch(let name, let recorded, let binary):
            "Migration \(name) was applied with SHA-256 \(recorded) but this binary's file has SHA-256 \(binary): "
                + "the file was edited after it was applied. Migrations are append-only; restore the file and add a new migration instead. "
                + "The database was not changed."
        case .unknownMigration(let name, let version):
            "The database has migration \(name) (version \(version)), which this binary does not know: "
                + "it was migrated by a newer iamctl. Use that version or newer. The database was not changed."
        }
    }
}

extension Digest {
    var hexString: String {
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.byteCount * 2)
        for byte in self { bytes += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]] }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
