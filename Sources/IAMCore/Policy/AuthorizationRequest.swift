/// One request to authorize: an action on a resource, with its context keys.
///
/// The action is folded to lower case once, here, so that every statement compares bytes.
public struct AuthorizationRequest: Sendable {
    /// The action, such as `iam:CreateUser`.
    public let action: String
    /// The resource ARN, or `*` for actions that take no resource.
    public let resource: String
    /// The request's context keys.
    public let context: RequestContext

    /// The action in lower case, as UTF-8.
    let foldedAction: [UInt8]
    /// The resource as UTF-8.
    let resourceBytes: [UInt8]
    /// The action's bit in the statements' service filters.
    let serviceBit: UInt64

    /// Creates a request.
    public init(action: String, resource: String, context: RequestContext = RequestContext()) {
        self.action = action
        self.resource = resource
        self.context = context
        // Action names are ASCII; fold those bytes in place and leave Unicode case folding to the rest.
        var folded = Array(action.utf8)
        if folded.allSatisfy({ $0 < 0x80 }) {
            for index in folded.indices where folded[index] >= 0x41 && folded[index] <= 0x5A { folded[index] |= 0x20 }
        } else {
            folded = Array(action.lowercased().utf8)
        }
        foldedAction = folded
        resourceBytes = Array(resource.utf8)
        serviceBit = CompiledStatement.serviceBit(ofFoldedAction: foldedAction)
    }
}
