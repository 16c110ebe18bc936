import ArgumentParser

/// Users, groups, memberships, tags, account alias, summary and status commands.
enum IdentityCommands {
    static let all: [any ParsableCommand.Type] = [
        CreateUserCommand.self, GetUserCommand.self, UpdateUserCommand.self, DeleteUserCommand.self,
        ListUsersCommand.self, TagUserCommand.self, UntagUserCommand.self, ListUserTagsCommand.self,
        CreateGroupCommand.self, GetGroupCommand.self, UpdateGroupCommand.self, DeleteGroupCommand.self,
        ListGroupsCommand.self, ListGroupsForUserCommand.self, AddUserToGroupCommand.self,
        RemoveUserFromGroupCommand.self, CreateAccountAliasCommand.self, DeleteAccountAliasCommand.self,
        ListAccountAliasesCommand.self, GetAccountSummaryCommand.self, StatusCommand.self,
    ]
}
