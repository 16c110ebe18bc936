import Foundation
import IAMCore

// The policy simulator and the context-key operations.
//
// Resources, from the Service Authorization Reference (see Operations+Identity.swift):
// SimulatePrincipalPolicy and GetContextKeysForPrincipalPolicy act on the user or group their
// `PolicySourceArn` names; SimulateCustomPolicy and GetContextKeysForCustomPolicy list no resource
// type, so `*`.

extension IAMService {
    static let simulationOperations: [String: OperationHandler] = [
        "SimulatePrincipalPolicy": OperationHandler(
            run: { iam, input in
                try input.refuseResourceSimulation()
                let results = try await iam.simulatePrincipalPolicy(
                    policySourceArn: try input.requiredString("PolicySourceArn"), actionNames: try input.requiredStrings("ActionNames"),
                    resourceArns: input.strings("ResourceArns") ?? [], contextEntries: input.contextEntries(),
                    policyInputList: input.strings("PolicyInputList") ?? [],
                    permissionsBoundaryPolicyInputList: input.strings("PermissionsBoundaryPolicyInputList") ?? [])
                return try IAMService.page(results, input.page()).json("EvaluationResults", \.json)
            },
            resource: ResourceRule { _, input in try input.requiredString("PolicySourceArn") }),
        "SimulateCustomPolicy": OperationHandler(
            run: { iam, input in
                try input.refuseResourceSimulation()
                let results = try await iam.simulateCustomPolicy(
                    policyInputList: try input.requiredStrings("PolicyInputList"), actionNames: try input.requiredStrings("ActionNames"),
                    resourceArns: input.strings("ResourceArns") ?? [], contextEntries: input.contextEntries(),
                    permissionsBoundaryPolicyInputList: input.strings("PermissionsBoundaryPolicyInputList") ?? [])
                return try IAMService.page(results, input.page()).json("EvaluationResults", \.json)
            },
            resource: .any),
        "GetContextKeysForCustomPolicy": OperationHandler(
            run: { iam, input in
                let keys = try await iam.getContextKeysForCustomPolicy(policyInputList: try input.requiredStrings("PolicyInputList"))
                return .object([("ContextKeyNames", .array(keys.map(JSONValue.string)))])
            },
            resource: .any),
        "GetContextKeysForPrincipalPolicy": OperationHandler(
            run: { iam, input in
                let keys = try await iam.getContextKeysForPrincipalPolicy(
                    policySourceArn: try input.requiredString("PolicySourceArn"), policyInputList: input.strings("PolicyInputList") ?? [])
                return .object([("ContextKeyNames", .array(keys.map(JSONValue.string)))])
            },
            resource: ResourceRule { _, input in try input.requiredString("PolicySourceArn") }),
    ]

    /// One page of simulation results, in the order the simulator produced them (actions, then
    /// resources), with a marker that names the position of the last result shown.
    static func page(_ results: [SimulationResult], _ request: PageRequest) throws -> Page<SimulationResult> {
        let numbered = try page(Array(results.enumerated()), request) { String(format: "%010d", $0.offset) }
        return Page(items: numbered.items.map(\.element), nextMarker: numbered.nextMarker)
    }
}

extension OperationInput {
    /// AWS's `ContextEntries` list: `[{"ContextKeyName": …, "ContextKeyValues": […], "ContextKeyType": …}]`.
    /// The model requires nothing inside an entry: one without a name is ignored, as it can match
    /// no condition, and the type defaults to `string`, as the `iamctl` simulate commands read it.
    /// (The model's enum has already refused an unknown type.)
    func contextEntries() -> [SimulationContextEntry] {
        guard case .array(let entries)? = json["ContextEntries"] else { return [] }
        return entries.compactMap { entry in
            guard case .string(let key)? = entry["ContextKeyName"] else { return nil }
            var type = RequestContext.KeyType.string
            if case .string(let name)? = entry["ContextKeyType"], let named = RequestContext.KeyType(rawValue: name) { type = named }
            let values: [String] =
                if case .array(let items)? = entry["ContextKeyValues"] {
                    items.compactMap { if case .string(let text) = $0 { text } else { nil } }
                } else { [] }
            return SimulationContextEntry(key: key, values: values, type: type)
        }
    }

    /// The simulator here evaluates identity policies and permissions boundaries only. A request
    /// that brings a resource-based policy, its owner, a caller for it or a resource scenario
    /// would get answers AWS would not give, so it is refused rather than half simulated.
    ///
    /// - Throws: `InvalidInput` naming the members it cannot honour.
    func refuseResourceSimulation() throws {
        let unsupported = ["ResourcePolicy", "ResourceOwner", "CallerArn", "ResourceHandlingOption"].filter {
            json[$0].map { !$0.isNull } ?? false
        }
        guard unsupported.isEmpty else {
            throw IAMError(
                .invalidInput,
                "IAMStore simulates identity-based policies and permissions boundaries only; "
                    + "\(unsupported.joined(separator: ", ")) cannot be simulated.")
        }
    }
}
