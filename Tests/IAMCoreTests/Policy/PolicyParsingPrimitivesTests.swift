import Testing

@testable import IAMCore

/// The internal parsers and matchers the evaluator is built on.
@Suite struct PolicyParsingPrimitivesTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0),
        ("2020-01-01", 1_577_836_800),
        ("2020-01-01T00:00:00+01:00", 1_577_833_200),
        ("2020-01-01T00:00:00-05:30", 1_577_856_600),
        ("2020-02-29T12:30:15.25Z", 1_582_979_415.25),
        // Without `T` or `-` a value is epoch seconds, even when it looks like a year.
        ("2020", 2020),
        ("2020-03", 1_583_020_800),
        ("1577836800", 1_577_836_800),
        ("0", 0),
        ("1969-12-31T23:59:59Z", -1),
    ])
    func datesParseToEpochSeconds(_ text: String, _ seconds: Double) {
        #expect(PolicyDate.secondsSince1970(text) == seconds)
    }

    @Test(arguments: ["", "sdfdsf", "2020-13-01", "2020-01-32", "2020-01-01T24:00:00Z", "2020-01-01T10:60", "2020-01-01T10:00:00Zx", "1.5", "2020-01-01T10:00:00+5"])
    func malformedDatesAreRejected(_ text: String) {
        #expect(PolicyDate.secondsSince1970(text) == nil)
    }

    @Test(arguments: [
        ("10.0.0.0/8", "10.255.1.2", true),
        ("10.0.0.0/8", "11.0.0.1", false),
        ("0.0.0.0/0", "192.0.2.1", true),
        ("192.0.2.1", "192.0.2.1", true),
        ("192.0.2.0/31", "192.0.2.1", true),
        ("192.0.2.0/32", "192.0.2.1", false),
        ("::/0", "2001:db8::1", true),
        ("2001:db8::/32", "2001:db8:ffff::1", true),
        ("2001:db8::/33", "2001:db8:8000::1", false),
        ("::ffff:192.0.2.0/120", "::ffff:192.0.2.77", true),
        ("fe80::1", "fe80:0:0:0:0:0:0:1", true),
        ("2001:db8::1/128", "2001:db8::2", false),
    ])
    func cidrBlocksContainAddresses(_ block: String, _ address: String, _ contained: Bool) throws {
        let range = try #require(IPAddressRange(block))
        let parsed = try #require(IPAddressRange(address))
        #expect(range.contains(parsed) == contained)
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.256", "1.2.3.4/33", "1.2.3.4/", "::1/129", "1:2:3:4:5:6:7:8:9", "1::2::3", "gggg::1", "a.b.c.d"])
    func malformedAddressesAreRejected(_ text: String) {
        #expect(IPAddressRange(text) == nil)
    }

    @Test(arguments: [
        ("a*b*c", "axxbyyc", true),
        ("a*b*c", "axxbyy", false),
        ("*", "", true),
        ("", "", true),
        ("", "a", false),
        ("a?c", "abc", true),
        ("a?c", "ac", false),
        ("a?c", "aéc", true),
        ("*?", "", false),
        ("**a", "ba", true),
        ("a*", "a", true),
        ("abc", "abd", false),
    ])
    func globPatternsMatchWholeValues(_ pattern: String, _ value: String, _ matches: Bool) {
        #expect(WildcardPattern(glob: pattern).matches(value) == matches)
    }

    /// Segment-bounded tokens (resource ARNs' first five fields) go through the automaton.
    @Test(arguments: [
        ([UInt16]("a".utf8.map(UInt16.init)) + [WildcardPattern.segmentRun] + "b".utf8.map(UInt16.init), "axxb", true),
        ([UInt16]("a".utf8.map(UInt16.init)) + [WildcardPattern.segmentRun] + "b".utf8.map(UInt16.init), "ax:xb", false),
        ([WildcardPattern.segmentOne], ":", false),
        ([WildcardPattern.segmentOne], "é", true),
        ([WildcardPattern.segmentRun, WildcardPattern.anyRun], "a:b", true),
    ])
    func segmentTokensDoNotCrossColons(_ tokens: [UInt16], _ value: String, _ matches: Bool) {
        #expect(WildcardPattern(tokens: tokens).matches(value) == matches)
    }

    @Test(arguments: [
        #"{"a":1,"a":2}"#,
        #"{"a":01}"#,
        #"{"a":1.}"#,
        #"{"a":"\x"}"#,
        #"{"a":"\ud800"}"#,
        #"{"a":tru}"#,
        #"{"a":1} x"#,
        "{\"a\":\"line\nbreak\"}",
        #"{'a':1}"#,
        "",
    ])
    func invalidJSONIsRejected(_ text: String) {
        #expect(PolicyJSONParser.parse(text) == nil)
    }

    @Test func jsonKeepsMemberOrderNumberTextAndOffsets() throws {
        let text = #" {"b":[1.50,true,null],"a":{"x":"\u00e9\ud83d\ude00"}} "#
        guard case .object(let root)? = PolicyJSONParser.parse(text) else {
            Issue.record("not an object")
            return
        }
        #expect(root.keys == ["b", "a"])
        #expect(root["b"] == .array([.number("1.50"), .bool(true), .null]))
        guard case .object(let inner)? = root["a"] else {
            Issue.record("not an object")
            return
        }
        #expect(inner["x"] == .string("é😀"))
        #expect(root.startOffset == 1)
        #expect(root.endOffset == text.utf8.count - 2)
    }
}
