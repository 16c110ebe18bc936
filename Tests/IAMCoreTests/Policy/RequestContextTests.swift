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
