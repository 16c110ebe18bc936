import Foundation
import GRDB
import IAMCore
@testable import IAMStoreSQLite

/// Fixed instants and rows shared by the store tests.
enum Fixtures {
    static let accountId = "123456789012"
    static let date = Date(timeIntervalSince1970: 1_764_000_000)
    static let account = Account(id: accountId, createdAt: date)

    static func user(_ name: String, id: String? = nil, path: String = "/") -> User {
        User(id: id ?? uniqueID("AIDA", name), accountId: accountId, name: name, path: path, createdAt: date)
    }

    static func group(_ name: String) -> Group {
        Group(id: uniqueID("AGPA", name), accountId: accountId, name: name, createdAt: date)
    }

    /// A valid 21-character unique ID derived from a name, so tests can predict it.
    static func uniqueID(_ prefix: String, _ name: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var hash: UInt64 = 1_469_598_103_934_665_603
        for byte in name.lowercased().utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        var suffix = ""
        for _ in 0..<17 {
            suffix.append(alphabet[Int(hash % 32)])
            hash = hash / 32 &+ 0x9E37_79B9_7F4A_7C15
        }
        return prefix + suffix
    }

    static func accessKey(_ id: String, owner: CredentialOwner) -> AccessKey {
        AccessKey(id: id, accountId: accountId, owner: owner, createdAt: date)
    }

    static let sealed = Data(repeating: 7, count: 60)

    /// A migrated in-memory store holding the fixture account.
    static func store() throws -> SQLiteAccountStore {
        let store = try SQLiteAccountStore.inMemory()
        try store.writeSync { tx in try tx.insert(account) }
        return store
    }

    static func auditEvent(_ name: String, resources: [String] = []) -> AuditEvent {
        AuditEvent(
            eventId: UUID().uuidString, eventTime: date, eventName: name, source: .library, recipientAccountId: accountId,
            userIdentity: AuditIdentity(type: .root, principalId: accountId, arn: account.rootARN),
            requestParameters: #"{"UserName":"bob"}"#, readOnly: false, resources: resources, requestId: UUID().uuidString)
    }
}

/// A temporary directory removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("iamstore-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
