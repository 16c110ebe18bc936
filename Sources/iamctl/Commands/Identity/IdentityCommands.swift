import ArgumentParser

/// Users, groups, memberships, tags, account alias, summary and status commands.
enum IdentityCommands {
    static let all: [any ParsableCommand.Type] = []
}
