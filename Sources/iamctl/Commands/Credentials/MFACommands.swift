import ArgumentParser
import Foundation
import IAMCore
import IAMService

/// How `create-virtual-mfa-device` writes the device's secret, as the aws CLI's `--bootstrap-method`.
enum BootstrapMethod: String, ExpressibleByArgument, CaseIterable {
    case qrCodePNG = "QRCodePNG"
    case base32StringSeed = "Base32StringSeed"
}

/// `iamctl create-virtual-mfa-device`: the seed or QR code goes to `--outfile` (mode 0600), never
/// to standard output, as with the aws CLI.
struct CreateVirtualMFADeviceCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-virtual-mfa-device", abstract: "Create a virtual MFA device and write its seed or QR code to a file.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("virtual-mfa-device-name")) var name: String
    @Option var path: String = "/"
    @Option(help: "Where to write the QR code PNG or the Base32 seed (mode 0600).") var outfile: String
    @Option(name: .customLong("bootstrap-method"), help: "QRCodePNG or Base32StringSeed.") var bootstrapMethod: BootstrapMethod
    @Option(parsing: .upToNextOption, help: "Tags as Key=NAME,Value=VALUE.") var tags: [String] = []

    var operationName: String { "CreateVirtualMFADevice" }

    func execute(_ environment: CommandEnvironment) async throws {
        let tags = try tags.map(parseTag)
        let created = try await global.service(environment).createVirtualMFADevice(name: name, path: path, tags: tags)
        let secret = bootstrapMethod == .qrCodePNG ? created.qrCodePNG : created.base32StringSeed
        try SecretFile.write(secret.reveal(), to: outfile)
        environment.emit(
            .object(["VirtualMFADevice": .object(["SerialNumber": .string(created.serialNumber)])]), format: global.output,
            title: "CreateVirtualMFADevice")
    }
}

/// `iamctl enable-mfa-device`: without `--user-name`, for the root user.
struct EnableMFADeviceCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable-mfa-device", abstract: "Enable a virtual MFA device with two consecutive codes.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String?
    @Option(name: .customLong("serial-number")) var serialNumber: String
    @Option(name: .customLong("authentication-code1")) var code1: String
    @Option(name: .customLong("authentication-code2")) var code2: String

    var operationName: String { "EnableMFADevice" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).enableMFADevice(
            userName: userName, serialNumber: serialNumber, authenticationCode1: code1, authenticationCode2: code2)
    }
}

/// `iamctl resync-mfa-device`
struct ResyncMFADeviceCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "resync-mfa-device", abstract: "Re-synchronize an enabled MFA device with two consecutive codes.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String?
    @Option(name: .customLong("serial-number")) var serialNumber: String
    @Option(name: .customLong("authentication-code1")) var code1: String
    @Option(name: .customLong("authentication-code2")) var code2: String

    var operationName: String { "ResyncMFADevice" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).resyncMFADevice(
            userName: userName, serialNumber: serialNumber, authenticationCode1: code1, authenticationCode2: code2)
    }
}

/// `iamctl deactivate-mfa-device`
struct DeactivateMFADeviceCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "deactivate-mfa-device", abstract: "Deactivate an MFA device.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user-name")) var userName: String?
    @Option(name: .customLong("serial-number")) var serialNumber: String

    var operationName: String { "DeactivateMFADevice" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).deactivateMFADevice(userName: userName, serialNumber: serialNumber)
    }
}

/// `iamctl delete-virtual-mfa-device`
struct DeleteVirtualMFADeviceCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-virtual-mfa-device", abstract: "Delete a deactivated virtual MFA device.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("serial-number")) var serialNumber: String

    var operationName: String { "DeleteVirtualMFADevice" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).deleteVirtualMFADevice(serialNumber: serialNumber)
    }
}

/// `iamctl list-mfa-devices`
struct ListMFADevicesCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-mfa-devices", abstract: "List the MFA devices enabled for a user.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("user-name")) var userName: String?

    var operationName: String { "ListMFADevices" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (devices, token) = try await pagination.collect { try await service.listMFADevices(userName: userName, page: $0) }
        environment.emit(
            JSONValue.object(["MFADevices": .array(devices.map { $0.mfaDeviceJSON(accountId: service.account.id) })])
                .withNextToken(token),
            format: global.output, title: "ListMFADevices")
    }
}

/// `iamctl list-virtual-mfa-devices`
struct ListVirtualMFADevicesCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-virtual-mfa-devices", abstract: "List the account's virtual MFA devices.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("assignment-status"), help: "Assigned, Unassigned or Any.") var assignmentStatus: String = "Any"

    var operationName: String { "ListVirtualMFADevices" }

    func validate() throws {
        if MFAAssignmentFilter(rawValue: assignmentStatus) == nil {
            throw ValidationError("--assignment-status must be Assigned, Unassigned or Any.")
        }
    }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let page = try await service.listVirtualMFADevices(
            assignmentStatus: MFAAssignmentFilter(rawValue: assignmentStatus) ?? .any, page: .all)
        environment.emit(
            .object(["VirtualMFADevices": .array(page.items.map { $0.json(account: service.account) })]),
            format: global.output, title: "ListVirtualMFADevices")
    }
}

/// `iamctl tag-mfa-device`
struct TagMFADeviceCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "tag-mfa-device", abstract: "Add or overwrite tags on an MFA device.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("serial-number")) var serialNumber: String
    @Option(parsing: .upToNextOption, help: "Tags as Key=NAME,Value=VALUE.") var tags: [String]

    var operationName: String { "TagMFADevice" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).tagMFADevice(serialNumber: serialNumber, tags: try tags.map(parseTag))
    }
}

/// `iamctl untag-mfa-device`
struct UntagMFADeviceCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "untag-mfa-device", abstract: "Remove tags from an MFA device.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("serial-number")) var serialNumber: String
    @Option(name: .customLong("tag-keys"), parsing: .upToNextOption) var tagKeys: [String]

    var operationName: String { "UntagMFADevice" }

    func execute(_ environment: CommandEnvironment) async throws {
        try await global.service(environment).untagMFADevice(serialNumber: serialNumber, tagKeys: tagKeys)
    }
}

/// `iamctl list-mfa-device-tags`
struct ListMFADeviceTagsCommand: IAMCommand {
    static let configuration = CommandConfiguration(commandName: "list-mfa-device-tags", abstract: "List an MFA device's tags.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("serial-number")) var serialNumber: String

    var operationName: String { "ListMFADeviceTags" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let (tags, token) = try await pagination.collect { try await service.listMFADeviceTags(serialNumber: serialNumber, page: $0) }
        environment.emit(JSONValue.object(["Tags": .tags(tags)]).withNextToken(token), format: global.output, title: "ListMFADeviceTags")
    }
}
