import Foundation

/// RFC 4648 Base32 (alphabet `A–Z2–7`), written without `=` padding as AWS writes
/// `Base32StringSeed`: a 40-byte MFA seed becomes exactly 64 characters.
public enum Base32 {
    /// The RFC 4648 §6 alphabet.
    public static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Encodes `data` without padding.
    public static func encode(_ data: Data) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((data.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bitCount = 0
        for byte in data {
            buffer = (buffer << 8) | UInt32(byte)
            bitCount += 8
            while bitCount >= 5 {
                bitCount -= 5
                output.append(alphabet[Int((buffer >> UInt32(bitCount)) & 0x1F)])
            }
        }
        if bitCount > 0 {
            output.append(alphabet[Int((buffer << UInt32(5 - bitCount)) & 0x1F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes unpadded Base32; lower-case letters are accepted as authenticator apps do, and so
    /// is correct trailing `=` padding.
    ///
    /// - Returns: `nil` for a character outside the alphabet, a length no encoder produces
    ///   (1, 3 or 6 characters past a multiple of 8), wrong padding, or non-zero leftover bits
    ///   (which would make two strings decode to the same bytes).
    public static func decode(_ string: String) -> Data? {
        var characters = Array(string.utf8)
        if let firstPad = characters.firstIndex(of: UInt8(ascii: "=")) {
            guard characters.count % 8 == 0, characters[firstPad...].allSatisfy({ $0 == UInt8(ascii: "=") })
            else { return nil }
            characters.removeSubrange(firstPad...)
        }
        guard ![1, 3, 6].contains(characters.count % 8) else { return nil }
        var output = Data()
        output.reserveCapacity(characters.count * 5 / 8)
        var buffer: UInt32 = 0
        var bitCount = 0
        for character in characters {
            guard let value = value(of: character) else { return nil }
            buffer = (buffer << 5) | UInt32(value)
            bitCount += 5
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8((buffer >> UInt32(bitCount)) & 0xFF))
            }
        }
        guard buffer & ((1 << UInt32(bitCount)) - 1) == 0 else { return nil }
        return output
    }

    private static func value(of character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a")
        case UInt8(ascii: "2")...UInt8(ascii: "7"): character - UInt8(ascii: "2") + 26
        default: nil
        }
    }
}
