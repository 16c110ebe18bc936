import Foundation
import GRDB
import IAMCore
import Testing
@testable import IAMStoreSQLite

/// Every migration runs against rows written by the schema before it, and those rows read back
/// through the store afterwards.
@Suite struct MigrationDataTests {
    /// Rows valid for the schema as of each version, in raw SQL (migrations speak only SQL).
    static let fixtures: [Int: String] = [
        1: """
            INSERT INTO "account" VALUES ('123456789012', 'aws', '2025-11-24T16:00:00.000Z');
            INSERT INTO "rootUser" VALUES ('123456789012', 'root@example.com', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', NULL, NULL, '2025-11-24T16:00:00.000Z');
            INSERT INTO "accountAlias" VALUES ('123456789012', 'lab-account', '2025-11-24T16:00:00.000Z');
            INSERT INTO "accountPasswordPolicy"("accountId", "minimumPasswordLength", "requireNumbers") VALUES ('123456789012', 12, 1);
            """,
        2: """
            INSERT INTO "managedPolicy"("id", "accountId", "name", "path", "createdAt", "updatedAt")
                VALUES ('ANPAAAAAAAAAAAAAAAAAA', '123456789012', 'LabRead', '/lab/', '2025-11-24T16:00:00.000Z', '2025-11-24T16:00:00.000Z');
            INSERT INTO "managedPolicyVersion" VALUES ('ANPAAAAAAAAAAAAAAAAAA', 'v1', '{"Version":"2012-10-17","Statement":[]}', 1, '2025-11-24T16:00:00.000Z');
            INSERT INTO "policyTag" VALUES ('ANPAAAAAAAAAAAAAAAAAA', 'team', 'blue');
            """,
        3: """
            INSERT INTO "user"("id", "accountId", "name", "path", "createdAt")
                VALUES ('AIDAAAAAAAAAAAAAAAAAA', '123456789012', 'labuser', '/', '2025-11-24T16:00:00.000Z');
            INSERT INTO "group"("id", "accountId", "name", "path", "createdAt")
                VALUES ('AGPAAAAAAAAAAAAAAAAAA', '123456789012', 'admin', '/', '2025-11-24T16:00:00.000Z');
            INSERT INTO "groupMembership" VALUES ('123456789012', 'AIDAAAAAAAAAAAAAAAAAA', 'AGPAAAAAAAAAAAAAAAAAA', '2025-11-24T16:00:00.000Z');
            INSERT INTO "userTag" VALUES ('AIDAAAAAAAAAAAAAAAAAA', 'location', 'us_va_norfolk');
            INSERT INTO "loginProfile" VALUES ('AIDAAAAAAAAAAAAAAAAAA', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', 0, '2025-11-24T16:00:00.000Z', '2025-11-24T16:00:00.000Z');
            INSERT INTO "groupPolicyAttachment" VALUES ('AGPAAAAAAAAAAAAAAAAAA', 'ANPAAAAAAAAAAAAAAAAAA', '2025-11-24T16:00:00.000Z');
            INSERT INTO "userInlinePolicy" VALUES ('AIDAAAAAAAAAAAAAAAAAA', 'inline', '{"Statement":[]}', '2025-11-24T16:00:00.000Z', '2025-11-24T16:00:00.000Z');
            """,
        4: """
            INSERT INTO "accessKey"("id", "accountId", "userId", "sealedSecret", "createdAt")
                VALUES ('AKIAAAAAAAAAAAAAAAAA', '123456789012', 'AIDAAAAAAAAAAAAAAAAAA', zeroblob(60), '2025-11-24T16:00:00.000Z');
            INSERT INTO "mfaDevice"("serialNumber", "accountId", "name", "sealedSeed", "createdAt")
                VALUES ('arn:aws:iam::123456789012:mfa/labuser', '123456789012', 'labuser', zeroblob(60), '2025-11-24T16:00:00.000Z');
            """,
        5: """
            INSERT INTO "auditEvent"("id", "eventId", "eventTime", "eventName", "source", "recipientAccountId", "identityType",
                "principalId", "principalArn", "requestParameters", "responseElements", "readOnly", "resources", "requestId",
                "previousHash", "hash")
                VALUES (1, 'e1', '2025-11-24T16:00:00.000Z', 'CreateAccessKey', 'cli', '123456789012', 'Root', '123456789012',
                    'arn:aws:iam::123456789012:root', '{"UserName":"labuser"}',
                    '{"AccessKey":{"UserName":"labuser","AccessKeyId":"AKIAAAAAAAAAAAAAAAAA","Status":"Active"}}', 0,
                    '["arn:aws:iam::123456789012:user/labuser"]', 'r1', printf('%064d', 0), printf('%064d', 1));
            INSERT INTO "auditEvent"("id", "eventId", "eventTime", "eventName", "eventSource", "eventType", "source",
                "recipientAccountId", "identityType", "principalId", "principalArn", "userName", "responseElements", "errorMessage",
                "readOnly", "resources", "requestId", "previousHash", "hash")
                VALUES (2, 'e2', '2025-11-24T16:05:00.000Z', 'ConsoleLogin', 'signin.amazonaws.com', 'AwsConsoleSignIn', 'library',
                    '123456789012', 'IAMUser', 'AIDAAAAAAAAAAAAAAAAAA', 'arn:aws:iam::123456789012:user/labuser', 'labuser',
                    '{"ConsoleLogin":"Failure"}', 'Failed authentication', 0, '["arn:aws:iam::123456789012:user/labuser"]', 'r2',
                    printf('%064d', 1), printf('%064d', 2));
            """,
    ]

    @Test(arguments: 2...SchemaMigrator.embedded.latestVersion)
    func migrationKeepsTheRowsWrittenBeforeIt(version: Int) throws {
        let queue = try DatabaseQueue(configuration: SQLiteAccountStore.configuration())
        try SchemaMigrator.embedded.migrate(queue, upTo: version - 1)
        try queue.write { db throws in
            for fixtureVersion in Self.fixtures.keys.sorted() where fixtureVersion < version {
                try db.execute(sql: Self.fixtures[fixtureVersion]!)
            }
        }
        let store = try SQLiteAccountStore(writer: queue)
        try store.readSync { tx throws in
            #expect(try tx.account(id: "123456789012")?.createdAt == Timestamp.date(from: "2025-11-24T16:00:00.000Z"))
            #expect(try tx.rootUser(accountId: "123456789012")?.email == "root@example.com")
            #expect(try tx.accountId(forAlias: "LAB-ACCOUNT") == "123456789012")
            #expect(try tx.passwordPolicy(accountId: "123456789012")?.minimumPasswordLength == 12)
            if version > 2 {
                let policy = try #require(try tx.managedPolicy(named: "labread", accountId: "123456789012"))
                #expect(policy.arn() == "arn:aws:iam::123456789012:policy/lab/LabRead")
                #expect(try tx.defaultPolicyVersion(policyId: policy.id)?.versionId == "v1")
                #expect(try tx.tags(policyId: policy.id) == [Tag(key: "team", value: "blue")])
            }
            if version > 3 {
                let user = try #require(try tx.user(named: "LabUser", accountId: "123456789012"))
                #expect(try tx.tags(userId: user.id) == [Tag(key: "location", value: "us_va_norfolk")])
                #expect(try tx.loginProfile(userId: user.id)?.passwordResetRequired == false)
                #expect(try tx.groups(forUserId: user.id, page: .all).items.map(\.name) == ["admin"])
                #expect(try tx.inlinePolicies(of: .user(id: user.id)).map(\.name) == ["inline"])
                let group = try #require(try tx.group(named: "admin", accountId: "123456789012"))
                #expect(try tx.attachedPolicies(to: .group(id: group.id)).map(\.name) == ["LabRead"])
            }
            if version > 4 {
                let keys = try tx.accessKeys(accountId: "123456789012", owner: .user(id: "AIDAAAAAAAAAAAAAAAAAA"))
                #expect(keys.map(\.id) == ["AKIAAAAAAAAAAAAAAAAA"])
                #expect(try tx.mfaDevice(serialNumber: "arn:aws:iam::123456789012:mfa/labuser")?.owner == nil)
            }
            if version > 5 {
                let events = try tx.auditEvents(matching: AuditEventFilter(), page: .all).items
                #expect(events.map(\.event.eventName) == ["CreateAccessKey", "ConsoleLogin"])
                #expect(events.map(\.hash) == [String(repeating: "0", count: 63) + "1", String(repeating: "0", count: 63) + "2"])
            }
        }
        if version > 6 {
            // The count starts from the users already there and follows inserts and deletes.
            try queue.write { db throws in
                #expect(try Int.fetchOne(db, sql: #"SELECT "count" FROM "userCount""#) == 1)
                try db.execute(sql: #"INSERT INTO "user"("id", "accountId", "name", "createdAt") VALUES ('AIDABBBBBBBBBBBBBBBBB', '123456789012', 'second', '2025-11-24T16:00:00.000Z')"#)
                #expect(try Int.fetchOne(db, sql: #"SELECT "count" FROM "userCount""#) == 2)
                try db.execute(sql: #"DELETE FROM "user" WHERE "id" = 'AIDABBBBBBBBBBBBBBBBB'"#)
                #expect(try Int.fetchOne(db, sql: #"SELECT "count" FROM "userCount""#) == 1)
            }
        }
        if version > 5 {
            // The views read the rows written before them.
            try queue.read { db throws in
                let change = try Row.fetchAll(db, sql: #"SELECT "eventName", "actor", "userName" FROM "auditUserChange""#)
                #expect(change == [["eventName": "CreateAccessKey", "actor": "root", "userName": "labuser"]])
                let signIn = try Row.fetchAll(db, sql: #"SELECT "userName", "result", "errorMessage" FROM "auditSignIn""#)
                #expect(signIn == [["userName": "labuser", "result": "Failure", "errorMessage": "Failed authentication"]])
                let keyEvent = try Row.fetchAll(db, sql: #"SELECT "action", "accessKeyId", "userName" FROM "auditAccessKeyEvent""#)
                #expect(keyEvent == [["action": "Created", "accessKeyId": "AKIAAAAAAAAAAAAAAAAA", "userName": "labuser"]])
                let key = try Row.fetchAll(db, sql: #"SELECT "accessKeyId", "lastUsedAt", "status" FROM "auditAccessKey""#)
                #expect(key == [["accessKeyId": "AKIAAAAAAAAAAAAAAAAA", "lastUsedAt": nil, "status": "Active"]])
            }
        }
    }
}
