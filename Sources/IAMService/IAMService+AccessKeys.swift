import Foundation
import IAMCore

/// A secret access key. It prints as `<redacted>` in `description`, `debugDescription`, string
/// interpolation and `dump`; only ``reveal()`` gives the characters.
public struct SecretAccessKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    init(_ value: String) { self.value = value }

    /// The 40 characters, to hand to the key's owner once.
    public func reveal() -> String { value }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `<redacted>`.
    public var debugDescription: String { "<redacted>" }
    /// No children, so `dump` shows nothing of the secret.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// What ``IAMService/createAccessKey(userName:)`` returns: the only time the secret is available.
public struct CreatedAccessKey: Sendable, Hashable {
    /// The key's metadata.
    public var accessKey: AccessKey
    /// The owner's user name, or `nil` for a root key.
    public var userName: String?
    /// The secret, shown only here.
    public var secretAccessKey: SecretAccessKey

    /// AWS's `AccessKey` shape, with the secret.
    public var json: JSONValue {
        .object([
            "UserName": userName.map { .string($0) }, "AccessKeyId": .string(accessKey.id),
            "Status": .string(accessKey.status.rawValue), "SecretAccessKey": .string(secretAccessKey.reveal()),
            "CreateDate": .string(accessKey.createdAt.awsTimestamp),
        ])
    }
}

/// AWS's `AccessKeyMetadata`: no secret.
public struct AccessKeyMetadata: Sendable, Hashable {
    /// The owner's user name, or `nil` for a root key.
    public var userName: String?
    /// `AKIA…`
    public var accessKeyId: String
    /// `Active` or `Inactive`.
    public var status: AccessKeyStatus
    /// When the key was created.
    public var createDate: Date

    /// AWS's `AccessKeyMetadata` shape.
    public var json: JSONValue {
        .object([
            "UserName": userName.map { .string($0) }, "AccessKeyId": .string(accessKeyId), "Status": .string(status.rawValue),
            "CreateDate": .string(createDate.awsTimestamp),
        ])
    }
}

/// AWS's `GetAccessKeyLastUsed` response; `ServiceName` and `Region` are `N/A` when never used.
public struct AccessKeyLastUsed: Sendable, Hashable {
    /// The owner's user name, or `nil` for a root key.
    public var userName: String?
    /// When the key last signed a request, or `nil` when never.
    public var lastUsedDate: Date?
    /// The service of that request, or `N/A`.
    public var serviceName: String
    /// The region of that request, or `N/A`.
    public var region: String

    /// A last-use record with every field given.
    public init(userName: String?, lastUsedDate: Date?, serviceName: String, region: String) {
        self.userName = userName
        self.lastUsedDate = lastUsedDate
        self.serviceName = serviceName
        self.region = region
    }

    /// AWS's `GetAccessKeyLastUsed` response shape.
    public var json: JSONValue {
        .object([
            "UserName": userName.map { .string($0) },
            "AccessKeyLastUsed": .object([
                "LastUsedDate": lastUsedDate.map { .string($0.awsTimestamp) },
                "ServiceName": .string(serviceName), "Region": .string(region),
            ]),
        ])
    }
}

extension IAMService {
    /// Creates an access key for `userName`, or for the caller when it is `nil` (the root user
    /// for the CLI and a library service). The secret is returned here and never again; it is
    /// stored sealed with the key ID as context.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for an unknown user; `LimitExceeded`
    ///   "Cannot exceed quota for AccessKeysPerUser: 2".
    public func createAccessKey(userName: String? = nil) async throws -> CreatedAccessKey {
        try validate("CreateAccessKey", ["UserName": .optional(userName)])
        let accountId = account.id
        let (id, secret) = try random.withGenerator { generator in
            (try AWSIdentifiers.accessKeyID(accountID: accountId, using: &generator), AWSIdentifiers.secretAccessKey(using: &generator))
        }
        let sealed = try sealer.seal(Data(secret.utf8), context: id)
        let now = clock.now
        return try await mutate("CreateAccessKey", parameters: .object(["UserName": .optional(userName)])) { tx, draft in
            let (owner, user) = try credentialOwner(userName: userName, in: tx)
            draft.resources = [user?.arn(in: account) ?? account.rootARN]
            let key = AccessKey(id: id, accountId: accountId, owner: owner, createdAt: now)
            try createAccessKey(key, sealedSecret: sealed, in: tx)
            let created = CreatedAccessKey(accessKey: key, userName: user?.name, secretAccessKey: SecretAccessKey(secret))
            draft.responseElements = .object([
                "AccessKey": AccessKeyMetadata(userName: user?.name, accessKeyId: id, status: .active, createDate: now).json
            ])
            return created
        }
    }

    /// `CreateAccessKey`'s quota rule and write inside a write transaction (shared with seed
    /// files): two keys per user and per root user.
    func createAccessKey(_ key: AccessKey, sealedSecret: Data, in tx: any StoreWriting) throws {
        guard try tx.accessKeyCount(accountId: key.accountId, owner: key.owner) < 2 else {
            throw IAMError.quotaExceeded("AccessKeysPerUser", 2)
        }
        try tx.insert(key, sealedSecret: sealedSecret)
    }

    /// Activates or deactivates an access key of `userName` (or of the caller).
    ///
    /// - Throws: `ValidationError` for a status outside `Active | Inactive | Expired`;
    ///   `InvalidInput` for `Expired`, which only AWS sets; `NoSuchEntity` for an unknown user or
    ///   a key the owner does not hold, "The Access Key with id X cannot be found."
    public func updateAccessKey(accessKeyId: String, status: String, userName: String? = nil) async throws {
        try validate(
            "UpdateAccessKey", ["AccessKeyId": .string(accessKeyId), "Status": .string(status), "UserName": .optional(userName)])
        let parameters: JSONValue = .object([
            "AccessKeyId": .string(accessKeyId), "Status": .string(status), "UserName": .optional(userName),
        ])
        try await mutate("UpdateAccessKey", parameters: parameters) { tx, draft in
            let key = try ownedAccessKey(accessKeyId, userName: userName, in: tx, draft: &draft)
            try setStatus(status, of: key, in: tx)
        }
    }

    /// `UpdateAccessKey`'s rule and write inside a write transaction (shared with seed files):
    /// only `Active` and `Inactive` can be set.
    func setStatus(_ status: String, of key: AccessKey, in tx: any StoreWriting) throws {
        guard let newStatus = AccessKeyStatus(rawValue: status), newStatus != .expired else {
            throw IAMError(.invalidInput, "Invalid status \(status): an access key can only be made Active or Inactive.")
        }
        var key = key
        key.status = newStatus
        try tx.update(key)
    }

    /// Deletes an access key of `userName` (or of the caller).
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for an unknown user or key.
    public func deleteAccessKey(accessKeyId: String, userName: String? = nil) async throws {
        try validate("DeleteAccessKey", ["AccessKeyId": .string(accessKeyId), "UserName": .optional(userName)])
        let parameters: JSONValue = .object(["AccessKeyId": .string(accessKeyId), "UserName": .optional(userName)])
        try await mutate("DeleteAccessKey", parameters: parameters) { tx, draft in
            let key = try ownedAccessKey(accessKeyId, userName: userName, in: tx, draft: &draft)
            try tx.deleteAccessKey(id: key.id)
        }
    }

    /// One page of the access keys of `userName` (or of the caller), oldest first, without secrets.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for an unknown user; `InvalidInput` for a
    ///   marker this service did not issue.
    public func listAccessKeys(userName: String? = nil, page: PageRequest = PageRequest()) async throws -> Page<AccessKeyMetadata> {
        try validate(
            "ListAccessKeys",
            ["UserName": .optional(userName), "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        let accountId = account.id
        return try await query("ListAccessKeys", parameters: .object(["UserName": .optional(userName)])) { tx in
            let (owner, user) = try credentialOwner(userName: userName, in: tx)
            let keys = try Self.page(tx.accessKeys(accountId: accountId, owner: owner), page) { Self.pageKey($0.createdAt, $0.id) }
            return Page(
                items: keys.items.map {
                    AccessKeyMetadata(userName: user?.name, accessKeyId: $0.id, status: $0.status, createDate: $0.createdAt)
                },
                nextMarker: keys.nextMarker)
        }
    }

    /// When and where an access key of this account was last used.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` "The Access Key with id X cannot be found."
    public func getAccessKeyLastUsed(accessKeyId: String) async throws -> AccessKeyLastUsed {
        try validate("GetAccessKeyLastUsed", ["AccessKeyId": .string(accessKeyId)])
        let accountId = account.id
        return try await query("GetAccessKeyLastUsed", parameters: .object(["AccessKeyId": .string(accessKeyId)])) { tx in
            guard let key = try tx.accessKey(id: accessKeyId), key.accountId == accountId else {
                throw IAMError.noSuchAccessKey(accessKeyId)
            }
            let userName = try key.owner.userId.flatMap { try tx.user(id: $0)?.name }
            return AccessKeyLastUsed(
                userName: userName, lastUsedDate: key.lastUsedAt, serviceName: key.lastUsedService ?? "N/A",
                region: key.lastUsedRegion ?? "N/A")
        }
    }

    /// The key and its opened secret, for SigV4 verification only; `nil` for an unknown key or
    /// one of another account. Not audited: it is part of verifying a request, not an operation.
    package func lookupSigningSecret(accessKeyId: String) async throws -> (accessKey: AccessKey, secret: SecretAccessKey)? {
        let accountId = account.id
        guard let (key, sealed) = try await store.read({ tx -> (AccessKey, Data)? in
            guard let key = try tx.accessKey(id: accessKeyId), key.accountId == accountId,
                  let sealed = try tx.sealedSecret(forAccessKey: accessKeyId)
            else { return nil }
            return (key, sealed)
        }) else { return nil }
        let secret = try sealer.open(sealed, context: key.id)
        return (key, SecretAccessKey(String(decoding: secret, as: UTF8.self)))
    }

    /// Records that a key signed a request for `service` in `region` at `date`.
    ///
    /// Like AWS, a use of the same service and region within 15 minutes of the recorded one is
    /// not written again. Not audited: the request it belongs to is.
    ///
    /// - Throws: `NoSuchEntity` for an unknown key.
    public func recordAccessKeyUse(id: String, service: String, region: String, at date: Date) async throws {
        let accountId = account.id
        try await store.write { tx in
            guard var key = try tx.accessKey(id: id), key.accountId == accountId else { throw IAMError.noSuchAccessKey(id) }
            if let last = key.lastUsedAt, key.lastUsedService == service, key.lastUsedRegion == region,
               date.timeIntervalSince(last) < 15 * 60, date >= last
            {
                return
            }
            key.lastUsedAt = date
            key.lastUsedService = service
            key.lastUsedRegion = region
            try tx.update(key)
        }
    }

    /// The key `id` when it belongs to the owner `userName` designates.
    private func ownedAccessKey(
        _ id: String, userName: String?, in tx: any StoreReading, draft: inout AuditDraft
    ) throws -> AccessKey {
        let (owner, user) = try credentialOwner(userName: userName, in: tx)
        draft.resources = [user?.arn(in: account) ?? account.rootARN]
        guard let key = try tx.accessKey(id: id), key.accountId == account.id, key.owner == owner else {
            throw IAMError.noSuchAccessKey(id)
        }
        return key
    }
}

extension IAMError {
    /// "The Access Key with id X cannot be found."
    static func noSuchAccessKey(_ id: String) -> IAMError {
        IAMError(.noSuchEntity, "The Access Key with id \(id) cannot be found.")
    }
}
