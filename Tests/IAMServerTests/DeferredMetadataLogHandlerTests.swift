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
