import Foundation
import Testing

@testable import IAMCore

/// The ASCII table that decides `[CLASS]+` patterns without ICU agrees with ICU itself.
@Suite struct PatternFastPathTests {
    static let repeatedClasses: [String] = {
        var patterns: Set<String> = []
        for service in ModelService.allCases {
            for shape in IAMModel.shapes(in: service) {
                if let pattern = shape.pattern, pattern.hasPrefix("["), pattern.hasSuffix("]+") || pattern.hasSuffix("]*") {
                    patterns.insert(pattern)
                }
            }
        }
        return patterns.sorted()
    }()

    @Test func theModelHasRepeatedClassPatterns() {
        #expect(Self.repeatedClasses.contains(#"[\w+=,.@-]+"#))
        #expect(Self.repeatedClasses.count >= 10)
    }

    @Test(arguments: repeatedClasses)
    func everyASCIIValueGetsTheRegularExpressionsAnswer(pattern: String) throws {
        guard case .success(let regex) = PatternCache.shared.regex(forJava: pattern) else {
            Issue.record("\(pattern) does not compile")
            return
        }
        var generator = SystemRandomNumberGenerator()
        var values = ["", " ", "a", "Z9", "bob@example.com", "a b", "tab\there", "new\nline", "/division/", "\u{7F}", "é"]
        values += (0..<300).map { _ in
            String(decoding: (0..<Int.random(in: 1...6, using: &generator)).map { _ in UInt8.random(in: 0...127, using: &generator) }, as: UTF8.self)
        }
        for value in values {
            let range = NSRange(value.startIndex..<value.endIndex, in: value)
            let expected = regex.firstMatch(in: value, options: [], range: range) != nil
            #expect(PatternCache.shared.matches(value, javaPattern: pattern) == expected, "\(pattern) on \(value.debugDescription)")
        }
    }
}
