import Foundation

/// One condition with its policy values parsed once: patterns, numbers, instants, CIDR blocks.
///
/// Semantics (IAM User Guide, condition operators and multivalued keys):
/// - a missing key (or one with no values) makes positive operators false and negated ones true,
///   every `…IfExists` true, `ForAllValues:` true and `ForAnyValue:` false; `Null` tests presence;
/// - several policy values combine as OR for positive operators and NOR for negated ones;
/// - `ForAllValues:` needs every request value to satisfy the operator, `ForAnyValue:` one;
/// - a plain operator on a multivalued key (unspecified by AWS) is read the same way: a positive
///   operator holds if some request value matches, a negated one if no request value matches;
/// - a policy value that cannot be read (a malformed number, date or CIDR, or a policy variable with
///   no value) matches no request value.
final class CompiledCondition: Sendable {
    /// The operator family, which says which of the value arrays below is used. The arrays are plain
    /// stored properties rather than enum payloads so that reading them costs no copy.
    private enum Kind: Sendable {
        case strings, arns, numbers, booleans, binaries, addresses, presence
    }

    let conditionOperator: ConditionOperator
    /// The key as written in the policy.
    let key: String
    /// The key folded for context lookups.
    let contextKey: ContextKey
    /// The key with its spelling, for `MissingContextValues`.
    let name: ContextKeyName
    /// Keys of the policy variables in the values.
    let variableNames: [ContextKeyName]
    private let kind: Kind
    /// String operators: the values without policy variables, stored flat as one group.
    private let fixedStrings: PatternSet?
    /// String operators: the values with policy variables; ARN operators: every value.
    private let templates: [PatternTemplate]
    /// IgnoreCase operators fold the request value to lower case (the policy values already are).
    private let foldsCase: Bool
    /// ARN operators: the components of each template without variables, compiled.
    private let arnComponents: [[WildcardPattern]?]
    /// Numeric operators: the numbers; Date operators: seconds since 1970.
    private let numbers: [Double?]
    /// Bool: whether a policy value is `true` and whether one is `false` (in any case).
    private let acceptsTrue: Bool
    private let acceptsFalse: Bool
    /// Bool: policy values other than `true`/`false`, in lower case; BinaryEquals: the values as written.
    private let texts: [String]
    /// BinaryEquals: the decoded values.
    private let binaries: [Data?]
    /// IpAddress, NotIpAddress.
    private let addresses: [IPAddressRange?]
    /// Null: `true` (key must be absent), `false` (present), or `nil` for any other value.
    private let presence: [Bool?]

    init(_ condition: PolicyCondition, recognizesVariables: Bool) {
        conditionOperator = condition.conditionOperator
        key = condition.key
        name = ContextKeyName(condition.key)
        contextKey = name.key
        let variables = recognizesVariables && conditionOperator.base.acceptsPolicyVariables
        var variableKeys: [String] = []
        if variables {
            for value in condition.values {
                variableKeys += PolicyVariableText(value, recognizesVariables: true).variableKeys
            }
        }
        variableNames = variableKeys.map(ContextKeyName.init)
        let values = condition.values
        var fixedStrings: PatternSet?
        var templates: [PatternTemplate] = []
        var foldsCase = false
        var arnComponents: [[WildcardPattern]?] = []
        var numbers: [Double?] = []
        var texts: [String] = []
        var acceptsTrue = false
        var acceptsFalse = false
        var binaries: [Data?] = []
        var addresses: [IPAddressRange?] = []
        var presence: [Bool?] = []
        switch conditionOperator.base {
        case .stringEquals, .stringNotEquals, .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase, .stringLike,
            .stringNotLike:
            kind = .strings
            foldsCase = [.stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase].contains(conditionOperator.base)
            let mode: PatternTemplate.Mode = [.stringLike, .stringNotLike].contains(conditionOperator.base) ? .glob : .literal
            let all = values.map { PatternTemplate($0, mode: mode, recognizesVariables: variables, lowercased: foldsCase) }
            fixedStrings = PatternSet(groups: [all.compactMap(\.fixed)])
            templates = all.filter { $0.fixed == nil }
        case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike:
            kind = .arns
            templates = values.map { PatternTemplate($0, mode: .glob, recognizesVariables: variables) }
            arnComponents = templates.map { $0.fixed.map { Self.arnComponents($0.tokens) } }
        case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan,
            .numericGreaterThanEquals:
            kind = .numbers
            numbers = values.map(PolicyNumber.parse)
        case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            kind = .numbers
            numbers = values.map(PolicyDate.secondsSince1970)
        case .bool:
            kind = .booleans
            for value in values.map({ $0.lowercased() }) {
                switch value {
                case "true": acceptsTrue = true
                case "false": acceptsFalse = true
                default: texts.append(value)
                }
            }
        case .binaryEquals:
            kind = .binaries
            texts = values
            binaries = values.map { Data(base64Encoded: $0) }
        case .ipAddress, .notIpAddress:
            kind = .addresses
            addresses = values.map(IPAddressRange.init)
        case .null:
            kind = .presence
            presence = values.map { text in
                switch text.lowercased() {
                case "true": true
                case "false": false
                default: nil
                }
            }
        }
        self.fixedStrings = fixedStrings
        self.templates = templates
        self.foldsCase = foldsCase
        self.arnComponents = arnComponents
        self.numbers = numbers
        self.texts = texts
        self.acceptsTrue = acceptsTrue
        self.acceptsFalse = acceptsFalse
        self.binaries = binaries
        self.addresses = addresses
        self.presence = presence
    }

    /// Whether the condition holds, given the key's entry already looked up in `context`.
    func holds(entry: RequestContext.Entry?, in context: RequestContext) -> Bool {
        let count = entry?.value.values.count ?? 0

        if kind == .presence {
            let present = count > 0
            if conditionOperator.ifExists && !present { return true }
            return presence.contains { expectation in
                expectation.map { $0 ? !present : present } ?? false
            }
        }

        guard let entry, count > 0 else {
            if conditionOperator.ifExists { return true }
            switch conditionOperator.setQualifier {
            case .forAllValues: return true
            case .forAnyValue: return false
            case nil: return conditionOperator.base.isNegated
            }
        }

        // The operator applied to one request value is "matches a policy value", negated for the
        // negated operators (OR over the policy values, or NOR).
        let negated = conditionOperator.base.isNegated
        switch conditionOperator.setQualifier {
        case .forAllValues:
            for index in 0..<count where matchesAnyPolicyValue(entry, index, in: context) == negated { return false }
            return true
        case .forAnyValue:
            for index in 0..<count where matchesAnyPolicyValue(entry, index, in: context) != negated { return true }
            return false
        case nil:
            if count == 1 { return matchesAnyPolicyValue(entry, 0, in: context) != negated }
            // Positive: some request value matches. Negated: no request value matches.
            for index in 0..<count where matchesAnyPolicyValue(entry, index, in: context) { return !negated }
            return negated
        }
    }

    /// Whether request value `index` of `entry` matches at least one policy value under the operator's
    /// base comparison (equality for the negated operators: `StringNotEquals` compares like `StringEquals`).
    private func matchesAnyPolicyValue(_ entry: RequestContext.Entry, _ index: Int, in context: RequestContext) -> Bool {
        let requestValue = entry.value.values[index]
        switch kind {
        case .strings:
            var subject = foldsCase ? requestValue.lowercased() : requestValue
            return subject.withUTF8 { bytes in
                if let fixedStrings, fixedStrings.anyMatches(inGroup: 0, bytes, prefix: PatternSet.prefixWord(of: bytes)) {
                    return true
                }
                for template in templates where template.matches(bytes, in: context) { return true }
                return false
            }
        case .arns:
            for (template, fixedComponents) in zip(templates, arnComponents) {
                guard let components = fixedComponents ?? template.tokens(in: context).map(Self.arnComponents) else { continue }
                if Self.arnMatches(components, requestValue) { return true }
            }
            return false
        case .numbers:
            let isDate = conditionOperator.base.isDate
            let parsed: Double?
            if let cached = isDate ? entry.instants : entry.numbers {
                parsed = cached[index]
            } else {
                parsed = isDate ? PolicyDate.secondsSince1970(requestValue) : PolicyNumber.parse(requestValue)
            }
            guard let parsed else { return false }
            for case let number? in numbers where compare(parsed, number) { return true }
            return false
        case .booleans:
            switch Self.booleanValue(requestValue) {
            case true?: if acceptsTrue { return true }
            case false?: if acceptsFalse { return true }
            case nil: break
            }
            return !texts.isEmpty && texts.contains(requestValue.lowercased())
        case .binaries:
            let requestData = Data(base64Encoded: requestValue)
            for (policyData, policyText) in zip(binaries, texts) {
                if let policyData, let requestData {
                    if policyData == requestData { return true }
                } else if policyText == requestValue {
                    return true
                }
            }
            return false
        case .addresses:
            let parsed = if let cached = entry.addresses { cached[index] } else { IPAddressRange(requestValue) }
            guard let address = parsed else { return false }
            for case let range? in addresses where range.contains(address) { return true }
            return false
        case .presence:
            return false
        }
    }

    /// `true` or `false` for those words in any case, else `nil`; reads bytes without allocating.
    private static func booleanValue(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            func matches(_ word: StaticString) -> Bool {
                guard bytes.count == word.utf8CodeUnitCount else { return false }
                for index in 0..<bytes.count where bytes[index] | 0x20 != word.utf8Start[index] { return false }
                return true
            }
            if matches("true") { return true }
            if matches("false") { return false }
            return nil
        }
    }

    /// Orders a request value against a policy value for the Numeric and Date operators.
    private func compare(_ request: Double, _ policy: Double) -> Bool {
        switch conditionOperator.base {
        case .numericLessThan, .dateLessThan: request < policy
        case .numericLessThanEquals, .dateLessThanEquals: request <= policy
        case .numericGreaterThan, .dateGreaterThan: request > policy
        case .numericGreaterThanEquals, .dateGreaterThanEquals: request >= policy
        default: request == policy  // …Equals and …NotEquals
        }
    }

    /// Splits an `ArnLike`/`ArnEquals` pattern into its colon-delimited components, each matched
    /// separately so that a `*` never crosses a colon between components (IAM User Guide, ARN
    /// condition operators). The sixth component is everything after the fifth colon.
    static func arnComponents(_ patternTokens: [UInt16]) -> [WildcardPattern] {
        var components: [[UInt16]] = [[]]
        for token in patternTokens {
            if token == UInt16(UInt8(ascii: ":")) && components.count < 6 {
                components.append([])
            } else {
                components[components.count - 1].append(token)
            }
        }
        return components.map(WildcardPattern.init(tokens:))
    }

    /// Whether an ARN matches a pattern's components: the value is split at its first colons into as
    /// many components. A pattern with fewer than six components (such as `*` or `arn:aws:s3:*`, a
    /// judgement call: AWS documents only six-component patterns) matches its last component against
    /// the rest of the value; a value with fewer components than the pattern does not match.
    static func arnMatches(_ components: [WildcardPattern], _ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            var start = 0
            for (offset, component) in components.enumerated() {
                var end = bytes.count
                if offset < components.count - 1 {
                    guard let colon = bytes[start...].firstIndex(of: UInt8(ascii: ":")) else { return false }
                    end = colon
                }
                guard component.matches(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return false }
                start = end + 1
            }
            return true
        }
    }
}
