import Foundation
import IAMCore

extension IAMService {
    /// Sets the account password policy.
    ///
    /// AWS has no partial updates: every parameter left out reverts to its default (minimum
    /// length 6, nothing required, users may not change their password, no expiry, reuse allowed).
    ///
    /// - Throws: `ValidationError` for out-of-range values (length 6–128, age 1–1095, reuse 1–24).
    public func updateAccountPasswordPolicy(
        minimumPasswordLength: Int? = nil, requireSymbols: Bool? = nil, requireNumbers: Bool? = nil,
        requireUppercaseCharacters: Bool? = nil, requireLowercaseCharacters: Bool? = nil,
        allowUsersToChangePassword: Bool? = nil, maxPasswordAge: Int? = nil, passwordReusePrevention: Int? = nil,
        hardExpiry: Bool? = nil
    ) async throws {
        var policy = PasswordPolicy()
        policy.minimumPasswordLength = minimumPasswordLength ?? 6
        policy.requireSymbols = requireSymbols ?? false
        policy.requireNumbers = requireNumbers ?? false
        policy.requireUppercaseCharacters = requireUppercaseCharacters ?? false
        policy.requireLowercaseCharacters = requireLowercaseCharacters ?? false
        policy.allowUsersToChangePassword = allowUsersToChangePassword ?? false
        policy.maxPasswordAge = maxPasswordAge
        policy.passwordReusePrevention = passwordReusePrevention
        policy.hardExpiry = hardExpiry ?? false
        try checkPasswordPolicy(policy)
        let accountId = account.id
        let newPolicy = policy
        try await mutate("UpdateAccountPasswordPolicy", parameters: Self.json(policy)) { tx, _ in
            try tx.setPasswordPolicy(newPolicy, accountId: accountId)
        }
    }

    /// `UpdateAccountPasswordPolicy`'s input checks (lengths 6–128, ages 1–1095, reuse 1–24),
    /// shared with seed files.
    ///
    /// - Throws: `ValidationError`.
    func checkPasswordPolicy(_ policy: PasswordPolicy) throws {
        try validate(
            "UpdateAccountPasswordPolicy",
            [
                "MinimumPasswordLength": .integer(policy.minimumPasswordLength),
                "RequireSymbols": .boolean(policy.requireSymbols), "RequireNumbers": .boolean(policy.requireNumbers),
                "RequireUppercaseCharacters": .boolean(policy.requireUppercaseCharacters),
                "RequireLowercaseCharacters": .boolean(policy.requireLowercaseCharacters),
                "AllowUsersToChangePassword": .boolean(policy.allowUsersToChangePassword),
                "MaxPasswordAge": .optional(policy.maxPasswordAge),
                "PasswordReusePrevention": .optional(policy.passwordReusePrevention),
                "HardExpiry": .boolean(policy.hardExpiry),
            ])
    }

    /// The account password policy.
    ///
    /// - Throws: `NoSuchEntity` "The Password Policy with domain name ACCOUNT cannot be found."
    ///   when none is set.
    public func getAccountPasswordPolicy() async throws -> PasswordPolicy {
        let accountId = account.id
        return try await query("GetAccountPasswordPolicy") { tx in
            guard let policy = try tx.passwordPolicy(accountId: accountId) else { throw IAMError.noPasswordPolicy(accountId) }
            return policy
        }
    }

    /// Removes the account password policy.
    ///
    /// - Throws: `NoSuchEntity` "The Password Policy with domain name ACCOUNT cannot be found."
    ///   when none is set.
    public func deleteAccountPasswordPolicy() async throws {
        let accountId = account.id
        try await mutate("DeleteAccountPasswordPolicy") { tx, _ in
            guard try tx.passwordPolicy(accountId: accountId) != nil else { throw IAMError.noPasswordPolicy(accountId) }
            try tx.setPasswordPolicy(nil, accountId: accountId)
        }
    }

    /// The policy as AWS's `PasswordPolicy` response shape; `MaxPasswordAge` and
    /// `PasswordReusePrevention` appear only when set, as AWS omits them.
    public static func json(_ policy: PasswordPolicy) -> JSONValue {
        .object([
            "MinimumPasswordLength": .integer(policy.minimumPasswordLength),
            "RequireSymbols": .bool(policy.requireSymbols),
            "RequireNumbers": .bool(policy.requireNumbers),
            "RequireUppercaseCharacters": .bool(policy.requireUppercaseCharacters),
            "RequireLowercaseCharacters": .bool(policy.requireLowercaseCharacters),
            "AllowUsersToChangePassword": .bool(policy.allowUsersToChangePassword),
            "ExpirePasswords": .bool(policy.expirePasswords),
            "MaxPasswordAge": policy.maxPasswordAge.map { .integer($0) },
            "PasswordReusePrevention": policy.passwordReusePrevention.map { .integer($0) },
            "HardExpiry": .bool(policy.hardExpiry),
        ])
    }
}

// MARK: - Applying the policy

extension PasswordPolicy {
    /// The symbols AWS counts for `RequireSymbols`: ``! @ # $ % ^ & * ( ) _ + - = [ ] { } | '``.
    static let symbols = Set("!@#$%^&*()_+-=[]{}|'".unicodeScalars)

    /// The first rule `password` breaks, worded as AWS's `PasswordPolicyViolation` message, or `nil`.
    ///
    /// Only the first violation is reported: length, then uppercase, lowercase, number, symbol.
    func violation(of password: String) -> String? {
        let scalars = password.unicodeScalars
        if scalars.count < minimumPasswordLength {
            return "Password should have a minimum length of \(minimumPasswordLength)"
        }
        if requireUppercaseCharacters, !scalars.contains(where: { ("A"..."Z").contains($0) }) {
            return "Password should have at least one uppercase letter"
        }
        if requireLowercaseCharacters, !scalars.contains(where: { ("a"..."z").contains($0) }) {
            return "Password should have at least one lowercase letter"
        }
        if requireNumbers, !scalars.contains(where: { ("0"..."9").contains($0) }) {
            return "Password should have at least one number"
        }
        if requireSymbols, !scalars.contains(where: Self.symbols.contains) {
            return "Password should have at least one symbol"
        }
        return nil
    }

    /// When a password set at `changedAt` expires, or `nil` when passwords never expire.
    func expiry(ofPasswordChangedAt changedAt: Date) -> Date? {
        maxPasswordAge.map { changedAt.addingTimeInterval(TimeInterval($0) * 86_400) }
    }
}

extension IAMError {
    /// "The Password Policy with domain name ACCOUNT cannot be found."
    static func noPasswordPolicy(_ accountId: String) -> IAMError {
        IAMError(.noSuchEntity, "The Password Policy with domain name \(accountId) cannot be found.")
    }

    static func passwordPolicyViolation(_ message: String) -> IAMError {
        IAMError(.passwordPolicyViolation, message)
    }

    /// Reuse prevention's message.
    static func passwordReused(_ count: Int) -> IAMError {
        IAMError(.passwordPolicyViolation, "Password should not be one of your \(count) previous passwords")
    }
}
