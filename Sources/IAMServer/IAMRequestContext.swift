import Hummingbird
import NIOCore

/// The request context of the IAM server's routes: Hummingbird's core storage and the client's
/// address, which becomes `aws:SourceIp` and the audit trail's `sourceIPAddress`.
public struct IAMRequestContext: Hummingbird.RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connected client's address (`nil` in router tests).
    public let remoteAddress: SocketAddress?

    /// A context for a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}
