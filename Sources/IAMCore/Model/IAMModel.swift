/// AWS's IAM and STS service models: operations, shapes with their constraints, and error shapes.
///
/// The tables are generated from botocore's `service-2.json` files by
/// `scripts/generate-iam-model.py` into `IAMModel+Generated.swift`, and built once, on first use.
/// Input validation lives in `IAMModel+Validation.swift`.
public enum IAMModel {
    /// The botocore release the tables were generated from, such as `1.43.11`.
    public static var botocoreVersion: String { Generated.botocoreVersion }

    /// The shape with this name in a service's model, or `nil` if there is none.
    ///
    /// - Parameters:
    ///   - name: The shape's name as the model spells it, such as `userNameType` or `Tag`.
    ///   - service: The model to look in; IAM unless told otherwise.
    public static func shape(named name: String, in service: ModelService = .iam) -> ModelShape? {
        switch service {
        case .iam: Tables.iamShapes[name]
        case .sts: Tables.stsShapes[name]
        }
    }

    /// Every shape of a service's model that an operation's input, output or errors reach, sorted by name.
    public static func shapes(in service: ModelService) -> [ModelShape] {
        let table = service == .iam ? Tables.iamShapes : Tables.stsShapes
        return table.values.sorted { $0.name < $1.name }
    }

    /// The IAM or STS operation with this name, such as `CreateUser` or `AssumeRole`, or `nil`.
    ///
    /// Operation names are unique across the two services; the generator checks it.
    public static func operation(named name: String) -> ModelOperation? {
        Tables.operations[name]
    }

    /// Every IAM and STS operation, sorted by name.
    public static var operations: [ModelOperation] {
        Tables.operations.values.sorted { $0.name < $1.name }
    }

    /// The HTTP status AWS answers with for an error code, such as 404 for `NoSuchEntity`.
    ///
    /// Codes come first from the models' error shapes (IAM's `LimitExceeded` is 409, whatever some
    /// emulators answer); an error shape that declares no status is a client error and answers 400.
    /// Codes the models do not declare fall back to ``commonErrorHTTPStatus``, the errors every
    /// Query API shares, such as `ValidationError` (400).
    ///
    /// - Returns: The status, or `nil` for a code neither the models nor the common errors know.
    public static func errorHTTPStatus(code: String) -> Int? {
        Tables.errorStatuses[code] ?? commonErrorHTTPStatus[code]
    }

    /// The tables, built once from the generated functions on first use.
    enum Tables {
        static let iamShapes = byName(Generated.iamShapes())
        static let stsShapes = byName(Generated.stsShapes())

        static let operations: [String: ModelOperation] = Dictionary(
            uniqueKeysWithValues: (Generated.iamOperations() + Generated.stsOperations()).map { ($0.name, $0) }
        )

        static let errorStatuses: [String: Int] = {
            var statuses: [String: Int] = [:]
            for shape in Array(iamShapes.values) + Array(stsShapes.values) {
                guard let error = shape.error else { continue }
                // Smithy's default for an error without @httpError: 400 for the client's fault, 500 for ours.
                statuses[error.code] = error.httpStatusCode ?? (error.senderFault ? 400 : 500)
            }
            return statuses
        }()

        private static func byName(_ shapes: [ModelShape]) -> [String: ModelShape] {
            Dictionary(uniqueKeysWithValues: shapes.map { ($0.name, $0) })
        }
    }
}
