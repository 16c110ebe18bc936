import Testing

@testable import IAMCore

/// A value's type tag only decides when it is parsed, never how it compares.
@Suite struct ContextValueTypeTests {
    @Test(arguments: [
        (#"{"IpAddress":{"k:v":"10.0.0.0/8"}}"#, "10.1.2.3", true),
        (#"{"NumericLessThan":{"k:v":"10"}}"#, "9", true),
        (#"{"DateLessThan":{"k:v":"2020-01-01T00:00:00Z"}}"#, "2019-12-31T00:00:00Z", true),
        (#"{"IpAddress":{"k:v":"10.0.0.0/8"}}"#, "not an address", false),
    ])
    func typedAndUntypedValuesCompareAlike(_ condition: String, _ value: String, _ holds: Bool) throws {
        let types: [RequestContext.KeyType] = [.string, .ip, .numeric, .date]
        for type in types {
            var context = RequestContext()
            context["k:v"] = .single(value, type: type)
            #expect(try PolicyFixture.conditionHolds(condition, context: context) == holds, "type \(type)")
        }
    }
}
