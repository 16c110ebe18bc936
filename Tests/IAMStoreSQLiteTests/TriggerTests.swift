import Foundation
import GRDB
import IAMCore
import Testing
@testable import IAMStoreSQLite

/// The schema's last line of defence, exercised with plain SQL (no store code in the way).
@Suite struct TriggerTests {
    func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue(configuration: SQLiteAccountStore.configuration())
        try SchemaMigrator.embedded.migrate(queue)
        try queue.write { db throws in
            try db.execute(sql: """
                INSERT INTO "account" VALUES ('123456789012', 'aws', '2025-11-24T16:00:00.000Z');
                INSERT INTO "user"("id", "accountId", "name", "createdAt")
                    VALUES ('AIDAAAAAAAAAAAAAAAAAA', '123456789012', 'bob', '2025-11-24T16:00:00.000Z');
                """)
        }
        return queue
    }

    func insertKey(_ db: Database, _ id: String, userId: String?) throws {
        try db.execute(
            sql: """
                INSERT INTO "accessKey"("id", "accountId", "userId", "sealedSecret", "createdAt")
                VALUES (?, '123456789012', ?, zeroblob(60), '2025-11-24T16:00:00.000Z')
                """, arguments: [id, userId])
    }

    @Test func databaseRefusesAThirdAccessKeyForOneUser() throws {
        let queue = try database()
        try queue.write { db throws in
            try insertKey(db, "AKIAAAAAAAAAAAAAAAA1", userId: "AIDAAAAAAAAAAAAAAAAAA")
            try insertKey(db, "AKIAAAAAAAAAAAAAAAA2", userId: "AIDAAAAAAAAAAAAAAAAAA")
        }
        let error = #expect(throws: DatabaseError.self) {
            try queue.write { db in try insertKey(db, "AKIAAAAAAAAAAAAAAAA3", userId: "AIDAAAAAAAAAAAAAAAAAA") }
        }
        #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER)
        #expect(error?.message == "LimitExceeded: Cannot exceed quota for AccessKeysPerUser: 2")
        #expect(try queue.read { db in try Int.fetchOne(db, sql: #"SELECT count(*) FROM "accessKey""#) } == 2)
    }

    @Test func databaseRefusesAThirdRootAccessKeyButCountsRootApartFromUsers() throws {
        let queue = try database()
        try queue.write { db throws in
            try insertKey(db, "AKIAAAAAAAAAAAAAAAA1", userId: "AIDAAAAAAAAAAAAAAAAAA")
            try insertKey(db, "AKIAAAAAAAAAAAAAAAA2", userId: "AIDAAAAAAAAAAAAAAAAAA")
            try insertKey(db, "AKIAAAAAAAAAAAAAAAR1", userId: nil)
            try insertKey(db, "AKIAAAAAAAAAAAAAAAR2", userId: nil)
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try insertKey(db, "AKIAAAAAAAAAAAAAAAR3", userId: nil) }
        }
    }

    @Test func auditRowsCanBeNeitherUpdatedNorDeleted() throws {
        let queue = try database()
        let store = try SQLiteAccountStore(writer: queue, migrate: false)
        try store.writeSync { tx in _ = try tx.appendAuditEvent(Fixtures.auditEvent("CreateUser")) }
        let update = #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: #"UPDATE "auditEvent" SET "eventName" = 'DeleteUser'"#) }
        }
        #expect(update?.message == "auditEvent rows are append-only")
        let delete = #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: #"DELETE FROM "auditEvent""#) }
        }
        #expect(delete?.message == "auditEvent rows are append-only")
        #expect(try store.readSync { tx in try tx.verifyAuditChain() } == .intact(eventCount: 1))
    }

    @Test func auditRowThatDoesNotExtendTheChainIsRefused() throws {
        let queue = try database()
        let error = #expect(throws: DatabaseError.self) {
            try queue.write { db throws in
                var record = AuditEventRecord(Fixtures.auditEvent("CreateUser"), sequence: 1, previousHash: String(repeating: "a", count: 64))
                record.hash = record.computedHash
                try record.insert(db)
            }
        }
        #expect(error?.message == "auditEvent rows must extend the hash chain")
    }

    @Test func membershipCanOnlyReferenceAUserSoAGroupCannotBeAMember() throws {
        let queue = try database()
        try queue.write { db throws in
            try db.execute(sql: """
                INSERT INTO "group"("id", "accountId", "name", "createdAt") VALUES
                    ('AGPAAAAAAAAAAAAAAAAAA', '123456789012', 'outer', 'x'),
                    ('AGPAAAAAAAAAAAAAAAAAB', '123456789012', 'inner', 'x')
                """)
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db throws in
                try db.execute(sql: """
                    INSERT INTO "groupMembership" VALUES ('123456789012', 'AGPAAAAAAAAAAAAAAAAAB', 'AGPAAAAAAAAAAAAAAAAAA', 'x')
                    """)
            }
        }
    }

    @Test func namesAreUniquePerAccountRegardlessOfCase() throws {
        let queue = try database()
        let error = #expect(throws: DatabaseError.self) {
            try queue.write { db throws in
                try db.execute(sql: """
                    INSERT INTO "user"("id", "accountId", "name", "createdAt") VALUES ('AIDAAAAAAAAAAAAAAAAAB', '123456789012', 'BOB', 'x')
                    """)
            }
        }
        #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE)
    }

    @Test func deletingAUserWithAKeyIsRestricted() throws {
        let queue = try database()
        try queue.write { db in try insertKey(db, "AKIAAAAAAAAAAAAAAAA1", userId: "AIDAAAAAAAAAAAAAAAAAA") }
        let error = #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: #"DELETE FROM "user""#) }
        }
        #expect(error?.resultCode == .SQLITE_CONSTRAINT)
    }
}
