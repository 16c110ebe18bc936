import Foundation
import GRDB
import IAMCore

struct ManagedPolicyRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "managedPolicy"
    var id: String
    var accountId: String?
    var isAWSManaged: Bool
    var name: String
    var path: String
    var description: String?
    var nextVersionNumber: Int
    var createdAt: String
    var updatedAt: String

    init(_ policy: ManagedPolicy) {
        id = policy.id
        accountId = policy.accountId
        isAWSManaged = policy.isAWSManaged
        name = policy.name
        path = policy.path
        description = policy.description
        nextVersionNumber = policy.nextVersionNumber
        createdAt = Timestamp.string(from: policy.createdAt)
        updatedAt = Timestamp.string(from: policy.updatedAt)
    }

    var model: ManagedPolicy {
        ManagedPolicy(
            id: id, accountId: accountId, name: name, path: path, description: description,
            nextVersionNumber: nextVersionNumber, createdAt: createdAt.storedDate, updatedAt: updatedAt.storedDate)
    }
}

struct PolicyVersionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "managedPolicyVersion"
    var policyId: String
    var versionId: String
    var document: String
    var isDefault: Bool
    var createdAt: String

    init(_ version: PolicyVersion) {
        policyId = version.policyId
        versionId = version.versionId
        document = version.document
        isDefault = version.isDefault
        createdAt = Timestamp.string(from: version.createdAt)
    }

    var model: PolicyVersion {
        PolicyVersion(policyId: policyId, versionId: versionId, document: document, isDefault: isDefault, createdAt: createdAt.storedDate)
    }
}

/// A row of `userInlinePolicy` or `groupInlinePolicy`.
struct InlinePolicyRecord: Codable, FetchableRecord {
    var name: String
    var document: String
    var createdAt: String
    var updatedAt: String

    var model: InlinePolicy {
        InlinePolicy(name: name, document: document, createdAt: createdAt.storedDate, updatedAt: updatedAt.storedDate)
    }
}
