import ArgumentParser
import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite

/// `iamctl seed`: seed files (apply, export).
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Apply a seed file to the account, or export the account as one.",
        discussion: "The seed format is documented in Seeds/README.md.",
        subcommands: [SeedApplyCommand.self, SeedExportCommand.self]
    )
}

/// `iamctl lab`: lab resets.
struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab", abstract: "Reset the account to a seed file.", subcommands: [LabResetCommand.self])
}

/// Where the secrets a load generated go: standard output, or a CSV file with mode 0600.
struct GeneratedCredentialsOptions: ParsableArguments {
    @Option(
        name: .customLong("credentials-csv"),
        help: ArgumentHelp("Write generated passwords, keys and MFA seeds to this CSV file (mode 0600) instead of printing them.", valueName: "path"))
    var credentialsCSV: String?

    /// Prints the outcome; secrets go to the CSV file when one is named, else to standard output, once.
    func report(_ credentials: SeedCredentials, title: String, format: OutputFormat, _ environment: CommandEnvironment) throws {
        var shown = credentials
        if let credentialsCSV {
            try SecretFile.write(Self.csv(credentials), to: credentialsCSV)
            shown.credentials = []
        }
        var summary = shown.json
        if case .object(var pairs) = summary {
            if let credentialsCSV {
                pairs.append(("CredentialsFile", .string(credentialsCSV)))
                pairs.append(("GeneratedCredentials", .integer(credentials.credentials.count)))
            }
            // A table has no empty box for "nothing generated"; JSON keeps its empty list.
            if format == .table, shown.credentials.isEmpty { pairs.removeAll { $0.0 == "Credentials" } }
            summary = .object(pairs)
        }
        environment.emit(summary, format: format, title: title)
    }

    /// `User name,Type,Id,Secret,Console login link`, one row per generated secret.
    static func csv(_ credentials: SeedCredentials) -> Data {
        let rows = credentials.credentials.map { credential in
            [
                credential.userName ?? "root", credential.kind.rawValue, credential.identifier ?? "", credential.secret.reveal(),
                "https://\(credentials.accountId).signin.aws.amazon.com/console",
            ].map { field in
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }
        return Data(((["User name,Type,Id,Secret,Console login link"] + rows).joined(separator: "\n") + "\n").utf8)
    }
}

/// Reads a seed file, reporting where it is broken.
func loadSeed(_ path: String) throws -> LabSeed {
    do {
        return try LabSeed.load(contentsOf: URL(fileURLWithPath: path))
    } catch let error as LabSeedError {
        throw CLIError(error.description)
    }
}

/// `iamctl seed apply FILE`
struct SeedApplyCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Converge the account to a seed file in one transaction.",
        discussion: """
            Creates what the seed names and the account lacks, changes what differs, and leaves entities \
            the seed does not name alone. Applying the same file twice changes nothing the second time.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var secrets: GeneratedCredentialsOptions
    @Argument(help: "The seed file (YAML or JSON).") var file: String

    var operationName: String { "ApplySeed" }

    func execute(_ environment: CommandEnvironment) async throws {
        let seed = try loadSeed(file)
        let credentials = try await global.service(environment).applySeed(seed)
        try secrets.report(credentials, title: "ApplySeed", format: global.output, environment)
    }
}

/// `iamctl lab reset FILE`
struct LabResetCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Replace the account's users, groups, keys and policies with a seed file, all or nothing.",
        discussion: """
            One transaction deletes the account's entities and loads the seed; a broken seed changes \
            nothing. The audit trail is kept and the reset is recorded in it. A database without an \
            account gets the seed's account.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var secrets: GeneratedCredentialsOptions
    @Argument(help: "The seed file (YAML or JSON).") var file: String

    var operationName: String { "ResetLab" }

    func execute(_ environment: CommandEnvironment) async throws {
        let seed = try loadSeed(file)
        let store = try global.openStore(environment, requireExisting: false)
        var pinned = seed
        if pinned.account?.id == nil, let accountId = global.accountId {
            pinned.account = LabSeed.AccountSection(id: accountId, alias: seed.account?.alias, location: seed.account?.location)
        }
        let (_, credentials) = try await IAMService.resetLab(
            in: store, to: pinned, masterKey: global.masterKey(environment), source: .cli, clock: environment.clock,
            random: environment.random, passwordHasher: environment.passwordHasher)
        try secrets.report(credentials, title: "ResetLab", format: global.output, environment)
    }
}

/// `iamctl seed export`
struct SeedExportCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the account as a seed file (YAML), without secrets.",
        discussion: """
            Access keys and MFA devices are listed by ID (a reset from the export keeps their secrets); \
            console passwords appear as generate_password unless --include-password-hashes writes their \
            Argon2id hashes.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(name: .customLong("include-password-hashes"), help: "Write the Argon2id password hashes.")
    var includePasswordHashes = false

    var operationName: String { "ExportSeed" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let seed = try await service.exportSeed(includePasswordHashes: includePasswordHashes)
        environment.writeOut(try seed.yaml())
    }
}
