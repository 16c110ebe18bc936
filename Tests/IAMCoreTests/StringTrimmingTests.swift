import Testing

@testable import IAMCore

@Suite struct StringTrimmingTests {
    @Test(arguments: [
        ("  a b  ", "a b"), ("\tx\t", "x"), ("x", "x"), ("", ""), ("   ", ""), (" \n x", "\n x"),
    ])
    func spacesAndTabsGoAtBothEndsOnly(text: String, trimmed: String) {
        #expect(text.trimmingBlanks == trimmed[...])
    }
}
