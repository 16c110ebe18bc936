import IAMCore

extension IAMService {
    /// Records a request refused before its operation ran (the policy engine denied it, for
    /// example) as an audit event of this service's caller, with the error it was answered.
    ///
    /// The server calls it for every denied request, reads included, so that auditors see who
    /// tried what. Secret members of `parameters` are redacted as in every event.
    public func recordRefusedRequest(
        _ operation: String, parameters: JSONValue?, resources: [String], readOnly: Bool, error: IAMError
    ) async throws {
        let event = auditEvent(
            operation, draft: AuditDraft(requestParameters: parameters, resources: resources), readOnly: readOnly, error: error)
        _ = try await store.write { tx in try tx.appendAuditEvent(event) }
    }
}
