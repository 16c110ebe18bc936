import Testing

@testable import IAMService

@Suite struct RandomSourceTests {
    /// 100 values cross three refills of the 32-value buffer; repeats would mean a buffer reused.
    @Test func systemSourceNeverRepeatsAcrossRefills() {
        var generator = BufferedSecureRandom()
        let values = (0..<100).map { _ in generator.next() }
        #expect(Set(values).count == values.count)
        // Each bit position takes both values somewhere: not a constant or truncated source.
        let ones = values.reduce(UInt64(0)) { $0 | $1 }
        let zeros = values.reduce(UInt64(0)) { $0 | ~$1 }
        #expect(ones == .max && zeros == .max)
    }

    @Test func systemSourceGivesDifferentSecretsEachCall() {
        let first = RandomSource.system.withGenerator { AWSIdentifiers.secretAccessKey(using: &$0) }
        let second = RandomSource.system.withGenerator { AWSIdentifiers.secretAccessKey(using: &$0) }
        #expect(first.count == 40 && second.count == 40 && first != second)
    }
}
