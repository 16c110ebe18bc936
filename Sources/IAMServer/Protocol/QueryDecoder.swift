import IAMCore

/// Turns the flat parameters of an AWS Query request into an operation's input structure, walking
/// the input shape of the IAM or STS model.
///
/// The Query protocol flattens nested values into dotted names, the way botocore's `query`
/// serializer writes them:
///
/// ```
/// UserName=bob
/// Tags.member.1.Key=team            → {"Tags": [{"Key": "team", …}]}
/// ActionNames.member.2=iam:GetUser  → {"ActionNames": [_, "iam:GetUser"]}
/// ContextEntries.member.1.ContextKeyValues.member.1=10.0.0.1
/// SomeMap.entry.1.key=k & SomeMap.entry.1.value=v
/// ActionNames=                      → an empty list
/// ```
///
/// A member's wire name is its `locationName` when the model gives one. Scalars are typed by their
/// shape's kind; a value that does not parse as its kind (`MaxItems=ten`) is passed on as a string
/// so that the model validator answers `ValidationError` for it. Parameters the model does not know
/// are ignored, as AWS ignores them.
public struct QueryDecoder: Sendable {
    /// The decoded parameters by name, and every dotted prefix of those names, so that "is there
    /// anything under `Tags.member.3`" is one lookup.
    private let values: [String: String]
    private let prefixes: Set<String>

    /// A decoder over decoded `(name, value)` pairs; of repeated names the first wins.
    public init(parameters: [(name: String, value: String)]) {
        var values: [String: String] = [:]
        var prefixes: Set<String> = []
        for (name, value) in parameters where values[name] == nil {
            values[name] = value
            // By bytes: `.` is one ASCII byte, and a search by `Character` breaks grapheme clusters.
            var end = name.utf8.endIndex
            while let dot = name.utf8[..<end].lastIndex(of: UInt8(ascii: ".")) {
                guard prefixes.insert(String(name[..<dot])).inserted else { break }
                end = dot
            }
        }
        self.values = values
        self.prefixes = prefixes
    }

    /// The raw value of a top-level parameter such as `Action` or `Version`.
    public func parameter(_ name: String) -> String? { values[name] }

    /// The input structure of `operation` as JSON keyed by the model's member names; an empty
    /// object for an operation without input.
    public func input(for operation: ModelOperation) -> JSONValue {
        guard let name = operation.input, let shape = IAMModel.shape(named: name, in: operation.service) else {
            return .object([])
        }
        return structure(shape, prefix: "", service: operation.service)
    }

    private func structure(_ shape: ModelShape, prefix: String, service: ModelService) -> JSONValue {
        var members: [(String, JSONValue)] = []
        for member in shape.members {
            let wireName = prefix + (member.locationName ?? member.name)
            guard let memberShape = IAMModel.shape(named: member.shape, in: service),
                  let value = decode(memberShape, at: wireName, service: service)
            else { continue }
            members.append((member.name, value))
        }
        return .object(members)
    }

    /// The value at `name`, or `nil` when the request holds nothing there.
    private func decode(_ shape: ModelShape, at name: String, service: ModelService) -> JSONValue? {
        switch shape.kind {
        case .structure:
            guard prefixes.contains(name) else { return nil }
            return structure(shape, prefix: name + ".", service: service)
        case .list:
            guard let elementShape = shape.member.flatMap({ IAMModel.shape(named: $0, in: service) }) else { return nil }
            let elementPrefix = "\(name).\(shape.memberLocationName ?? "member")."
            var items: [JSONValue] = []
            var index = 1
            while let item = decode(elementShape, at: elementPrefix + String(index), service: service) {
                items.append(item)
                index += 1
            }
            if items.isEmpty { return values[name] == "" ? .array([]) : nil }
            return .array(items)
        case .map:
            guard let keyShape = shape.key.flatMap({ IAMModel.shape(named: $0, in: service) }),
                  let valueShape = shape.value.flatMap({ IAMModel.shape(named: $0, in: service) })
            else { return nil }
            var entries: [(String, JSONValue)] = []
            var index = 1
            while prefixes.contains("\(name).entry.\(index)") {
                let entry = "\(name).entry.\(index)."
                if case .string(let key)? = decode(keyShape, at: entry + "key", service: service),
                   let value = decode(valueShape, at: entry + "value", service: service) {
                    entries.append((key, value))
                }
                index += 1
            }
            if entries.isEmpty { return values[name] == "" ? .object([]) : nil }
            return .object(entries)
        default:
            return values[name].map { Self.scalar($0, kind: shape.kind) }
        }
    }

    /// A scalar typed by its shape's kind; text that does not parse stays a string.
    static func scalar(_ text: String, kind: ModelShape.Kind) -> JSONValue {
        switch kind {
        case .integer, .long:
            Int(text).map(JSONValue.integer) ?? .string(text)
        case .boolean:
            switch text.lowercased() {
            case "true": .bool(true)
            case "false": .bool(false)
            default: .string(text)
            }
        case .float, .double:
            Double(text).map(JSONValue.number) ?? .string(text)
        default:
            .string(text)
        }
    }
}
