import Foundation
import IAMCore

/// What loading a seed produced: the secrets it generated, to hand out once, and how much it
/// changed. Generated secrets exist only here: the database holds them hashed or sealed, and the
/// audit trail never sees them.
public struct SeedCredentials: Sendable, Hashable {
    /// One generated secret.
    public struct Credential: Sendable, Hashable {
        /// What the secret is.
        public enum Kind: String, Sendable, Hashable {
            case password = "Password"
            case accessKey = "AccessKey"
            case mfaSeed = "MFASeed"
        }

        /// The user's name, or `nil` for the root user.
        public var userName: String?
        public var kind: Kind
        /// The access key ID or the MFA device's serial number; `nil` for a password.
        public var identifier: String?
        /// The password, the secret access key, or the Base32 MFA seed.
        public var secret: SeedSecret

        public init(userName: String?, kind: Kind, identifier: String?, secret: SeedSecret) {
            self.userName = userName
            self.kind = kind
            self.identifier = identifier
            self.secret = secret
        }
    }

    /// The account the seed was loaded into.
    public var accountId: String
    /// Generated secrets, in seed order.
    public var credentials: [Credential]
    /// How many writes the load made; 0 when the database already matched the seed.
    public var changes: Int

    public init(accountId: String, credentials: [Credential] = [], changes: Int = 0) {
        self.accountId = accountId
        self.credentials = credentials
        self.changes = changes
    }

    /// The credentials as JSON, secrets included: for `--output json`, shown once.
    public var json: JSONValue {
        .object([
            "AccountId": .string(accountId), "Changes": .integer(changes),
            "Credentials": .array(
                credentials.map {
                    .object([
                        "UserName": .string($0.userName ?? "root"), "Type": .string($0.kind.rawValue),
                        "Id": $0.identifier.map(JSONValue.string), "Secret": .string($0.secret.reveal()),
                    ])
                }),
        ])
    }
}
