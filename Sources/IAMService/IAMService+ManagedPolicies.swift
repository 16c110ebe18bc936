import Crypto
import Foundation
import IAMCore
import Synchronization

// MARK: - The AWS managed policy catalogue

/// One AWS managed policy of `Seeds/aws-managed-policies/`, embedded in the binary.
struct AWSManagedPolicySeed: Decodable, Sendable {
    var name: String
    var path: String
    var arn: String
    var policyId: String
    var defaultVersionId: String
    var description: String
    /// The document text, as AWS serves it.
    var document: String
}

extension IAMService {
    /// The `setting` key holding the SHA-256 of the catalogue last installed.
    static let awsManagedPoliciesDigestSetting = "awsManagedPoliciesDigest"
    /// The `setting` key of the monotonic stamp bumped with every change that can alter a decision.
    static let policyEpochSetting = "policyEpoch"

    /// The embedded catalogue, decoded once.
    static let awsManagedPolicyCatalogue: (seeds: [AWSManagedPolicySeed], digest: String) = {
        var hasher = SHA256()
        var seeds: [AWSManagedPolicySeed] = []
        for file in EmbeddedManagedPolicies.files {
            hasher.update(data: Data(file.name.utf8))
            hasher.update(data: file.contents)
            // The files are checked by AWSManagedPolicyCatalogueTests; a broken one is a build defect.
            seeds.append(try! JSONDecoder().decode(AWSManagedPolicySeed.self, from: file.contents))
        }
        return (seeds, Hex.encode(hasher.finalize()))
    }()

    /// Installs or refreshes the AWS managed policies (no account, `isAWSManaged`) when the
    /// embedded catalogue differs from the one recorded in `setting`; a no-op otherwise.
    static func installAWSManagedPolicies(in tx: any StoreWriting, at now: Date) throws {
        let catalogue = awsManagedPolicyCatalogue
        guard try tx.setting(awsManagedPoliciesDigestSetting) != catalogue.digest else { return }
        for seed in catalogue.seeds {
            let number = Int(seed.defaultVersionId.dropFirst()) ?? 1
            if var existing = try tx.managedPolicy(id: seed.policyId) {
                if try tx.policyVersion(policyId: seed.policyId, versionId: seed.defaultVersionId) == nil {
                    try tx.insert(
                        PolicyVersion(
                            policyId: seed.policyId, versionId: seed.defaultVersionId, document: seed.document,
                            isDefault: false, createdAt: now))
                }
                try tx.setDefaultPolicyVersion(policyId: seed.policyId, versionId: seed.defaultVersionId)
                for version in try tx.policyVersions(policyId: seed.policyId) where version.versionId != seed.defaultVersionId {
                    try tx.deletePolicyVersion(policyId: seed.policyId, versionId: version.versionId)
                }
                existing.description = seed.description
                existing.nextVersionNumber = max(existing.nextVersionNumber, number + 1)
                existing.updatedAt = now
                try tx.update(existing)
            } else {
                try tx.insert(
                    ManagedPolicy(
                        id: seed.policyId, accountId: nil, name: seed.name, path: seed.path, description: seed.description,
                        nextVersionNumber: number + 1, createdAt: now, updatedAt: now))
                try tx.insert(
                    PolicyVersion(
                        policyId: seed.policyId, versionId: seed.defaultVersionId, document: seed.document, isDefault: true,
                        createdAt: now))
            }
        }
        try tx.setSetting(awsManagedPoliciesDigestSetting, to: catalogue.digest)
        try bumpPolicyEpoch(in: tx)
    }

    /// Installs the catalogue if this database does not hold the current one yet.
    static func ensureAWSManagedPolicies(in store: any AccountStore, at now: Date) async throws {
        let digest = awsManagedPolicyCatalogue.digest
        let current = try await store.read { tx in try tx.setting(awsManagedPoliciesDigestSetting) }
        guard current != digest else { return }
        try await store.write { tx in try installAWSManagedPolicies(in: tx, at: now) }
    }

    /// Marks every compiled principal policy set as stale; runs in the transaction of the change.
    ///
    /// The stamp is `COUNTER-NONCE-SERIAL`: the counter only grows; the process's random nonce
    /// and its serial number of the bump keep two databases (with identical seeded user IDs, as in
    /// tests) from ever sharing a stamp, so the process-wide cache cannot serve one database's
    /// policies for another's user. A lab reset bumps thousands of times: no random draw per bump.
    static func bumpPolicyEpoch(in tx: any StoreWriting) throws {
        let current = try tx.setting(policyEpochSetting)?.split(separator: "-").first.flatMap { Int($0) } ?? 0
        let serial = epochSerial.add(1, ordering: .relaxed).newValue
        try tx.setSetting(policyEpochSetting, to: "\(current + 1)-\(epochNonce)-\(serial)")
    }

    /// Marks compiled policies stale after a change in `tx`, unless this service batches the
    /// marks of a whole seed load into one (``batchesPolicyEpoch``).
    func policiesChanged(in tx: any StoreWriting) throws {
        if !batchesPolicyEpoch { try Self.bumpPolicyEpoch(in: tx) }
    }

    private static let epochNonce = UUID().uuidString
    private static let epochSerial = Atomic<Int>(0)
}

// MARK: - Customer managed policies

extension IAMService {
    /// AWS's default quota of customer managed policies in one account.
    static let customerManagedPoliciesQuota = 1500
    /// Characters (white space not counted) of one managed policy document.
    static let managedPolicySizeQuota = 6144
    /// Versions one managed policy can keep.
    static let policyVersionsQuota = 5

    /// Checks a managed policy document: grammar (with `Version 2012-10-17` required) and size.
    ///
    /// - Throws: `MalformedPolicyDocument`; `LimitExceeded` "Cannot exceed quota for PolicySize: 6144".
    static func checkManagedPolicyDocument(_ text: String) throws {
        _ = try PolicyDocument(text: text, requiresCurrentVersion: true)
        guard PolicyDocument.sizeWithoutWhitespace(text) <= managedPolicySizeQuota else {
            throw IAMError.quotaExceeded("PolicySize", managedPolicySizeQuota)
        }
    }

    /// The managed policy `arn` names, with the "was not found" message of the read operations.
    func existingPolicy(arn: String, in tx: any StoreReading) throws -> ManagedPolicy {
        do {
            return try managedPolicy(arn: arn, in: tx)
        } catch let error as IAMError where error.code == .noSuchEntity {
            throw IAMError.policyNotFound(arn: arn)
        }
    }

    /// A customer managed policy of this account, refusing AWS managed ones for writes.
    func customerPolicy(arn: String, in tx: any StoreReading) throws -> ManagedPolicy {
        let policy = try existingPolicy(arn: arn, in: tx)
        guard !policy.isAWSManaged else { throw IAMError.awsManagedPolicyIsReadOnly(arn: arn) }
        return policy
    }

    func describe(_ policy: ManagedPolicy, in tx: any StoreReading, tags: Bool, description: Bool) throws -> ManagedPolicyDescription {
        ManagedPolicyDescription(
            policy: policy, arn: policy.arn(partition: account.partition),
            defaultVersionId: try tx.defaultPolicyVersion(policyId: policy.id)?.versionId ?? "v1",
            attachmentCount: try tx.attachmentCount(policyId: policy.id, accountId: account.id),
            permissionsBoundaryUsageCount: try tx.permissionsBoundaryUsageCount(policyId: policy.id, accountId: account.id),
            tags: tags ? try tx.tags(policyId: policy.id) : nil, includesDescription: description)
    }

    /// Creates a customer managed policy with its default version `v1`.
    ///
    /// - Throws: `ValidationError`; `MalformedPolicyDocument`; `LimitExceeded` for a document over
    ///   6,144 characters (white space not counted) or at 1,500 policies; `EntityAlreadyExists`;
    ///   `InvalidInput` for reserved or repeated tag keys.
    public func createPolicy(
        policyName: String, policyDocument: String, path: String? = nil, description: String? = nil, tags: [Tag] = []
    ) async throws -> ManagedPolicyDescription {
        try checkCreatePolicy(policyName: policyName, policyDocument: policyDocument, path: path, description: description, tags: tags)
        let parameters = JSONValue.object([
            "PolicyName": .string(policyName), "Path": path.map(JSONValue.string),
            "PolicyDocument": .string(policyDocument), "Description": description.map(JSONValue.string),
            "Tags": tags.isEmpty ? nil : Tag.json(tags),
        ])
        let id = random.withGenerator { AWSIdentifiers.uniqueID(.managedPolicy, using: &$0) }
        let now = clock.now
        let policy = ManagedPolicy(
            id: id, accountId: account.id, name: policyName, path: path ?? "/", description: description, createdAt: now,
            updatedAt: now)
        return try await mutate(
            "CreatePolicy", parameters: parameters, resources: [policy.arn(partition: account.partition)]
        ) { tx, draft in
            try createPolicy(policy, document: policyDocument, tags: tags, in: tx)
            let result = try describe(policy, in: tx, tags: true, description: true)
            draft.responseElements = .object([("Policy", result.json)])
            return result
        }
    }

    /// `CreatePolicy`'s input checks, before any transaction: the model's shapes and the tag rules.
    func checkCreatePolicy(policyName: String, policyDocument: String, path: String?, description: String?, tags: [Tag]) throws {
        try validate(
            "CreatePolicy",
            [
                "PolicyName": .string(policyName), "Path": .optional(path), "PolicyDocument": .string(policyDocument),
                "Description": .optional(description), "Tags": tags.isEmpty ? nil : .tags(tags),
            ])
        try Self.checkTags(tags, keysIgnoreCase: false)
    }

    /// `CreatePolicy`'s rules and writes inside a write transaction (shared with seed files): the
    /// document's grammar and size, a unique name, the policies quota; `v1` is the default version.
    func createPolicy(_ policy: ManagedPolicy, document: String, tags: [Tag], in tx: any StoreWriting) throws {
        try Self.checkManagedPolicyDocument(document)
        if try tx.managedPolicy(named: policy.name, accountId: account.id) != nil {
            throw IAMError.policyAlreadyExists(named: policy.name)
        }
        guard try tx.managedPolicyCount(accountId: account.id) < Self.customerManagedPoliciesQuota else {
            throw IAMError.quotaExceeded("Policies", Self.customerManagedPoliciesQuota)
        }
        try tx.insert(policy)
        try tx.insert(PolicyVersion(policyId: policy.id, versionId: "v1", document: document, isDefault: true, createdAt: policy.createdAt))
        if !tags.isEmpty { try tx.setTags(tags, policyId: policy.id) }
    }

    /// Describes a managed policy with live attachment and boundary counts.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` "Policy ARN was not found."; `InvalidInput` for a malformed ARN.
    public func getPolicy(policyArn: String) async throws -> ManagedPolicyDescription {
        try validate("GetPolicy", ["PolicyArn": .string(policyArn)])
        return try await query("GetPolicy", parameters: .object([("PolicyArn", .string(policyArn))]), resources: [policyArn]) { tx in
            try describe(existingPolicy(arn: policyArn, in: tx), in: tx, tags: true, description: true)
        }
    }

    /// AWS's `PolicyUsageFilter`.
    public enum PolicyUsage: String, Sendable, CaseIterable {
        case permissionsPolicy = "PermissionsPolicy"
        case permissionsBoundary = "PermissionsBoundary"
    }

    /// One page of managed policies, ordered by name without regard to case.
    ///
    /// `onlyAttached` keeps policies attached to a user or group (or, with the
    /// `permissionsBoundary` usage filter, used as a boundary).
    ///
    /// - Throws: `ValidationError`; `InvalidInput` for a foreign marker.
    public func listPolicies(
        scope: PolicyScope = .all, onlyAttached: Bool = false, pathPrefix: String? = nil, usage: PolicyUsage? = nil,
        page: PageRequest = PageRequest()
    ) async throws -> Page<ManagedPolicyDescription> {
        try validate(
            "ListPolicies",
            [
                "Scope": .string(scope.rawValue), "OnlyAttached": .boolean(onlyAttached), "PathPrefix": .optional(pathPrefix),
                "PolicyUsageFilter": .optional(usage?.rawValue), "Marker": .optional(page.marker),
                "MaxItems": .integer(page.maxItems),
            ])
        let parameters = JSONValue.object([
            "Scope": .string(scope.rawValue), "OnlyAttached": .bool(onlyAttached), "PathPrefix": pathPrefix.map(JSONValue.string),
            "PolicyUsageFilter": usage.map { .string($0.rawValue) },
        ])
        return try await query("ListPolicies", parameters: parameters) { tx in
            if usage == nil {
                let policies = try tx.managedPolicies(
                    accountId: account.id, scope: scope, pathPrefix: pathPrefix, onlyAttached: onlyAttached, page: page)
                return Page(
                    items: try policies.items.map { try describe($0, in: tx, tags: false, description: false) },
                    nextMarker: policies.nextMarker)
            }
            let all = try tx.managedPolicies(accountId: account.id, scope: scope, pathPrefix: pathPrefix, onlyAttached: false, page: .all)
            let described = try all.items.map { try describe($0, in: tx, tags: false, description: false) }.filter {
                switch usage {
                case .permissionsBoundary: !onlyAttached || $0.permissionsBoundaryUsageCount > 0
                default: !onlyAttached || $0.attachmentCount > 0
                }
            }
            return try Self.page(described, page) { $0.policy.name.lowercased() + "\u{0}" + $0.policy.id }
        }
    }

    /// Deletes a customer managed policy that nothing uses and that has no version but its default.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`; `DeleteConflict` while attached, used as a
    ///   boundary, or holding non-default versions; `InvalidInput` for an AWS managed policy.
    public func deletePolicy(policyArn: String) async throws {
        try validate("DeletePolicy", ["PolicyArn": .string(policyArn)])
        try await mutate("DeletePolicy", parameters: .object([("PolicyArn", .string(policyArn))]), resources: [policyArn]) { tx, _ in
            let policy = try customerPolicy(arn: policyArn, in: tx)
            if try tx.attachmentCount(policyId: policy.id, accountId: account.id) > 0
                || tx.permissionsBoundaryUsageCount(policyId: policy.id, accountId: account.id) > 0
            {
                throw IAMError(.deleteConflict, "Cannot delete a policy attached to entities.")
            }
            if try tx.policyVersions(policyId: policy.id).count > 1 {
                // AWS's message as quoted in rebuy-de/aws-nuke#1 and redradrat/aws-iam-operator#13.
                throw IAMError(
                    .deleteConflict,
                    "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.")
            }
            try tx.deleteManagedPolicy(id: policy.id)
        }
    }

    // MARK: Versions

    /// Adds a version (`v<n>`, never reissued), optionally making it the default.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`; `MalformedPolicyDocument`; `LimitExceeded` at 5
    ///   versions or for a document over 6,144 characters; `InvalidInput` for an AWS managed policy.
    public func createPolicyVersion(policyArn: String, policyDocument: String, setAsDefault: Bool = false) async throws -> PolicyVersion {
        try validate(
            "CreatePolicyVersion",
            ["PolicyArn": .string(policyArn), "PolicyDocument": .string(policyDocument), "SetAsDefault": .boolean(setAsDefault)])
        let parameters = JSONValue.object([
            "PolicyArn": .string(policyArn), "PolicyDocument": .string(policyDocument), "SetAsDefault": .bool(setAsDefault),
        ])
        let now = clock.now
        return try await mutate("CreatePolicyVersion", parameters: parameters, resources: [policyArn]) { tx, draft in
            let policy = try customerPolicy(arn: policyArn, in: tx)
            let stored = try createPolicyVersion(of: policy, document: policyDocument, setAsDefault: setAsDefault, at: now, in: tx)
            draft.responseElements = .object([("PolicyVersion", stored.json(includingDocument: false))])
            return stored
        }
    }

    /// `CreatePolicyVersion`'s rules and writes inside a write transaction (shared with seed
    /// files): the document's grammar and size, at most 5 versions, version IDs never reissued.
    func createPolicyVersion(
        of policy: ManagedPolicy, document: String, setAsDefault: Bool, at now: Date, in tx: any StoreWriting
    ) throws -> PolicyVersion {
        var policy = policy
        try Self.checkManagedPolicyDocument(document)
        guard try tx.policyVersions(policyId: policy.id).count < Self.policyVersionsQuota else {
            throw IAMError(
                .limitExceeded,
                "A managed policy can have up to \(Self.policyVersionsQuota) versions. Before you create a new version, you must delete an existing version.")
        }
        let version = PolicyVersion(
            policyId: policy.id, versionId: "v\(policy.nextVersionNumber)", document: document, isDefault: false,
            createdAt: now)
        try tx.insert(version)
        policy.nextVersionNumber += 1
        policy.updatedAt = now
        try tx.update(policy)
        if setAsDefault {
            try tx.setDefaultPolicyVersion(policyId: policy.id, versionId: version.versionId)
            try Self.bumpPolicyEpoch(in: tx)
        }
        return try tx.policyVersion(policyId: policy.id, versionId: version.versionId) ?? version
    }

    /// One version of a managed policy, with its document.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for the policy or the version.
    public func getPolicyVersion(policyArn: String, versionId: String) async throws -> PolicyVersion {
        try validate("GetPolicyVersion", ["PolicyArn": .string(policyArn), "VersionId": .string(versionId)])
        let parameters = JSONValue.object([("PolicyArn", .string(policyArn)), ("VersionId", .string(versionId))])
        return try await query("GetPolicyVersion", parameters: parameters, resources: [policyArn]) { tx in
            let policy = try existingPolicy(arn: policyArn, in: tx)
            guard let version = try tx.policyVersion(policyId: policy.id, versionId: versionId) else {
                throw IAMError.noSuchPolicyVersion(versionId, arn: policyArn)
            }
            return version
        }
    }

    /// A managed policy's versions, newest first.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`.
    public func listPolicyVersions(policyArn: String, page: PageRequest = PageRequest()) async throws -> Page<PolicyVersion> {
        try validate(
            "ListPolicyVersions",
            ["PolicyArn": .string(policyArn), "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        return try await query("ListPolicyVersions", parameters: .object([("PolicyArn", .string(policyArn))]), resources: [policyArn]) { tx in
            let policy = try existingPolicy(arn: policyArn, in: tx)
            let versions = try tx.policyVersions(policyId: policy.id)
            // Newest first: the marker key grows as version numbers fall.
            return try Self.page(versions, page) { version in
                let rank = String(999_999_999 - (Int(version.versionId.dropFirst()) ?? 0))
                return String(repeating: "0", count: 10 - rank.count) + rank
            }
        }
    }

    /// Deletes a non-default version.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`; `DeleteConflict` "Cannot delete the default version of a policy.".
    public func deletePolicyVersion(policyArn: String, versionId: String) async throws {
        try validate("DeletePolicyVersion", ["PolicyArn": .string(policyArn), "VersionId": .string(versionId)])
        let parameters = JSONValue.object([("PolicyArn", .string(policyArn)), ("VersionId", .string(versionId))])
        try await mutate("DeletePolicyVersion", parameters: parameters, resources: [policyArn]) { tx, _ in
            let policy = try customerPolicy(arn: policyArn, in: tx)
            guard let version = try tx.policyVersion(policyId: policy.id, versionId: versionId) else {
                throw IAMError.noSuchPolicyVersion(versionId, arn: policyArn)
            }
            guard !version.isDefault else {
                // Quoted from AWS in redradrat/aws-iam-operator#13.
                throw IAMError(.deleteConflict, "Cannot delete the default version of a policy.")
            }
            try tx.deletePolicyVersion(policyId: policy.id, versionId: versionId)
        }
    }

    /// Makes a version the default one, which every principal using the policy gets at once.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`; `InvalidInput` for an AWS managed policy.
    public func setDefaultPolicyVersion(policyArn: String, versionId: String) async throws {
        try validate("SetDefaultPolicyVersion", ["PolicyArn": .string(policyArn), "VersionId": .string(versionId)])
        let parameters = JSONValue.object([("PolicyArn", .string(policyArn)), ("VersionId", .string(versionId))])
        try await mutate("SetDefaultPolicyVersion", parameters: parameters, resources: [policyArn]) { tx, _ in
            var policy = try customerPolicy(arn: policyArn, in: tx)
            guard try tx.policyVersion(policyId: policy.id, versionId: versionId) != nil else {
                throw IAMError.noSuchPolicyVersion(versionId, arn: policyArn)
            }
            try tx.setDefaultPolicyVersion(policyId: policy.id, versionId: versionId)
            policy.updatedAt = clock.now
            try tx.update(policy)
            try Self.bumpPolicyEpoch(in: tx)
        }
    }

    // MARK: Tags

    /// AWS's quota of tags on one managed policy.
    static let tagsPerPolicyQuota = 50

    /// Adds or overwrites tags on a customer managed policy (keys are case-sensitive).
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`; `InvalidInput`; `LimitExceeded` over 50 tags.
    public func tagPolicy(policyArn: String, tags: [Tag]) async throws {
        try validate("TagPolicy", ["PolicyArn": .string(policyArn), "Tags": .tags(tags)])
        try Self.checkTags(tags, keysIgnoreCase: false)
        let parameters = JSONValue.object([("PolicyArn", .string(policyArn)), ("Tags", Tag.json(tags))])
        try await mutate("TagPolicy", parameters: parameters, resources: [policyArn]) { tx, _ in
            let policy = try customerPolicy(arn: policyArn, in: tx)
            let keys = Set(try tx.tags(policyId: policy.id).map(\.key)).union(tags.map(\.key))
            guard keys.count <= Self.tagsPerPolicyQuota else { throw IAMError.quotaExceeded("TagsPerPolicy", Self.tagsPerPolicyQuota) }
            try tx.setTags(tags, policyId: policy.id)
        }
    }

    /// Removes tags by exact key.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`.
    public func untagPolicy(policyArn: String, tagKeys: [String]) async throws {
        try validate("UntagPolicy", ["PolicyArn": .string(policyArn), "TagKeys": .list(tagKeys.map { .string($0) })])
        let parameters = JSONValue.object([("PolicyArn", .string(policyArn)), ("TagKeys", .array(tagKeys.map { .string($0) }))])
        try await mutate("UntagPolicy", parameters: parameters, resources: [policyArn]) { tx, _ in
            let policy = try customerPolicy(arn: policyArn, in: tx)
            try tx.removeTags(keys: tagKeys, policyId: policy.id)
        }
    }

    /// A managed policy's tags.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity`.
    public func listPolicyTags(policyArn: String, page: PageRequest = PageRequest()) async throws -> Page<Tag> {
        try validate(
            "ListPolicyTags", ["PolicyArn": .string(policyArn), "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        return try await query("ListPolicyTags", parameters: .object([("PolicyArn", .string(policyArn))]), resources: [policyArn]) { tx in
            let policy = try existingPolicy(arn: policyArn, in: tx)
            return try Self.page(try tx.tags(policyId: policy.id), page) { $0.key }
        }
    }

    // MARK: Entities

    /// The users and groups that use a managed policy: `ListEntitiesForPolicy`.
    public struct PolicyEntities: Sendable {
        public var users: [User]
        public var groups: [Group]
        /// The `Marker` for the next page, or `nil` when this page is the last.
        public var nextMarker: String?

        public init(users: [User], groups: [Group], nextMarker: String? = nil) {
            self.users = users
            self.groups = groups
            self.nextMarker = nextMarker
        }

        /// AWS's `ListEntitiesForPolicyResponse` (roles are never present: this store has none).
        public var json: JSONValue {
            .object([
                "PolicyGroups": .array(groups.map { .object([("GroupName", .string($0.name)), ("GroupId", .string($0.id))]) }),
                "PolicyUsers": .array(users.map { .object([("UserName", .string($0.name)), ("UserId", .string($0.id))]) }),
                "PolicyRoles": .array([]), "IsTruncated": .bool(nextMarker != nil), "Marker": nextMarker.map(JSONValue.string),
            ])
        }
    }

    /// Lists the users and groups of this account that use a managed policy: attached to them, or
    /// (users only) as their permissions boundary.
    ///
    /// Groups come before users, each by name; one marker pages through both.
    ///
    /// - Parameters:
    ///   - entityFilter: AWS's `EntityFilter` (the `EntityType` values): only users (`User`) or only
    ///     groups (`Group`); `Role` and the policy kinds match nothing here, since this store has no
    ///     roles and policies cannot use policies.
    ///   - pathPrefix: only entities whose path starts with it.
    ///   - usage: only attachments (`PermissionsPolicy`) or only boundaries (`PermissionsBoundary`);
    ///     both when `nil`, as AWS does.
    /// - Throws: `ValidationError`; `NoSuchEntity`; `InvalidInput` for a marker this call did not issue.
    public func listEntitiesForPolicy(
        policyArn: String, entityFilter: AuthorizationDetailsFilter? = nil, pathPrefix: String? = nil, usage: PolicyUsage? = nil,
        page: PageRequest = PageRequest()
    ) async throws -> PolicyEntities {
        try validate(
            "ListEntitiesForPolicy",
            [
                "PolicyArn": .string(policyArn), "EntityFilter": .optional(entityFilter?.rawValue),
                "PathPrefix": .optional(pathPrefix), "PolicyUsageFilter": .optional(usage?.rawValue),
                "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems),
            ])
        let parameters = JSONValue.object([
            "PolicyArn": .string(policyArn), "EntityFilter": entityFilter.map { .string($0.rawValue) },
            "PathPrefix": pathPrefix.map(JSONValue.string), "PolicyUsageFilter": usage.map { .string($0.rawValue) },
        ])
        return try await query("ListEntitiesForPolicy", parameters: parameters, resources: [policyArn]) { tx in
            let policy = try existingPolicy(arn: policyArn, in: tx)
            var groups: [Group] = []
            var users: [User] = []
            if usage != .permissionsBoundary {
                for holder in try tx.policyHolders(policyId: policy.id, accountId: account.id) {
                    switch holder {
                    case .user(let id): if let user = try tx.user(id: id) { users.append(user) }
                    case .group(let id): if let group = try tx.group(id: id) { groups.append(group) }
                    }
                }
            }
            if usage != .permissionsPolicy {
                let attached = Set(users.map(\.id))
                users += try tx.users(permissionsBoundaryPolicyId: policy.id, accountId: account.id).filter { !attached.contains($0.id) }
            }
            let prefix = pathPrefix ?? "/"
            let entities: [(key: String, entity: PolicyHolderEntity)] =
                (entityFilter == nil || entityFilter == .group
                    ? groups.filter { $0.path.hasPrefix(prefix) }.map { ("g/" + $0.name.lowercased() + "/" + $0.id, .group($0)) } : [])
                + (entityFilter == nil || entityFilter == .user
                    ? users.filter { $0.path.hasPrefix(prefix) }.map { ("u/" + $0.name.lowercased() + "/" + $0.id, .user($0)) } : [])
            let pageOfEntities = try Self.page(entities.sorted { $0.key < $1.key }, page) { $0.key }
            var result = PolicyEntities(users: [], groups: [], nextMarker: pageOfEntities.nextMarker)
            for item in pageOfEntities.items {
                switch item.entity {
                case .user(let user): result.users.append(user)
                case .group(let group): result.groups.append(group)
                }
            }
            return result
        }
    }

    private enum PolicyHolderEntity: Sendable {
        case user(User)
        case group(Group)
    }
}

/// A user or group a policy applies to, for paging through both in one list.
private enum PolicyEntity: Sendable {
    case group(Group)
    case user(User)
}

extension IAMError {
    /// `NoSuchEntity` "Policy ARN was not found." (GetPolicy, DetachUserPolicy…). Unverified wording:
    /// AWS answers NoSuchEntity here (localstack/localstack#6989), but no public source quotes the text.
    static func policyNotFound(arn: String) -> IAMError {
        IAMError(.noSuchEntity, "Policy \(arn) was not found.")
    }

    /// `EntityAlreadyExists` for a customer managed policy name taken in the account.
    static func policyAlreadyExists(named name: String) -> IAMError {
        IAMError(.entityAlreadyExists, "A policy called \(name) already exists. Duplicate names are not allowed.")
    }

    /// Unverified wording: the version of a policy that does not exist.
    static func noSuchPolicyVersion(_ versionId: String, arn: String) -> IAMError {
        IAMError(.noSuchEntity, "Policy \(arn) version \(versionId) does not exist.")
    }

    /// Unverified wording: AWS managed policies cannot be changed by an account.
    static func awsManagedPolicyIsReadOnly(arn: String) -> IAMError {
        IAMError(.invalidInput, "Policy \(arn) is an AWS managed policy and cannot be modified or deleted.")
    }
}
