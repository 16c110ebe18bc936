import Foundation

/// An IAM user.
public struct User: Sendable, Hashable, Codable {
    /// The stable unique ID (`AIDA…`); a deleted and recreated user gets a new one.
    public var id: String
    public var accountId: String
    public var name: String
    public var path: String
    /// The unique ID of the managed policy used as permissions boundary.
    public var permissionsBoundaryPolicyId: String?
    public var passwordLastUsedAt: Date?
    public var createdAt: Date

    public init(
        id: String, accountId: String, name: String, path: String = "/",
        permissionsBoundaryPolicyId: String? = nil, passwordLastUsedAt: Date? = nil, createdAt: Date
    ) {
        self.id = id
        self.accountId = accountId
        self.name = name
        self.path = path
        self.permissionsBoundaryPolicyId = permissionsBoundaryPolicyId
        self.passwordLastUsedAt = passwordLastUsedAt
        self.createdAt = createdAt
    }

    /// `arn:aws:iam::ACCOUNT:user/PATH/NAME`
    public func arn(in account: Account) -> String { account.arn("user", path: path, name: name) }
}

/// An IAM group. Groups contain users only: a group is never a member of a group.
public struct Group: Sendable, Hashable, Codable {
    /// The stable unique ID (`AGPA…`).
    public var id: String
    public var accountId: String
    public var name: String
    public var path: String
    public var createdAt: Date

    public init(id: String, accountId: String, name: String, path: String = "/", createdAt: Date) {
        self.id = id
        self.accountId = accountId
        self.name = name
        self.path = path
        self.createdAt = createdAt
    }

    /// `arn:aws:iam::ACCOUNT:group/PATH/NAME`
    public func arn(in account: Account) -> String { account.arn("group", path: path, name: name) }
}

/// A key/value tag. On users keys are case-insensitive (case preserved); on policies and MFA
/// devices they are case-sensitive.
public struct Tag: Sendable, Hashable, Codable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// A user's console password.
public struct LoginProfile: Sendable, Hashable, Codable {
    public var userId: String
    /// Argon2id PHC string. Never returned by the service.
    public var passwordHash: String
    public var passwordResetRequired: Bool
    public var passwordChangedAt: Date
    public var createdAt: Date

    public init(userId: String, passwordHash: String, passwordResetRequired: Bool, passwordChangedAt: Date, createdAt: Date) {
        self.userId = userId
        self.passwordHash = passwordHash
        self.passwordResetRequired = passwordResetRequired
        self.passwordChangedAt = passwordChangedAt
        self.createdAt = createdAt
    }
}
