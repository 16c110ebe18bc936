import Foundation
import IAMCore

/// One audit event as an auditor reads it: the stored row, its CloudTrail record and a one-line
/// summary.
public struct AuditRecord: Sendable, Hashable {
    /// The row as stored, with its position in the hash chain.
    public var chained: ChainedAuditEvent

    /// The record of a stored event.
    public init(_ chained: ChainedAuditEvent) { self.chained = chained }

    /// The event itself.
    public var event: AuditEvent { chained.event }

    /// CloudTrail's `eventVersion` for the records IAMStore writes.
    public static let eventVersion = "1.11"
    /// IAM is a global service: CloudTrail records its events in us-east-1.
    public static let awsRegion = "us-east-1"

    /// Whether the request succeeded: no error code, and no error message (a failed `ConsoleLogin`
    /// carries only a message, as CloudTrail's do).
    public var succeeded: Bool { event.errorCode == nil && event.errorMessage == nil }

    /// The event as a CloudTrail record, members in CloudTrail's order; absent optional members
    /// are left out, `requestParameters` and `responseElements` are `null` when empty, as
    /// CloudTrail prints them.
    public var cloudTrailJSON: JSONValue {
        let identity = event.userIdentity
        return .object([
            "eventVersion": .string(Self.eventVersion),
            "userIdentity": .object([
                "type": .string(identity.type.rawValue),
                "principalId": identity.principalId.map(JSONValue.string),
                "arn": identity.arn.map(JSONValue.string),
                "accountId": .string(event.recipientAccountId),
                "accessKeyId": identity.accessKeyId.map(JSONValue.string),
                "userName": identity.userName.map(JSONValue.string),
            ]),
            "eventTime": .string(Self.cloudTrailTime(event.eventTime)),
            "eventSource": .string(event.eventSource),
            "eventName": .string(event.eventName),
            "awsRegion": .string(Self.awsRegion),
            "sourceIPAddress": event.sourceIPAddress.map(JSONValue.string),
            "userAgent": event.userAgent.map(JSONValue.string),
            "errorCode": event.errorCode.map(JSONValue.string),
            "errorMessage": event.errorMessage.map(JSONValue.string),
            "requestParameters": event.requestParameters.map(PolicyText.decoded) ?? .null,
            "responseElements": event.responseElements.map(PolicyText.decoded) ?? .null,
            "requestID": .string(event.requestId),
            "eventID": .string(event.eventId),
            "readOnly": .bool(event.readOnly),
            "resources": event.resources.isEmpty ? nil : .array(event.resources.map(Self.resourceJSON)),
            "eventType": .string(event.eventType),
            "managementEvent": .bool(true),
            "recipientAccountId": .string(event.recipientAccountId),
            "eventCategory": .string("Management"),
        ])
    }

    /// Who made the request, in a word: the user name, `root`, or the principal's ARN.
    public var actor: String {
        let identity = event.userIdentity
        if let userName = identity.userName { return userName }
        if identity.type == .root { return "root" }
        return identity.arn ?? identity.type.rawValue
    }

    /// The resources touched, each as its ARN's resource part (`user/testuser1`, `group/admin`).
    public var resourceSummary: String {
        event.resources.map { arn in
            let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            return parts.count == 6 ? String(parts[5]) : arn
        }.joined(separator: ", ")
    }

    /// `Success`, the error code, or `Failure: message` for a failure without a code.
    public var result: String {
        if let code = event.errorCode { return code }
        if let message = event.errorMessage { return "Failure: \(message)" }
        return "Success"
    }

    /// One row of `iamctl audit list --output table`.
    public var summaryJSON: JSONValue {
        .object([
            "Time": .string(Self.cloudTrailTime(event.eventTime)), "Event": .string(event.eventName),
            "Actor": .string(actor), "Resource": .string(resourceSummary), "Result": .string(result),
        ])
    }

    /// CloudTrail's `eventTime`: UTC to the second, `2026-11-29T14:30:05Z`.
    static func cloudTrailTime(_ date: Date) -> String {
        String(date.awsTimestamp.dropLast("+00:00".count)) + "Z"
    }

    /// CloudTrail's `resources[]` member: the ARN, its owning account and its type.
    static func resourceJSON(_ arn: String) -> JSONValue {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return .object(["ARN": .string(arn)]) }
        let accountId = parts[4].allSatisfy(\.isNumber) && !parts[4].isEmpty ? String(parts[4]) : nil
        let kind = parts[5].prefix { $0 != "/" }
        let type: String? =
            switch (parts[2], kind) {
            case ("iam", "user"): "AWS::IAM::User"
            case ("iam", "group"): "AWS::IAM::Group"
            case ("iam", "policy"): "AWS::IAM::Policy"
            case ("iam", "mfa"): "AWS::IAM::VirtualMFADevice"
            default: nil
            }
        return .object(["ARN": .string(arn), "accountId": accountId.map(JSONValue.string), "type": type.map(JSONValue.string)])
    }
}

extension IAMService {
    /// One page of this account's audit events, oldest first, matching `filter` (its `accountId`
    /// is always this service's account). Listing events is not itself audited.
    ///
    /// - Throws: `ValidationError` when `page.maxItems` is outside 1–1000; `InvalidInput` for a
    ///   marker this service did not issue.
    public func auditEvents(filter: AuditEventFilter = AuditEventFilter(), page: PageRequest = PageRequest()) async throws
        -> Page<AuditRecord>
    {
        guard (1...1000).contains(page.maxItems) else {
            throw IAMError.validation(value: String(page.maxItems), member: "maxItems", constraint: "Member must have value between 1 and 1000")
        }
        var filter = filter
        filter.accountId = account.id
        let scoped = filter
        let events = try await store.read { tx in try tx.auditEvents(matching: scoped, page: page) }
        return Page(items: events.items.map(AuditRecord.init), nextMarker: events.nextMarker)
    }

    /// Walks the whole audit hash chain (every account's events: they share one chain) and
    /// reports the first broken link, or how many events it holds.
    public func verifyAuditChain() async throws -> AuditChainVerification {
        try await store.read { tx in try tx.verifyAuditChain() }
    }

    /// Whether read operations (`Get*`, `List*`, simulations) are audited in this database; off
    /// unless turned on with ``setReadAuditing(_:)``.
    public func isReadAuditingEnabled() async throws -> Bool {
        try await store.read { tx in try tx.setting(Self.auditReadsSetting) == "true" }
    }

    /// Turns read auditing on or off for the whole database. The change is itself an audit event
    /// (`UpdateAuditConfiguration`), so an auditor sees when reads stopped being recorded.
    public func setReadAuditing(_ enabled: Bool) async throws {
        try await mutate("UpdateAuditConfiguration", parameters: .object([("ReadEvents", .bool(enabled))])) { tx, _ in
            try tx.setSetting(Self.auditReadsSetting, to: enabled ? "true" : "false")
        }
    }
}
