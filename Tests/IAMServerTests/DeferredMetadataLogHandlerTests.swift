import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import IAMServer

@Suite struct DeferredMetadataLogHandlerTests {
    /// A handler that records what it is asked to do.
    final class Recorder: Sendable {
        let lines = Mutex<[(message: String, metadata: Logger.Metadata)]>([])
        let metadataWrites = Mutex(0)
    }

    struct RecordingHandler: LogHandler {
        let recorder: Recorder
        var logLevel: Logger.Level = .info
        var metadata: Logger.Metadata = [:] {
            didSet { recorder.metadataWrites.withLock { $0 += 1 } }
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.lines.withLock { $0.append((message: "\(event.message)", metadata: metadata.merging(event.metadata ?? [:]) { $1 })) }
        }
    }

    @Test func metadataReachesTheBaseOnlyWithALine() {
        let recorder = Recorder()
        var logger = Logger(label: "test") { _ in DeferredMetadataLogHandler(RecordingHandler(recorder: recorder)) }
        for id in 1...100 { logger[metadataKey: "request.id"] = "\(id)" }
        logger[metadataKey: "shared"] = "handler"
        #expect(recorder.metadataWrites.withLock { $0 } == 0)
        #expect(logger[metadataKey: "request.id"] == "100")

        logger.info("one", metadata: ["shared": "line", "extra": "x"])
        logger.debug("below the level")
        let lines = recorder.lines.withLock { $0 }
        #expect(lines.count == 1)
        #expect(lines.first?.message == "one")
        // The line's own metadata wins over the logger's.
        #expect(lines.first?.metadata == ["request.id": "100", "shared": "line", "extra": "x"])
    }

    @Test func levelIsTheBases() {
        var handler = DeferredMetadataLogHandler(RecordingHandler(recorder: Recorder()))
        handler.logLevel = .error
        #expect(handler.logLevel == .error)
    }
}

/// The README's embedding sample, as written there (less the process-wide tuning): the API mounted
/// under a group of the embedder's router, logging through the deferred handler.
@Suite struct EmbeddingSampleTests {
    @Test func theReadmeSampleServesTheAPIUnderItsGroup() async throws {
        let iam = try await ServerFixtures.service()
        let api = IAMQueryAPI(service: iam)
        let router = Router(context: IAMRequestContext.self)
        api.addRoutes(to: router.group("iam"))
        let logger = Logger(label: "iam") { DeferredMetadataLogHandler(StreamLogHandler.standardError(label: $0)) }
        let app = Application(router: router, services: api.services, logger: logger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/iam?Action=ListUsers&Version=2010-05-08", method: .get) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("<Code>MissingAuthenticationToken</Code>"))
            }
            try await client.execute(uri: "/?Action=ListUsers&Version=2010-05-08", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
