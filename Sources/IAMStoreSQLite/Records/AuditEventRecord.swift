import Crypto
import Foundation
import GRDB
import IAMCore

struct AuditEventRecord: Codable, FetchableRecord, PersistableRecord, HotInsertRecord {
    static let databaseTableName = "auditEvent"
    var id: Int64
    var eventId: String
    var eventTime: String
    var eventName: String
    var eventSource: String
    var eventType: String
    var source: String
    var recipientAccountId: String
    var identityType: String
    var principalId: String?
    var principalArn: String?
    var userName: String?
    var accessKeyId: String?
    var sourceIPAddress: String?
    var userAgent: String?
    var requestParameters: String?
    var responseElements: String?
    var errorCode: String?
    var errorMessage: String?
    var readOnly: Bool
    var resources: String
    var requestId: String
    var previousHash: String
    var hash: String

    static let insertSQL = hotInsertSQL(columns: [
        "id", "eventId", "eventTime", "eventName", "eventSource", "eventType", "source", "recipientAccountId",
        "identityType", "principalId", "principalArn", "userName", "accessKeyId", "sourceIPAddress", "userAgent",
        "requestParameters", "responseElements", "errorCode", "errorMessage", "readOnly", "resources", "requestId",
        "previousHash", "hash",
    ])

    var insertArguments: StatementArguments {
        [
            id, eventId, eventTime, eventName, eventSource, eventType, source, recipientAccountId, identityType,
            principalId, principalArn, userName, accessKeyId, sourceIPAddress, userAgent, requestParameters,
            responseElements, errorCode, errorMessage, readOnly, resources, requestId, previousHash, hash,
        ]
    }

    /// SHA-256 of sixty-four zeros' worth: the link before the first event.
    static let genesisHash = String(repeating: "0", count: 64)

    init(_ event: AuditEvent, sequence: Int64, previousHash: String) {
        id = sequence
        eventId = event.eventId
        eventTime = Timestamp.string(from: event.eventTime)
        eventName = event.eventName
        eventSource = event.eventSource
        eventType = event.eventType
        source = event.source.rawValue
        recipientAccountId = event.recipientAccountId
        identityType = event.userIdentity.type.rawValue
        principalId = event.userIdentity.principalId
        principalArn = event.userIdentity.arn
        userName = event.userIdentity.userName
        accessKeyId = event.userIdentity.accessKeyId
        sourceIPAddress = event.sourceIPAddress
        userAgent = event.userAgent
        requestParameters = event.requestParameters
        responseElements = event.responseElements
        errorCode = event.errorCode
        errorMessage = event.errorMessage
        readOnly = event.readOnly
        resources = CanonicalJSON.array(event.resources.map { .string($0) })
        requestId = event.requestId
        self.previousHash = previousHash
        hash = ""
        hash = computedHash
    }

    /// SHA-256 over the canonical encoding of every column but `hash`, in a fixed order.
    ///
    /// The encoding is a JSON array written by ``CanonicalJSON`` rather than by a general encoder,
    /// so the bytes hashed never depend on a library's formatting choices.
    var computedHash: String {
        let fields: [CanonicalJSON.Value] = [
            .integer(id), .string(eventId), .string(eventTime), .string(eventName), .string(eventSource),
            .string(eventType), .string(source), .string(recipientAccountId), .string(identityType),
            .optional(principalId), .optional(principalArn), .optional(userName), .optional(accessKeyId),
            .optional(sourceIPAddress), .optional(userAgent), .optional(requestParameters),
            .optional(responseElements), .optional(errorCode), .optional(errorMessage), .bool(readOnly),
            .string(resources), .string(requestId), .string(previousHash),
        ]
        return SHA256.hash(data: CanonicalJSON.bytes(fields)).hexString
    }

    var model: ChainedAuditEvent {
        let resourceList = (try? JSONDecoder().decode([String].self, from: Data(resources.utf8))) ?? []
        let event = AuditEvent(
            eventId: eventId, eventTime: eventTime.storedDate, eventName: eventName, eventSource: eventSource,
            eventType: eventType, source: AuditSource(rawValue: source) ?? .library, recipientAccountId: recipientAccountId,
            userIdentity: AuditIdentity(
                type: AuditIdentity.Kind(rawValue: identityType) ?? .unknown, principalId: principalId,
                arn: principalArn, userName: userName, accessKeyId: accessKeyId),
            sourceIPAddress: sourceIPAddress, userAgent: userAgent, requestParameters: requestParameters,
            responseElements: responseElements, errorCode: errorCode, errorMessage: errorMessage, readOnly: readOnly,
            resources: resourceList, requestId: requestId)
        return ChainedAuditEvent(sequence: id, event: event, previousHash: previousHash, hash: hash)
    }
}

/// A minimal JSON writer with one fixed output for one input: the audit chain's canonical form.
enum CanonicalJSON {
    enum Value {
        case string(String)
        case integer(Int64)
        case bool(Bool)
        case null

        static func optional(_ text: String?) -> Value { text.map { .string($0) } ?? .null }
    }

    static func array(_ values: [Value]) -> String {
        String(decoding: bytes(values), as: UTF8.self)
    }

    /// The canonical encoding as UTF-8, built byte by byte: every mutation hashes one of these.
    static func bytes(_ values: [Value]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(1024)
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            switch value {
            case .string(let text): JSONValue.appendQuoted(text, to: &out)
            case .integer(let number): out.append(contentsOf: String(number).utf8)
            case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
            case .null: out.append(contentsOf: "null".utf8)
            }
        }
        out.append(UInt8(ascii: "]"))
        return out
    }
}
