import Foundation

/// Lower-case hexadecimal, the encoding SigV4 uses for digests and signatures.
package enum Hex {
    /// The lower-case hex form of `bytes` (a digest, an authentication code, an array), read in place.
    package static func encode(_ bytes: some ContiguousBytes) -> String {
        withDigits(of: bytes) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the lower-case hex digits of `bytes`, written on the stack: every signed
    /// request hex-encodes two digests, and a signature is compared without making a string.
    package static func withDigits<Result>(of bytes: some ContiguousBytes, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        bytes.withUnsafeBytes { raw in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: raw.count * 2) { digits in
                for (index, byte) in raw.enumerated() {
                    digits[2 * index] = digit(byte >> 4)
                    digits[2 * index + 1] = digit(byte & 0x0F)
                }
                return body(UnsafeBufferPointer(digits))
            }
        }
    }

    private static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") - 10 + value
    }

    /// Whether `string` is exactly `count` lower-case hex digits.
    static func isLowercaseHex(_ string: some StringProtocol, count: Int) -> Bool {
        let utf8 = string.utf8
        return utf8.count == count && utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
