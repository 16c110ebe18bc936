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

    typealias Result = ProcessResult

    /// Runs `iamctl ARGUMENTS` with `input` on standard input and the given environment variables
    /// (added to a minimal `PATH`/`HOME` environment, never the test process's own variables).
    func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> Result {
        var variables = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        variables.merge(environment) { _, new in new }
        return try runProcess(url, arguments, input: input, environment: variables)
    }
}
