/// A statement with its actions, resources and conditions compiled for repeated evaluation.
///
/// The patterns that can be tested without the request context (actions, resources without policy
/// variables) are also stored flat in the owning ``CompiledPolicy``'s pattern sets; this object is
/// only reached for statements whose action matches.
final class CompiledStatement: Sendable {
    /// What the evaluator needs about a statement before reaching the object: plain values only.
    struct Flags: Sendable {
        var isDeny: Bool
        var actionsNegated: Bool
        var resourcesNegated: Bool
        var hasVariableResources: Bool
        var hasConditions: Bool
        /// A 64-bit Bloom filter of the services named by the action patterns (all bits when a
        /// service part has a wildcard): a request whose service bit is clear cannot match any of them.
        var serviceMask: UInt64
    }

    /// The filter bit of a lower-cased action's service, the text before the first colon.
    @inline(__always)
    static func serviceBit<Bytes: Collection<UInt8>>(ofFoldedAction action: Bytes) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
        for byte in action {
            if byte == UInt8(ascii: ":") { break }
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return 1 << (hash >> 58)
    }

    /// The filter bits of a lower-cased action pattern: one bit for a literal service, all for `*` or `s3*:…`.
    static func serviceMask(ofFoldedPattern pattern: String) -> UInt64 {
        let service = pattern.utf8.prefix { $0 != UInt8(ascii: ":") }
        if service.contains(UInt8(ascii: "*")) || service.contains(UInt8(ascii: "?")) { return ~0 }
        return serviceBit(ofFoldedAction: pattern.utf8)
    }

    let statement: PolicyStatement
    let flags: Flags
    /// Lower-cased action patterns; `*` and `?` are wildcards, the colon is a literal.
    let actionPatterns: [WildcardPattern]
    /// Resource patterns without policy variables.
    let fixedResourcePatterns: [WildcardPattern]
    /// Resource patterns with policy variables, resolved per request.
    let variableResourceTemplates: [PatternTemplate]
    let conditions: [CompiledCondition]
    /// Keys of the policy variables in the resources, as written, with their folded forms.
    let resourceVariableNames: [ContextKeyName]

    init(_ statement: PolicyStatement, recognizesVariables: Bool) {
        self.statement = statement
        // Actions never take policy variables.
        let foldedActions = statement.actions.values.map { $0.lowercased() }
        actionPatterns = foldedActions.map { WildcardPattern(glob: $0) }
        let templates = statement.resources.values.map {
            PatternTemplate($0, mode: .resource, recognizesVariables: recognizesVariables)
        }
        fixedResourcePatterns = templates.compactMap(\.fixed)
        variableResourceTemplates = templates.filter { $0.fixed == nil }
        conditions = statement.conditions.map { CompiledCondition($0, recognizesVariables: recognizesVariables) }
        resourceVariableNames = variableResourceTemplates.flatMap(\.variableKeys).map(ContextKeyName.init)
        flags = Flags(
            isDeny: statement.effect == .deny,
            actionsNegated: statement.actions.isNegated,
            resourcesNegated: statement.resources.isNegated,
            hasVariableResources: !variableResourceTemplates.isEmpty,
            hasConditions: !conditions.isEmpty,
            serviceMask: foldedActions.reduce(0) { $0 | Self.serviceMask(ofFoldedPattern: $1) }
        )
    }

    /// Whether a resource entry with policy variables matches `resource` in `context`.
    ///
    /// An entry whose variable has no value (and no default) matches no resource: in `Resource` it
    /// allows nothing, in `NotResource` it excludes nothing.
    func variableResourcesMatch(_ resource: UnsafeBufferPointer<UInt8>, context: RequestContext) -> Bool {
        variableResourceTemplates.contains { $0.matches(resource, in: context) }
    }
}
