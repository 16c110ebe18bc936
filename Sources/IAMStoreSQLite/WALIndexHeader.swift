import Foundation
import Synchronization

/// What ``ReadCache`` knows of a file's WAL index.
enum WALIndexMapping: Sendable {
    case notYetMapped
    case mapped(WALIndexHeader)
    /// Not in WAL mode, or the `-shm` file could not be mapped.
    case unavailable
}

/// The header of a WAL-mode database's index (its `-shm` file), mapped read-only, from which a
/// reader learns whether anything was committed without taking a lock or making a system call.
///
/// The layout is SQLite's documented file format (https://www.sqlite.org/walformat.html, "The
/// WAL-Index Header"): two 48-byte copies of the header, in native byte order, at offsets 0 and
/// 48. A writer publishes each commit by incrementing `iChange` (offset 8) and writing the second
/// copy, then, after a memory barrier, the first; a reader that loads the first copy, then the
/// second, and finds them equal has a header no writer was halfway through. SQLite's own readers
/// do exactly this before they take a read lock.
///
/// The mapping lives as long as this object; SQLite never shrinks or removes the index while a
/// connection of this process (the store's writer) has the file open.
final class WALIndexHeader: @unchecked Sendable {
    // @unchecked: the mapping is immutable from here (read-only, unmapped only in deinit), and
    // other writers' stores to it are ordered by the protocol above.
    private let base: UnsafeRawPointer
    private static let copySize = 48
    private static let mappedSize = 2 * copySize

    /// Maps the index of the database at `databasePath`; `nil` when it has none (not in WAL
    /// mode) or it is not yet initialized.
    init?(databasePath: String) {
        let descriptor = open(databasePath + "-shm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { _ = Foundation.close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, Int(status.st_size) >= Self.mappedSize else { return nil }
        guard let mapping = mmap(nil, Self.mappedSize, PROT_READ, MAP_SHARED, descriptor, 0), mapping != MAP_FAILED else {
            return nil
        }
        guard Self.changeStamp(at: UnsafeRawPointer(mapping)) != nil else {
            munmap(mapping, Self.mappedSize)
            return nil
        }
        base = UnsafeRawPointer(mapping)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), Self.mappedSize) }

    /// A stamp that changes with every commit to the file (the header's change counter, and the
    /// WAL's salt, which changes when the log restarts); `nil` when a writer is publishing a
    /// commit at this very moment or the index is not initialized.
    func changeStamp() -> Int64? { Self.changeStamp(at: base) }

    private static func changeStamp(at base: UnsafeRawPointer) -> Int64? {
        withUnsafeTemporaryAllocation(byteCount: 2 * copySize, alignment: 8) { copies in
            let first = copies.baseAddress!, second = first + copySize
            first.copyMemory(from: base, byteCount: copySize)
            atomicMemoryFence(ordering: .acquiring)
            second.copyMemory(from: base + copySize, byteCount: copySize)
            let isInitialized = first.load(fromByteOffset: 12, as: UInt8.self) != 0
            guard isInitialized, memcmp(first, second, copySize) == 0 else { return nil }
            let change = first.load(fromByteOffset: 8, as: UInt32.self)
            let salt = first.load(fromByteOffset: 32, as: UInt32.self)
            return Int64(bitPattern: UInt64(salt) << 32 | UInt64(change))
        }
    }
}
