/// One operation of an AWS Query API, such as IAM's `CreateUser`.
public struct ModelOperation: Sendable, Hashable {
    /// The operation's name, which is also the Query `Action` parameter.
    public var name: String
    /// The service the operation belongs to; its shapes are looked up there.
    public var service: ModelService
    /// The name of the input structure shape, or `nil` for an operation that takes no parameters.
    public var input: String?
    /// The name of the output structure shape, or `nil` for an operation that returns only metadata.
    public var output: String?
    /// The element that wraps the output in the XML response, such as `CreateUserResult`.
    public var resultWrapper: String?
    /// The names of the exception shapes the operation is documented to return.
    public var errors: [String]

    /// Creates an operation.
    public init(
        _ name: String,
        _ service: ModelService,
        input: String? = nil,
        output: String? = nil,
        resultWrapper: String? = nil,
        errors: [String] = []
    ) {
        self.name = name
        self.service = service
        self.input = input
        self.output = output
        self.resultWrapper = resultWrapper
        self.errors = errors
    }

    /// The input structure's members in model order; empty when the operation takes no parameters.
    public var inputMembers: [ModelShape.Member] {
        guard let input else { return [] }
        return IAMModel.shape(named: input, in: service)?.members ?? []
    }
}
