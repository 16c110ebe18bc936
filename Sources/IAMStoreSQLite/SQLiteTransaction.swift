import Foundation
import GRDB
import IAMCore

/// The store's repository calls over one GRDB connection inside one transaction.
struct SQLiteTransaction: StoreWriting {
    let db: Database

    // MARK: - Accounts

    func account(id: String) throws -> Account? {
        try AccountRecord.fetchOne(db.cachedStatement(sql: #"SELECT * FROM "account" WHERE "id" = ?"#), arguments: [id])?.model
    }

    func accounts() throws -> [Account] {
        try AccountRecord.order(Column("id")).fetchAll(db).map(\.model)
    }

    func rootUser(accountId: String) throws -> RootUser? {
        try RootUserRecord.fetchOne(db, key: accountId)?.model
    }

    func accountAlias(accountId: String) throws -> String? {
        try AccountAliasRecord.fetchOne(db, key: accountId)?.alias
    }

    func accountId(forAlias alias: String) throws -> String? {
        try String.fetchOne(db, sql: #"SELECT "accountId" FROM "accountAlias" WHERE "alias" = lower(?)"#, arguments: [alias])
    }

    func passwordPolicy(accountId: String) throws -> PasswordPolicy? {
        try PasswordPolicyRecord.fetchOne(db, key: accountId)?.model
    }

    func insert(_ account: Account) throws {
        try translating(onUnique: IAMError(.entityAlreadyExists, "Account \(account.id) already exists.")) {
            try AccountRecord(account).insert(db)
        }
    }

    func save(_ rootUser: RootUser) throws {
        try RootUserRecord(rootUser).save(db)
    }

    func setAccountAlias(_ alias: String?, accountId: String, at date: Date) throws {
        try AccountAliasRecord.deleteOne(db, key: accountId)
        guard let alias else { return }
        try translating(onUnique: IAMError(.entityAlreadyExists, "The account alias \(alias) already exists.")) {
            try AccountAliasRecord(accountId: accountId, alias: alias, createdAt: Timestamp.string(from: date)).insert(db)
        }
    }

    func setPasswordPolicy(_ policy: PasswordPolicy?, accountId: String) throws {
        if let policy {
            try PasswordPolicyRecord(policy, accountId: accountId).save(db)
        } else {
            try PasswordPolicyRecord.deleteOne(db, key: accountId)
        }
    }

    // MARK: - Users

    // The lookups every request makes use cached statements: preparing them again (or building
    // them with GRDB's query interface) cost more than running them.

    func user(id: String) throws -> User? {
        try UserRecord.fetchOne(db.cachedStatement(sql: #"SELECT * FROM "user" WHERE "id" = ?"#), arguments: [id])?.model
    }

    func user(named name: String, accountId: String) throws -> User? {
        try UserRecord.fetchOne(
            db.cachedStatement(sql: #"SELECT * FROM "user" WHERE "accountId" = ? AND "name" = ? COLLATE NOCASE"#),
            arguments: [accountId, name])?.model
    }

    func users(accountId: String, pathPrefix: String?, page: PageRequest) throws -> Page<User> {
        try namedPage(
            UserRecord.self, from: #""user""#, where: #""accountId" = ?"#, [accountId], pathPrefix: pathPrefix, page: page
        ) { ($0.name, $0.id) }.map(\.model)
    }

    func userCount(accountId: String) throws -> Int {
        // Kept by the `user` table's triggers (migration 0007): one row, however many users.
        try Int.fetchOne(db.cachedStatement(sql: #"SELECT "count" FROM "userCount" WHERE "accountId" = ?"#), arguments: [accountId]) ?? 0
    }

    func tags(userId: String) throws -> [Tag] {
        try tags(table: "userTag", ownerColumn: "userId", owner: userId)
    }

    func loginProfile(userId: String) throws -> LoginProfile? {
        try LoginProfileRecord.fetchOne(
            db.cachedStatement(sql: #"SELECT * FROM "loginProfile" WHERE "userId" = ?"#), arguments: [userId])?.model
    }

    func passwordHistory(userId: String, limit: Int) throws -> [String] {
        try String.fetchAll(
            db, sql: #"SELECT "passwordHash" FROM "passwordHistory" WHERE "userId" = ? ORDER BY "id" DESC LIMIT ?"#,
            arguments: [userId, limit])
    }

    func insert(_ user: User) throws {
        try translating(onUnique: .userAlreadyExists(named: user.name)) {
            try UserRecord(user).insertHot(db)
        }
    }

    func update(_ user: User) throws {
        try translating(onUnique: .userAlreadyExists(named: user.name)) {
            try UserRecord(user).update(db)
        }
    }

    func deleteUser(id: String) throws {
        try db.execute(sql: #"DELETE FROM "userTag" WHERE "userId" = ?"#, arguments: [id])
        try db.execute(sql: #"DELETE FROM "passwordHistory" WHERE "userId" = ?"#, arguments: [id])
        try translating(onRestrict: .deleteConflict(mustFirst: "remove everything the user owns")) {
            _ = try UserRecord.deleteOne(db, key: id)
        }
    }

    func setTags(_ tags: [Tag], userId: String) throws {
        try upsertTags(tags, table: "userTag", ownerColumn: "userId", owner: userId)
    }

    func removeTags(keys: [String], userId: String) throws {
        try deleteTags(keys, table: "userTag", ownerColumn: "userId", owner: userId)
    }

    func save(_ loginProfile: LoginProfile) throws {
        // An upsert: the insert statement updates the user's existing profile.
        try LoginProfileRecord(loginProfile).insertHot(db)
    }

    func deleteLoginProfile(userId: String) throws {
        try LoginProfileRecord.deleteOne(db, key: userId)
    }

    func appendPasswordHistory(userId: String, passwordHash: String, at date: Date) throws {
        try db.execute(
            sql: #"INSERT INTO "passwordHistory"("userId", "passwordHash", "createdAt") VALUES (?, ?, ?)"#,
            arguments: [userId, passwordHash, Timestamp.string(from: date)])
    }

    func trimPasswordHistory(userId: String, keep: Int) throws {
        try db.execute(
            sql: """
                DELETE FROM "passwordHistory" WHERE "userId" = ?1 AND "id" NOT IN (
                    SELECT "id" FROM "passwordHistory" WHERE "userId" = ?1 ORDER BY "id" DESC LIMIT ?2)
                """,
            arguments: [userId, keep])
    }

    // MARK: - Groups

    func group(id: String) throws -> Group? {
        try GroupRecord.fetchOne(db.cachedStatement(sql: #"SELECT * FROM "group" WHERE "id" = ?"#), arguments: [id])?.model
    }

    func group(named name: String, accountId: String) throws -> Group? {
        try GroupRecord.fetchOne(
            db.cachedStatement(sql: #"SELECT * FROM "group" WHERE "accountId" = ? AND "name" = ? COLLATE NOCASE"#),
            arguments: [accountId, name])?.model
    }

    func groups(accountId: String, pathPrefix: String?, page: PageRequest) throws -> Page<Group> {
        try namedPage(
            GroupRecord.self, from: #""group""#, where: #""accountId" = ?"#, [accountId], pathPrefix: pathPrefix, page: page
        ) { ($0.name, $0.id) }.map(\.model)
    }

    func groupCount(accountId: String) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: #"SELECT count(*) FROM "group" WHERE "accountId" = ?"#), arguments: [accountId]) ?? 0
    }

    func groups(forUserId userId: String, page: PageRequest) throws -> Page<Group> {
        try namedPage(
            GroupRecord.self, from: #""group""#,
            where: #""id" IN (SELECT "groupId" FROM "groupMembership" WHERE "userId" = ?)"#, [userId],
            pathPrefix: nil, page: page
        ) { ($0.name, $0.id) }.map(\.model)
    }

    func members(ofGroupId groupId: String, page: PageRequest) throws -> Page<User> {
        try namedPage(
            UserRecord.self, from: #""user""#,
            where: #""id" IN (SELECT "userId" FROM "groupMembership" WHERE "groupId" = ?)"#, [groupId],
            pathPrefix: nil, page: page
        ) { ($0.name, $0.id) }.map(\.model)
    }

    func isMember(userId: String, groupId: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: #"SELECT EXISTS (SELECT 1 FROM "groupMembership" WHERE "userId" = ? AND "groupId" = ?)"#),
            arguments: [userId, groupId]) ?? false
    }

    func insert(_ group: Group) throws {
        try translating(onUnique: .groupAlreadyExists(named: group.name)) {
            try GroupRecord(group).insert(db)
        }
    }

    func update(_ group: Group) throws {
        try translating(onUnique: .groupAlreadyExists(named: group.name)) {
            try GroupRecord(group).update(db)
        }
    }

    func deleteGroup(id: String) throws {
        try translating(onRestrict: .deleteConflict(mustFirst: "remove users from group")) {
            _ = try GroupRecord.deleteOne(db, key: id)
        }
    }

    func addMember(userId: String, groupId: String, accountId: String, at date: Date) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO "groupMembership"("accountId", "userId", "groupId", "createdAt") VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """
        ).execute(arguments: [accountId, userId, groupId, Timestamp.string(from: date)])
    }

    func removeMember(userId: String, groupId: String) throws {
        try GroupMembershipRecord.deleteOne(db, key: ["userId": userId, "groupId": groupId])
    }

    // MARK: - Access keys and MFA devices

    func accessKey(id: String) throws -> AccessKey? {
        try AccessKeyMetadataRecord.fetchOne(db.cachedStatement(sql: AccessKeySQL.byId), arguments: [id])?.model
    }

    /// The metadata queries of `accessKey` (every column but the sealed secret), written once
    /// rather than interpolated on every lookup.
    private enum AccessKeySQL {
        static let columns = #""id", "accountId", "userId", "status", "createdAt", "lastUsedAt", "lastUsedService", "lastUsedRegion""#
        static let byId = #"SELECT \#(columns) FROM "accessKey" WHERE "id" = ?"#
        static let byOwner = #"SELECT \#(columns) FROM "accessKey" WHERE "accountId" = ? AND "userId" IS ? ORDER BY "createdAt", "id""#
        static let byAccount = #"SELECT \#(columns) FROM "accessKey" WHERE "accountId" = ? ORDER BY "createdAt", "id""#
    }

    func accessKeys(accountId: String, owner: CredentialOwner) throws -> [AccessKey] {
        try AccessKeyMetadataRecord.fetchAll(
            db.cachedStatement(sql: AccessKeySQL.byOwner), arguments: [accountId, owner.userId]
        ).map(\.model)
    }

    func accessKeyCount(accountId: String, owner: CredentialOwner) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: #"SELECT count(*) FROM "accessKey" WHERE "accountId" = ? AND "userId" IS ?"#),
            arguments: [accountId, owner.userId]) ?? 0
    }

    func accessKeys(accountId: String) throws -> [AccessKey] {
        try AccessKeyMetadataRecord.fetchAll(
            db.cachedStatement(sql: AccessKeySQL.byAccount), arguments: [accountId]
        ).map(\.model)
    }

    func sealedSecret(forAccessKey id: String) throws -> Data? {
        try Data.fetchOne(db.cachedStatement(sql: #"SELECT "sealedSecret" FROM "accessKey" WHERE "id" = ?"#), arguments: [id])
    }

    func insert(_ accessKey: AccessKey, sealedSecret: Data) throws {
        try translating(onUnique: IAMError(.entityAlreadyExists, "Access key \(accessKey.id) already exists.")) {
            try AccessKeyRecord(accessKey, sealedSecret: sealedSecret).insertHot(db)
        }
    }

    func update(_ accessKey: AccessKey) throws {
        try db.execute(
            sql: """
                UPDATE "accessKey" SET "status" = ?, "lastUsedAt" = ?, "lastUsedService" = ?, "lastUsedRegion" = ?
                WHERE "id" = ?
                """,
            arguments: [
                accessKey.status.rawValue, accessKey.lastUsedAt.timestamp, accessKey.lastUsedService,
                accessKey.lastUsedRegion, accessKey.id,
            ])
    }

    func deleteAccessKey(id: String) throws {
        try db.execute(sql: #"DELETE FROM "accessKey" WHERE "id" = ?"#, arguments: [id])
    }

    func mfaDevice(serialNumber: String) throws -> MFADevice? {
        try MFADeviceMetadataRecord.fetchOne(db, key: serialNumber)?.model
    }

    func mfaDevices(accountId: String, owner: CredentialOwner) throws -> [MFADevice] {
        // MFADeviceMetadataRecord's columns: never the sealed seed.
        let columns = #""serialNumber", "accountId", "name", "path", "userId", "isRootDevice", "enabledAt", "lastUsedTimeStep", "createdAt""#
        let (condition, value): (String, any DatabaseValueConvertible) = switch owner {
        case .root: (#""isRootDevice" = ?"#, true)
        case .user(let id): (#""userId" = ?"#, id)
        }
        return try MFADeviceMetadataRecord.fetchAll(
            db.cachedStatement(
                sql: #"SELECT \#(columns) FROM "mfaDevice" WHERE "accountId" = ? AND \#(condition) ORDER BY "enabledAt", "serialNumber""#),
            arguments: [accountId, value]
        ).map(\.model)
    }

    func virtualMFADevices(accountId: String, assignment: MFAAssignmentFilter, page: PageRequest) throws -> Page<MFADevice> {
        let condition = switch assignment {
        case .assigned: #" AND "enabledAt" IS NOT NULL"#
        case .unassigned: #" AND "enabledAt" IS NULL"#
        case .any: ""
        }
        return try namedPage(
            MFADeviceMetadataRecord.self, from: #""mfaDevice""#, where: #""accountId" = ?"# + condition, [accountId],
            pathPrefix: nil, page: page, nameColumn: "name", idColumn: "serialNumber"
        ) { ($0.name, $0.serialNumber) }.map(\.model)
    }

    func sealedSeed(forMFADevice serialNumber: String) throws -> Data? {
        try Data.fetchOne(db, sql: #"SELECT "sealedSeed" FROM "mfaDevice" WHERE "serialNumber" = ?"#, arguments: [serialNumber])
    }

    func tags(mfaSerialNumber: String) throws -> [Tag] {
        try tags(table: "mfaDeviceTag", ownerColumn: "serialNumber", owner: mfaSerialNumber)
    }

    func insert(_ device: MFADevice, sealedSeed: Data) throws {
        try translating(
            onUnique: IAMError(.entityAlreadyExists, "MFADevice entity at the same path and name already exists.")
        ) {
            try MFADeviceRecord(device, sealedSeed: sealedSeed).insert(db)
        }
    }

    func update(_ device: MFADevice) throws {
        try db.execute(
            sql: """
                UPDATE "mfaDevice" SET "userId" = ?, "isRootDevice" = ?, "enabledAt" = ?, "lastUsedTimeStep" = ?
                WHERE "serialNumber" = ?
                """,
            arguments: [
                device.owner?.userId, device.owner == .root, device.enabledAt.timestamp, device.lastUsedTimeStep,
                device.serialNumber,
            ])
    }

    func deleteMFADevice(serialNumber: String) throws {
        try db.execute(sql: #"DELETE FROM "mfaDeviceTag" WHERE "serialNumber" = ?"#, arguments: [serialNumber])
        try db.execute(sql: #"DELETE FROM "mfaDevice" WHERE "serialNumber" = ?"#, arguments: [serialNumber])
    }

    func setTags(_ tags: [Tag], mfaSerialNumber: String) throws {
        try upsertTags(tags, table: "mfaDeviceTag", ownerColumn: "serialNumber", owner: mfaSerialNumber)
    }

    func removeTags(keys: [String], mfaSerialNumber: String) throws {
        try deleteTags(keys, table: "mfaDeviceTag", ownerColumn: "serialNumber", owner: mfaSerialNumber)
    }

    // MARK: - Managed policies

    func managedPolicy(id: String) throws -> ManagedPolicy? {
        try ManagedPolicyRecord.fetchOne(
            db.cachedStatement(sql: #"SELECT * FROM "managedPolicy" WHERE "id" = ?"#), arguments: [id])?.model
    }

    func managedPolicy(named name: String, accountId: String?) throws -> ManagedPolicy? {
        try ManagedPolicyRecord.fetchOne(
            db.cachedStatement(sql: #"SELECT * FROM "managedPolicy" WHERE "accountId" IS ? AND "name" = ? COLLATE NOCASE"#),
            arguments: [accountId, name])?.model
    }

    func managedPolicies(
        accountId: String, scope: PolicyScope, pathPrefix: String?, onlyAttached: Bool, page: PageRequest
    ) throws -> Page<ManagedPolicy> {
        var condition = switch scope {
        case .all: #"("accountId" = ? OR "accountId" IS NULL)"#
        case .aws: #"("accountId" IS NULL AND ? IS NOT NULL)"#
        case .local: #""accountId" = ?"#
        }
        var arguments: StatementArguments = [accountId]
        if onlyAttached {
            condition += """
                 AND ("id" IN (SELECT a."policyId" FROM "userPolicyAttachment" a JOIN "user" u ON u."id" = a."userId" WHERE u."accountId" = ?)
                   OR "id" IN (SELECT a."policyId" FROM "groupPolicyAttachment" a JOIN "group" g ON g."id" = a."groupId" WHERE g."accountId" = ?))
                """
            arguments += [accountId, accountId]
        }
        return try namedPage(
            ManagedPolicyRecord.self, from: #""managedPolicy""#, where: condition, arguments, pathPrefix: pathPrefix, page: page
        ) { ($0.name, $0.id) }.map(\.model)
    }

    func managedPolicyCount(accountId: String) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: #"SELECT count(*) FROM "managedPolicy" WHERE "accountId" = ?"#), arguments: [accountId]) ?? 0
    }

    func policyVersions(policyId: String) throws -> [PolicyVersion] {
        try PolicyVersionRecord
            .fetchAll(
                db, sql: """
                    SELECT * FROM "managedPolicyVersion" WHERE "policyId" = ?
                    ORDER BY CAST(substr("versionId", 2) AS INTEGER) DESC
                    """, arguments: [policyId]
            ).map(\.model)
    }

    func policyVersion(policyId: String, versionId: String) throws -> PolicyVersion? {
        try PolicyVersionRecord.fetchOne(db, key: ["policyId": policyId, "versionId": versionId])?.model
    }

    func defaultPolicyVersion(policyId: String) throws -> PolicyVersion? {
        try PolicyVersionRecord.filter(Column("policyId") == policyId && Column("isDefault") == true).fetchOne(db)?.model
    }

    func tags(policyId: String) throws -> [Tag] {
        try tags(table: "policyTag", ownerColumn: "policyId", owner: policyId)
    }

    func attachmentCount(policyId: String, accountId: String) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT (SELECT count(*) FROM "userPolicyAttachment" a JOIN "user" u ON u."id" = a."userId"
                        WHERE a."policyId" = ?1 AND u."accountId" = ?2)
                     + (SELECT count(*) FROM "groupPolicyAttachment" a JOIN "group" g ON g."id" = a."groupId"
                        WHERE a."policyId" = ?1 AND g."accountId" = ?2)
                """, arguments: [policyId, accountId]) ?? 0
    }

    func permissionsBoundaryUsageCount(policyId: String, accountId: String) throws -> Int {
        try UserRecord.filter(Column("permissionsBoundaryPolicyId") == policyId && Column("accountId") == accountId)
            .fetchCount(db)
    }

    func users(permissionsBoundaryPolicyId policyId: String, accountId: String) throws -> [User] {
        try UserRecord.filter(Column("permissionsBoundaryPolicyId") == policyId && Column("accountId") == accountId)
            .order(Column("name").collating(.nocase), Column("id")).fetchAll(db).map(\.model)
    }

    func attachedPolicies(to holder: PolicyHolder) throws -> [ManagedPolicy] {
        let (table, column, id) = holder.attachmentTable
        return try ManagedPolicyRecord.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT p.* FROM "managedPolicy" p JOIN "\(table)" a ON a."policyId" = p."id"
                    WHERE a."\(column)" = ? ORDER BY p."name" COLLATE NOCASE, p."id"
                    """), arguments: [id]
        ).map(\.model)
    }

    func attachedPolicyIds(to holder: PolicyHolder) throws -> [String] {
        let (table, column, id) = holder.attachmentTable
        return try String.fetchAll(
            db.cachedStatement(sql: #"SELECT "policyId" FROM "\#(table)" WHERE "\#(column)" = ?"#), arguments: [id])
    }

    func policyHolders(policyId: String, accountId: String) throws -> [PolicyHolder] {
        let users = try String.fetchAll(
            db,
            sql: """
                SELECT u."id" FROM "userPolicyAttachment" a JOIN "user" u ON u."id" = a."userId"
                WHERE a."policyId" = ? AND u."accountId" = ? ORDER BY u."name" COLLATE NOCASE
                """, arguments: [policyId, accountId])
        let groups = try String.fetchAll(
            db,
            sql: """
                SELECT g."id" FROM "groupPolicyAttachment" a JOIN "group" g ON g."id" = a."groupId"
                WHERE a."policyId" = ? AND g."accountId" = ? ORDER BY g."name" COLLATE NOCASE
                """, arguments: [policyId, accountId])
        return users.map { .user(id: $0) } + groups.map { .group(id: $0) }
    }

    func insert(_ policy: ManagedPolicy) throws {
        try translating(onUnique: IAMError(.entityAlreadyExists, "A policy called \(policy.name) already exists. Duplicate names are not allowed.")) {
            try ManagedPolicyRecord(policy).insert(db)
        }
    }

    func update(_ policy: ManagedPolicy) throws {
        try ManagedPolicyRecord(policy).update(db)
    }

    func deleteManagedPolicy(id: String) throws {
        try db.execute(sql: #"DELETE FROM "policyTag" WHERE "policyId" = ?"#, arguments: [id])
        try db.execute(sql: #"DELETE FROM "managedPolicyVersion" WHERE "policyId" = ?"#, arguments: [id])
        try translating(onRestrict: IAMError(.deleteConflict, "Cannot delete a policy attached to entities.")) {
            _ = try ManagedPolicyRecord.deleteOne(db, key: id)
        }
    }

    func insert(_ version: PolicyVersion) throws {
        try PolicyVersionRecord(version).insert(db)
    }

    func setDefaultPolicyVersion(policyId: String, versionId: String) throws {
        try db.execute(
            sql: #"UPDATE "managedPolicyVersion" SET "isDefault" = 0 WHERE "policyId" = ? AND "isDefault" = 1"#,
            arguments: [policyId])
        try db.execute(
            sql: #"UPDATE "managedPolicyVersion" SET "isDefault" = 1 WHERE "policyId" = ? AND "versionId" = ?"#,
            arguments: [policyId, versionId])
    }

    func deletePolicyVersion(policyId: String, versionId: String) throws {
        try PolicyVersionRecord.deleteOne(db, key: ["policyId": policyId, "versionId": versionId])
    }

    func setTags(_ tags: [Tag], policyId: String) throws {
        try upsertTags(tags, table: "policyTag", ownerColumn: "policyId", owner: policyId)
    }

    func removeTags(keys: [String], policyId: String) throws {
        try deleteTags(keys, table: "policyTag", ownerColumn: "policyId", owner: policyId)
    }

    func attach(policyId: String, to holder: PolicyHolder, at date: Date) throws {
        let (table, column, id) = holder.attachmentTable
        try db.cachedStatement(
            sql: """
                INSERT INTO "\(table)"("\(column)", "policyId", "createdAt") VALUES (?, ?, ?) ON CONFLICT DO NOTHING
                """
        ).execute(arguments: [id, policyId, Timestamp.string(from: date)])
    }

    func detach(policyId: String, from holder: PolicyHolder) throws {
        let (table, column, id) = holder.attachmentTable
        try db.execute(sql: #"DELETE FROM "\#(table)" WHERE "\#(column)" = ? AND "policyId" = ?"#, arguments: [id, policyId])
    }

    // MARK: - Inline policies

    func inlinePolicies(of holder: PolicyHolder) throws -> [InlinePolicy] {
        let (table, column, id) = holder.inlineTable
        return try InlinePolicyRecord.fetchAll(
            db.cachedStatement(sql: #"SELECT * FROM "\#(table)" WHERE "\#(column)" = ? ORDER BY "name""#), arguments: [id]
        ).map(\.model)
    }

    func inlinePolicy(of holder: PolicyHolder, named name: String) throws -> InlinePolicy? {
        let (table, column, id) = holder.inlineTable
        return try InlinePolicyRecord.fetchOne(
            db.cachedStatement(sql: #"SELECT * FROM "\#(table)" WHERE "\#(column)" = ? AND "name" = ?"#), arguments: [id, name]
        )?.model
    }

    func save(_ policy: InlinePolicy, of holder: PolicyHolder) throws {
        let (table, column, id) = holder.inlineTable
        try db.execute(
            sql: """
                INSERT INTO "\(table)"("\(column)", "name", "document", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET "name" = excluded."name", "document" = excluded."document",
                    "updatedAt" = excluded."updatedAt"
                """,
            arguments: [
                id, policy.name, policy.document, Timestamp.string(from: policy.createdAt),
                Timestamp.string(from: policy.updatedAt),
            ])
    }

    func deleteInlinePolicy(of holder: PolicyHolder, named name: String) throws {
        let (table, column, id) = holder.inlineTable
        try db.execute(sql: #"DELETE FROM "\#(table)" WHERE "\#(column)" = ? AND "name" = ?"#, arguments: [id, name])
    }

    // MARK: - Whole accounts

    func deleteAccountContents(accountId: String) throws {
        // Children first: every foreign key is RESTRICT. Set-based deletes keyed by the account
        // (through its users, groups and policies) touch each row once.
        let users = #"SELECT "id" FROM "user" WHERE "accountId" = ?1"#
        let groups = #"SELECT "id" FROM "group" WHERE "accountId" = ?1"#
        let policies = #"SELECT "id" FROM "managedPolicy" WHERE "accountId" = ?1"#
        let statements = [
            #"DELETE FROM "mfaDeviceTag" WHERE "serialNumber" IN (SELECT "serialNumber" FROM "mfaDevice" WHERE "accountId" = ?1)"#,
            #"DELETE FROM "mfaDevice" WHERE "accountId" = ?1"#,
            #"DELETE FROM "accessKey" WHERE "accountId" = ?1"#,
            #"DELETE FROM "groupMembership" WHERE "accountId" = ?1"#,
            #"DELETE FROM "userTag" WHERE "userId" IN (\#(users))"#,
            #"DELETE FROM "loginProfile" WHERE "userId" IN (\#(users))"#,
            #"DELETE FROM "passwordHistory" WHERE "userId" IN (\#(users))"#,
            #"DELETE FROM "userPolicyAttachment" WHERE "userId" IN (\#(users))"#,
            #"DELETE FROM "userInlinePolicy" WHERE "userId" IN (\#(users))"#,
            #"DELETE FROM "groupPolicyAttachment" WHERE "groupId" IN (\#(groups))"#,
            #"DELETE FROM "groupInlinePolicy" WHERE "groupId" IN (\#(groups))"#,
            #"DELETE FROM "user" WHERE "accountId" = ?1"#,
            #"DELETE FROM "group" WHERE "accountId" = ?1"#,
            #"DELETE FROM "policyTag" WHERE "policyId" IN (\#(policies))"#,
            #"DELETE FROM "managedPolicyVersion" WHERE "policyId" IN (\#(policies))"#,
            #"DELETE FROM "managedPolicy" WHERE "accountId" = ?1"#,
            #"DELETE FROM "accountAlias" WHERE "accountId" = ?1"#,
            #"DELETE FROM "accountPasswordPolicy" WHERE "accountId" = ?1"#,
            #"DELETE FROM "credentialReport" WHERE "accountId" = ?1"#,
        ]
        for sql in statements {
            try db.execute(sql: sql, arguments: [accountId])
        }
    }

    // MARK: - Audit, settings, reports

    func appendAuditEvent(_ event: AuditEvent) throws -> ChainedAuditEvent {
        // Every mutation runs this: a cached statement skips re-preparing it per transaction.
        let tail = try Row.fetchOne(
            db.cachedStatement(sql: #"SELECT "id", "hash" FROM "auditEvent" ORDER BY "id" DESC LIMIT 1"#))
        let record = AuditEventRecord(
            event, sequence: (tail?["id"] as Int64? ?? 0) + 1,
            previousHash: tail?["hash"] ?? AuditEventRecord.genesisHash)
        try record.insertHot(db)
        // The event as stored (its time to the millisecond), without reading the row back.
        var stored = event
        stored.eventTime = record.eventTime.storedDate
        return ChainedAuditEvent(sequence: record.id, event: stored, previousHash: record.previousHash, hash: record.hash)
    }

    func auditEvents(matching filter: AuditEventFilter, page: PageRequest) throws -> Page<ChainedAuditEvent> {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        func add(_ sql: String, _ values: any DatabaseValueConvertible...) {
            conditions.append(sql)
            for value in values { _ = arguments.append(contentsOf: [value]) }
        }
        if let accountId = filter.accountId { add(#""recipientAccountId" = ?"#, accountId) }
        if let since = filter.since { add(#""eventTime" >= ?"#, Timestamp.string(from: since)) }
        if let until = filter.until { add(#""eventTime" <= ?"#, Timestamp.string(from: until)) }
        if let name = filter.eventName { add(#""eventName" = ? COLLATE NOCASE"#, name) }
        if let userName = filter.userName { add(#""userName" = ? COLLATE NOCASE"#, userName) }
        if let resource = filter.resource {
            // An ARN, or a name: the last component of an ARN's resource path.
            add(
                #"EXISTS (SELECT 1 FROM json_each("resources") WHERE value = ? OR substr(value, -length(?) - 1) IN ('/' || ?, ':' || ?))"#,
                resource, resource, resource, resource)
        }
        // A failed ConsoleLogin carries only a message, as CloudTrail's do.
        if filter.errorsOnly { conditions.append(#"("errorCode" IS NOT NULL OR "errorMessage" IS NOT NULL)"#) }
        if let readOnly = filter.readOnly { add(#""readOnly" = ?"#, readOnly) }
        if let marker = page.marker {
            guard let after = Int64(marker) else { throw IAMError.invalidMarker }
            add(#""id" > ?"#, after)
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let limit = page.maxItems == Int.max ? -1 : page.maxItems + 1
        let rows = try AuditEventRecord.fetchAll(
            db, sql: #"SELECT * FROM "auditEvent" \#(whereClause) ORDER BY "id" LIMIT \#(limit)"#, arguments: arguments)
        let items = rows.prefix(page.maxItems).map(\.model)
        return Page(items: Array(items), nextMarker: rows.count > page.maxItems ? items.last.map { String($0.sequence) } : nil)
    }

    func verifyAuditChain() throws -> AuditChainVerification {
        var expectedPrevious = AuditEventRecord.genesisHash
        var count = 0
        let cursor = try AuditEventRecord.fetchCursor(db, sql: #"SELECT * FROM "auditEvent" ORDER BY "id""#)
        while let record = try cursor.next() {
            guard record.previousHash == expectedPrevious else {
                return .broken(sequence: record.id, expectedHash: expectedPrevious, foundHash: record.previousHash)
            }
            let computed = record.computedHash
            guard computed == record.hash else {
                return .broken(sequence: record.id, expectedHash: computed, foundHash: record.hash)
            }
            expectedPrevious = record.hash
            count += 1
        }
        return .intact(eventCount: count)
    }

    func setting(_ key: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: #"SELECT "value" FROM "setting" WHERE "key" = ?"#), arguments: [key])
    }

    func setSetting(_ key: String, to value: String) throws {
        try db.cachedStatement(
            sql: #"INSERT INTO "setting"("key", "value") VALUES (?, ?) ON CONFLICT DO UPDATE SET "value" = excluded."value""#
        ).execute(arguments: [key, value])
    }

    func credentialReport(accountId: String) throws -> (generatedAt: Date, content: Data)? {
        try CredentialReportRecord.fetchOne(db, key: accountId).map { ($0.generatedAt.storedDate, $0.content) }
    }

    func saveCredentialReport(accountId: String, generatedAt: Date, content: Data) throws {
        try CredentialReportRecord(accountId: accountId, generatedAt: Timestamp.string(from: generatedAt), content: content)
            .save(db)
    }
}

// MARK: - Helpers

extension PolicyHolder {
    fileprivate var attachmentTable: (table: String, column: String, id: String) {
        switch self {
        case .user(let id): ("userPolicyAttachment", "userId", id)
        case .group(let id): ("groupPolicyAttachment", "groupId", id)
        }
    }

    fileprivate var inlineTable: (table: String, column: String, id: String) {
        switch self {
        case .user(let id): ("userInlinePolicy", "userId", id)
        case .group(let id): ("groupInlinePolicy", "groupId", id)
        }
    }
}

extension IAMError {
    static let invalidMarker = IAMError(.invalidInput, "Invalid Marker.")
}

extension Page {
    fileprivate func map<T>(_ transform: (Item) -> T) -> Page<T> {
        Page<T>(items: items.map(transform), nextMarker: nextMarker)
    }
}

extension SQLiteTransaction {
    /// A page of rows in the order AWS lists names: case-insensitive name, then unique ID.
    ///
    /// The marker encodes the last row's name and ID, so a page boundary survives inserts and
    /// deletes between requests.
    fileprivate func namedPage<R: FetchableRecord & Sendable>(
        _ type: R.Type, from table: String, where condition: String, _ arguments: StatementArguments,
        pathPrefix: String?, page: PageRequest, nameColumn: String = "name", idColumn: String = "id",
        key: (R) -> (name: String, id: String)
    ) throws -> Page<R> {
        var sql = "SELECT * FROM \(table) WHERE (\(condition))"
        var arguments = arguments
        if let pathPrefix {
            sql += #" AND substr("path", 1, length(?)) = ?"#
            arguments += [pathPrefix, pathPrefix]
        }
        if let marker = page.marker {
            guard let (name, id) = PageMarker.decode(marker) else { throw IAMError.invalidMarker }
            sql += #" AND ("\#(nameColumn)" > ? COLLATE NOCASE OR ("\#(nameColumn)" = ? COLLATE NOCASE AND "\#(idColumn)" > ?))"#
            arguments += [name, name, id]
        }
        sql += #" ORDER BY "\#(nameColumn)" COLLATE NOCASE, "\#(idColumn)""#
        if page.maxItems != Int.max { sql += " LIMIT \(page.maxItems + 1)" }
        let rows = try R.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
        guard rows.count > page.maxItems else { return Page(items: rows, nextMarker: nil) }
        let items = Array(rows.prefix(page.maxItems))
        let last = key(items[items.count - 1])
        return Page(items: items, nextMarker: PageMarker.encode(name: last.name, id: last.id))
    }

    fileprivate func tags(table: String, ownerColumn: String, owner: String) throws -> [Tag] {
        try TagRecord.fetchAll(
            db.cachedStatement(sql: #"SELECT "key", "value" FROM "\#(table)" WHERE "\#(ownerColumn)" = ? ORDER BY "key""#),
            arguments: [owner]
        ).map(\.model)
    }

    fileprivate func upsertTags(_ tags: [Tag], table: String, ownerColumn: String, owner: String) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO "\(table)"("\(ownerColumn)", "key", "value") VALUES (?, ?, ?)
                ON CONFLICT DO UPDATE SET "key" = excluded."key", "value" = excluded."value"
                """)
        for tag in tags {
            try statement.execute(arguments: [owner, tag.key, tag.value])
        }
    }

    fileprivate func deleteTags(_ keys: [String], table: String, ownerColumn: String, owner: String) throws {
        for key in keys {
            try db.execute(
                sql: #"DELETE FROM "\#(table)" WHERE "\#(ownerColumn)" = ? AND "key" = ?"#, arguments: [owner, key])
        }
    }

    /// Runs `body`, turning the constraint failures a rule expects into AWS's errors.
    fileprivate func translating(
        onUnique unique: IAMError? = nil, onRestrict restrict: IAMError? = nil, _ body: () throws -> Void
    ) throws {
        do {
            try body()
        } catch let error as DatabaseError {
            if let unique, error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
                || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
            {
                throw unique
            }
            // A RESTRICT foreign key violation arrives as SQLITE_CONSTRAINT_TRIGGER, not _FOREIGNKEY.
            if let restrict, error.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER
                || error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY,
                error.message?.contains("FOREIGN KEY") == true
            {
                throw restrict
            }
            throw error
        }
    }
}

/// The opaque `Marker` of named lists: base64 of the last item's name and ID.
enum PageMarker {
    static func encode(name: String, id: String) -> String {
        Data("\(name)\u{0}\(id)".utf8).base64EncodedString()
    }

    static func decode(_ marker: String) -> (name: String, id: String)? {
        guard let data = Data(base64Encoded: marker), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
