import Foundation
import IAMCore

// Users, their tags, groups, and STS GetCallerIdentity.
//
// Resources, from the Service Authorization Reference ("Actions, resources, and condition keys for
// AWS Identity and Access Management", https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html):
// user operations and user tags act on the `user` resource type (`arn:aws:iam::ACCOUNT:user/PATH/NAME`),
// group operations, AddUserToGroup and RemoveUserFromGroup on `group`, ListGroupsForUser on `user`.
// ListUsers and ListGroups list the `user`/`group` resource type; AWS evaluates them on
// `arn:aws:iam::ACCOUNT:user/` followed by the path prefix, the ARN its AccessDenied messages name
// ("… is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/
// because no identity-based policy allows the iam:ListUsers action", and "iam:ListGroups on
// resource: arn:aws:iam::123456789012:group/", both quoted from real AWS in many public lab notes).
// GetUser without UserName is authorized on the caller's own ARN: "User: arn:aws:iam::566964866387:
// user/docker is not authorized to perform: iam:GetUser on resource: arn:aws:iam::566964866387:user/docker"
// (realestate-com-au/credulous#79, 2014).

extension IAMService {
    static let identityOperations: [String: OperationHandler] = [
        "CreateUser": OperationHandler(
            run: { iam, input in
                let user = try await iam.createUser(
                    userName: try input.requiredString("UserName"), path: input.string("Path"),
                    permissionsBoundary: input.string("PermissionsBoundary"), tags: input.tags())
                return .object([("User", user.json)])
            },
            resource: .new("user", nameMember: "UserName")),
        "GetUser": OperationHandler(
            run: { iam, input in .object([("User", try await iam.getUser(userName: input.string("UserName")).json)]) },
            resource: .userOrCaller),
        "UpdateUser": OperationHandler(
            noOutput: { iam, input in
                try await iam.updateUser(
                    userName: try input.requiredString("UserName"), newUserName: input.string("NewUserName"),
                    newPath: input.string("NewPath"))
            },
            resource: .user),
        "DeleteUser": OperationHandler(
            noOutput: { iam, input in try await iam.deleteUser(userName: try input.requiredString("UserName")) },
            resource: .user),
        "ListUsers": OperationHandler(
            run: { iam, input in
                try await iam.listUsers(pathPrefix: input.string("PathPrefix"), page: input.page())
                    .json("Users") { $0.json(in: iam.account) }
            },
            resource: .pathPrefix("user")),

        "TagUser": OperationHandler(
            noOutput: { iam, input in try await iam.tagUser(userName: try input.requiredString("UserName"), tags: input.tags()) },
            resource: .user),
        "UntagUser": OperationHandler(
            noOutput: { iam, input in
                try await iam.untagUser(userName: try input.requiredString("UserName"), tagKeys: try input.requiredStrings("TagKeys"))
            },
            resource: .user),
        "ListUserTags": OperationHandler(
            run: { iam, input in
                try await iam.listUserTags(userName: try input.requiredString("UserName"), page: input.page()).json("Tags", \.json)
            },
            resource: .user),

        "CreateGroup": OperationHandler(
            run: { iam, input in
                let group = try await iam.createGroup(groupName: try input.requiredString("GroupName"), path: input.string("Path"))
                return .object([("Group", group.json(in: iam.account))])
            },
            resource: .new("group", nameMember: "GroupName")),
        "GetGroup": OperationHandler(
            run: { iam, input in
                try await iam.getGroup(groupName: try input.requiredString("GroupName"), page: input.page()).json(in: iam.account)
            },
            resource: .group),
        "UpdateGroup": OperationHandler(
            noOutput: { iam, input in
                try await iam.updateGroup(
                    groupName: try input.requiredString("GroupName"), newGroupName: input.string("NewGroupName"),
                    newPath: input.string("NewPath"))
            },
            resource: .group),
        "DeleteGroup": OperationHandler(
            noOutput: { iam, input in try await iam.deleteGroup(groupName: try input.requiredString("GroupName")) },
            resource: .group),
        "ListGroups": OperationHandler(
            run: { iam, input in
                try await iam.listGroups(pathPrefix: input.string("PathPrefix"), page: input.page())
                    .json("Groups") { $0.json(in: iam.account) }
            },
            resource: .pathPrefix("group")),
        "ListGroupsForUser": OperationHandler(
            run: { iam, input in
                try await iam.listGroupsForUser(userName: try input.requiredString("UserName"), page: input.page())
                    .json("Groups") { $0.json(in: iam.account) }
            },
            resource: .user),
        "AddUserToGroup": OperationHandler(
            noOutput: { iam, input in
                try await iam.addUserToGroup(groupName: try input.requiredString("GroupName"), userName: try input.requiredString("UserName"))
            },
            resource: .group),
        "RemoveUserFromGroup": OperationHandler(
            noOutput: { iam, input in
                try await iam.removeUserFromGroup(
                    groupName: try input.requiredString("GroupName"), userName: try input.requiredString("UserName"))
            },
            resource: .group),

        // STS: who the caller is. No permission is needed; even an explicit deny does not stop it
        // (STS API reference, GetCallerIdentity: "No permissions are required to perform this operation").
        "GetCallerIdentity": OperationHandler(
            service: "sts",
            run: { iam, _ in
                .object([
                    ("UserId", .string(iam.caller.principalId)), ("Account", .string(iam.account.id)),
                    ("Arn", .string(iam.caller.arn)),
                ])
            },
            resource: .any, requiresPermission: false),
    ]
}
