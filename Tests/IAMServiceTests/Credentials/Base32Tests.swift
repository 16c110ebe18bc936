import Foundation
@testable import IAMService
import Testing

@Suite struct Base32Tests {
    /// RFC 4648 §10 test vectors, with the padding removed.
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"),
        ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI"),
    ]

    @Test(arguments: vectors)
    func encodesAndDecodesRFC4648VectorsWithoutPadding(_ plain: String, _ encoded: String) {
        #expect(Base32.encode(Data(plain.utf8)) == encoded)
        #expect(Base32.decode(encoded) == Data(plain.utf8))
    }

    @Test func fortyByteSeedIsSixtyFourCharactersLikeAWSBase32StringSeed() {
        let encoded = Base32.encode(Data(repeating: 0xA5, count: 40))
        #expect(encoded.count == 64)
        #expect(!encoded.contains("="))
        #expect(encoded.allSatisfy { "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains($0) })
    }

    @Test func decodeAcceptsLowerCaseAndCorrectPadding() {
        #expect(Base32.decode("mzxw6ytboi") == Data("foobar".utf8))
        #expect(Base32.decode("MZXW6===") == Data("foo".utf8))
        #expect(Base32.decode("MY======") == Data("f".utf8))
    }

    @Test(arguments: ["M", "MZX", "MZXW6Y", "MZXW6!", "MZ01", "MZXW8", "MZ", "MY=", "MY======M", "MZXW6== =", " MZXW6"])
    func decodeRejectsInvalidInput(_ text: String) {
        #expect(Base32.decode(text) == nil)
    }

    @Test func randomDataOfEveryLengthRoundTrips() {
        var generator = SeededCredentialGenerator(seed: 32)
        for length in 0...80 {
            let data = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let encoded = Base32.encode(data)
            #expect(encoded.count == (length * 8 + 4) / 5)
            #expect(Base32.decode(encoded) == data)
        }
    }
}
