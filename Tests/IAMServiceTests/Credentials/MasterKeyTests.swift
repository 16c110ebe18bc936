import Foundation
import IAMCore
@testable import IAMService
import Testing

@Suite struct MasterKeyTests {
    /// 32 bytes 0x00…0x1F.
    static let knownKeyBase64 = Data(0..<32).base64EncodedString()

    private func permissions(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// Whether a blob sealed under `first` opens under `second`, i.e. the keys are equal.
    private func sameKey(_ first: MasterKey, _ second: MasterKey) throws -> Bool {
        let sealed = try SecretSealer(masterKey: first).seal(Data("probe".utf8), context: "probe")
        return (try? SecretSealer(masterKey: second).open(sealed, context: "probe")) == Data("probe".utf8)
    }

    @Test func base64KeyOfThirtyTwoBytesIsAccepted() throws {
        let key = try MasterKey(base64: Self.knownKeyBase64)
        #expect(key.base64EncodedString == Self.knownKeyBase64)
        #expect(try MasterKey(base64: "  \(Self.knownKeyBase64)\n").base64EncodedString == Self.knownKeyBase64)
    }

    @Test(arguments: ["", "not base64!", Data(count: 16).base64EncodedString(), Data(count: 31).base64EncodedString(), Data(count: 33).base64EncodedString()])
    func base64KeyOfAnyOtherLengthThrowsServiceFailureWithoutEchoingIt(_ text: String) {
        let error = #expect(throws: IAMError.self) { try MasterKey(base64: text) }
        #expect(error?.code == .serviceFailure)
        #expect(error?.message == "The master key is not valid: expected 32 bytes encoded as Base64.")
    }

    @Test func loadOrCreateCreatesAnOwnerOnlyKeyFileAndReturnsTheSameKeyAfterwards() throws {
        let directory = try CredentialsScratchDirectory()
        defer { directory.remove() }
        let path = directory.file("store.sqlite.key")

        let created = try MasterKey.loadOrCreate(at: path)
        #expect(try permissions(path) == 0o600)
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        #expect(Data(base64Encoded: contents.trimmingCharacters(in: .newlines))?.count == 32)
        #expect(contents == created.base64EncodedString + "\n")

        let loaded = try MasterKey.loadOrCreate(at: path)
        #expect(try sameKey(created, loaded))
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["store.sqlite.key"])
    }

    @Test func loadOrCreateReadsAnExistingKeyFile() throws {
        let directory = try CredentialsScratchDirectory()
        defer { directory.remove() }
        let path = directory.file("existing.key")
        try #require(FileManager.default.createFile(
            atPath: path, contents: Data((Self.knownKeyBase64 + "\n").utf8), attributes: [.posixPermissions: 0o600]))
        #expect(try MasterKey.loadOrCreate(at: path).base64EncodedString == Self.knownKeyBase64)
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o610])
    func loadOrCreateRefusesAKeyFileThatGroupOrOthersCanAccess(_ mode: Int) throws {
        let directory = try CredentialsScratchDirectory()
        defer { directory.remove() }
        let path = directory.file("open.key")
        try #require(FileManager.default.createFile(
            atPath: path, contents: Data(Self.knownKeyBase64.utf8), attributes: [.posixPermissions: mode]))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)

        let error = #expect(throws: IAMError.self) { try MasterKey.loadOrCreate(at: path) }
        #expect(error?.code == .serviceFailure)
        #expect(
            error?.message == "The master key file \(path) is accessible by its group or others (mode \(String(mode, radix: 8))); "
                + "restrict it with chmod 600 \(path).")
    }

    @Test func loadOrCreateRefusesAKeyFileWithoutAValidKey() throws {
        let directory = try CredentialsScratchDirectory()
        defer { directory.remove() }
        let path = directory.file("garbage.key")
        try #require(FileManager.default.createFile(atPath: path, contents: Data("hello\n".utf8), attributes: [.posixPermissions: 0o600]))

        let error = #expect(throws: IAMError.self) { try MasterKey.loadOrCreate(at: path) }
        #expect(error?.code == .serviceFailure)
        #expect(error?.message == "The master key file \(path) does not hold a valid key: expected 32 bytes encoded as Base64.")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello\n")  // never overwritten
    }

    @Test func loadOrCreateRefusesADirectory() throws {
        let directory = try CredentialsScratchDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("dir.key"), withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let error = #expect(throws: IAMError.self) { try MasterKey.loadOrCreate(at: directory.file("dir.key")) }
        #expect(error?.code == .serviceFailure)
    }

    @Test func loadOrCreateInAMissingDirectoryThrowsServiceFailure() throws {
        let directory = try CredentialsScratchDirectory()
        defer { directory.remove() }
        let path = directory.file("missing/store.key")
        let error = #expect(throws: IAMError.self) { try MasterKey.loadOrCreate(at: path) }
        #expect(error?.code == .serviceFailure)
        #expect(error?.message.hasPrefix("Could not create the master key file \(path): ") == true)
    }

    @Test func concurrentFirstUsesAllGetTheSameKey() async throws {
        let directory = try CredentialsScratchDirectory()
        defer { directory.remove() }
        let path = directory.file("race.key")
        let keys = try await withThrowingTaskGroup(of: MasterKey.self) { group in
            for _ in 0..<8 {
                group.addTask { try MasterKey.loadOrCreate(at: path) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(keys.count == 8)
        for key in keys {
            #expect(try sameKey(keys[0], key))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["race.key"])
    }

    @Test func resolvePrefersTheEnvironmentVariableAndCreatesNoFile() throws {
        let directory = try CredentialsScratchDirectory()
        defer { directory.remove() }
        let database = directory.file("iam.sqlite")
        let key = try MasterKey.resolve(
            databasePath: database, environment: ["IAMSTORE_MASTER_KEY": Self.knownKeyBase64])
        #expect(key.base64EncodedString == Self.knownKeyBase64)
        #expect(!FileManager.default.fileExists(atPath: database + ".key"))
    }

    @Test func resolveFallsBackToTheKeyFileBesideTheDatabase() throws {
        let directory = try CredentialsScratchDirectory()
        defer { directory.remove() }
        let database = directory.file("iam.sqlite")
        let first = try MasterKey.resolve(databasePath: database, environment: [:])
        #expect(FileManager.default.fileExists(atPath: database + ".key"))
        let second = try MasterKey.resolve(databasePath: database, environment: ["IAMSTORE_MASTER_KEY": ""])
        #expect(try sameKey(first, second))
    }

    @Test func resolveRejectsAnInvalidEnvironmentKeyInsteadOfFallingBack() throws {
        let directory = try CredentialsScratchDirectory()
        defer { directory.remove() }
        let error = #expect(throws: IAMError.self) {
            try MasterKey.resolve(databasePath: directory.file("iam.sqlite"), environment: ["IAMSTORE_MASTER_KEY": "c2hvcnQ="])
        }
        #expect(error?.code == .serviceFailure)
        #expect(!FileManager.default.fileExists(atPath: directory.file("iam.sqlite.key")))
    }

    @Test func keyPrintsAsRedactedEverywhere() throws {
        let key = try MasterKey(base64: Self.knownKeyBase64)
        #expect(key.description == "<redacted>")
        #expect(key.debugDescription == "<redacted>")
        #expect("\(key)" == "<redacted>")
        #expect(String(reflecting: key) == "<redacted>")
        let dump = redactionDump(key)
        #expect(dump.contains("<redacted>"))
        #expect(!dump.contains(Self.knownKeyBase64))
        #expect(!dump.contains("bytes"))
        #expect(Mirror(reflecting: key).children.isEmpty)
    }

    @Test func generatedKeysAreDistinct() throws {
        #expect(try !sameKey(MasterKey.generate(), MasterKey.generate()))
    }
}
