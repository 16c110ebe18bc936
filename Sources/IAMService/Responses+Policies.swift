import Foundation
import IAMCore

// AWS-shaped responses of the policy operations, as `JSONValue`, in botocore's member order.

/// A managed policy as `GetPolicy`, `CreatePolicy` and `ListPolicies` describe it: AWS's `Policy` shape.
public struct ManagedPolicyDescription: Sendable, Hashable {
    public var policy: ManagedPolicy
    public var arn: String
    public var defaultVersionId: String
    public var attachmentCount: Int
    public var permissionsBoundaryUsageCount: Int
    /// `nil` where AWS leaves `Tags` out (lists).
    public var tags: [Tag]?
    /// Whether `Description` is shown (`GetPolicy`, `CreatePolicy`; lists leave it out).
    public var includesDescription: Bool

    /// AWS's `Policy` structure.
    public var json: JSONValue {
        .object([
            "PolicyName": .string(policy.name),
            "PolicyId": .string(policy.id),
            "Arn": .string(arn),
            "Path": .string(policy.path),
            "DefaultVersionId": .string(defaultVersionId),
            "AttachmentCount": .integer(attachmentCount),
            "PermissionsBoundaryUsageCount": .integer(permissionsBoundaryUsageCount),
            "IsAttachable": .bool(true),
            "Description": includesDescription ? policy.description.map(JSONValue.string) : nil,
            "CreateDate": .string(policy.createdAt.awsTimestamp),
            "UpdateDate": .string(policy.updatedAt.awsTimestamp),
            "Tags": tags.flatMap { $0.isEmpty ? nil : Tag.json($0) },
        ])
    }
}

extension PolicyVersion {
    /// AWS's `PolicyVersion` structure; the document decoded into JSON as the aws CLI prints it
    /// (or as text, `documents: .text`), or left out (lists).
    public func json(includingDocument: Bool = true, documents: PolicyDocumentForm = .decoded) -> JSONValue {
        .object([
            "Document": includingDocument ? documents.value(document) : nil,
            "VersionId": .string(versionId),
            "IsDefaultVersion": .bool(isDefault),
            "CreateDate": .string(createdAt.awsTimestamp),
        ])
    }
}

/// A policy attached to a user or group: AWS's `AttachedPolicy` shape.
public struct AttachedPolicyDescription: Sendable, Hashable {
    public var policyName: String
    public var policyArn: String

    public var json: JSONValue { .object([("PolicyName", .string(policyName)), ("PolicyArn", .string(policyArn))]) }
}

/// An inline policy as `GetUserPolicy`/`GetGroupPolicy` answer.
public struct InlinePolicyDescription: Sendable, Hashable {
    /// `UserName` or `GroupName`.
    public var holderMember: String
    public var holderName: String
    public var policyName: String
    public var document: String

    /// AWS's `GetUserPolicyResponse`/`GetGroupPolicyResponse`, the document decoded into JSON.
    public var json: JSONValue { json(documents: .decoded) }

    /// AWS's `GetUserPolicyResponse`/`GetGroupPolicyResponse`, the document in the form asked for.
    public func json(documents: PolicyDocumentForm) -> JSONValue {
        .object([
            (holderMember, .string(holderName)), ("PolicyName", .string(policyName)),
            ("PolicyDocument", documents.value(document)),
        ])
    }
}

/// How a response shows a policy document.
public enum PolicyDocumentForm: Sendable, Hashable {
    /// Parsed into JSON, keys in document order, as the aws CLI prints it.
    case decoded
    /// The text as it was submitted, as the Query API carries it (URL-encoded on the wire).
    case text

    /// The document in this form.
    public func value(_ document: String) -> JSONValue {
        switch self {
        case .decoded: PolicyText.decoded(document)
        case .text: .string(document)
        }
    }
}

/// Policy documents as JSON values, keys in document order.
public enum PolicyText {
    /// The document parsed into a `JSONValue` (order preserved), or the text itself when it is not JSON.
    public static func decoded(_ text: String) -> JSONValue {
        var parser = OrderedJSONParser(bytes: Array(text.utf8))
        guard let value = parser.parseDocument() else { return .string(text) }
        return value
    }
}

/// A small JSON parser that keeps object members in order, so documents print as submitted.
struct OrderedJSONParser {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseDocument() -> JSONValue? {
        guard let value = parseValue() else { return nil }
        skipSpace()
        return index == bytes.count ? value : nil
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func parseValue() -> JSONValue? {
        skipSpace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var pairs: [(String, JSONValue)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
            while true {
                skipSpace()
                guard let key = parseString() else { return nil }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let value = parseValue() else { return nil }
                pairs.append((key, value))
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
                return nil
            }
        case UInt8(ascii: "["):
            index += 1
            var items: [JSONValue] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                guard let value = parseValue() else { return nil }
                items.append(value)
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                return nil
            }
        case UInt8(ascii: "\""):
            return parseString().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default:
            let start = index
            while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
            guard let text = String(bytes: bytes[start..<index], encoding: .utf8), !text.isEmpty else { return nil }
            if let integer = Int(text) { return .integer(integer) }
            return Double(text).map(JSONValue.number)
        }
    }

    private mutating func literal(_ word: String, _ value: JSONValue) -> JSONValue? {
        let utf8 = Array(word.utf8)
        guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else { return nil }
        index += utf8.count
        return value
    }

    private mutating func parseString() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard index < bytes.count else { return nil }
        index += 1
        // Let Foundation decode the escapes of this one string literal.
        let literal = Data(bytes[start..<index])
        return try? JSONDecoder().decode(String.self, from: literal)
    }
}
