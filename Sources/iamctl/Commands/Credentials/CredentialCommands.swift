import ArgumentParser

/// Login profiles, password policy, access keys, MFA devices and credential report commands.
enum CredentialCommands {
    static let all: [any ParsableCommand.Type] = [
        CreateLoginProfileCommand.self, GetLoginProfileCommand.self, UpdateLoginProfileCommand.self,
        DeleteLoginProfileCommand.self, ChangePasswordCommand.self,
        UpdateAccountPasswordPolicyCommand.self, GetAccountPasswordPolicyCommand.self, DeleteAccountPasswordPolicyCommand.self,
        CreateAccessKeyCommand.self, UpdateAccessKeyCommand.self, DeleteAccessKeyCommand.self, ListAccessKeysCommand.self,
        GetAccessKeyLastUsedCommand.self,
        CreateVirtualMFADeviceCommand.self, EnableMFADeviceCommand.self, DeactivateMFADeviceCommand.self,
        DeleteVirtualMFADeviceCommand.self, ListMFADevicesCommand.self, ListVirtualMFADevicesCommand.self,
        ResyncMFADeviceCommand.self, TagMFADeviceCommand.self, UntagMFADeviceCommand.self, ListMFADeviceTagsCommand.self,
        GenerateCredentialReportCommand.self, GetCredentialReportCommand.self,
    ]
}
