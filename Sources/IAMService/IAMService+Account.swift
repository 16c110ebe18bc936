import Foundation
import IAMCore

extension IAMService {
    /// Creates an account and its root user, and returns a service acting in it as root.
    ///
    /// The root password is hashed with Argon2id before the transaction starts; the account,
    /// the root user and the `CreateAccount` audit event are written in one transaction.
    ///
    /// - Parameters:
    ///   - accountId: 12 digits; a random one when `nil`.
    /// - Throws: `InvalidInput` for a malformed account ID, email or password;
    ///   `EntityAlreadyExists` when the account exists.
    public static func createAccount(
        in store: any AccountStore, accountId: String? = nil, rootEmail: String, rootPassword: String?,
        masterKey: MasterKey, source: AuditSource = .library, clock: ServiceClock = .system,
        random: RandomSource = .system, passwordHasher: PasswordHasher = PasswordHasher()
    ) async throws -> IAMService {
        let id = accountId ?? random.withGenerator { AWSIdentifiers.accountID(using: &$0) }
        guard Account.isValidID(id) else {
            throw IAMError(.invalidInput, "The account ID \(id) is not valid: it must be exactly 12 digits.")
        }
        guard Self.isPlausibleEmail(rootEmail) else {
            throw IAMError(.invalidInput, "The email address \(rootEmail) is not valid.")
        }
        if let rootPassword { try Self.checkPasswordShape(rootPassword, member: "password") }
        let hash = try rootPassword.map { try passwordHasher.hash($0) }
        let now = clock.now
        let account = Account(id: id, createdAt: now)
        let service = IAMService(
            store: store, account: account, caller: .root(of: account), source: source, clock: clock, random: random,
            passwordHasher: passwordHasher, sealer: SecretSealer(masterKey: masterKey))
        try await service.mutate(
            "CreateAccount", parameters: .object(["AccountId": .string(id), "Email": .string(rootEmail)]),
            resources: [account.rootARN]
        ) { tx, draft in
            try tx.insert(account)
            try Self.installAWSManagedPolicies(in: tx, at: now)
            try tx.save(
                RootUser(
                    accountId: id, email: rootEmail, passwordHash: hash, passwordChangedAt: hash == nil ? nil : now,
                    createdAt: now))
            draft.responseElements = .object([
                "Account": .object(["Id": .string(id), "Arn": .string(account.rootARN)])
            ])
        }
        return service
    }

    /// AWS's `passwordType`: 1–128 characters of U+0009, U+000A, U+000D and U+0020–U+00FF.
    ///
    /// - Throws: `ValidationError` worded like AWS, never echoing the password.
    static func checkPasswordShape(_ password: String, member: String) throws {
        let scalars = password.unicodeScalars
        let allowed = scalars.allSatisfy { [0x09, 0x0A, 0x0D].contains($0.value) || (0x20...0xFF).contains($0.value) }
        guard !scalars.isEmpty, scalars.count <= 128, allowed else {
            let constraint =
                scalars.isEmpty
                ? "Member must have length greater than or equal to 1"
                : scalars.count > 128
                    ? "Member must have length less than or equal to 128"
                    : "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"
            throw IAMError(
                .validationError, "1 validation error detected: Value at '\(member)' failed to satisfy constraint: \(constraint)")
        }
    }

    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !email.contains(where: \.isWhitespace)
            && email.count <= 128
    }
}
