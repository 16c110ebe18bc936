import Logging

/// A log handler that keeps its logger's metadata aside and hands it to `base` only with a line
/// to write.
///
/// swift-log's `StreamLogHandler` renders its metadata to text every time a key is set, so that
/// a line logged with the same metadata again costs nothing more. Hummingbird sets a request ID
/// on every request's logger and the server writes a line for almost none of them: with
/// `StreamLogHandler` alone that rendering was 3 % of a served GetUser's CPU. `iamctl serve`
/// logs through `DeferredMetadataLogHandler(StreamLogHandler.standardError(label:))`.
public struct DeferredMetadataLogHandler<Base: LogHandler>: LogHandler {
    private var base: Base
    public var metadata: Logger.Metadata = [:]

    /// Wraps `base`; metadata already set on it stays, and is rendered as it was.
    public init(_ base: Base) {
        self.base = base
    }

    public var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] ?? base[metadataKey: key] }
        set { metadata[key] = newValue }
    }

    /// Writes the line through `base`, with this handler's metadata under the line's own.
    public func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty {
            event.metadata = metadata.merging(event.metadata ?? [:]) { _, explicit in explicit }
        }
        base.log(event: event)
    }
}
