import Foundation

/// Where a request came from.
public enum AuditSource: String, Sendable, Hashable, Codable, CaseIterable {
    case cli, api, library, seed
}

/// Who made a request, as CloudTrail's `userIdentity`.
public struct AuditIdentity: Sendable, Hashable, Codable {
    /// CloudTrail's identity types that IAMStore produces.
    public enum Kind: String, Sendable, Hashable, Codable {
        case root = "Root"
        case iamUser = "IAMUser"
        case awsAccount = "AWSAccount"
        case unknown = "Unknown"
    }

    public var type: Kind
    public var principalId: String?
    public var arn: String?
    public var userName: String?
    public var accessKeyId: String?

    public init(type: Kind, principalId: String? = nil, arn: String? = nil, userName: String? = nil, accessKeyId: String? = nil) {
        self.type = type
        self.principalId = principalId
        self.arn = arn
        self.userName = userName
        self.accessKeyId = accessKeyId
    }
}

/// One audit record, shaped after a CloudTrail event.
///
/// `requestParameters` and `responseElements` are JSON texts from which every password, secret
/// and MFA seed has already been removed: the store writes what it is given.
public struct AuditEvent: Sendable, Hashable, Codable {
    public var eventId: String
    public var eventTime: Date
    /// The AWS operation name (`CreateUser`) or `ConsoleLogin`.
    public var eventName: String
    public var eventSource: String
    /// `AwsApiCall`, `AwsConsoleSignIn` or `AwsServiceEvent`.
    public var eventType: String
    public var source: AuditSource
    public var recipientAccountId: String
    public var userIdentity: AuditIdentity
    public var sourceIPAddress: String?
    public var userAgent: String?
    public var requestParameters: String?
    public var responseElements: String?
    public var errorCode: String?
    public var errorMessage: String?
    public var readOnly: Bool
    /// ARNs of the resources the event touched.
    public var resources: [String]
    public var requestId: String

    public init(
        eventId: String, eventTime: Date, eventName: String, eventSource: String = "iam.amazonaws.com",
        eventType: String = "AwsApiCall", source: AuditSource, recipientAccountId: String, userIdentity: AuditIdentity,
        sourceIPAddress: String? = nil, userAgent: String? = nil, requestParameters: String? = nil,
        responseElements: String? = nil, errorCode: String? = nil, errorMessage: String? = nil, readOnly: Bool,
        resources: [String] = [], requestId: String
    ) {
        self.eventId = eventId
        self.eventTime = eventTime
        self.eventName = eventName
        self.eventSource = eventSource
        self.eventType = eventType
        self.source = source
        self.recipientAccountId = recipientAccountId
        self.userIdentity = userIdentity
        self.sourceIPAddress = sourceIPAddress
        self.userAgent = userAgent
        self.requestParameters = requestParameters
        self.responseElements = responseElements
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.readOnly = readOnly
        self.resources = resources
        self.requestId = requestId
    }
}

/// An audit event as stored: its position in the chain and the hashes that link it.
public struct ChainedAuditEvent: Sendable, Hashable {
    /// 1 for the first event; increases by one per event.
    public var sequence: Int64
    public var event: AuditEvent
    public var previousHash: String
    public var hash: String

    public init(sequence: Int64, event: AuditEvent, previousHash: String, hash: String) {
        self.sequence = sequence
        self.event = event
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The result of walking the audit hash chain.
public enum AuditChainVerification: Sendable, Hashable {
    /// Every row links to the one before and matches its own hash.
    case intact(eventCount: Int)
    /// The first row whose stored hash or link does not match.
    case broken(sequence: Int64, expectedHash: String, foundHash: String)
}
