import Foundation
import Hummingbird
import IAMCore
import IAMService
import Logging
import NIOCore
import ServiceLifecycle

/// The AWS IAM (and STS) Query API over HTTP, as routes an application mounts.
///
/// Every request is authenticated (SigV4 in the `Authorization` header or a presigned query),
/// decoded by the model, authorized by the policy engine against the resource AWS names for the
/// action, run as the caller, and answered in AWS's XML. Errors answer AWS's error document with
/// the model's HTTP status; nothing answers a stack trace.
///
/// ```swift
/// let api = IAMQueryAPI(service: iam)
/// let router = Router(context: IAMRequestContext.self)
/// api.addRoutes(to: router)
/// let app = Application(router: router, services: api.services)
/// ```
public final class IAMQueryAPI: Sendable {
    /// How the API behaves.
    public struct Options: Sendable {
        /// Lab mode: any signature is accepted, an unknown (or absent) key is the root user, and
        /// `POST /moto-api/reset` resets the account. Never for a real deployment.
        public var labMode: Bool
        /// Whether requests arrive over TLS, for `aws:SecureTransport`.
        public var secureTransport: Bool
        /// A key's last use is written at most once per this many seconds.
        public var keyUsageWriteInterval: TimeInterval
        /// What `POST /moto-api/reset` does in lab mode; ``LabReset/emptyAccount`` unless told otherwise.
        public var resetLab: @Sendable (IAMService) async throws -> Void

        /// Options; everything off by default.
        public init(
            labMode: Bool = false, secureTransport: Bool = false, keyUsageWriteInterval: TimeInterval = 60,
            resetLab: @escaping @Sendable (IAMService) async throws -> Void = LabReset.emptyAccount
        ) {
            self.labMode = labMode
            self.secureTransport = secureTransport
            self.keyUsageWriteInterval = keyUsageWriteInterval
            self.resetLab = resetLab
        }
    }

    /// The service acting as the account's root user; each request derives the caller's.
    public let service: IAMService
    public let options: Options
    let authenticator: SigV4Authenticator
    let usage: AccessKeyUsageRecorder
    let logger: Logger

    /// An API over `service`'s account.
    public init(service: IAMService, options: Options = Options(), logger: Logger = Logger(label: "IAMServer")) {
        self.service = service
        self.options = options
        self.logger = logger
        self.authenticator = SigV4Authenticator(service: service, labMode: options.labMode)
        self.usage = AccessKeyUsageRecorder(service: service, interval: options.keyUsageWriteInterval, logger: logger)
    }

    /// The background work the API needs while it serves: flushing buffered key last-use times
    /// (every interval and at shutdown). Pass them to the `Application`.
    public var services: [any Service] { [KeyUsageFlusher(recorder: usage)] }

    /// Adds `GET /` and `POST /` (the Query API) and, in lab mode, `POST /moto-api/reset`.
    public func addRoutes<Context: Hummingbird.RequestContext>(to router: some RouterMethods<Context>) {
        router.post("/") { request, context in await self.respond(to: request, context: context) }
        router.get("/") { request, context in await self.respond(to: request, context: context) }
        if options.labMode {
            router.post("/moto-api/reset") { _, _ in await self.resetLab() }
        }
    }

    /// Writes every buffered key last use now (tests and shutdown).
    public func flushKeyUsage() async {
        await usage.flush(now: service.clock.now)
    }

    // MARK: One request

    /// Answers one Query request; never throws. The request is one read session of the store:
    /// its cached lookups (key, caller's policies, resource, a GetUser's answer) check the file's
    /// change stamp once.
    func respond<Context: Hummingbird.RequestContext>(to request: Request, context: Context) async -> Response {
        await service.store.readSession { await answer(request, context: context) }
    }

    private func answer<Context: Hummingbird.RequestContext>(_ request: Request, context: Context) async -> Response {
        let requestId = RandomSource.system.uuidString()
        var modelService = ModelService.iam
        do {
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let incoming = Self.incoming(request, body: Array(buffer: body))
            let caller = try await authenticator.authenticate(incoming, now: service.clock.now)
            var parameters = incoming.query
            if request.method == .post { parameters += FormBody.parameters(incoming.body) }
            let decoder = QueryDecoder(parameters: parameters)
            if let scoped = caller.scope.flatMap({ ModelService(rawValue: $0.service) }) { modelService = scoped }
            guard let action = decoder.parameter("Action"), !action.isEmpty else { throw QueryErrors.missingAction() }
            guard let operation = IAMModel.operation(named: action),
                  caller.scope == nil || operation.service == modelService
            else { throw QueryErrors.invalidAction(action, service: modelService) }
            modelService = operation.service
            guard decoder.parameter("Version") == operation.service.apiVersion else {
                throw QueryErrors.invalidVersion(decoder.parameter("Version"), service: operation.service)
            }
            guard IAMService.performableOperations.contains(action) else { throw QueryErrors.notImplemented(action) }

            var acting = service.acting(as: caller.principal, source: .api)
            acting.sourceIPAddress = ((context as? any RemoteAddressRequestContext)?.remoteAddress).flatMap(Self.ipAddress)
            acting.userAgent = request.headers[.userAgent]
            acting.requestId = requestId
            let input = decoder.input(for: operation)
            let prepared = try IAMService.prepare(action, input: input)
            try await authorize(prepared, input: input, caller: caller, as: acting)
            let output = try await acting.perform(prepared)
            if let keyId = caller.principal.accessKeyId, let scope = caller.scope {
                await usage.record(
                    accessKeyId: keyId,
                    use: .init(service: scope.service, region: scope.region, date: service.clock.now))
            }
            return Self.xml(QueryResponseEncoder.response(for: operation, output: output, requestId: requestId), status: .ok)
        } catch {
            return errorResponse(error, requestId: requestId, service: modelService)
        }
    }

    /// The policy engine's decision for the action and resource AWS names for `operation`; a
    /// denial is audited with its caller and answered `AccessDenied`.
    private func authorize(_ operation: PreparedOperation, input: JSONValue, caller: AuthenticatedCaller, as acting: IAMService) async throws {
        let target = try await acting.authorizationTarget(for: operation)
        guard target.requiresPermission else { return }
        let result = try await acting.authorize(
            principal: caller.principal, action: target.action, resource: target.resource,
            context: RequestContextBuilder.context(
                caller: caller, sourceIP: acting.sourceIPAddress, userAgent: acting.userAgent,
                secureTransport: options.secureTransport))
        guard result.decision != .allowed else { return }
        let error = AccessDeniedMessage.error(principal: caller.principal, target: target, result: result)
        do {
            try await acting.recordRefusedRequest(
                operation.name, parameters: input, resources: [target.resource], readOnly: Self.isReadOnly(operation.name),
                error: error)
        } catch {
            logger.error("Could not audit a denied request", metadata: ["operation": .string(operation.name)])
        }
        throw error
    }

    /// Reads and simulations, by AWS's naming: `Get…`, `List…`, `Simulate…`.
    static func isReadOnly(_ operation: String) -> Bool {
        operation.hasPrefix("Get") || operation.hasPrefix("List") || operation.hasPrefix("Simulate")
    }

    private func resetLab() async -> Response {
        do {
            try await options.resetLab(service)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: "{\"status\": \"ok\"}\n")))
        } catch {
            return errorResponse(error, requestId: RandomSource.system.uuidString(), service: .iam)
        }
    }

    // MARK: Wire helpers

    /// The request as SigV4 sees it: the raw path and query, the headers with `Host` (which HTTP
    /// types keep as the authority unless a `Host` field came as well), and the body.
    static func incoming(_ request: Request, body: [UInt8]) -> IncomingRequest {
        let target = request.head.path ?? "/"
        let (path, rawQuery) =
            if let mark = target.firstIndex(of: "?") {
                (String(target[..<mark]), String(target[target.index(after: mark)...]))
            } else {
                (target, "")
            }
        var headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        if let authority = request.head.authority, !headers.contains(where: { $0.name == "host" }) {
            headers.insert((name: "host", value: authority), at: 0)
        }
        return IncomingRequest(
            method: request.method.rawValue, path: path, query: SigV4Request.queryParameters(fromRawQuery: rawQuery),
            headers: headers, body: body)
    }

    /// The client's address as text: IPv4 written digit by digit (NIO's `ipAddress` goes through
    /// `inet_ntop` and a C string on every request), anything else as NIO writes it.
    static func ipAddress(of address: SocketAddress) -> String? {
        guard case .v4(let v4) = address else { return address.ipAddress }
        let value = UInt32(bigEndian: v4.address.sin_addr.s_addr)
        return String(unsafeUninitializedCapacity: 15) { text in
            var count = 0
            for shift in stride(from: 24, through: 0, by: -8) {
                if shift != 24 {
                    text[count] = UInt8(ascii: ".")
                    count += 1
                }
                let octet = UInt8(truncatingIfNeeded: value >> UInt32(shift))
                if octet >= 100 {
                    text[count] = UInt8(ascii: "0") + octet / 100
                    count += 1
                }
                if octet >= 10 {
                    text[count] = UInt8(ascii: "0") + octet / 10 % 10
                    count += 1
                }
                text[count] = UInt8(ascii: "0") + octet % 10
                count += 1
            }
            return count
        }
    }

    private func errorResponse(_ error: any Error, requestId: String, service: ModelService) -> Response {
        let iamError: IAMError
        if let known = error as? IAMError {
            iamError = known
        } else {
            // Never a stack trace or internal detail on the wire; the log gets the error's type and text.
            logger.error(
                "Unexpected error", metadata: ["requestId": .string(requestId), "error": .string(String(describing: type(of: error)))])
            iamError = QueryErrors.serviceFailure()
        }
        let status = QueryErrors.status(of: iamError.code.rawValue)
        let document = QueryResponseEncoder.errorResponse(
            code: iamError.code.rawValue, message: iamError.message, senderFault: status < 500, requestId: requestId,
            service: service)
        return Self.xml(document, status: HTTPResponse.Status(code: status))
    }

    private static func xml(_ document: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: xmlHeaders, body: .init(byteBuffer: ByteBuffer(string: document)))
    }

    /// Built once: building the fields from a literal for every response cost more than the copy.
    private static let xmlHeaders: HTTPFields = [.contentType: "text/xml"]
}

/// Flushes buffered key last-use times every interval and once more at graceful shutdown.
struct KeyUsageFlusher: Service {
    let recorder: AccessKeyUsageRecorder

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(recorder.interval))
                await recorder.flush(now: Date())
            }
        }
        await recorder.flush(now: Date())
    }
}
