import Foundation
import IAMCore

// Managed policies and their versions and tags, attachments, inline policies and permissions
// boundaries.
//
// Resources, from the Service Authorization Reference (see Operations+Identity.swift): managed
// policy, version, policy-tag and ListEntitiesForPolicy operations act on the `policy` resource
// type (the policy's ARN; for CreatePolicy `arn:aws:iam::ACCOUNT:policy/PATH/NAME`); ListPolicies
// lists no resource type, so `*` (AWS's AccessDenied message for it reads "on resource: policy path /",
// a description rather than an ARN; a statement must use `*` to allow it). Attaching, detaching and listing the policies of a user or group
// act on that user or group (the policy ARN is the `iam:PolicyARN` condition key, not the
// resource), as do the inline-policy operations and Put/DeleteUserPermissionsBoundary.
//
// Policy documents are returned as the text that was submitted, as the Query API carries them.

extension IAMService {
    static let policyOperations: [String: OperationHandler] = [
        "CreatePolicy": OperationHandler(
            run: { iam, input in
                let policy = try await iam.createPolicy(
                    policyName: try input.requiredString("PolicyName"), policyDocument: try input.requiredString("PolicyDocument"),
                    path: input.string("Path"), description: input.string("Description"), tags: input.tags())
                return .object([("Policy", policy.json)])
            },
            resource: .new("policy", nameMember: "PolicyName")),
        "GetPolicy": OperationHandler(
            run: { iam, input in .object([("Policy", try await iam.getPolicy(policyArn: try input.requiredString("PolicyArn")).json)]) },
            resource: .policy),
        "DeletePolicy": OperationHandler(
            noOutput: { iam, input in try await iam.deletePolicy(policyArn: try input.requiredString("PolicyArn")) },
            resource: .policy),
        "ListPolicies": OperationHandler(
            run: { iam, input in
                try await iam.listPolicies(
                    scope: input.string("Scope").flatMap(PolicyScope.init(rawValue:)) ?? .all,
                    onlyAttached: input.bool("OnlyAttached") ?? false, pathPrefix: input.string("PathPrefix"),
                    usage: input.string("PolicyUsageFilter").flatMap(PolicyUsage.init(rawValue:)), page: input.page()
                ).json("Policies", \.json)
            },
            resource: .any),

        "CreatePolicyVersion": OperationHandler(
            run: { iam, input in
                let version = try await iam.createPolicyVersion(
                    policyArn: try input.requiredString("PolicyArn"), policyDocument: try input.requiredString("PolicyDocument"),
                    setAsDefault: input.bool("SetAsDefault") ?? false)
                return .object([("PolicyVersion", version.json(includingDocument: false))])
            },
            resource: .policy),
        "GetPolicyVersion": OperationHandler(
            run: { iam, input in
                let version = try await iam.getPolicyVersion(
                    policyArn: try input.requiredString("PolicyArn"), versionId: try input.requiredString("VersionId"))
                return .object([("PolicyVersion", version.json(documents: .text))])
            },
            resource: .policy),
        "ListPolicyVersions": OperationHandler(
            run: { iam, input in
                try await iam.listPolicyVersions(policyArn: try input.requiredString("PolicyArn"), page: input.page())
                    .json("Versions") { $0.json(includingDocument: false) }
            },
            resource: .policy),
        "DeletePolicyVersion": OperationHandler(
            noOutput: { iam, input in
                try await iam.deletePolicyVersion(policyArn: try input.requiredString("PolicyArn"), versionId: try input.requiredString("VersionId"))
            },
            resource: .policy),
        "SetDefaultPolicyVersion": OperationHandler(
            noOutput: { iam, input in
                try await iam.setDefaultPolicyVersion(
                    policyArn: try input.requiredString("PolicyArn"), versionId: try input.requiredString("VersionId"))
            },
            resource: .policy),

        "TagPolicy": OperationHandler(
            noOutput: { iam, input in try await iam.tagPolicy(policyArn: try input.requiredString("PolicyArn"), tags: input.tags()) },
            resource: .policy),
        "UntagPolicy": OperationHandler(
            noOutput: { iam, input in
                try await iam.untagPolicy(policyArn: try input.requiredString("PolicyArn"), tagKeys: try input.requiredStrings("TagKeys"))
            },
            resource: .policy),
        "ListPolicyTags": OperationHandler(
            run: { iam, input in
                try await iam.listPolicyTags(policyArn: try input.requiredString("PolicyArn"), page: input.page()).json("Tags", \.json)
            },
            resource: .policy),
        "ListEntitiesForPolicy": OperationHandler(
            run: { iam, input in
                try await iam.listEntitiesForPolicy(
                    policyArn: try input.requiredString("PolicyArn"),
                    entityFilter: input.string("EntityFilter").flatMap(AuthorizationDetailsFilter.init(rawValue:)),
                    pathPrefix: input.string("PathPrefix"),
                    usage: input.string("PolicyUsageFilter").flatMap(PolicyUsage.init(rawValue:)), page: input.page()
                ).json
            },
            resource: .policy),

        "AttachUserPolicy": OperationHandler(
            noOutput: { iam, input in
                try await iam.attachUserPolicy(userName: try input.requiredString("UserName"), policyArn: try input.requiredString("PolicyArn"))
            },
            resource: .user),
        "DetachUserPolicy": OperationHandler(
            noOutput: { iam, input in
                try await iam.detachUserPolicy(userName: try input.requiredString("UserName"), policyArn: try input.requiredString("PolicyArn"))
            },
            resource: .user),
        "ListAttachedUserPolicies": OperationHandler(
            run: { iam, input in
                try await iam.listAttachedUserPolicies(
                    userName: try input.requiredString("UserName"), pathPrefix: input.string("PathPrefix"), page: input.page()
                ).json("AttachedPolicies", \.json)
            },
            resource: .user),
        "AttachGroupPolicy": OperationHandler(
            noOutput: { iam, input in
                try await iam.attachGroupPolicy(groupName: try input.requiredString("GroupName"), policyArn: try input.requiredString("PolicyArn"))
            },
            resource: .group),
        "DetachGroupPolicy": OperationHandler(
            noOutput: { iam, input in
                try await iam.detachGroupPolicy(groupName: try input.requiredString("GroupName"), policyArn: try input.requiredString("PolicyArn"))
            },
            resource: .group),
        "ListAttachedGroupPolicies": OperationHandler(
            run: { iam, input in
                try await iam.listAttachedGroupPolicies(
                    groupName: try input.requiredString("GroupName"), pathPrefix: input.string("PathPrefix"), page: input.page()
                ).json("AttachedPolicies", \.json)
            },
            resource: .group),

        "PutUserPolicy": OperationHandler(
            noOutput: { iam, input in
                try await iam.putUserPolicy(
                    userName: try input.requiredString("UserName"), policyName: try input.requiredString("PolicyName"),
                    policyDocument: try input.requiredString("PolicyDocument"))
            },
            resource: .user),
        "GetUserPolicy": OperationHandler(
            run: { iam, input in
                try await iam.getUserPolicy(userName: try input.requiredString("UserName"), policyName: try input.requiredString("PolicyName"))
                    .json(documents: .text)
            },
            resource: .user),
        "DeleteUserPolicy": OperationHandler(
            noOutput: { iam, input in
                try await iam.deleteUserPolicy(userName: try input.requiredString("UserName"), policyName: try input.requiredString("PolicyName"))
            },
            resource: .user),
        "ListUserPolicies": OperationHandler(
            run: { iam, input in
                try await iam.listUserPolicies(userName: try input.requiredString("UserName"), page: input.page())
                    .json("PolicyNames", JSONValue.string)
            },
            resource: .user),
        "PutGroupPolicy": OperationHandler(
            noOutput: { iam, input in
                try await iam.putGroupPolicy(
                    groupName: try input.requiredString("GroupName"), policyName: try input.requiredString("PolicyName"),
                    policyDocument: try input.requiredString("PolicyDocument"))
            },
            resource: .group),
        "GetGroupPolicy": OperationHandler(
            run: { iam, input in
                try await iam.getGroupPolicy(groupName: try input.requiredString("GroupName"), policyName: try input.requiredString("PolicyName"))
                    .json(documents: .text)
            },
            resource: .group),
        "DeleteGroupPolicy": OperationHandler(
            noOutput: { iam, input in
                try await iam.deleteGroupPolicy(groupName: try input.requiredString("GroupName"), policyName: try input.requiredString("PolicyName"))
            },
            resource: .group),
        "ListGroupPolicies": OperationHandler(
            run: { iam, input in
                try await iam.listGroupPolicies(groupName: try input.requiredString("GroupName"), page: input.page())
                    .json("PolicyNames", JSONValue.string)
            },
            resource: .group),

        "PutUserPermissionsBoundary": OperationHandler(
            noOutput: { iam, input in
                try await iam.putUserPermissionsBoundary(
                    userName: try input.requiredString("UserName"), permissionsBoundary: try input.requiredString("PermissionsBoundary"))
            },
            resource: .user),
        "DeleteUserPermissionsBoundary": OperationHandler(
            noOutput: { iam, input in try await iam.deleteUserPermissionsBoundary(userName: try input.requiredString("UserName")) },
            resource: .user),
    ]
}
