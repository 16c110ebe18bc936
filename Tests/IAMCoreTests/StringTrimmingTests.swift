import Testing

@testable import IAMCore

@Suite struct StringTrimmingTests {
    @Test(arguments: [
        ("  a b  ", "a b"), ("\tx\t", "x"), ("x", "x"), ("", ""), ("   ", ""), (" \n x", "\n x"),
    ])
    func spacesAndTabsGoAtBothEndsOnly(text: String, trimmed: String) {
        #expect(text.trimmingBlanks == trimmed[...])
    }

    @Test(arguments: [
        ("a&b=1&&c", ["a", "b=1", "c"]), ("&&", []), ("", []), ("one", ["one"]), ("é&ü", ["é", "ü"]), ("&x&", ["x"]),
    ])
    func componentsSkipEmptyRuns(text: String, components: [String]) {
        var seen: [String] = []
        Substring(text).forEachComponent(separatedBy: UInt8(ascii: "&")) { seen.append(String($0)) }
        #expect(seen == components)
        // The same runs as the standard library's split.
        #expect(seen == text.split(separator: "&").map(String.init))
    }
}
