import Foundation
import GRDB
import IAMCore

struct AccessKeyRecord: Codable, FetchableRecord, PersistableRecord, HotInsertRecord {
    static let databaseTableName = "accessKey"
    static let insertSQL = hotInsertSQL(
        columns: ["id", "accountId", "userId", "sealedSecret", "status", "createdAt", "lastUsedAt", "lastUsedService", "lastUsedRegion"])
    var insertArguments: StatementArguments {
        [id, accountId, userId, sealedSecret, status, createdAt, lastUsedAt, lastUsedService, lastUsedRegion]
    }
    var id: String
    var accountId: String
    var userId: String?
    var sealedSecret: Data
    var status: String
    var createdAt: String
    var lastUsedAt: String?
    var lastUsedService: String?
    var lastUsedRegion: String?

    init(_ key: AccessKey, sealedSecret: Data) {
        id = key.id
        accountId = key.accountId
        userId = key.owner.userId
        self.sealedSecret = sealedSecret
        status = key.status.rawValue
        createdAt = Timestamp.string(from: key.createdAt)
        lastUsedAt = key.lastUsedAt.timestamp
        lastUsedService = key.lastUsedService
        lastUsedRegion = key.lastUsedRegion
    }
}

/// An access key's columns without its secret: the only shape in which keys are read back.
struct AccessKeyMetadataRecord: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "accessKey"
    static var databaseSelection: [any SQLSelectable] { [
        Column("id"), Column("accountId"), Column("userId"), Column("status"), Column("createdAt"),
        Column("lastUsedAt"), Column("lastUsedService"), Column("lastUsedRegion"),
    ] }
    var id: String
    var accountId: String
    var userId: String?
    var status: String
    var createdAt: String
    var lastUsedAt: String?
    var lastUsedService: String?
    var lastUsedRegion: String?

    var model: AccessKey {
        AccessKey(
            id: id, accountId: accountId, owner: userId.map { .user(id: $0) } ?? .root,
            status: AccessKeyStatus(rawValue: status) ?? .inactive, createdAt: createdAt.storedDate,
            lastUsedAt: lastUsedAt.date, lastUsedService: lastUsedService, lastUsedRegion: lastUsedRegion)
    }
}

struct MFADeviceRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "mfaDevice"
    var serialNumber: String
    var accountId: String
    var name: String
    var path: String
    var sealedSeed: Data
    var userId: String?
    var isRootDevice: Bool
    var enabledAt: String?
    var lastUsedTimeStep: Int?
    var createdAt: String

    init(_ device: MFADevice, sealedSeed: Data) {
        serialNumber = device.serialNumber
        accountId = device.accountId
        name = device.name
        path = device.path
        self.sealedSeed = sealedSeed
        userId = device.owner?.userId
        isRootDevice = device.owner == .root
        enabledAt = device.enabledAt.timestamp
        lastUsedTimeStep = device.lastUsedTimeStep
        createdAt = Timestamp.string(from: device.createdAt)
    }
}

/// An MFA device's columns without its seed.
struct MFADeviceMetadataRecord: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "mfaDevice"
    static var databaseSelection: [any SQLSelectable] { [
        Column("serialNumber"), Column("accountId"), Column("name"), Column("path"), Column("userId"),
        Column("isRootDevice"), Column("enabledAt"), Column("lastUsedTimeStep"), Column("createdAt"),
    ] }
    var serialNumber: String
    var accountId: String
    var name: String
    var path: String
    var userId: String?
    var isRootDevice: Bool
    var enabledAt: String?
    var lastUsedTimeStep: Int?
    var createdAt: String

    var model: MFADevice {
        let owner: CredentialOwner? = isRootDevice ? .root : userId.map { .user(id: $0) }
        return MFADevice(
            serialNumber: serialNumber, accountId: accountId, name: name, path: path, owner: owner,
            enabledAt: enabledAt.date, lastUsedTimeStep: lastUsedTimeStep, createdAt: createdAt.storedDate)
    }
}
