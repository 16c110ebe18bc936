/// Decides a request against one principal's identity-based policies and permissions boundary.
///
/// The order is IAM's for a single account (IAM User Guide, policy evaluation logic):
/// 1. a `Deny` statement that applies, in any identity policy or in the boundary → `explicitDeny`,
///    even when nothing allows the request;
/// 2. no `Allow` statement of the identity policies applies → `implicitDeny`;
/// 3. a boundary is set and none of its `Allow` statements applies → `implicitDeny` (a boundary never
///    grants: effective permissions are the intersection);
/// 4. otherwise → `allowed`.
///
/// A statement applies when its action part, its resource part and all its conditions hold. The
/// order of policies and statements does not matter. The root user is the caller's concern.
public enum PolicyEvaluator {
    /// Evaluates `request`.
    ///
    /// - Parameters:
    ///   - request: The action, resource and context.
    ///   - identityPolicies: Every policy of the principal: user inline and managed, and those of each
    ///     of its groups, evaluated as one set.
    ///   - permissionsBoundary: The boundary's policies, or `nil` when the principal has none. An empty
    ///     array is a boundary that allows nothing.
    /// - Returns: The decision with the statements behind it and the context keys that were missing.
    public static func evaluate(
        request: AuthorizationRequest,
        identityPolicies: [CompiledPolicy],
        permissionsBoundary: [CompiledPolicy]?
    ) -> EvaluationResult {
        var scan = Scan()
        request.foldedAction.withUnsafeBufferPointer { action in
            request.resourceBytes.withUnsafeBufferPointer { resource in
                scan.run(identityPolicies, isBoundary: false, action: action, serviceBit: request.serviceBit, resource: resource, context: request.context)
                if let permissionsBoundary {
                    scan.run(permissionsBoundary, isBoundary: true, action: action, serviceBit: request.serviceBit, resource: resource, context: request.context)
                }
            }
        }

        let decision: EvaluationResult.Decision
        let matched: [StatementReference]
        if !scan.denies.isEmpty {
            decision = .explicitDeny
            matched = scan.denies
        } else if !scan.identityAllows {
            decision = .implicitDeny
            matched = []
        } else if permissionsBoundary != nil && !scan.boundaryAllows {
            decision = .implicitDeny
            matched = []
        } else {
            decision = .allowed
            matched = scan.allows
        }
        return EvaluationResult(
            decision: decision,
            matches: matched,
            missingKeys: scan.missingKeys,
            permissionsBoundaryDecision: permissionsBoundary.map { _ in
                EvaluationResult.PermissionsBoundaryDecision(
                    allowedByPermissionsBoundary: scan.boundaryAllows && !scan.boundaryDenies
                )
            }
        )
    }

    /// What one pass over the policies found.
    private struct Scan {
        var denies: [StatementReference] = []
        var allows: [StatementReference] = []
        var identityAllows = false
        var boundaryAllows = false
        var boundaryDenies = false
        /// Missing keys in order of first use.
        var missingKeys: [ContextKeyName] = []

        mutating func run(
            _ policies: [CompiledPolicy],
            isBoundary: Bool,
            action: UnsafeBufferPointer<UInt8>,
            serviceBit: UInt64,
            resource: UnsafeBufferPointer<UInt8>,
            context: RequestContext
        ) {
            let actionPrefix = PatternSet.prefixWord(of: action)
            let resourcePrefix = PatternSet.prefixWord(of: resource)
            for policyIndex in policies.indices {
                // Plain pointers into the policy's table: `policies` keeps every compiled policy, and so
                // its table, alive for the whole call, and reading them costs no reference counting.
                let table = policies[policyIndex].storage.tableView
                let patterns = table.patterns
                let flags = table.flags
                for index in 0..<flags.count {
                    let flag = flags[index]
                    // Most statements stop here, without touching a reference-counted object: when the
                    // service filter rules out every listed pattern, `Action` fails and `NotAction` holds.
                    let listed = flag.serviceMask & serviceBit != 0
                        && patterns.anyMatches(inGroup: 2 * index, action, prefix: actionPrefix)
                    guard listed != flag.actionsNegated else { continue }
                    var resourceListed = patterns.anyMatches(inGroup: 2 * index + 1, resource, prefix: resourcePrefix)
                    if flag.hasVariableResources {
                        let statement = policies[policyIndex].storage.statements[index]
                        noteMissing(statement.resourceVariableNames, in: context)
                        if !resourceListed {
                            resourceListed = statement.variableResourcesMatch(resource, context: context)
                        }
                    }
                    guard resourceListed != flag.resourcesNegated else { continue }
                    if flag.hasConditions {
                        guard conditionsHold(policies[policyIndex].storage.statements[index], context: context) else { continue }
                    }
                    let reference = StatementReference(policy: policies[policyIndex].storage, index: index)
                    if flag.isDeny {
                        if denies.isEmpty { denies.reserveCapacity(8) }
                        denies.append(reference)
                        if isBoundary { boundaryDenies = true }
                    } else {
                        if allows.isEmpty { allows.reserveCapacity(8) }
                        allows.append(reference)
                        if isBoundary { boundaryAllows = true } else { identityAllows = true }
                    }
                }
            }
        }

        /// Whether every condition of a statement whose action and resource match holds.
        ///
        /// Every condition key is looked up once, to note missing keys, even after a condition fails.
        private mutating func conditionsHold(_ statement: CompiledStatement, context: RequestContext) -> Bool {
            var applies = true
            for index in statement.conditions.indices {
                let condition = statement.conditions[index]
                let entry = context.entry(for: condition.contextKey)
                if entry == nil { noteMissing(condition.name) }
                if !condition.variableNames.isEmpty { noteMissing(condition.variableNames, in: context) }
                if applies { applies = condition.holds(entry: entry, in: context) }
            }
            return applies
        }

        private mutating func noteMissing(_ names: [ContextKeyName], in context: RequestContext) {
            for name in names where context.entry(for: name.key) == nil {
                noteMissing(name)
            }
        }

        private mutating func noteMissing(_ name: ContextKeyName) {
            for noted in missingKeys where noted === name || noted.key == name.key { return }
            missingKeys.append(name)
        }
    }
}
