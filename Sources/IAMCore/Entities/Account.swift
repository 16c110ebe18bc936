import Foundation

/// An AWS account: the container of every other entity, identified by a 12-digit ID.
public struct Account: Sendable, Hashable, Codable {
    /// The 12-digit account ID.
    public var id: String
    /// The ARN partition: `aws`, `aws-cn` or `aws-us-gov`.
    public var partition: String
    public var createdAt: Date

    public init(id: String, partition: String = "aws", createdAt: Date) {
        self.id = id
        self.partition = partition
        self.createdAt = createdAt
    }

    /// `arn:aws:iam::123456789012:root`
    public var rootARN: String { "arn:\(partition):iam::\(id):root" }

    /// The ARN of an IAM resource of this account: `arn:aws:iam::ACCOUNT:KIND/PATH/NAME`.
    public func arn(_ kind: String, path: String = "/", name: String) -> String {
        "arn:\(partition):iam::\(id):\(kind)\(path)\(name)"
    }

    /// Whether `id` is a well-formed account ID (exactly twelve ASCII digits).
    public static func isValidID(_ id: String) -> Bool {
        id.utf8.count == 12 && id.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}

/// The account's root user: signs in with an email address, may hold access keys and MFA devices.
public struct RootUser: Sendable, Hashable, Codable {
    public var accountId: String
    public var email: String
    /// Argon2id PHC string, or `nil` when no password is set.
    public var passwordHash: String?
    public var passwordChangedAt: Date?
    public var passwordLastUsedAt: Date?
    public var createdAt: Date

    public init(
        accountId: String, email: String, passwordHash: String?, passwordChangedAt: Date? = nil,
        passwordLastUsedAt: Date? = nil, createdAt: Date
    ) {
        self.accountId = accountId
        self.email = email
        self.passwordHash = passwordHash
        self.passwordChangedAt = passwordChangedAt
        self.passwordLastUsedAt = passwordLastUsedAt
        self.createdAt = createdAt
    }
}

/// The account password policy. AWS has no partial updates: every field always has a value.
public struct PasswordPolicy: Sendable, Hashable, Codable {
    public var minimumPasswordLength: Int = 6
    public var requireSymbols = false
    public var requireNumbers = false
    public var requireUppercaseCharacters = false
    public var requireLowercaseCharacters = false
    public var allowUsersToChangePassword = false
    /// Days a password stays valid; `nil` means it never expires.
    public var maxPasswordAge: Int?
    /// How many previous passwords may not be reused; `nil` means reuse is allowed.
    public var passwordReusePrevention: Int?
    public var hardExpiry = false

    public init() {}

    /// AWS derives `ExpirePasswords` from `MaxPasswordAge`.
    public var expirePasswords: Bool { maxPasswordAge != nil }
}
