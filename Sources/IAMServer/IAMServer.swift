import CProcessTuning
import Hummingbird
import HummingbirdTLS
import IAMService
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// The stand-alone server `iamctl serve` runs: the ``IAMQueryAPI`` routes in a Hummingbird
/// application bound to one address.
public enum IAMServer {
    /// Where and how to listen.
    public struct Configuration: Sendable {
        /// The address to bind; loopback unless told otherwise.
        public var host: String
        /// The port; 0 picks a free one.
        public var port: Int
        /// TLS, when certificate and key are given.
        public var tls: TLSConfiguration?
        public var options: IAMQueryAPI.Options

        /// A configuration; `127.0.0.1:9000`, plain HTTP, no lab mode by default.
        public init(host: String = "127.0.0.1", port: Int = 9000, tls: TLSConfiguration? = nil, options: IAMQueryAPI.Options = .init()) {
            self.host = host
            self.port = port
            self.tls = tls
            self.options = options
            self.options.secureTransport = tls != nil
        }
    }

    /// A router serving the Query API of `service` (for embedders mounting it in their own
    /// application, with ``IAMQueryAPI/services`` among the application's services).
    public static func router(api: IAMQueryAPI) -> Router<IAMRequestContext> {
        let router = Router(context: IAMRequestContext.self)
        api.addRoutes(to: router)
        return router
    }

    /// The application: the router, the key-usage flusher, and the listener.
    ///
    /// - Parameter onServerRunning: called with the bound address once the server listens.
    /// - Throws: an `NIOSSL` error for an unusable TLS configuration.
    public static func buildApplication(
        service: IAMService, configuration: Configuration, logger: Logger = Logger(label: "IAMServer"),
        onServerRunning: @escaping @Sendable (SocketAddress?) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let api = IAMQueryAPI(service: service, options: configuration.options, logger: logger)
        return Application(
            router: router(api: api),
            server: try configuration.tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "IAMStore"),
            services: api.services, onServerRunning: { channel in await onServerRunning(channel.localAddress) },
            logger: logger)
    }
}

extension IAMServer {
    /// Tunes the whole process for serving; `iamctl serve` calls it first thing. Both settings
    /// are process-wide, so an embedding application decides for itself whether to call it.
    ///
    /// - Swift concurrency's jobs run on the server's NIO event loops instead of a pool of their
    ///   own: a request no longer hops between the event loop that reads it and a pool thread that
    ///   answers it and back (on two cores, about a fifth more signed GetUser requests a second and
    ///   half the p99 latency).
    /// - glibc keeps freed memory instead of handing it back to the kernel at every free: SQLite
    ///   opens and frees a scratch table for each `IN (…)` check of an audit row, and the writer
    ///   thread's arena was trimmed and faulted back in on every write (a fifth of its time).
    ///
    /// Only the first call does anything.
    public static func prepareProcessForServing() {
        _ = processPrepared
    }

    private static let processPrepared: Bool = {
        _ = iamstore_keep_freed_memory(64 << 20)
        return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }()

    /// A TLS server configuration from PEM files: the certificate chain and its private key.
    ///
    /// - Throws: an `NIOSSL` error when a file is missing or not PEM.
    public static func tlsConfiguration(certificateChainPath: String, privateKeyPath: String) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certificateChainPath).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: privateKeyPath, format: .pem)
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
    }

    /// Builds the application and serves until SIGINT or SIGTERM, then shuts down gracefully
    /// (in-flight requests finish, buffered key last-use times are written).
    public static func run(
        service: IAMService, configuration: Configuration, logger: Logger = Logger(label: "IAMServer"),
        onServerRunning: @escaping @Sendable (SocketAddress?) async -> Void = { _ in }
    ) async throws {
        let app = try buildApplication(service: service, configuration: configuration, logger: logger, onServerRunning: onServerRunning)
        try await app.runService()
    }
}
