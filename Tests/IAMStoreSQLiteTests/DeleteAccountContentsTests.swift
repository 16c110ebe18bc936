import Foundation
import GRDB
import IAMCore
import Testing
@testable import IAMStoreSQLite

@Suite struct DeleteAccountContentsTests {
    /// Every table that holds an account's entities, with the row count the fixture gives it.
    static let tables = [
        "user", "group", "groupMembership", "userTag", "loginProfile", "passwordHistory", "accessKey", "mfaDevice",
        "mfaDeviceTag", "userPolicyAttachment", "groupPolicyAttachment", "userInlinePolicy", "groupInlinePolicy",
        "managedPolicy", "managedPolicyVersion", "policyTag", "accountAlias", "accountPasswordPolicy", "credentialReport",
    ]

    /// One of everything in `accountId`; the customer policy's ID is derived from the account.
    static func populate(_ tx: any StoreWriting, accountId: String) throws {
        let date = Fixtures.date
        let user = User(id: Fixtures.uniqueID("AIDA", accountId), accountId: accountId, name: "alice", createdAt: date)
        let group = Group(id: Fixtures.uniqueID("AGPA", accountId), accountId: accountId, name: "admins", createdAt: date)
        let policy = ManagedPolicy(id: Fixtures.uniqueID("ANPA", accountId), accountId: accountId, name: "Lab", createdAt: date, updatedAt: date)
        let awsPolicy = ManagedPolicy(id: "ANPAAWSMANAGEDPOLICY1", accountId: nil, name: "AWSThing", createdAt: date, updatedAt: date)
        if try tx.managedPolicy(id: awsPolicy.id) == nil {
            try tx.insert(awsPolicy)
            try tx.insert(PolicyVersion(policyId: awsPolicy.id, versionId: "v1", document: "{}", isDefault: true, createdAt: date))
        }
        try tx.insert(policy)
        try tx.insert(PolicyVersion(policyId: policy.id, versionId: "v1", document: "{}", isDefault: true, createdAt: date))
        try tx.setTags([Tag(key: "team", value: "lab")], policyId: policy.id)
        var bounded = user
        bounded.permissionsBoundaryPolicyId = policy.id
        try tx.insert(bounded)
        try tx.insert(group)
        try tx.addMember(userId: user.id, groupId: group.id, accountId: accountId, at: date)
        try tx.setTags([Tag(key: "k", value: "v")], userId: user.id)
        try tx.save(LoginProfile(userId: user.id, passwordHash: "$argon2id$x", passwordResetRequired: false, passwordChangedAt: date, createdAt: date))
        try tx.appendPasswordHistory(userId: user.id, passwordHash: "$argon2id$y", at: date)
        let keyId = "AKIA" + Fixtures.uniqueID("", accountId).prefix(16)
        try tx.insert(AccessKey(id: keyId, accountId: accountId, owner: .user(id: user.id), createdAt: date), sealedSecret: Fixtures.sealed)
        let serial = "arn:aws:iam::\(accountId):mfa/alice"
        try tx.insert(MFADevice(serialNumber: serial, accountId: accountId, name: "alice", createdAt: date), sealedSeed: Fixtures.sealed)
        try tx.setTags([Tag(key: "k", value: "v")], mfaSerialNumber: serial)
        try tx.attach(policyId: policy.id, to: .user(id: user.id), at: date)
        try tx.attach(policyId: awsPolicy.id, to: .group(id: group.id), at: date)
        try tx.save(InlinePolicy(name: "p", document: "{}", createdAt: date, updatedAt: date), of: .user(id: user.id))
        try tx.save(InlinePolicy(name: "p", document: "{}", createdAt: date, updatedAt: date), of: .group(id: group.id))
        try tx.setAccountAlias("alias-\(accountId)", accountId: accountId, at: date)
        try tx.setPasswordPolicy(PasswordPolicy(), accountId: accountId)
        try tx.saveCredentialReport(accountId: accountId, generatedAt: date, content: Data("report".utf8))
        try tx.appendAuditEvent(Fixtures.auditEvent("CreateUser"))
    }

    @Test func deletesEveryEntityOfTheAccountAndKeepsAuditRootAndOtherAccounts() async throws {
        let store = try Fixtures.store()
        let other = "210987654321"
        try await store.write { tx in
            try tx.save(RootUser(accountId: Fixtures.accountId, email: "root@example.com", passwordHash: nil, createdAt: Fixtures.date))
            try tx.insert(Account(id: other, createdAt: Fixtures.date))
            try Self.populate(tx, accountId: Fixtures.accountId)
            try Self.populate(tx, accountId: other)
        }
        let counts = { @Sendable (table: String) throws -> Int in
            try store.writer.read { db in try Int.fetchOne(db, sql: #"SELECT count(*) FROM "\#(table)""#) ?? 0 }
        }
        let before = try Dictionary(uniqueKeysWithValues: Self.tables.map { ($0, try counts($0)) })
        #expect(before.values.allSatisfy { $0 > 0 })

        try await store.write { tx in try tx.deleteAccountContents(accountId: Fixtures.accountId) }

        for table in Self.tables {
            // The other account keeps its rows; the AWS managed policy and its version stay too.
            let kept = table == "managedPolicy" || table == "managedPolicyVersion" ? 2 : before[table]! / 2
            #expect(try counts(table) == kept, "\(table)")
        }
        #expect(try counts("auditEvent") == 2)
        #expect(try counts("account") == 2)
        #expect(try counts("rootUser") == 1)
        #expect(try await store.read { tx in try tx.verifyAuditChain() } == .intact(eventCount: 2))
    }
}
