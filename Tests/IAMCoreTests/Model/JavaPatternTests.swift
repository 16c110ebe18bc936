import Foundation
import Testing

@testable import IAMCore

@Suite struct JavaPatternTests {
    @Test func everyPatternInTheModelsCompiles() throws {
        var patterns: Set<String> = []
        for service in ModelService.allCases {
            for shape in IAMModel.shapes(in: service) {
                if let pattern = shape.pattern { patterns.insert(pattern) }
            }
        }
        #expect(patterns.count > 30)
        for pattern in patterns.sorted() {
            let result = PatternCache.shared.regex(forJava: pattern)
            if case .failure(let error) = result {
                Issue.record("\(pattern): \(error)")
            }
        }
    }

    @Test(arguments: [
        (#"[\w+=,.@-]+"#, #"\A(?:[a-zA-Z_0-9+=,.@-]+)\z"#),
        (#"\d{12}"#, #"\A(?:[0-9]{12})\z"#),
        (#"[:\w]+"#, #"\A(?:[\:a-zA-Z_0-9]+)\z"#),
        (#"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)"#, #"\A(?:(\u002F)|(\u002F[\u0021-\u007E]+\u002F))\z"#),
        (#"[\p{L}\p{Z}\p{N}_.:/=+\-@]*"#, #"\A(?:[\p{L}\p{Z}\p{N}_.:/=+\-@]*)\z"#),
    ])
    func javaShorthandsBecomeASCIIAndTheWholeValueIsAnchored(java: String, icu: String) throws {
        #expect(try JavaPattern.icuPattern(fromJava: java) == icu)
    }

    @Test(arguments: [#"[\W]"#, #"\p{Alpha}"#, #"\Qa.b\E"#, "abc\\"])
    func constructsWithoutAFaithfulTranslationAreRefused(java: String) {
        #expect(throws: JavaPattern.UnsupportedConstruct.self) {
            try JavaPattern.icuPattern(fromJava: java)
        }
    }

    @Test(arguments: [
        (#"[\w+=,.@-]+"#, "bob.smith@example.com", true),
        (#"[\w+=,.@-]+"#, "bób", false),  // Java's \w is ASCII
        (#"[\w+=,.@-]+"#, "bob\n", false),  // matches() takes the whole value, final newline too
        (#"[:\w]+"#, "aws:username", true),
        (#"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)"#, "/", true),
        (#"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)"#, "/eng", false),
        (#"[\p{L}\p{Z}\p{N}_.:/=+\-@]+"#, "Zürich 東京 ٣", true),
        (#"[\p{L}\p{Z}\p{N}_.:/=+\-@]+"#, "a*b", false),
        (#"^o-[0-9a-z]{10,32}\/r-[0-9a-z]{4,32}[0-9a-z-\/]*"#, "o-abcdefghij/r-ab12/ou-ab12-x/", true),
        (#"[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+"#, "arn:aws:iam::123456789012:role/r", true),
    ])
    func translatedPatternsMatchAsJavaDoes(java: String, value: String, matches: Bool) {
        #expect(PatternCache.shared.matches(value, javaPattern: java) == matches)
    }

    @Test func theCacheCompilesEachPatternOnceAndIsSafeAcrossTasks() async {
        let cache = PatternCache()
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask { cache.matches(index.isMultiple(of: 2) ? "bob" : "b b", javaPattern: #"[\w+=,.@-]+"#) }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count(where: { $0 }) == 32)
        guard case .success(let first) = cache.regex(forJava: #"[\w+=,.@-]+"#),
              case .success(let second) = cache.regex(forJava: #"[\w+=,.@-]+"#)
        else {
            Issue.record("the pattern did not compile")
            return
        }
        #expect(first === second)
    }
}
