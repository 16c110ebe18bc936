import IAMService

/// What lab mode's `POST /moto-api/reset` can do; pass one as ``IAMQueryAPI/Options/resetLab``.
public enum LabReset {
    /// Empties the account (``IAMService/emptyAccount()``): no users, groups, customer managed
    /// policies or keys; the account ID, its root user and the audit trail stay.
    @Sendable public static func emptyAccount(_ service: IAMService) async throws {
        try await service.emptyAccount()
    }
}
