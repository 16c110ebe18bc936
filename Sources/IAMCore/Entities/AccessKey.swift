import Foundation

/// Who holds a credential: an IAM user or the account's root user.
public enum CredentialOwner: Sendable, Hashable, Codable {
    case root
    case user(id: String)

    /// The user's unique ID, or `nil` for the root user.
    public var userId: String? {
        if case .user(let id) = self { id } else { nil }
    }
}

/// An access key's status.
public enum AccessKeyStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active = "Active"
    case inactive = "Inactive"
    case expired = "Expired"
}

/// An access key's metadata. It has no secret: secrets leave the store only sealed, through
/// ``StoreReading/sealedSecret(forAccessKey:)``, for signature verification.
public struct AccessKey: Sendable, Hashable, Codable {
    /// `AKIA…`
    public var id: String
    public var accountId: String
    public var owner: CredentialOwner
    public var status: AccessKeyStatus
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var lastUsedService: String?
    public var lastUsedRegion: String?

    public init(
        id: String, accountId: String, owner: CredentialOwner, status: AccessKeyStatus = .active, createdAt: Date,
        lastUsedAt: Date? = nil, lastUsedService: String? = nil, lastUsedRegion: String? = nil
    ) {
        self.id = id
        self.accountId = accountId
        self.owner = owner
        self.status = status
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.lastUsedService = lastUsedService
        self.lastUsedRegion = lastUsedRegion
    }
}

/// A virtual MFA device. The seed is stored sealed and never part of this type.
public struct MFADevice: Sendable, Hashable, Codable {
    /// The device ARN, `arn:aws:iam::ACCOUNT:mfa/PATH/NAME`.
    public var serialNumber: String
    public var accountId: String
    public var name: String
    public var path: String
    /// Who the device is enabled for, or `nil` while unassigned.
    public var owner: CredentialOwner?
    public var enabledAt: Date?
    /// The TOTP time step of the last accepted code; codes at or before it are replays.
    public var lastUsedTimeStep: Int?
    public var createdAt: Date

    public init(
        serialNumber: String, accountId: String, name: String, path: String = "/", owner: CredentialOwner? = nil,
        enabledAt: Date? = nil, lastUsedTimeStep: Int? = nil, createdAt: Date
    ) {
        self.serialNumber = serialNumber
        self.accountId = accountId
        self.name = name
        self.path = path
        self.owner = owner
        self.enabledAt = enabledAt
        self.lastUsedTimeStep = lastUsedTimeStep
        self.createdAt = createdAt
    }
}
