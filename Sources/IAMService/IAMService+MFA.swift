import Foundation
import IAMCore

/// Secret bytes shown once: the seed and QR code of a new virtual MFA device. They print as
/// `<redacted>` in `description`, `debugDescription` and `dump`; only ``reveal()`` gives them.
public struct MFASecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: Data

    init(_ value: Data) { self.value = value }

    /// The bytes, to hand to the device's owner once.
    public func reveal() -> Data { value }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `<redacted>`.
    public var debugDescription: String { "<redacted>" }
    /// No children, so `dump` shows nothing of the secret.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// What ``IAMService/createVirtualMFADevice(name:path:tags:)`` returns: the only time the seed
/// is available.
public struct CreatedVirtualMFADevice: Sendable, Hashable {
    /// The device ARN, `arn:aws:iam::ACCOUNT:mfa/PATH/NAME`.
    public var serialNumber: String
    /// The seed as AWS's `Base32StringSeed` (64 characters), in UTF-8.
    public var base32StringSeed: MFASecret
    /// A PNG of the QR code of `otpauth://totp/NAME@ACCOUNT?secret=SEED`.
    public var qrCodePNG: MFASecret
    /// The tags the device was created with.
    public var tags: [Tag]
}

/// AWS's `MFADevice` (an enabled device) or `VirtualMFADevice` (without secrets).
public struct MFADeviceDescription: Sendable, Hashable {
    /// The device ARN.
    public var serialNumber: String
    /// The user it is enabled for; `nil` for the root user or while unassigned.
    public var userName: String?
    /// Whether it is enabled for the root user.
    public var isRootDevice: Bool
    /// When it was enabled, or `nil` while unassigned.
    public var enableDate: Date?

    /// AWS's `MFADevice` shape (root devices carry the account ID as user name, as the console shows).
    public func mfaDeviceJSON(accountId: String) -> JSONValue {
        .object([
            "UserName": .string(userName ?? accountId), "SerialNumber": .string(serialNumber),
            "EnableDate": enableDate.map { .string($0.awsTimestamp) },
        ])
    }

    /// AWS's `VirtualMFADevice` shape, with `User` when assigned.
    public func virtualMFADeviceJSON(account: Account, user: User?) -> JSONValue {
        let owner: JSONValue? =
            if let user {
                .object([
                    "Path": .string(user.path), "UserName": .string(user.name), "UserId": .string(user.id),
                    "Arn": .string(user.arn(in: account)),
                    "CreateDate": .string(user.createdAt.awsTimestamp),
                ])
            } else if isRootDevice {
                .object([
                    "Path": .string("/"), "UserName": .string(account.id), "UserId": .string(account.id),
                    "Arn": .string(account.rootARN), "CreateDate": .string(account.createdAt.awsTimestamp),
                ])
            } else {
                nil
            }
        return .object([
            "SerialNumber": .string(serialNumber), "User": owner,
            "EnableDate": enableDate.map { .string($0.awsTimestamp) },
        ])
    }
}

/// One entry of ``IAMService/listVirtualMFADevices(assignmentStatus:page:)``.
public struct VirtualMFADeviceEntry: Sendable, Hashable {
    /// The device.
    public var device: MFADeviceDescription
    /// The user the device is enabled for.
    public var user: User?

    /// AWS's `VirtualMFADevice` shape.
    public func json(account: Account) -> JSONValue { device.virtualMFADeviceJSON(account: account, user: user) }
}

extension IAMService {
    /// Creates an unassigned virtual MFA device and returns its seed and QR code, once.
    ///
    /// The seed is stored sealed with the serial number as context. For the root user's device,
    /// AWS's convention is the name `root-account-mfa-device`.
    ///
    /// - Throws: `ValidationError`; `EntityAlreadyExists` "MFADevice entity at the same path and
    ///   name already exists."; `LimitExceeded` for more than 50 tags.
    public func createVirtualMFADevice(name: String, path: String = "/", tags: [Tag] = []) async throws -> CreatedVirtualMFADevice {
        try validate("CreateVirtualMFADevice", ["VirtualMFADeviceName": .string(name), "Path": .string(path), "Tags": .tags(tags)])
        let serial = account.arn("mfa", path: path, name: name)
        let seed = random.withGenerator { AWSIdentifiers.mfaSeed(using: &$0) }
        let sealed = try sealer.seal(seed, context: serial)
        let accountId = account.id
        let now = clock.now
        let parameters: JSONValue = .object([
            "VirtualMFADeviceName": .string(name), "Path": .string(path),
            "Tags": tags.isEmpty ? nil : .array(tags.map { .object(["Key": .string($0.key), "Value": .string($0.value)]) }),
        ])
        // The QR code is drawn before the device is written: a device whose seed could not be
        // handed out would be useless. The label is the alias, else the account ID, as AWS's.
        let accountName = try await store.read { tx in try tx.accountAlias(accountId: accountId) } ?? accountId
        let uri = TOTP.otpauthURI(deviceName: name, accountName: accountName, seed: seed)
        let png = try QRCode(encoding: uri).pngData()
        try await mutate("CreateVirtualMFADevice", parameters: parameters, resources: [serial]) { tx, draft in
            try createVirtualMFADevice(
                MFADevice(serialNumber: serial, accountId: accountId, name: name, path: path, createdAt: now), sealedSeed: sealed,
                tags: tags, in: tx)
            draft.responseElements = .object(["VirtualMFADevice": .object(["SerialNumber": .string(serial)])])
        }
        return CreatedVirtualMFADevice(
            serialNumber: serial, base32StringSeed: MFASecret(Data(Base32.encode(seed).utf8)), qrCodePNG: MFASecret(png), tags: tags)
    }

    /// `CreateVirtualMFADevice`'s write inside a write transaction (shared with seed files); the
    /// store refuses a name taken in the account.
    func createVirtualMFADevice(_ device: MFADevice, sealedSeed: Data, tags: [Tag], in tx: any StoreWriting) throws {
        try tx.insert(device, sealedSeed: sealedSeed)
        if !tags.isEmpty { try tx.setTags(tags, mfaSerialNumber: device.serialNumber) }
    }

    /// Enables a virtual MFA device for `userName`, or for the caller (root for the CLI) when `nil`,
    /// after checking two consecutive codes.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for an unknown user or device;
    ///   `EntityAlreadyExists` when the device is already enabled; `InvalidAuthenticationCode`
    ///   "MultiFactorAuthentication failed with invalid MFA one time pass code."; `LimitExceeded`
    ///   beyond eight devices in use.
    public func enableMFADevice(
        userName: String? = nil, serialNumber: String, authenticationCode1: String, authenticationCode2: String
    ) async throws {
        try validateCodes("EnableMFADevice", userName, serialNumber, authenticationCode1, authenticationCode2)
        let now = clock.now
        try await mutate("EnableMFADevice", parameters: mfaParameters(userName, serialNumber), resources: [serialNumber]) { tx, draft in
            let (owner, user) = try credentialOwner(userName: userName, in: tx)
            draft.resources = [serialNumber, user?.arn(in: account) ?? account.rootARN]
            var device = try existingDevice(serialNumber, in: tx)
            guard device.owner == nil else {
                throw IAMError(.entityAlreadyExists, "MFA Device with serial number \(serialNumber) is already in use.")
            }
            device.lastUsedTimeStep = try checkConsecutive(
                device, authenticationCode1, authenticationCode2, now: now, window: 2, in: tx)
            try enable(device, for: owner, in: tx)
        }
    }

    /// `EnableMFADevice`'s rule and write once the codes are proven (or, for a seed file, once the
    /// seed is known): an unassigned device only; the store refuses a ninth device in use.
    func enable(_ device: MFADevice, for owner: CredentialOwner, in tx: any StoreWriting) throws {
        guard device.owner == nil else {
            throw IAMError(.entityAlreadyExists, "MFA Device with serial number \(device.serialNumber) is already in use.")
        }
        var device = device
        device.owner = owner
        device.enabledAt = clock.now
        try tx.update(device)
    }

    /// Re-synchronizes an enabled device whose clock drifted: two consecutive codes within ten
    /// minutes either side of now.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for an unknown user, or a device not enabled
    ///   for that owner; `InvalidAuthenticationCode`.
    public func resyncMFADevice(
        userName: String? = nil, serialNumber: String, authenticationCode1: String, authenticationCode2: String
    ) async throws {
        try validateCodes("ResyncMFADevice", userName, serialNumber, authenticationCode1, authenticationCode2)
        let now = clock.now
        try await mutate("ResyncMFADevice", parameters: mfaParameters(userName, serialNumber), resources: [serialNumber]) { tx, _ in
            var device = try enabledDevice(serialNumber, userName: userName, in: tx)
            device.lastUsedTimeStep = try checkConsecutive(
                device, authenticationCode1, authenticationCode2, now: now, window: 20, in: tx)
            try tx.update(device)
        }
    }

    /// Deactivates a device enabled for `userName` (or the caller); it stays, unassigned.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for an unknown user, or a device not enabled
    ///   for that owner.
    public func deactivateMFADevice(userName: String? = nil, serialNumber: String) async throws {
        try validate("DeactivateMFADevice", ["UserName": .optional(userName), "SerialNumber": .string(serialNumber)])
        try await mutate("DeactivateMFADevice", parameters: mfaParameters(userName, serialNumber), resources: [serialNumber]) { tx, _ in
            var device = try enabledDevice(serialNumber, userName: userName, in: tx)
            device.owner = nil
            device.enabledAt = nil
            try tx.update(device)
        }
    }

    /// Deletes an unassigned virtual MFA device with its tags.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for an unknown device; `DeleteConflict` while
    ///   it is enabled.
    public func deleteVirtualMFADevice(serialNumber: String) async throws {
        try validate("DeleteVirtualMFADevice", ["SerialNumber": .string(serialNumber)])
        try await mutate(
            "DeleteVirtualMFADevice", parameters: .object(["SerialNumber": .string(serialNumber)]), resources: [serialNumber]
        ) { tx, _ in
            let device = try existingDevice(serialNumber, in: tx)
            guard device.owner == nil else { throw IAMError.deleteConflict(mustFirst: "deactivate MFA device") }
            try tx.deleteMFADevice(serialNumber: serialNumber)
        }
    }

    /// One page of the devices enabled for `userName` (or the caller), oldest first.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for an unknown user; `InvalidInput` for a
    ///   marker this service did not issue.
    public func listMFADevices(userName: String? = nil, page: PageRequest = PageRequest()) async throws -> Page<MFADeviceDescription> {
        try validate(
            "ListMFADevices",
            ["UserName": .optional(userName), "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        let accountId = account.id
        return try await query("ListMFADevices", parameters: .object(["UserName": .optional(userName)])) { tx in
            let (owner, user) = try credentialOwner(userName: userName, in: tx)
            let devices = try Self.page(tx.mfaDevices(accountId: accountId, owner: owner), page) {
                Self.pageKey($0.enabledAt ?? $0.createdAt, $0.serialNumber)
            }
            return Page(
                items: devices.items.map {
                    MFADeviceDescription(
                        serialNumber: $0.serialNumber, userName: user?.name, isRootDevice: owner == .root, enableDate: $0.enabledAt)
                },
                nextMarker: devices.nextMarker)
        }
    }

    /// The account's virtual MFA devices, filtered by assignment, one page at a time, each with
    /// the user it is enabled for.
    ///
    /// - Throws: `ValidationError` for a bad page size or marker.
    public func listVirtualMFADevices(
        assignmentStatus: MFAAssignmentFilter = .any, page: PageRequest = PageRequest()
    ) async throws -> Page<VirtualMFADeviceEntry> {
        try validate(
            "ListVirtualMFADevices",
            ["AssignmentStatus": .string(assignmentStatus.rawValue), "Marker": .optional(page.marker),
             "MaxItems": page.maxItems == Int.max ? nil : .integer(page.maxItems)])
        let accountId = account.id
        return try await query("ListVirtualMFADevices", parameters: .object(["AssignmentStatus": .string(assignmentStatus.rawValue)])) { tx in
            let devices = try tx.virtualMFADevices(accountId: accountId, assignment: assignmentStatus, page: page)
            let items = try devices.items.map { device in
                let user = try device.owner?.userId.flatMap { try tx.user(id: $0) }
                return VirtualMFADeviceEntry(
                    device: MFADeviceDescription(
                        serialNumber: device.serialNumber, userName: user?.name, isRootDevice: device.owner == .root,
                        enableDate: device.enabledAt), user: user)
            }
            return Page(items: items, nextMarker: devices.nextMarker)
        }
    }

    /// Adds or overwrites tags on a device (keys are case-sensitive); all or nothing.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for an unknown device; `InvalidInput` for an
    ///   `aws:` key; `LimitExceeded` beyond 50 tags.
    public func tagMFADevice(serialNumber: String, tags: [Tag]) async throws {
        try validate("TagMFADevice", ["SerialNumber": .string(serialNumber), "Tags": .tags(tags)])
        if let reserved = tags.first(where: { $0.key.lowercased().hasPrefix("aws:") }) {
            try await mutate("TagMFADevice", parameters: .object(["SerialNumber": .string(serialNumber)])) { _, _ in
                throw IAMError(.invalidInput, "User-defined tag keys can't start with 'aws:'. Tag key \(reserved.key) is invalid.")
            }
        }
        let parameters: JSONValue = .object([
            "SerialNumber": .string(serialNumber),
            "Tags": Tag.json(tags),
        ])
        try await mutate("TagMFADevice", parameters: parameters, resources: [serialNumber]) { tx, _ in
            _ = try existingDevice(serialNumber, in: tx)
            try tx.setTags(tags, mfaSerialNumber: serialNumber)
        }
    }

    /// Removes tags from a device; unknown keys are ignored.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for an unknown device.
    public func untagMFADevice(serialNumber: String, tagKeys: [String]) async throws {
        try validate("UntagMFADevice", ["SerialNumber": .string(serialNumber), "TagKeys": .list(tagKeys.map { .string($0) })])
        let parameters: JSONValue = .object([
            "SerialNumber": .string(serialNumber), "TagKeys": .array(tagKeys.map { .string($0) }),
        ])
        try await mutate("UntagMFADevice", parameters: parameters, resources: [serialNumber]) { tx, _ in
            _ = try existingDevice(serialNumber, in: tx)
            try tx.removeTags(keys: tagKeys, mfaSerialNumber: serialNumber)
        }
    }

    /// One page of a device's tags, ordered by key (case-sensitive, as the keys are).
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` for an unknown device; `InvalidInput` for a
    ///   marker this service did not issue.
    public func listMFADeviceTags(serialNumber: String, page: PageRequest = PageRequest()) async throws -> Page<Tag> {
        try validate(
            "ListMFADeviceTags",
            ["SerialNumber": .string(serialNumber), "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        return try await query("ListMFADeviceTags", parameters: .object(["SerialNumber": .string(serialNumber)])) { tx in
            _ = try existingDevice(serialNumber, in: tx)
            // Sorted here with the comparison the marker uses, whatever collation the store applies.
            let tags = try tx.tags(mfaSerialNumber: serialNumber).sorted { $0.key < $1.key }
            return try Self.page(tags, page) { $0.key }
        }
    }

    // MARK: - Shared checks

    /// `EnableMFADevice` and `ResyncMFADevice` model `UserName` as required; IAMStore lets it be
    /// omitted to mean the caller (root's own device), so a stand-in name is validated instead.
    private func validateCodes(_ operation: String, _ userName: String?, _ serial: String, _ code1: String, _ code2: String) throws {
        try validate(
            operation,
            ["UserName": .string(userName ?? "root"), "SerialNumber": .string(serial), "AuthenticationCode1": .string(code1),
             "AuthenticationCode2": .string(code2)])
    }

    private func mfaParameters(_ userName: String?, _ serialNumber: String) -> JSONValue {
        .object(["UserName": .optional(userName), "SerialNumber": .string(serialNumber)])
    }

    private func existingDevice(_ serialNumber: String, in tx: any StoreReading) throws -> MFADevice {
        guard let device = try tx.mfaDevice(serialNumber: serialNumber), device.accountId == account.id else {
            throw IAMError.noSuchMFADevice(serialNumber)
        }
        return device
    }

    private func enabledDevice(_ serialNumber: String, userName: String?, in tx: any StoreReading) throws -> MFADevice {
        let (owner, _) = try credentialOwner(userName: userName, in: tx)
        let device = try existingDevice(serialNumber, in: tx)
        guard device.owner == owner else {
            throw IAMError(.noSuchEntity, "MFA Device with serial number \(serialNumber) is not enabled for this user.")
        }
        return device
    }

    /// The step of `code2` when both codes are consecutive and fresh.
    private func checkConsecutive(
        _ device: MFADevice, _ code1: String, _ code2: String, now: Date, window: Int, in tx: any StoreReading
    ) throws -> Int {
        guard let sealed = try tx.sealedSeed(forMFADevice: device.serialNumber) else { throw IAMError.noSuchMFADevice(device.serialNumber) }
        let seed = try sealer.open(sealed, context: device.serialNumber)
        guard let step = TOTP.verifyConsecutive(
            seed: seed, code1: code1, code2: code2, now: now, window: window, lastUsedStep: device.lastUsedTimeStep)
        else {
            throw IAMError(.invalidAuthenticationCode, "MultiFactorAuthentication failed with invalid MFA one time pass code.")
        }
        return step
    }
}

extension IAMError {
    /// "VirtualMFADevice with serial number X doesn't exist."
    static func noSuchMFADevice(_ serialNumber: String) -> IAMError {
        IAMError(.noSuchEntity, "VirtualMFADevice with serial number \(serialNumber) doesn't exist.")
    }
}
