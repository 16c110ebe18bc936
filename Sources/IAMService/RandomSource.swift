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
    /// profile of every audited write; two draws from the shared buffer do the same.
    public func uuidString() -> String {
        var bytes = withGenerator { generator in
            let (high, low) = (generator.next(), generator.next())
            return (0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? high : low) >> (8 * UInt64($0 % 8))) }
        }
        bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
        bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
        var text = Array(Hex.encode(bytes).utf8)
        for dash in [20, 16, 12, 8] { text.insert(UInt8(ascii: "-"), at: dash) }
        return String(decoding: text, as: UTF8.self)
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
/// a measurable part of its reset. swift-crypto's key generation draws from the same kernel
/// source through BoringSSL's generator.
struct BufferedSecureRandom: RandomNumberGenerator {
    private var buffer: [UInt64] = []
    private var index = 0

    mutating func next() -> UInt64 {
        if index == buffer.count {
            buffer = SymmetricKey(size: SymmetricKeySize(bitCount: 32_768)).withUnsafeBytes { bytes in
                (0..<bytes.count / 8).map { bytes.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) }
            }
            index = 0
        }
        defer { index += 1 }
        return buffer[index]
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
