import Testing

@testable import IAMCore

/// `ForAllValues:` and `ForAnyValue:` (rule 3): ForAllValues is true on a missing key or an empty
/// set, ForAnyValue false; the inner operator may be negated.
@Suite struct SetOperatorTests {
    /// The request's `aws:TagKeys`: `nil` when missing.
    @Test(arguments: [
        ("ForAllValues:StringEquals", ["Dept", "Team"], true),
        ("ForAllValues:StringEquals", ["Dept", "Cost"], false),
        ("ForAllValues:StringEquals", ["Dept"], true),
        ("ForAllValues:StringEquals", [], true),
        ("ForAllValues:StringEquals", nil, true),
        ("ForAnyValue:StringEquals", ["Cost", "Team"], true),
        ("ForAnyValue:StringEquals", ["Cost"], false),
        ("ForAnyValue:StringEquals", [], false),
        ("ForAnyValue:StringEquals", nil, false),
        // Negated inner operator: each (or some) request value matches none of the policy values.
        ("ForAllValues:StringNotEquals", ["Cost", "Owner"], true),
        ("ForAllValues:StringNotEquals", ["Cost", "Team"], false),
        ("ForAllValues:StringNotEquals", nil, true),
        ("ForAnyValue:StringNotEquals", ["Dept", "Team"], false),
        ("ForAnyValue:StringNotEquals", ["Dept", "Cost"], true),
        ("ForAnyValue:StringNotEquals", nil, false),
        ("ForAllValues:StringLike", ["Dept", "Dx"], true),
        ("ForAnyValue:StringNotLike", ["Dept", "Team"], true),
        ("ForAnyValue:StringNotLike", ["Dept", "Dx"], false),
        // IfExists on a missing key is true whatever the qualifier.
        ("ForAnyValue:StringEqualsIfExists", nil, true),
        ("ForAllValues:StringEqualsIfExists", ["Cost"], false),
    ] as [(String, [String]?, Bool)])
    func setQualifierCombinesRequestValues(_ operatorName: String, _ tagKeys: [String]?, _ holds: Bool) throws {
        let policyValues = operatorName.hasSuffix("StringLike") || operatorName.hasSuffix("StringNotLike")
            ? #"["D*"]"# : #"["Dept","Team"]"#
        var context = RequestContext()
        if let tagKeys { context["aws:TagKeys"] = .list(tagKeys) }
        let condition = #"{"\#(operatorName)":{"aws:TagKeys":\#(policyValues)}}"#
        #expect(try PolicyFixture.conditionHolds(condition, context: context) == holds)
    }

    /// A set qualifier on a single-valued key treats it as a one-element set; ForAllValues on an absent
    /// single-valued key is the documented "overly permissive" case.
    @Test(arguments: [("ForAllValues:StringEquals", "us-east-1", true), ("ForAllValues:StringEquals", "eu-west-1", false)])
    func setQualifierOnASingleValuedKeyUsesOneElement(_ operatorName: String, _ region: String, _ holds: Bool) throws {
        let condition = #"{"\#(operatorName)":{"aws:RequestedRegion":"us-east-1"}}"#
        #expect(try PolicyFixture.conditionHolds(condition, context: PolicyFixture.context(["aws:RequestedRegion": region])) == holds)
    }

    /// Pairing ForAllValues with `Null: false` requires the key, as the documentation advises.
    @Test(arguments: [(nil, false), (["Dept"], true), (["Cost"], false)] as [([String]?, Bool)])
    func forAllValuesWithNullFalseRequiresTheKey(_ tagKeys: [String]?, _ holds: Bool) throws {
        var context = RequestContext()
        if let tagKeys { context["aws:TagKeys"] = .list(tagKeys) }
        let condition = #"{"ForAllValues:StringEquals":{"aws:TagKeys":["Dept"]},"Null":{"aws:TagKeys":"false"}}"#
        #expect(try PolicyFixture.conditionHolds(condition, context: context) == holds)
    }
}
