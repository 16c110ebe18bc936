/// Lower-case hexadecimal, the encoding SigV4 uses for digests and signatures.
package enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// The lower-case hex form of `bytes`.
    package static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var result: [UInt8] = []
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether `string` is exactly `count` lower-case hex digits.
    static func isLowercaseHex(_ string: String, count: Int) -> Bool {
        let utf8 = string.utf8
        return utf8.count == count && utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
