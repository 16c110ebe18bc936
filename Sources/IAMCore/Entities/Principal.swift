/// Who makes a request: the account's root user or one of its IAM users.
public struct Principal: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case root
        case user(User)
    }

    public var account: Account
    public var kind: Kind
    /// The access key that signed the request, if any.
    public var accessKeyId: String?

    public init(account: Account, kind: Kind, accessKeyId: String? = nil) {
        self.account = account
        self.kind = kind
        self.accessKeyId = accessKeyId
    }

    public static func root(of account: Account) -> Principal { Principal(account: account, kind: .root) }

    public var arn: String {
        switch kind {
        case .root: account.rootARN
        case .user(let user): user.arn(in: account)
        }
    }

    /// The user's unique ID, or the account ID for the root user (as CloudTrail's `principalId`).
    public var principalId: String {
        switch kind {
        case .root: account.id
        case .user(let user): user.id
        }
    }

    /// As CloudTrail's `userIdentity`.
    public var auditIdentity: AuditIdentity {
        switch kind {
        case .root:
            AuditIdentity(type: .root, principalId: account.id, arn: account.rootARN, accessKeyId: accessKeyId)
        case .user(let user):
            AuditIdentity(type: .iamUser, principalId: user.id, arn: arn, userName: user.name, accessKeyId: accessKeyId)
        }
    }
}
