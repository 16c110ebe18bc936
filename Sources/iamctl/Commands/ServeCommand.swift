import ArgumentParser
import Foundation
import IAMCore
import IAMServer
import IAMService
import Logging

/// `iamctl serve`: the AWS IAM Query API over HTTP, for the aws CLI, boto3 and every AWS SDK.
struct ServeCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the AWS IAM (and STS GetCallerIdentity) Query API over HTTP.",
        discussion: """
            Requests are authenticated with SigV4 against the database's access keys and authorized by \
            the policy engine. Point a client at it with --endpoint-url http://HOST:PORT. Stops cleanly on \
            SIGINT or SIGTERM. --lab accepts any signature (an unknown key acts as the root user) and adds \
            POST /moto-api/reset, which resets the account to --seed FILE or, without one, empties it; a \
            database that does not exist yet starts as the seed (or as the empty account 123456789012). \
            Never use lab mode outside a lab.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 9000

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("PEM certificate chain; serves HTTPS with --tls-key.", valueName: "path"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("PEM private key of --tls-cert.", valueName: "path"))
    var tlsKey: String?

    @Flag(help: "Lab mode: any signature accepted, POST /moto-api/reset available.")
    var lab = false

    @Option(help: ArgumentHelp("Lab mode's seed file: the state of a new database and of every reset.", valueName: "file"))
    var seed: String?

    @OptionGroup var secrets: GeneratedCredentialsOptions

    var operationName: String { "Serve" }

    func validate() throws {
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together.")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
        guard seed == nil || lab else { throw ValidationError("--seed needs --lab.") }
    }

    func execute(_ environment: CommandEnvironment) async throws {
        IAMServer.prepareProcessForServing()
        let labSeed = try seed.map(loadSeed)
        let service = try await openService(environment, seed: labSeed)
        let tls = try tlsCert.map { try IAMServer.tlsConfiguration(certificateChainPath: $0, privateKeyPath: tlsKey!) }
        let configuration = IAMServer.Configuration(
            host: host, port: port, tls: tls,
            options: .init(labMode: lab, resetLab: labSeed.map(LabReset.seed) ?? LabReset.emptyAccount))
        let scheme = tls == nil ? "http" : "https"
        let mode = lab ? " in LAB MODE (any signature accepted)" : ""
        let (host, port) = (self.host, self.port)
        let logger = Logger(label: "IAMServer") { DeferredMetadataLogHandler(StreamLogHandler.standardError(label: $0)) }
        try await IAMServer.run(service: service, configuration: configuration, logger: logger) { address in
            let boundPort = address?.port ?? port
            environment.print(
                "Serving the AWS IAM API for account \(service.account.id) on \(scheme)://\(host):\(boundPort)\(mode)")
        }
        environment.print("Stopped.")
    }

    /// The database's service. In lab mode a database that does not exist yet is created as the
    /// seed describes (its generated secrets printed once, as `lab reset` prints them), or with the
    /// empty lab account 123456789012.
    private func openService(_ environment: CommandEnvironment, seed: LabSeed?) async throws -> IAMService {
        let path = global.databasePath(environment)
        guard lab, !FileManager.default.fileExists(atPath: path) else { return try await global.service(environment) }
        let store = try global.openStore(environment, requireExisting: false)
        if let seed {
            let (service, credentials) = try await IAMService.resetLab(
                in: store, to: seed, masterKey: global.masterKey(environment), source: .cli, clock: environment.clock,
                random: environment.random, passwordHasher: environment.passwordHasher)
            if !credentials.credentials.isEmpty || secrets.credentialsCSV != nil {
                try secrets.report(credentials, title: "ResetLab", format: global.output, environment)
            }
            return service
        }
        return try await IAMService.createAccount(
            in: store, accountId: global.accountId ?? "123456789012",
            rootEmail: "root@example.com", rootPassword: nil, masterKey: global.masterKey(environment), source: .cli,
            clock: environment.clock, random: environment.random, passwordHasher: environment.passwordHasher)
    }
}
