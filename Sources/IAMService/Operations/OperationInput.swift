import Foundation
import IAMCore

/// An operation's input structure as JSON (members named as botocore's model names them), with
/// small typed accessors for the operation table.
///
/// ``IAMService/perform(_:input:)`` checks the whole input against the model first
/// (``modelValue``), so an accessor meets only the kind the model gives a member; the throwing
/// `required` accessors still answer AWS's "Member must not be null" rather than trusting that.
struct OperationInput: Sendable {
    let operation: String
    let json: JSONValue

    init(operation: String, json: JSONValue) {
        self.operation = operation
        self.json = json
    }

    // MARK: Members

    /// A string member, or `nil` when absent.
    func string(_ member: String) -> String? {
        guard case .string(let value)? = json[member] else { return nil }
        return value
    }

    /// A string member the model requires.
    ///
    /// - Throws: `ValidationError` "Value null at 'member' …" when it is absent.
    func requiredString(_ member: String) throws -> String {
        guard let value = string(member) else { throw missing(member) }
        return value
    }

    /// An integer member (`.integer`, or a whole `.number`), or `nil` when absent.
    func integer(_ member: String) -> Int? {
        switch json[member] {
        case .integer(let value)?: value
        case .number(let value)? where value == value.rounded() && abs(value) < 1e15: Int(value)
        default: nil
        }
    }

    /// A boolean member, or `nil` when absent.
    func bool(_ member: String) -> Bool? {
        guard case .bool(let value)? = json[member] else { return nil }
        return value
    }

    /// A list of strings, or `nil` when absent.
    func strings(_ member: String) -> [String]? {
        guard case .array(let items)? = json[member] else { return nil }
        return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }

    /// A list of strings the model requires.
    func requiredStrings(_ member: String) throws -> [String] {
        guard let value = strings(member) else { throw missing(member) }
        return value
    }

    /// AWS's `Tags` list (`[{"Key": …, "Value": …}]`); empty when absent.
    func tags(_ member: String = "Tags") -> [Tag] {
        guard case .array(let items)? = json[member] else { return [] }
        return items.compactMap { item in
            guard case .string(let key)? = item["Key"], case .string(let value)? = item["Value"] else { return nil }
            return Tag(key: key, value: value)
        }
    }

    /// The `Marker` and `MaxItems` members as a page request (AWS's default of 100 items).
    func page() -> PageRequest {
        PageRequest(marker: string("Marker"), maxItems: integer("MaxItems") ?? 100)
    }

    /// The `ValidationError` the model validator gives for an absent required member; like it,
    /// it shows no "null" for a sensitive member (a password).
    private func missing(_ member: String) -> IAMError {
        let model = IAMModel.operation(named: operation)
        let shape = model.flatMap { model in
            model.inputMembers.first { $0.name == member }.flatMap { IAMModel.shape(named: $0.shape, in: model.service) }
        }
        let value = shape?.isSensitive == true ? "Value" : "Value null"
        let path = member.prefix(1).lowercased() + member.dropFirst()
        return IAMError(
            .validationError,
            "1 validation error detected: \(value) at '\(path)' failed to satisfy constraint: Member must not be null")
    }

    // MARK: Validation

    /// The input as the model validator takes it. Kinds map one to one (a whole `.number` is an
    /// integer), so a value of the wrong kind reaches the validator as such and is reported
    /// ("Member must be of type integer"); `null` members count as absent.
    var modelValue: ModelValue { Self.modelValue(json) ?? .structure([:]) }

    private static func modelValue(_ value: JSONValue) -> ModelValue? {
        switch value {
        case .string(let text): .string(text)
        case .integer(let number): .integer(number)
        case .number(let number) where number == number.rounded() && abs(number) < 1e15: .integer(Int(number))
        case .number(let number): .string(String(number))
        case .bool(let flag): .boolean(flag)
        case .null: nil
        case .array(let items): .list(items.compactMap(modelValue))
        case .object(let pairs):
            .structure(Dictionary(pairs.compactMap { key, value in modelValue(value).map { (key, $0) } }) { first, _ in first })
        }
    }
}
