import Crypto
import Foundation
import Synchronization

/// Where the service's randomness comes from: IDs, secrets, salts' neighbours, event IDs.
///
/// Production uses the system CSPRNG; tests use ``seeded(_:)`` so IDs and secrets are
/// deterministic and can be asserted exactly.
public struct RandomSource: Sendable {
    private let box: Box

    /// One generator shared by every copy of the source, behind a lock: a seeded one stays one
    /// deterministic sequence, and the system one's buffer serves every call, so a call that
    /// needs a few values does not draw a whole buffer of its own.
    private final class Box: Sendable {
        let isSeeded: Bool
        let seeded: Mutex<SplitMix64>
        let system = Mutex(BufferedSecureRandom())
        init(seed: UInt64?) {
            isSeeded = seed != nil
            seeded = Mutex(SplitMix64(state: seed ?? 0))
        }
    }

    /// The system's cryptographically secure generator.
    public static let system = RandomSource(box: Box(seed: nil))

    /// A deterministic generator, for tests only: its output is predictable.
    public static func seeded(_ seed: UInt64) -> RandomSource { RandomSource(box: Box(seed: seed)) }

    /// Runs `body` with the generator; calls are serialized.
    public func withGenerator<T>(_ body: (inout any RandomNumberGenerator) throws -> T) rethrows -> T {
        box.isSeeded ? try Self.run(box.seeded, body) : try Self.run(box.system, body)
    }

    /// A random (version 4) UUID in lower case, as AWS writes request and event IDs.
    ///
    /// Foundation's `UUID()` opens `/dev/urandom` for every value on Linux, which showed in the
    /// profile of every audited write; two draws from the shared buffer do the same, and the
    /// text is written in place (every served request makes one).
    public func uuidString() -> String {
        var value = box.isSeeded ? box.seeded.withLock { Self.twoWords(&$0) } : box.system.withLock { Self.twoWords(&$0) }
        return withUnsafeMutableBytes(of: &value) { bytes in
            bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
            bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
            return Hex.withDigits(of: UnsafeRawBufferPointer(bytes)) { digits in
                String(unsafeUninitializedCapacity: 36) { text in
                    var count = 0
                    for (index, digit) in digits.enumerated() {
                        if index == 8 || index == 12 || index == 16 || index == 20 {
                            text[count] = UInt8(ascii: "-")
                            count += 1
                        }
                        text[count] = digit
                        count += 1
                    }
                    return count
                }
            }
        }
    }

    /// Two values, in the byte order UUIDs are read in.
    private static func twoWords(_ generator: inout some RandomNumberGenerator) -> (UInt64, UInt64) {
        (generator.next().littleEndian, generator.next().littleEndian)
    }

    /// `body` with the generator in `lock`, as the existential the identifier functions take.
    private static func run<G: RandomNumberGenerator & Sendable, T>(
        _ lock: borrowing Mutex<G>, _ body: (inout any RandomNumberGenerator) throws -> T
    ) rethrows -> T {
        try lock.withLock { generator in
            var erased: any RandomNumberGenerator = generator
            defer { generator = erased as! G }
            return try body(&erased)
        }
    }
}

/// The system's cryptographically secure randomness, drawn 4 KiB at a time.
///
/// `SystemRandomNumberGenerator` makes one `getrandom` system call per 64-bit value, and an access
/// key alone takes 56 values (ID and secret, one per character); a lab of 2,000 keys made that
/// a measurable part of its reset. `getentropy` reads the same kernel source up to 256 bytes a
/// call, so a refill is sixteen calls.
struct BufferedSecureRandom: RandomNumberGenerator {
    private var buffer = [UInt64](repeating: 0, count: 512)
    private var index = 512

    mutating func next() -> UInt64 {
        if index == buffer.count {
            Self.fill(&buffer)
            index = 0
        }
        defer { index += 1 }
        return buffer[index]
    }

    private static func fill(_ buffer: inout [UInt64]) {
        buffer.withUnsafeMutableBytes { bytes in
            for offset in stride(from: 0, to: bytes.count, by: 256) {
                let chunk = UnsafeMutableRawBufferPointer(rebasing: bytes[offset..<min(offset + 256, bytes.count)])
                guard getentropy(chunk.baseAddress, chunk.count) != 0 else { continue }
                // Not expected on any supported system; the standard generator stops the process
                // rather than hand out predictable bytes if the kernel cannot give any.
                var system = SystemRandomNumberGenerator()
                for word in stride(from: 0, to: chunk.count, by: 8) {
                    chunk.storeBytes(of: system.next(), toByteOffset: word, as: UInt64.self)
                }
            }
        }
    }
}

/// SplitMix64: small, fast, and good enough for deterministic test data.
struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
