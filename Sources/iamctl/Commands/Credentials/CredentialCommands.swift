import ArgumentParser

/// Login profiles, password policy, access keys, MFA devices and credential report commands.
enum CredentialCommands {
    static let all: [any ParsableCommand.Type] = []
}
