/// RFC 3986 percent-encoding, as SigV4 and the `otpauth` label need it.
package enum PercentEncoding {
    /// Encodes every UTF-8 byte except the unreserved characters `A–Z a–z 0–9 - . _ ~` and the
    /// bytes in `alsoKeeping`, as upper-case `%XX`.
    package static func encode(_ text: some StringProtocol, alsoKeeping: Set<UInt8> = []) -> String {
        // Most names and values (every SigV4 parameter an SDK sends) need nothing encoded.
        if text.utf8.allSatisfy({ isUnreserved($0) || alsoKeeping.contains($0) }) { return String(text) }
        var result: [UInt8] = []
        for byte in text.utf8 {
            if isUnreserved(byte) || alsoKeeping.contains(byte) {
                result.append(byte)
            } else {
                result.append(UInt8(ascii: "%"))
                result.append(upperHex[Int(byte >> 4)])
                result.append(upperHex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Replaces each valid `%XX` with its byte; `+` stays `+`, and a `%` not followed by two hex
    /// digits is kept literally. Invalid UTF-8 becomes U+FFFD.
    package static func decode(_ text: some StringProtocol) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                result.append(high << 4 | low)
                index += 3
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
             UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static let upperHex = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
