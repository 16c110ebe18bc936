import Testing

@testable import IAMService

/// Equal bytes compare equal and any difference (or length) does not, whether the bytes are
/// contiguous or not.
@Suite struct ConstantTimeTests {
    @Test(arguments: [
        ("abc", "abc", true), ("abc", "abd", false), ("abc", "ab", false), ("", "", true), ("é", "é", true), ("é", "e", false),
    ])
    func bytesCompare(lhs: String, rhs: String, equal: Bool) {
        #expect(ConstantTime.equals(lhs, rhs) == equal)
        #expect(ConstantTime.equals(Array(lhs.utf8), Array(rhs.utf8)) == equal)
        // Not contiguous: a lazily mapped view.
        #expect(ConstantTime.equals(lhs.utf8.lazy.map { $0 }, rhs.utf8.lazy.map { $0 }) == equal)
    }
}
