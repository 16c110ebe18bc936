import Foundation
import PackagePlugin

/// Compiles files from a top-level folder of the package into the target as Swift source.
///
/// SwiftPM resources cannot live outside a target's folder, and `Bundle.module` calls `fatalError`
/// once a binary leaves its build folder, so the SQL migrations (and, later, seed catalogues) are
/// embedded as base64 literals instead: a binary copied anywhere still knows its schema.
@main
struct EmbedFilesPlugin: BuildToolPlugin {
    /// Which folder each target embeds, the file extension taken, and the generated type's name.
    private static let embeddings: [String: (folder: String, fileExtension: String, typeName: String)] = [
        "IAMStoreSQLite": ("Migrations", "sql", "EmbeddedMigrations"),
        "IAMService": ("Seeds/aws-managed-policies", "json", "EmbeddedManagedPolicies"),
    ]

    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let embedding = Self.embeddings[target.name] else { return [] }
        let folder = context.package.directoryURL.appending(path: embedding.folder)
        let files = try FileManager.default
            .contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == embedding.fileExtension }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "\(embedding.typeName).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(embedding.folder) into \(target.name)",
                executable: try context.tool(named: "EmbedFiles").url,
                arguments: [embedding.typeName, output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
