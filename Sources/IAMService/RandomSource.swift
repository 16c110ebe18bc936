import Foundation
import Synchronization

/// Where the service's randomness comes from: IDs, secrets, salts' neighbours, event IDs.
///
/// Production uses the system CSPRNG; tests use ``seeded(_:)`` so IDs and secrets are
/// deterministic and can be asserted exactly.
public struct RandomSource: Sendable {
    private let box: Box

    private final class Box: Sendable {
        let isSeeded: Bool
        let state: Mutex<SplitMix64>
        init(seed: UInt64?) {
            isSeeded = seed != nil
            state = Mutex(SplitMix64(state: seed ?? 0))
        }
    }

    /// The system's cryptographically secure generator.
    public static let system = RandomSource(box: Box(seed: nil))

    /// A deterministic generator, for tests only: its output is predictable.
    public static func seeded(_ seed: UInt64) -> RandomSource { RandomSource(box: Box(seed: seed)) }

    /// Runs `body` with the generator; calls are serialized for a seeded source.
    public func withGenerator<T>(_ body: (inout any RandomNumberGenerator) throws -> T) rethrows -> T {
        if box.isSeeded {
            return try box.state.withLock { generator in
                var erased: any RandomNumberGenerator = generator
                defer { generator = erased as! SplitMix64 }
                return try body(&erased)
            }
        }
        var system: any RandomNumberGenerator = SystemRandomNumberGenerator()
        return try body(&system)
    }

    /// A random UUID string (event and request IDs).
    public func uuid() -> String {
        withGenerator { generator in
            var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            bytes[6] = (bytes[6] & 0x0F) | 0x40
            bytes[8] = (bytes[8] & 0x3F) | 0x80
            let hex = bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
            let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
                String(hex.dropFirst(range.lowerBound).prefix(range.count))
            }
            return parts.joined(separator: "-")
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

extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
