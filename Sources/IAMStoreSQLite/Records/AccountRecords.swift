import Foundation
import GRDB
import IAMCore

struct AccountRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "account"
    var id: String
    var partition: String
    var createdAt: String

    init(_ account: Account) {
        id = account.id
        partition = account.partition
        createdAt = Timestamp.string(from: account.createdAt)
    }

    var model: Account { Account(id: id, partition: partition, createdAt: createdAt.storedDate) }
}

struct RootUserRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "rootUser"
    var accountId: String
    var email: String
    var passwordHash: String?
    var passwordChangedAt: String?
    var passwordLastUsedAt: String?
    var createdAt: String

    init(_ root: RootUser) {
        accountId = root.accountId
        email = root.email
        passwordHash = root.passwordHash
        passwordChangedAt = root.passwordChangedAt.timestamp
        passwordLastUsedAt = root.passwordLastUsedAt.timestamp
        createdAt = Timestamp.string(from: root.createdAt)
    }

    var model: RootUser {
        RootUser(
            accountId: accountId, email: email, passwordHash: passwordHash, passwordChangedAt: passwordChangedAt.date,
            passwordLastUsedAt: passwordLastUsedAt.date, createdAt: createdAt.storedDate)
    }
}

struct AccountAliasRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "accountAlias"
    var accountId: String
    var alias: String
    var createdAt: String
}

struct PasswordPolicyRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "accountPasswordPolicy"
    var accountId: String
    var minimumPasswordLength: Int
    var requireSymbols: Bool
    var requireNumbers: Bool
    var requireUppercaseCharacters: Bool
    var requireLowercaseCharacters: Bool
    var allowUsersToChangePassword: Bool
    var maxPasswordAge: Int?
    var passwordReusePrevention: Int?
    var hardExpiry: Bool

    init(_ policy: PasswordPolicy, accountId: String) {
        self.accountId = accountId
        minimumPasswordLength = policy.minimumPasswordLength
        requireSymbols = policy.requireSymbols
        requireNumbers = policy.requireNumbers
        requireUppercaseCharacters = policy.requireUppercaseCharacters
        requireLowercaseCharacters = policy.requireLowercaseCharacters
        allowUsersToChangePassword = policy.allowUsersToChangePassword
        maxPasswordAge = policy.maxPasswordAge
        passwordReusePrevention = policy.passwordReusePrevention
        hardExpiry = policy.hardExpiry
    }

    var model: PasswordPolicy {
        var policy = PasswordPolicy()
        policy.minimumPasswordLength = minimumPasswordLength
        policy.requireSymbols = requireSymbols
        policy.requireNumbers = requireNumbers
        policy.requireUppercaseCharacters = requireUppercaseCharacters
        policy.requireLowercaseCharacters = requireLowercaseCharacters
        policy.allowUsersToChangePassword = allowUsersToChangePassword
        policy.maxPasswordAge = maxPasswordAge
        policy.passwordReusePrevention = passwordReusePrevention
        policy.hardExpiry = hardExpiry
        return policy
    }
}

struct SettingRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "setting"
    var key: String
    var value: String
}

struct CredentialReportRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "credentialReport"
    var accountId: String
    var generatedAt: String
    var content: Data
}
