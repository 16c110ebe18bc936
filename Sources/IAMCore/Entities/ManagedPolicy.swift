import Foundation

/// A managed policy: customer managed (in one account) or AWS managed (shared by all accounts).
public struct ManagedPolicy: Sendable, Hashable, Codable {
    /// The policy's unique ID (`ANPA…`).
    public var id: String
    /// The owning account, or `nil` for an AWS managed policy.
    public var accountId: String?
    public var name: String
    public var path: String
    /// Set at creation, immutable afterwards.
    public var description: String?
    /// The number the next version gets (`v2`, `v3`…); version IDs are never reissued.
    public var nextVersionNumber: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, accountId: String?, name: String, path: String = "/", description: String? = nil,
        nextVersionNumber: Int = 2, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.accountId = accountId
        self.name = name
        self.path = path
        self.description = description
        self.nextVersionNumber = nextVersionNumber
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var isAWSManaged: Bool { accountId == nil }

    /// `arn:aws:iam::ACCOUNT:policy/PATH/NAME`, or `arn:aws:iam::aws:policy/PATH/NAME` when AWS managed.
    public func arn(partition: String = "aws") -> String {
        "arn:\(partition):iam::\(accountId ?? "aws"):policy\(path)\(name)"
    }
}

/// One version of a managed policy.
public struct PolicyVersion: Sendable, Hashable, Codable {
    public var policyId: String
    /// `v1`, `v2`…
    public var versionId: String
    /// The document as submitted.
    public var document: String
    public var isDefault: Bool
    public var createdAt: Date

    public init(policyId: String, versionId: String, document: String, isDefault: Bool, createdAt: Date) {
        self.policyId = policyId
        self.versionId = versionId
        self.document = document
        self.isDefault = isDefault
        self.createdAt = createdAt
    }
}

/// An inline policy embedded in a user or a group.
public struct InlinePolicy: Sendable, Hashable, Codable {
    public var name: String
    public var document: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(name: String, document: String, createdAt: Date, updatedAt: Date) {
        self.name = name
        self.document = document
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Who a managed policy is attached to, or who embeds an inline policy.
public enum PolicyHolder: Sendable, Hashable, Codable {
    case user(id: String)
    case group(id: String)
}
