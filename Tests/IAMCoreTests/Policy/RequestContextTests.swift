import Testing

@testable import IAMCore

@Suite struct RequestContextTests {
    @Test func keysAreCaseInsensitive() {
        var context = RequestContext()
        context["aws:PrincipalTag/Team"] = .single("blue")
        #expect(context["AWS:PRINCIPALTAG/TEAM"] == .single("blue"))
        context["aws:principaltag/team"] = .single("red")
        #expect(context["aws:PrincipalTag/Team"] == .single("red"))
        #expect(context.keys == ["aws:principaltag/team"])
    }

    @Test func settingNilRemovesTheKey() {
        var context = RequestContext(["a:b": .single("1"), "c:d": .list(["x", "y"])])
        context["A:B"] = nil
        #expect(context["a:b"] == nil)
        #expect(context["c:d"] == .list(["x", "y"]))
        #expect(context.keys == ["c:d"])
    }

    @Test func mergeAddsAndReplacesKeysWhateverTheirCase() throws {
        var context = RequestContext(["aws:username": .single("bob"), "aws:SourceIp": .single("10.0.0.1", type: .ip)])
        let original = context
        let supplied = RequestContext(["AWS:SOURCEIP": .single("192.0.2.7", type: .ip), "aws:RequestedRegion": .single("eu-west-1")])
        context.merge(supplied)
        #expect(context["aws:sourceip"] == .single("192.0.2.7", type: .ip))
        #expect(context["aws:requestedregion"] == .single("eu-west-1") && context["aws:username"] == .single("bob"))
        #expect(context.keys.count == 3)
        // The parsed address came along: an IP condition still matches after the merge.
        let address = try #require(context.entry(for: ContextKey("aws:SourceIp"))?.addresses?.first ?? nil)
        #expect(IPAddressRange("192.0.2.0/24")?.contains(address) == true)
        #expect(original["aws:SourceIp"] == .single("10.0.0.1", type: .ip), "the copy merged into was changed")
    }

    @Test func manyKeysRemainReachable() {
        var context = RequestContext()
        for index in 0..<100 { context["k:\(index)"] = .single("\(index)") }
        #expect((0..<100).allSatisfy { context["K:\($0)"] == .single("\($0)") })
        #expect(context["k:100"] == nil)
    }

    @Test func equalityIgnoresOrderAndKeyCase() {
        var first = RequestContext()
        first["a:x"] = .single("1")
        first["b:y"] = .single("2", type: .numeric)
        var second = RequestContext()
        second["B:Y"] = .single("2", type: .numeric)
        second["A:X"] = .single("1")
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        second["a:x"] = .single("other")
        #expect(first != second)
    }

    @Test(arguments: RequestContext.KeyType.allCases)
    func listTypesAreMultivalued(_ type: RequestContext.KeyType) {
        #expect(type.isList == type.rawValue.hasSuffix("List"))
    }

    @Test func emptyValueListBehavesAsAMissingKey() throws {
        var context = RequestContext()
        context["aws:TagKeys"] = .list([])
        #expect(try PolicyFixture.conditionHolds(#"{"Null":{"aws:TagKeys":"true"}}"#, context: context))
        #expect(try !PolicyFixture.conditionHolds(#"{"ForAnyValue:StringLike":{"aws:TagKeys":"*"}}"#, context: context))
    }
}
