import Foundation
import IAMCore

/// Lookups and checks every operation shares.
extension IAMService {
    /// Validates an operation's input against botocore's IAM model (lengths, patterns, enums,
    /// ranges, required members) before anything is read or written.
    ///
    /// - Throws: `ValidationError` worded like AWS, listing every violation; sensitive members
    ///   (passwords) are never echoed.
    func validate(_ operation: String, _ members: [String: ModelValue?]) throws {
        try IAMModel.validate(operation: operation, members.compactMapValues { $0 })
    }

    /// The user named `name` in this account, whatever its case.
    ///
    /// - Throws: `NoSuchEntity` "The user with name X cannot be found."
    func existingUser(_ name: String, in tx: any StoreReading) throws -> User {
        guard let user = try tx.user(named: name, accountId: account.id) else { throw IAMError.noSuchUser(named: name) }
        return user
    }

    /// The group named `name` in this account, whatever its case.
    ///
    /// - Throws: `NoSuchEntity` "The group with name X cannot be found."
    func existingGroup(_ name: String, in tx: any StoreReading) throws -> Group {
        guard let group = try tx.group(named: name, accountId: account.id) else { throw IAMError.noSuchGroup(named: name) }
        return group
    }

    /// The principal for the IAM user named `userName` in this account, to act as that user with
    /// ``acting(as:source:)`` (for example so a trainer can call `ChangePassword` for a user
    /// whose old password they know). Nothing is authenticated here: the operation performed
    /// as that user does its own checks.
    ///
    /// - Throws: `ValidationError` for a malformed name; `NoSuchEntity` when the user does not exist.
    public func principal(forUserNamed userName: String) async throws -> Principal {
        try validate("GetUser", ["UserName": .string(userName)])
        let user = try await store.read { tx in try existingUser(userName, in: tx) }
        return Principal(account: account, kind: .user(user))
    }

    /// The credential owner an optional `UserName` designates: the named user, or the caller
    /// when it is omitted (the root user for the CLI), as AWS does for access keys and MFA.
    func credentialOwner(userName: String?, in tx: any StoreReading) throws -> (owner: CredentialOwner, user: User?) {
        if let userName {
            let user = try existingUser(userName, in: tx)
            return (.user(id: user.id), user)
        }
        switch caller.kind {
        case .root: return (.root, nil)
        case .user(let user): return (.user(id: user.id), user)
        }
    }
}

extension ModelValue {
    /// `.string(value)` or `nil`, for optional members.
    static func optional(_ value: String?) -> ModelValue? { value.map { .string($0) } }
    /// `.integer(value)` or `nil`, for optional members.
    static func optional(_ value: Int?) -> ModelValue? { value.map { .integer($0) } }
    /// AWS's `Tags` list.
    static func tags(_ tags: [Tag]?) -> ModelValue? {
        tags.map { .list($0.map { .structure(["Key": .string($0.key), "Value": .string($0.value)]) }) }
    }
}
