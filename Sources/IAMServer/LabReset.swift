import IAMService

/// What lab mode's `POST /moto-api/reset` can do; pass one as ``IAMQueryAPI/Options/resetLab``.
public enum LabReset {
    /// Empties the account (``IAMService/emptyAccount()``): no users, groups, customer managed
    /// policies or keys; the account ID, its root user and the audit trail stay.
    @Sendable public static func emptyAccount(_ service: IAMService) async throws {
        try await service.emptyAccount()
    }

    /// Resets the account to `seed` (``IAMService/resetLab(to:)``), all or nothing. Secrets the
    /// seed leaves to be generated are made anew and not shown: pin them in seeds served this way.
    public static func seed(_ seed: LabSeed) -> @Sendable (IAMService) async throws -> Void {
        { service in _ = try await service.resetLab(to: seed) }
    }
}
