import Crypto
import Foundation
import IAMCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The 256-bit AES key that seals access-key secrets and MFA seeds at rest.
///
/// It comes from the `IAMSTORE_MASTER_KEY` environment variable (Base64) or from a key file
/// beside the database (``resolve(databasePath:environment:)``). The key never prints: its
/// `description`, `debugDescription` and `dump` all show `<redacted>`.
public struct MasterKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The environment variable that, when set, supplies the key as Base64 and wins over the file.
    public static let environmentVariable = "IAMSTORE_MASTER_KEY"
    /// The suffix appended to the database path to name the key file.
    public static let fileSuffix = ".key"
    /// Key length in bytes (AES-256).
    public static let byteCount = 32

    // Raw bytes rather than a `SymmetricKey`, which swift-crypto does not mark `Sendable`.
    private let bytes: [UInt8]

    private init(bytes: some ContiguousBytes) {
        self.bytes = bytes.withUnsafeBytes { Array($0) }
    }

    /// The key in the form swift-crypto takes.
    var symmetricKey: SymmetricKey { SymmetricKey(data: bytes) }

    /// Decodes a key from standard Base64 (surrounding whitespace ignored).
    ///
    /// - Throws: `ServiceFailure` unless the text decodes to exactly 32 bytes. The message never
    ///   repeats the text, which may be a real key with a typo.
    public init(base64: String) throws {
        let trimmed = base64.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: trimmed), data.count == Self.byteCount else {
            throw IAMError(
                .serviceFailure,
                "The master key is not valid: expected \(Self.byteCount) bytes encoded as Base64.")
        }
        self.init(bytes: data)
    }

    /// A new random key from the system's secure generator.
    public static func generate() -> MasterKey {
        MasterKey(bytes: SymmetricKey(size: .bits256))
    }

    /// The key as Base64, the form written to the key file.
    var base64EncodedString: String {
        Data(bytes).base64EncodedString()
    }

    /// The key from `IAMSTORE_MASTER_KEY` when that variable is set and not empty, else from the
    /// file `databasePath + ".key"`, created on first use.
    ///
    /// - Throws: `ServiceFailure` when the variable or the file does not hold a valid key, or the
    ///   file cannot be created or is readable by its group or others.
    public static func resolve(databasePath: String, environment: [String: String]) throws -> MasterKey {
        if let encoded = environment[environmentVariable],
           !encoded.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return try MasterKey(base64: encoded)
        }
        return try loadOrCreate(at: databasePath + fileSuffix)
    }

    /// Reads the key file at `path`, or creates it with a new random key when it does not exist.
    ///
    /// A new file is written in full under a temporary name opened with
    /// `O_CREAT | O_EXCL` and mode `0600`, then linked into place, so no other process ever sees a
    /// partial key, and two processes racing to create it end up sharing the winner's key.
    ///
    /// - Throws: `ServiceFailure` when an existing file is not a regular file, has any group or
    ///   other permission bit set (the fix, `chmod 600`, is in the message), or does not hold a
    ///   Base64 key; or when the file cannot be read or created.
    public static func loadOrCreate(at path: String) throws -> MasterKey {
        if let existing = try load(at: path) {
            return existing
        }
        let key = generate()
        let temporaryPath = path + ".tmp-\(UInt64.random(in: .min ... .max))"
        try writeNewFile(at: temporaryPath, contents: key.base64EncodedString + "\n", reportingAs: path)
        defer { unlink(temporaryPath) }
        if link(temporaryPath, path) == 0 {
            syncDirectory(containing: path)
            return key
        }
        let linkError = errno
        if linkError == EEXIST, let winner = try load(at: path) {
            return winner
        }
        throw fileError("create", path, linkError)
    }

    /// The key in the file at `path`, or `nil` when there is no such file.
    private static func load(at path: String) throws -> MasterKey? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let openError = errno
            if openError == ENOENT { return nil }
            throw fileError("read", path, openError)
        }
        defer { close(descriptor) }

        // fstat on the open descriptor, not stat on the path, so the file checked is the one read.
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw fileError("read", path, errno) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw IAMError(.serviceFailure, "The master key file \(path) is not a regular file.")
        }
        let permissions = status.st_mode & 0o777
        guard permissions & 0o077 == 0 else {
            throw IAMError(
                .serviceFailure,
                "The master key file \(path) is accessible by its group or others (mode \(String(permissions, radix: 8))); "
                    + "restrict it with chmod 600 \(path).")
        }

        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while contents.count <= 4096 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw fileError("read", path, errno)
            }
            if count == 0 { break }
            contents += buffer[0..<count]
        }
        do {
            return try MasterKey(base64: String(decoding: contents, as: UTF8.self))
        } catch {
            throw IAMError(
                .serviceFailure,
                "The master key file \(path) does not hold a valid key: expected \(byteCount) bytes encoded as Base64.")
        }
    }

    private static func writeNewFile(at path: String, contents: String, reportingAs reportedPath: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw fileError("create", reportedPath, errno) }
        var bytes = Array(contents.utf8)
        defer {
            // The buffer held the key; clear it before it goes back to the allocator.
            for index in bytes.indices { bytes[index] = 0 }
        }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let writeError = errno
                close(descriptor)
                unlink(path)
                throw fileError("write", reportedPath, writeError)
            }
            written += count
        }
        let syncFailed = fsync(descriptor) != 0
        let syncError = errno
        close(descriptor)
        if syncFailed {
            unlink(path)
            throw fileError("write", reportedPath, syncError)
        }
    }

    /// Makes the new directory entry durable; failure only weakens durability, so it is ignored.
    private static func syncDirectory(containing path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func fileError(_ verb: String, _ path: String, _ code: Int32) -> IAMError {
        IAMError(.serviceFailure, "Could not \(verb) the master key file \(path): \(String(cString: strerror(code))).")
    }

    /// `<redacted>`: the key never prints.
    public var description: String { "<redacted>" }
    /// `<redacted>`: the key never prints.
    public var debugDescription: String { "<redacted>" }
    /// A mirror with no children, so `dump` shows nothing of the key.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
