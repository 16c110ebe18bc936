import Foundation
import Testing

/// What a finished process printed and how it exited.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable` with `arguments`, writing `input` to its standard input, and waits for it.
///
/// - Parameter environment: the whole environment of the process, or `nil` to inherit this one.
func runProcess(
    _ executable: URL, _ arguments: [String], input: String = "", environment: [String: String]? = nil
) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    // Outputs here are small (well under a pipe buffer), so reading after exit cannot deadlock;
    // read both to the end first anyway, which also waits for the process to close them.
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(
        status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
        stderr: String(decoding: err, as: UTF8.self))
}

/// The `sqlite3` shell, as an auditor or an attacker would use it on a database file.
enum SQLiteShell {
    static let executable = URL(fileURLWithPath: "/usr/bin/sqlite3")

    /// Runs `sql` (given on standard input, as `sqlite3 FILE < query.sql`, so that text starting
    /// with `--` is never taken for an option) with the shell's `options`.
    static func run(_ database: String, _ sql: String, options: [String] = []) throws -> ProcessResult {
        try runProcess(executable, options + [database], input: sql)
    }

    /// Runs `sql` read-only and expects it to succeed; returns what it printed.
    static func read(_ database: String, _ sql: String, options: [String]) throws -> String {
        let result = try run(database, sql, options: ["-readonly"] + options)
        #expect(result.status == 0 && result.stderr.isEmpty, "sqlite3: \(result.stderr)")
        return result.stdout
    }
}
