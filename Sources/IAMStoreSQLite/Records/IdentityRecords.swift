import Foundation
import GRDB
import IAMCore

struct UserRecord: Codable, FetchableRecord, PersistableRecord, HotInsertRecord {
    static let databaseTableName = "user"
    static let insertSQL = hotInsertSQL(
        columns: ["id", "accountId", "name", "path", "permissionsBoundaryPolicyId", "passwordLastUsedAt", "createdAt"])
    var insertArguments: StatementArguments {
        [id, accountId, name, path, permissionsBoundaryPolicyId, passwordLastUsedAt, createdAt]
    }
    var id: String
    var accountId: String
    var name: String
    var path: String
    var permissionsBoundaryPolicyId: String?
    var passwordLastUsedAt: String?
    var createdAt: String

    init(_ user: User) {
        id = user.id
        accountId = user.accountId
        name = user.name
        path = user.path
        permissionsBoundaryPolicyId = user.permissionsBoundaryPolicyId
        passwordLastUsedAt = user.passwordLastUsedAt.timestamp
        createdAt = Timestamp.string(from: user.createdAt)
    }

    var model: User {
        User(
            id: id, accountId: accountId, name: name, path: path, permissionsBoundaryPolicyId: permissionsBoundaryPolicyId,
            passwordLastUsedAt: passwordLastUsedAt.date, createdAt: createdAt.storedDate)
    }
}

struct GroupRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "group"
    var id: String
    var accountId: String
    var name: String
    var path: String
    var createdAt: String

    init(_ group: Group) {
        id = group.id
        accountId = group.accountId
        name = group.name
        path = group.path
        createdAt = Timestamp.string(from: group.createdAt)
    }

    var model: Group { Group(id: id, accountId: accountId, name: name, path: path, createdAt: createdAt.storedDate) }
}

struct GroupMembershipRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "groupMembership"
    var accountId: String
    var userId: String
    var groupId: String
    var createdAt: String
}

/// One row of `userTag`, `policyTag` or `mfaDeviceTag`; `ownerColumn` names the owner's column.
struct TagRecord: Codable, FetchableRecord {
    var key: String
    var value: String
    var model: Tag { Tag(key: key, value: value) }
}

struct LoginProfileRecord: Codable, FetchableRecord, PersistableRecord, HotInsertRecord {
    static let databaseTableName = "loginProfile"
    static let insertSQL = hotInsertSQL(columns: ["userId", "passwordHash", "passwordResetRequired", "passwordChangedAt", "createdAt"])
        + #" ON CONFLICT ("userId") DO UPDATE SET "passwordHash" = excluded."passwordHash", "#
        + #""passwordResetRequired" = excluded."passwordResetRequired", "passwordChangedAt" = excluded."passwordChangedAt", "#
        + #""createdAt" = excluded."createdAt""#
    var insertArguments: StatementArguments { [userId, passwordHash, passwordResetRequired, passwordChangedAt, createdAt] }
    var userId: String
    var passwordHash: String
    var passwordResetRequired: Bool
    var passwordChangedAt: String
    var createdAt: String

    init(_ profile: LoginProfile) {
        userId = profile.userId
        passwordHash = profile.passwordHash
        passwordResetRequired = profile.passwordResetRequired
        passwordChangedAt = Timestamp.string(from: profile.passwordChangedAt)
        createdAt = Timestamp.string(from: profile.createdAt)
    }

    var model: LoginProfile {
        LoginProfile(
            userId: userId, passwordHash: passwordHash, passwordResetRequired: passwordResetRequired,
            passwordChangedAt: passwordChangedAt.storedDate, createdAt: createdAt.storedDate)
    }
}
