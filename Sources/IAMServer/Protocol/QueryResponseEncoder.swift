import IAMCore
import IAMService

/// Writes AWS Query XML responses, walking the output shape of the IAM or STS model.
///
/// ```xml
/// <GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
///   <GetUserResult><User><Path>/</Path><UserName>bob</UserName>…</User></GetUserResult>
///   <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata>
/// </GetUserResponse>
/// ```
///
/// Members come out in model order under their `locationName`; lists as `<member>` elements,
/// maps as `<entry><key/><value/></entry>`, timestamps as ISO 8601 UTC (`2026-11-29T11:50:07Z`),
/// booleans as `true`/`false`, policy documents (`policyDocumentType`) percent-encoded as IAM
/// sends them, and all text XML-escaped. Members the model does not know are left out.
public enum QueryResponseEncoder {
    /// The complete response document of `operation` for its `output` (the members inside the
    /// result wrapper).
    public static func response(for operation: ModelOperation, output: JSONValue, requestId: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml.reserveCapacity(1_024)  // a user, a key or a policy fits without growing
        xml += "<\(operation.name)Response xmlns=\"\(operation.service.xmlNamespace)\">"
        if let outputName = operation.output, let shape = IAMModel.shape(named: outputName, in: operation.service) {
            let wrapper = operation.resultWrapper ?? "\(operation.name)Result"
            xml += "<\(wrapper)>"
            writeMembers(of: shape, from: output, service: operation.service, to: &xml)
            xml += "</\(wrapper)>"
        }
        xml += "<ResponseMetadata><RequestId>\(escaped(requestId))</RequestId></ResponseMetadata>"
        xml += "</\(operation.name)Response>\n"
        return xml
    }

    /// AWS's error document: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
    public static func errorResponse(
        code: String, message: String, senderFault: Bool, requestId: String, service: ModelService
    ) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<ErrorResponse xmlns=\"\(service.xmlNamespace)\"><Error><Type>\(senderFault ? "Sender" : "Receiver")</Type>"
            + "<Code>\(escaped(code))</Code><Message>\(escaped(message))</Message></Error>"
            + "<RequestId>\(escaped(requestId))</RequestId></ErrorResponse>\n"
    }

    // MARK: The walk

    private static func writeMembers(of shape: ModelShape, from value: JSONValue, service: ModelService, to xml: inout String) {
        for member in shape.members {
            guard let memberValue = value[member.name], !memberValue.isNull,
                  let memberShape = IAMModel.shape(named: member.shape, in: service)
            else { continue }
            write(memberValue, as: memberShape, element: member.locationName ?? member.name, service: service, to: &xml)
        }
    }

    private static func write(_ value: JSONValue, as shape: ModelShape, element: String, service: ModelService, to xml: inout String) {
        switch shape.kind {
        case .structure:
            xml += "<\(element)>"
            writeMembers(of: shape, from: value, service: service, to: &xml)
            xml += "</\(element)>"
        case .list:
            guard case .array(let items) = value,
                  let elementShape = shape.member.flatMap({ IAMModel.shape(named: $0, in: service) })
            else { return }
            let itemElement = shape.memberLocationName ?? "member"
            xml += "<\(element)>"
            for item in items where !item.isNull {
                write(item, as: elementShape, element: itemElement, service: service, to: &xml)
            }
            xml += "</\(element)>"
        case .map:
            guard case .object(let entries) = value,
                  let keyShape = shape.key.flatMap({ IAMModel.shape(named: $0, in: service) }),
                  let valueShape = shape.value.flatMap({ IAMModel.shape(named: $0, in: service) })
            else { return }
            xml += "<\(element)>"
            for (key, entryValue) in entries {
                xml += "<entry>"
                write(.string(key), as: keyShape, element: "key", service: service, to: &xml)
                write(entryValue, as: valueShape, element: "value", service: service, to: &xml)
                xml += "</entry>"
            }
            xml += "</\(element)>"
        default:
            guard let text = scalarText(value, shape: shape) else { return }
            xml += "<\(element)>\(escaped(text))</\(element)>"
        }
    }

    /// The text of a scalar as IAM writes it, or `nil` for a value that has none (an object where
    /// the model has a string).
    static func scalarText(_ value: JSONValue, shape: ModelShape) -> String? {
        let text: String
        switch value {
        case .string(let string): text = string
        case .integer(let number): text = String(number)
        case .number(let number): text = number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .bool(let flag): text = flag ? "true" : "false"
        case .null, .array, .object: return nil
        }
        switch shape.kind {
        case .timestamp: return isoTimestamp(text)
        case .string where shape.name == "policyDocumentType": return PercentEncoding.encode(text)
        default: return text
        }
    }

    /// `2026-11-29T11:50:07+00:00` → `2026-11-29T11:50:07Z`, the form IAM's XML carries.
    static func isoTimestamp(_ text: String) -> String {
        text.hasSuffix("+00:00") ? String(text.dropLast(6)) + "Z" : text
    }

    /// Text with `&`, `<`, `>`, `"` and `'` replaced by entities, and carriage returns as `&#xD;`
    /// so that they survive XML end-of-line normalisation.
    static func escaped(_ text: String) -> String {
        let needsEscaping = text.utf8.contains { byte in
            switch byte {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x0D: true
            default: false
            }
        }
        guard needsEscaping else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\r": result += "&#xD;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
