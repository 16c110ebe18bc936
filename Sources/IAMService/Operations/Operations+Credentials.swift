import Foundation
import IAMCore

// Access keys, login profiles and passwords, MFA devices and their tags.
//
// Resources, from the Service Authorization Reference (see Operations+Identity.swift): access-key,
// login-profile and ChangePassword operations, EnableMFADevice, ResyncMFADevice,
// DeactivateMFADevice and ListMFADevices act on the `user` resource type (the named user, or the
// caller when `UserName` is omitted); GetAccessKeyLastUsed on the user who owns the key;
// CreateVirtualMFADevice, DeleteVirtualMFADevice and the MFA tag operations on the `mfa` resource
// type (`arn:aws:iam::ACCOUNT:mfa/PATH/NAME`, which is the device's serial number);
// ListVirtualMFADevices lists no resource type, so `*`.

extension IAMService {
    static let credentialOperations: [String: OperationHandler] = [
        "CreateAccessKey": OperationHandler(
            run: { iam, input in .object([("AccessKey", try await iam.createAccessKey(userName: input.string("UserName")).json)]) },
            resource: .userOrCaller),
        "UpdateAccessKey": OperationHandler(
            noOutput: { iam, input in
                try await iam.updateAccessKey(
                    accessKeyId: try input.requiredString("AccessKeyId"), status: try input.requiredString("Status"),
                    userName: input.string("UserName"))
            },
            resource: .userOrCaller),
        "DeleteAccessKey": OperationHandler(
            noOutput: { iam, input in
                try await iam.deleteAccessKey(accessKeyId: try input.requiredString("AccessKeyId"), userName: input.string("UserName"))
            },
            resource: .userOrCaller),
        "ListAccessKeys": OperationHandler(
            run: { iam, input in
                try await iam.listAccessKeys(userName: input.string("UserName"), page: input.page()).json("AccessKeyMetadata", \.json)
            },
            resource: .userOrCaller),
        "GetAccessKeyLastUsed": OperationHandler(
            run: { iam, input in try await iam.getAccessKeyLastUsed(accessKeyId: try input.requiredString("AccessKeyId")).json },
            resource: ResourceRule { iam, input in try await iam.accessKeyOwnerResource(try input.requiredString("AccessKeyId")) }),

        // The model leaves UserName (and CreateLoginProfile's Password) optional for sessions of the
        // root user obtained through AssumeRoot; IAMStore has none, so an omitted UserName means the
        // calling IAM user, and the root user must name one.
        "CreateLoginProfile": OperationHandler(
            run: { iam, input in
                let profile = try await iam.createLoginProfile(
                    userName: try input.userNameOrCaller(iam), password: try input.requiredString("Password"),
                    passwordResetRequired: input.bool("PasswordResetRequired") ?? false)
                return .object([("LoginProfile", profile.json)])
            },
            resource: .userOrCaller),
        "GetLoginProfile": OperationHandler(
            run: { iam, input in
                .object([("LoginProfile", try await iam.getLoginProfile(userName: try input.userNameOrCaller(iam)).json)])
            },
            resource: .userOrCaller),
        "UpdateLoginProfile": OperationHandler(
            noOutput: { iam, input in
                try await iam.updateLoginProfile(
                    userName: try input.requiredString("UserName"), password: input.string("Password"),
                    passwordResetRequired: input.bool("PasswordResetRequired"))
            },
            resource: .user),
        "DeleteLoginProfile": OperationHandler(
            noOutput: { iam, input in try await iam.deleteLoginProfile(userName: try input.userNameOrCaller(iam)) },
            resource: .userOrCaller),
        "ChangePassword": OperationHandler(
            noOutput: { iam, input in
                try await iam.changePassword(
                    oldPassword: try input.requiredString("OldPassword"), newPassword: try input.requiredString("NewPassword"))
            },
            resource: .userOrCaller),

        // The seed and the QR code are blobs in the model: they are returned base64-encoded, the
        // form the Query API's XML carries (botocore decodes them back to bytes).
        "CreateVirtualMFADevice": OperationHandler(
            run: { iam, input in
                let device = try await iam.createVirtualMFADevice(
                    name: try input.requiredString("VirtualMFADeviceName"), path: input.string("Path") ?? "/", tags: input.tags())
                return .object([
                    (
                        "VirtualMFADevice",
                        .object([
                            "SerialNumber": .string(device.serialNumber),
                            "Base32StringSeed": .string(device.base32StringSeed.reveal().base64EncodedString()),
                            "QRCodePNG": .string(device.qrCodePNG.reveal().base64EncodedString()),
                            "Tags": device.tags.isEmpty ? nil : Tag.json(device.tags),
                        ])
                    )
                ])
            },
            resource: .new("mfa", nameMember: "VirtualMFADeviceName")),
        "EnableMFADevice": OperationHandler(
            noOutput: { iam, input in
                try await iam.enableMFADevice(
                    userName: try input.requiredString("UserName"), serialNumber: try input.requiredString("SerialNumber"),
                    authenticationCode1: try input.requiredString("AuthenticationCode1"),
                    authenticationCode2: try input.requiredString("AuthenticationCode2"))
            },
            resource: .user),
        "ResyncMFADevice": OperationHandler(
            noOutput: { iam, input in
                try await iam.resyncMFADevice(
                    userName: try input.requiredString("UserName"), serialNumber: try input.requiredString("SerialNumber"),
                    authenticationCode1: try input.requiredString("AuthenticationCode1"),
                    authenticationCode2: try input.requiredString("AuthenticationCode2"))
            },
            resource: .user),
        "DeactivateMFADevice": OperationHandler(
            noOutput: { iam, input in
                try await iam.deactivateMFADevice(userName: input.string("UserName"), serialNumber: try input.requiredString("SerialNumber"))
            },
            resource: .userOrCaller),
        "DeleteVirtualMFADevice": OperationHandler(
            noOutput: { iam, input in try await iam.deleteVirtualMFADevice(serialNumber: try input.requiredString("SerialNumber")) },
            resource: .mfaDevice),
        "ListMFADevices": OperationHandler(
            run: { iam, input in
                try await iam.listMFADevices(userName: input.string("UserName"), page: input.page())
                    .json("MFADevices") { $0.mfaDeviceJSON(accountId: iam.account.id) }
            },
            resource: .userOrCaller),
        "ListVirtualMFADevices": OperationHandler(
            run: { iam, input in
                let status = input.string("AssignmentStatus").flatMap(MFAAssignmentFilter.init(rawValue:)) ?? .any
                return try await iam.listVirtualMFADevices(assignmentStatus: status, page: input.page())
                    .json("VirtualMFADevices") { $0.json(account: iam.account) }
            },
            resource: .any),
        "TagMFADevice": OperationHandler(
            noOutput: { iam, input in try await iam.tagMFADevice(serialNumber: try input.requiredString("SerialNumber"), tags: input.tags()) },
            resource: .mfaDevice),
        "UntagMFADevice": OperationHandler(
            noOutput: { iam, input in
                try await iam.untagMFADevice(
                    serialNumber: try input.requiredString("SerialNumber"), tagKeys: try input.requiredStrings("TagKeys"))
            },
            resource: .mfaDevice),
        "ListMFADeviceTags": OperationHandler(
            run: { iam, input in
                try await iam.listMFADeviceTags(serialNumber: try input.requiredString("SerialNumber"), page: input.page())
                    .json("Tags", \.json)
            },
            resource: .mfaDevice),
    ]

    /// The ARN of the user who owns an access key of this account (the root ARN for a root key),
    /// or `*` for a key this account does not hold, which the operation then reports as missing.
    func accessKeyOwnerResource(_ accessKeyId: String) async throws -> String {
        try await store.read { tx in
            guard let key = try tx.accessKey(id: accessKeyId), key.accountId == account.id else { return "*" }
            switch key.owner {
            case .root: return account.rootARN
            case .user(let id): return try tx.user(id: id)?.arn(in: account) ?? "*"
            }
        }
    }
}

extension ResourceRule {
    /// The virtual MFA device `SerialNumber` names: its serial number is its ARN.
    static let mfaDevice = ResourceRule { _, input in try input.requiredString("SerialNumber") }
}

extension OperationInput {
    /// `UserName`, or the calling IAM user's name when it is omitted.
    ///
    /// - Throws: `ValidationError` "Member must not be null" when it is omitted by the root user.
    func userNameOrCaller(_ iam: IAMService) throws -> String {
        if let name = string("UserName") { return name }
        guard case .user(let user) = iam.caller.kind else { return try requiredString("UserName") }
        return user.name
    }
}
