import Foundation
import IAMCore

/// A lab described in a seed file: the account, its root user, password policy, managed policies,
/// users and groups, as `Seeds/README.md` documents.
///
/// Load one with ``load(contentsOf:)`` (YAML, or JSON, which is YAML too), then hand it to
/// ``IAMService/resetLab(to:)`` or ``IAMService/applySeed(_:)``. Secrets a seed pins (passwords,
/// access-key secrets, MFA seeds) are held as ``SeedSecret``, which never prints its value.
public struct LabSeed: Sendable, Hashable {
    /// The file the seed was read from, for messages and the audit trail (`nil` for a string).
    public var source: String?
    public var account: AccountSection?
    public var root: Root?
    /// The account password policy; `nil` leaves none (reset) or the current one (apply).
    public var passwordPolicy: PasswordPolicy?
    /// Customer managed policies, created before users and groups so they can be attached.
    public var policies: [Policy] = []
    public var users: [User] = []
    public var groups: [Group] = []

    /// An empty seed: loading it leaves an account with its root user only.
    public init() {}

    /// `account:` the account ID (must match the database's when it has one) and alias.
    public struct AccountSection: Sendable, Hashable {
        public var id: String?
        public var alias: String?
        public var location: SeedLocation?

        public init(id: String? = nil, alias: String? = nil, location: SeedLocation? = nil) {
            self.id = id
            self.alias = alias
            self.location = location
        }
    }

    /// `root:` the root user's email and console password, MFA device and access keys.
    public struct Root: Sendable, Hashable {
        public var email: String?
        public var password: Password?
        public var mfaDevice: MFADevice?
        public var accessKeys: [AccessKey] = []
        public var location: SeedLocation?

        public init(email: String? = nil, password: Password? = nil, location: SeedLocation? = nil) {
            self.email = email
            self.password = password
            self.location = location
        }
    }

    /// A console password as a seed gives it.
    public enum Password: Sendable, Hashable {
        /// `password:` in clear; hashed (Argon2id) before the transaction and checked against the
        /// account password policy.
        case clear(SeedSecret)
        /// `password_hash:` an Argon2id PHC string, stored as is (the policy cannot be checked).
        case hash(String)
        /// `generate_password: true`: the current password when the user already has one,
        /// else a new random password printed once.
        case generate
    }

    /// A customer managed policy (`policies:`).
    public struct Policy: Sendable, Hashable {
        public var name: String
        public var path: String?
        public var description: String?
        /// The document as JSON text (given inline, as YAML, or read from `document_file`).
        public var document: String
        public var tags: [Tag] = []
        public var location: SeedLocation?

        public init(name: String, path: String? = nil, description: String? = nil, document: String, tags: [Tag] = [], location: SeedLocation? = nil) {
            self.name = name
            self.path = path
            self.description = description
            self.document = document
            self.tags = tags
            self.location = location
        }
    }

    /// An IAM user (`users:`).
    public struct User: Sendable, Hashable {
        public var name: String
        public var path: String?
        /// User tags, in file order (keys are case-insensitive).
        public var tags: [Tag] = []
        /// The console password, or `nil` for none.
        public var password: Password?
        public var passwordResetRequired = false
        public var accessKeys: [AccessKey] = []
        public var mfaDevice: MFADevice?
        /// Managed policies attached directly: an ARN, or the name of a policy of this seed or
        /// of an AWS managed policy.
        public var policies: [String] = []
        public var inlinePolicies: [InlinePolicy] = []
        /// The boundary policy, named like ``policies``.
        public var permissionsBoundary: String?
        public var location: SeedLocation?

        public init(name: String, path: String? = nil, location: SeedLocation? = nil) {
            self.name = name
            self.path = path
            self.location = location
        }
    }

    /// An access key. With `id` and `secret` both pinned, the key is exactly that one; an `id`
    /// alone keeps the key's current secret when it exists, else gets a new one; neither makes a
    /// new key (or keeps one the user already has). New secrets are printed once.
    public struct AccessKey: Sendable, Hashable {
        public var id: String?
        public var secret: SeedSecret?
        public var status: AccessKeyStatus = .active
        public var location: SeedLocation?

        public init(id: String? = nil, secret: SeedSecret? = nil, status: AccessKeyStatus = .active, location: SeedLocation? = nil) {
            self.id = id
            self.secret = secret
            self.status = status
            self.location = location
        }
    }

    /// A virtual MFA device enabled for its owner. A pinned `seed` (Base32, as AWS's
    /// `Base32StringSeed`) lets a lab precompute codes; without one the device keeps its current
    /// seed when it exists, else gets a new one printed once.
    public struct MFADevice: Sendable, Hashable {
        /// The device name; the user's name (or `root-account-mfa-device`) by default.
        public var name: String?
        public var path: String?
        public var seed: SeedSecret?
        public var location: SeedLocation?

        public init(name: String? = nil, path: String? = nil, seed: SeedSecret? = nil, location: SeedLocation? = nil) {
            self.name = name
            self.path = path
            self.seed = seed
            self.location = location
        }

        /// The device's ARN in `account`, named `defaultName` when the seed gives no name.
        func serialNumber(in account: Account, defaultName: String) -> String {
            account.arn("mfa", path: path ?? "/", name: name ?? defaultName)
        }
    }

    /// An inline policy of a user or a group.
    public struct InlinePolicy: Sendable, Hashable {
        public var name: String
        public var document: String
        public var location: SeedLocation?

        public init(name: String, document: String, location: SeedLocation? = nil) {
            self.name = name
            self.document = document
            self.location = location
        }
    }

    /// A group (`groups:`) with its members and policies.
    public struct Group: Sendable, Hashable {
        public var name: String
        public var path: String?
        /// User names of this seed or of the account.
        public var members: [String] = []
        public var policies: [String] = []
        public var inlinePolicies: [InlinePolicy] = []
        public var location: SeedLocation?

        public init(name: String, path: String? = nil, location: SeedLocation? = nil) {
            self.name = name
            self.path = path
            self.location = location
        }
    }
}

/// Where something is written in a seed file: `FILE:LINE:COLUMN`.
public struct SeedLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// From 1.
    public var line: Int
    /// From 1.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A secret a seed file pins (a password, an access-key secret, an MFA seed). It prints as
/// `<redacted>` in `description`, `debugDescription` and `dump`; only ``reveal()`` gives it.
public struct SeedSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) { self.value = value }

    /// The characters, to hash, seal or compare.
    public func reveal() -> String { value }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `<redacted>`.
    public var debugDescription: String { "<redacted>" }
    /// No children, so `dump` shows nothing of the secret.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// A seed file that cannot be read: bad YAML, an unknown or mistyped field, a missing policy
/// file. The message starts with `FILE:LINE:COLUMN:` when the place is known.
public struct LabSeedError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SeedLocation?
    public var message: String

    public init(_ message: String, at location: SeedLocation?) {
        self.message = message
        self.location = location
    }

    public var description: String { location.map { "\($0): \(message)" } ?? message }
}
