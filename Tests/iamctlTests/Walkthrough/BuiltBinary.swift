import Foundation
import Testing

/// Runs the `iamctl` executable SwiftPM built next to the test bundle, as a separate process, so
/// the end-to-end tests exercise argument parsing, the live environment, exit statuses and the
/// files a real user would get.
struct BuiltBinary {
    let url: URL

    /// The `iamctl` in the build products directory that holds this test bundle.
    ///
    /// - Throws: when no executable is found there, naming the places searched, so a missing
    ///   binary fails the test instead of skipping it.
    static func locate(sourceFile: String = #filePath) throws -> BuiltBinary {
        var candidates: [URL] = []
        // On Linux the test bundle is an executable (`…/debug/IAMStorePackageTests.xctest`);
        // `iamctl` is its sibling in the same products directory.
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("iamctl"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("iamctl"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("iamctl"))
        // Fallback: the package's own `.build/debug` (Tests/iamctlTests/Walkthrough/this file).
        let packageRoot = URL(fileURLWithPath: sourceFile)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/iamctl"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return BuiltBinary(url: candidate)
        }
        throw BinaryNotFound(searched: candidates.map(\.path))
    }

    struct BinaryNotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "The built iamctl executable was not found; run `swift build` first. Searched: \(searched.joined(separator: ", "))"
        }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `iamctl ARGUMENTS` with `input` on standard input and the given environment variables
    /// (added to a minimal `PATH`/`HOME` environment, never the test process's own variables).
    func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var variables = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        variables.merge(environment) { _, new in new }
        process.environment = variables
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
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }
}
