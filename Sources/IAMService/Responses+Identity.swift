import Foundation
import IAMCore

// AWS-shaped responses of the identity operations, as `JSONValue`, so the CLI, the audit trail
// and an HTTP front end print exactly the same members in AWS's order (botocore's model order).

extension Date {
    /// AWS's timestamp form in JSON output: `2026-11-29T11:50:07+00:00` (the aws CLI's rendering).
    public var awsTimestamp: String { UTCTimestamp.string(self, milliseconds: false, zone: "+00:00") }
}

/// A user as `GetUser`, `CreateUser` and `ListUsers` describe it: AWS's `User` shape.
///
/// The root user has no path and no name: `GetUser` as root answers with the account ID as
/// `UserId` and the root ARN.
public struct UserDescription: Sendable, Hashable {
    public var path: String?
    public var userName: String?
    public var userId: String
    public var arn: String
    public var createdAt: Date
    public var passwordLastUsedAt: Date?
    /// The ARN of the managed policy used as permissions boundary.
    public var permissionsBoundaryArn: String?
    /// `nil` where AWS leaves `Tags` out (lists); an empty list is left out too, as AWS does.
    public var tags: [Tag]?

    public init(
        path: String?, userName: String?, userId: String, arn: String, createdAt: Date, passwordLastUsedAt: Date? = nil,
        permissionsBoundaryArn: String? = nil, tags: [Tag]? = nil
    ) {
        self.path = path
        self.userName = userName
        self.userId = userId
        self.arn = arn
        self.createdAt = createdAt
        self.passwordLastUsedAt = passwordLastUsedAt
        self.permissionsBoundaryArn = permissionsBoundaryArn
        self.tags = tags
    }

    /// An IAM user of `account`.
    public init(_ user: User, in account: Account, permissionsBoundaryArn: String? = nil, tags: [Tag]? = nil) {
        self.init(
            path: user.path, userName: user.name, userId: user.id, arn: user.arn(in: account), createdAt: user.createdAt,
            passwordLastUsedAt: user.passwordLastUsedAt, permissionsBoundaryArn: permissionsBoundaryArn, tags: tags)
    }

    /// AWS's `User` structure.
    public var json: JSONValue {
        .object([
            "Path": path.map(JSONValue.string),
            "UserName": userName.map(JSONValue.string),
            "UserId": .string(userId),
            "Arn": .string(arn),
            "CreateDate": .string(createdAt.awsTimestamp),
            "PasswordLastUsed": passwordLastUsedAt.map { .string($0.awsTimestamp) },
            "PermissionsBoundary": permissionsBoundaryArn.map {
                .object([
                    "PermissionsBoundaryType": .string("PermissionsBoundaryPolicy"),
                    "PermissionsBoundaryArn": .string($0),
                ])
            },
            "Tags": tags.flatMap { $0.isEmpty ? nil : Tag.json($0) },
        ])
    }
}

extension Tag {
    /// AWS's `Tag` structure: `{"Key": …, "Value": …}`.
    public var json: JSONValue { .object([("Key", .string(key)), ("Value", .string(value))]) }

    /// AWS's `Tags` list: `[{"Key": …, "Value": …}]`.
    public static func json(_ tags: [Tag]) -> JSONValue { .array(tags.map(\.json)) }
}

extension User {
    /// AWS's `User` structure as lists show it (no tags, no boundary).
    public func json(in account: Account) -> JSONValue { UserDescription(self, in: account).json }
}

extension Group {
    /// AWS's `Group` structure.
    public func json(in account: Account) -> JSONValue {
        .object([
            ("Path", .string(path)), ("GroupName", .string(name)), ("GroupId", .string(id)),
            ("Arn", .string(arn(in: account))), ("CreateDate", .string(createdAt.awsTimestamp)),
        ])
    }
}

extension Page {
    /// AWS's list response: `{LIST: […], "IsTruncated": …, "Marker": …}`.
    public func json(_ listName: String, _ item: (Item) -> JSONValue) -> JSONValue {
        .object([
            listName: .array(items.map(item)),
            "IsTruncated": .bool(isTruncated),
            "Marker": nextMarker.map(JSONValue.string),
        ])
    }
}

/// `GetGroup`'s result: the group and one page of its members.
public struct GroupWithMembers: Sendable {
    public var group: Group
    public var members: Page<User>

    public init(group: Group, members: Page<User>) {
        self.group = group
        self.members = members
    }

    /// AWS's `GetGroupResponse`: `{"Group": …, "Users": […], "IsTruncated": …, "Marker": …}`.
    public func json(in account: Account) -> JSONValue {
        .object([
            "Group": group.json(in: account),
            "Users": .array(members.items.map { $0.json(in: account) }),
            "IsTruncated": .bool(members.isTruncated),
            "Marker": members.nextMarker.map(JSONValue.string),
        ])
    }
}

/// `GetAccountSummary`'s `SummaryMap`, in the model's key order.
public struct AccountSummary: Sendable, Hashable {
    public var entries: [(key: String, value: Int)]

    public init(entries: [(key: String, value: Int)]) { self.entries = entries }

    public subscript(key: String) -> Int? { entries.first { $0.key == key }?.value }

    public static func == (lhs: AccountSummary, rhs: AccountSummary) -> Bool {
        lhs.entries.map(\.key) == rhs.entries.map(\.key) && lhs.entries.map(\.value) == rhs.entries.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }

    /// AWS's `GetAccountSummaryResponse`: `{"SummaryMap": {…}}`.
    public var json: JSONValue {
        .object([("SummaryMap", .object(entries.map { ($0.key, JSONValue.integer($0.value)) }))])
    }
}

/// One line of the console's security status checklist.
public struct SecurityCheck: Sendable, Hashable {
    public var name: String
    public var passed: Bool
    /// What to do when the check fails.
    public var advice: String

    public init(name: String, passed: Bool, advice: String) {
        self.name = name
        self.passed = passed
        self.advice = advice
    }
}

extension Array where Element == SecurityCheck {
    /// `{"SecurityStatus": [{"Check": …, "Status": "PASS"|"FAIL", "Advice": …}]}`.
    public var json: JSONValue {
        .object([
            (
                "SecurityStatus",
                .array(
                    map {
                        .object([
                            ("Check", .string($0.name)), ("Status", .string($0.passed ? "PASS" : "FAIL")),
                            ("Advice", .string($0.passed ? "" : $0.advice)),
                        ])
                    })
            )
        ])
    }
}
