import Foundation
import IAMCore
import IAMService
import Testing

@Suite struct MFAServiceTests {
    /// The seed of a created device, decoded from its Base32 form.
    static func seed(_ created: CreatedVirtualMFADevice) throws -> Data {
        try #require(Base32.decode(String(decoding: created.base32StringSeed.reveal(), as: UTF8.self)))
    }

    /// Two consecutive codes ending at the step containing `now`.
    static func codes(_ seed: Data, now: Date = ServiceFixtures.now) -> (String, String) {
        let step = TOTP.timeStep(at: now)
        return (TOTP.code(seed: seed, step: step - 1), TOTP.code(seed: seed, step: step))
    }

    @Test func createReturnsSeedAndQRCodeOnceAndSerialIsTheARN() async throws {
        let service = try await ServiceFixtures.service()
        let created = try await service.createVirtualMFADevice(name: "alice-phone")
        #expect(created.serialNumber == "arn:aws:iam::123456789012:mfa/alice-phone")
        let seed = try Self.seed(created)
        #expect(seed.count == 40)
        #expect(created.qrCodePNG.reveal().starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect("\(created.base32StringSeed)" == "<redacted>")
        #expect(!redactionDump(created).contains(Base32.encode(seed)))
        #expect(try await !CredentialFixtures.auditText(service).contains(Base32.encode(seed)))
        let sealed = try await service.store.read { tx in try tx.sealedSeed(forMFADevice: created.serialNumber) }
        #expect(sealed != nil && sealed != seed)
        await #expect(throws: IAMError(.entityAlreadyExists, "MFADevice entity at the same path and name already exists.")) {
            _ = try await service.createVirtualMFADevice(name: "ALICE-PHONE")
        }
    }

    @Test func enableNeedsTwoConsecutiveCodes() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        let created = try await service.createVirtualMFADevice(name: "alice-phone")
        let (code1, code2) = Self.codes(try Self.seed(created))
        await #expect(throws: IAMError(.invalidAuthenticationCode, "MultiFactorAuthentication failed with invalid MFA one time pass code.")) {
            try await service.enableMFADevice(
                userName: "alice", serialNumber: created.serialNumber, authenticationCode1: code2, authenticationCode2: code1)
        }
        #expect(try await service.listMFADevices(userName: "alice").items.isEmpty)
        try await service.enableMFADevice(
            userName: "alice", serialNumber: created.serialNumber, authenticationCode1: code1, authenticationCode2: code2)
        let devices = try await service.listMFADevices(userName: "alice").items
        #expect(devices.map(\.serialNumber) == [created.serialNumber] && devices[0].enableDate == ServiceFixtures.now)
        let stored = try await service.store.read { tx in try tx.mfaDevice(serialNumber: created.serialNumber) }
        #expect(stored?.lastUsedTimeStep == TOTP.timeStep(at: ServiceFixtures.now))
        let text = try await CredentialFixtures.auditText(service)
        #expect(!text.contains(code1) && !text.contains(code2))
    }

    @Test func enabledDeviceCannotBeDeletedOrEnabledTwice() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        let created = try await service.createVirtualMFADevice(name: "alice-phone")
        let (code1, code2) = Self.codes(try Self.seed(created))
        try await service.enableMFADevice(userName: "alice", serialNumber: created.serialNumber, authenticationCode1: code1, authenticationCode2: code2)
        await #expect(throws: IAMError(.deleteConflict, "Cannot delete entity, must deactivate MFA device first.")) {
            try await service.deleteVirtualMFADevice(serialNumber: created.serialNumber)
        }
        await #expect(throws: IAMError(.entityAlreadyExists, "MFA Device with serial number \(created.serialNumber) is already in use.")) {
            try await service.enableMFADevice(serialNumber: created.serialNumber, authenticationCode1: code1, authenticationCode2: code2)
        }
        try await service.deactivateMFADevice(userName: "alice", serialNumber: created.serialNumber)
        #expect(try await service.listVirtualMFADevices(assignmentStatus: .unassigned).items.map(\.device.serialNumber) == [created.serialNumber])
        try await service.deleteVirtualMFADevice(serialNumber: created.serialNumber)
        await #expect(throws: IAMError(.noSuchEntity, "VirtualMFADevice with serial number \(created.serialNumber) doesn't exist.")) {
            try await service.deleteVirtualMFADevice(serialNumber: created.serialNumber)
        }
    }

    @Test func rootDeviceWithoutUserName() async throws {
        let service = try await ServiceFixtures.service()
        let created = try await service.createVirtualMFADevice(name: "root-account-mfa-device")
        let (code1, code2) = Self.codes(try Self.seed(created))
        try await service.enableMFADevice(serialNumber: created.serialNumber, authenticationCode1: code1, authenticationCode2: code2)
        let devices = try await service.listMFADevices().items
        #expect(devices.count == 1 && devices[0].isRootDevice)
        let assigned = try await service.listVirtualMFADevices(assignmentStatus: .assigned).items
        #expect(assigned.first?.json(account: service.account)["User"]?["Arn"] == .string("arn:aws:iam::123456789012:root"))
    }

    @Test func deactivatingADeviceOfAnotherUserIsNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        try await CredentialFixtures.insertUser("bob", in: service)
        let created = try await service.createVirtualMFADevice(name: "alice-phone")
        let (code1, code2) = Self.codes(try Self.seed(created))
        try await service.enableMFADevice(userName: "alice", serialNumber: created.serialNumber, authenticationCode1: code1, authenticationCode2: code2)
        await #expect(throws: IAMError(.noSuchEntity, "MFA Device with serial number \(created.serialNumber) is not enabled for this user.")) {
            try await service.deactivateMFADevice(userName: "bob", serialNumber: created.serialNumber)
        }
        #expect(try await service.listMFADevices(userName: "alice").items.count == 1)
    }

    @Test func resyncAcceptsLaterCodesAndRefusesReplays() async throws {
        let start = ServiceFixtures.now
        let service = try await ServiceFixtures.service()
        let created = try await service.createVirtualMFADevice(name: "root-account-mfa-device")
        let seed = try Self.seed(created)
        let (code1, code2) = Self.codes(seed)
        try await service.enableMFADevice(serialNumber: created.serialNumber, authenticationCode1: code1, authenticationCode2: code2)
        await #expect(throws: IAMError(.invalidAuthenticationCode, "MultiFactorAuthentication failed with invalid MFA one time pass code.")) {
            try await service.resyncMFADevice(serialNumber: created.serialNumber, authenticationCode1: code1, authenticationCode2: code2)
        }
        let later = TOTP.timeStep(at: start) + 5
        try await service.resyncMFADevice(
            serialNumber: created.serialNumber, authenticationCode1: TOTP.code(seed: seed, step: later),
            authenticationCode2: TOTP.code(seed: seed, step: later + 1))
        let stored = try await service.store.read { tx in try tx.mfaDevice(serialNumber: created.serialNumber) }
        #expect(stored?.lastUsedTimeStep == later + 1)
    }

    @Test func tagsAreCaseSensitiveAndReservedPrefixIsInvalidInput() async throws {
        let service = try await ServiceFixtures.service()
        let created = try await service.createVirtualMFADevice(name: "phone", tags: [Tag(key: "team", value: "a")])
        try await service.tagMFADevice(serialNumber: created.serialNumber, tags: [Tag(key: "Team", value: "b")])
        #expect(Set(try await service.listMFADeviceTags(serialNumber: created.serialNumber).items) == [Tag(key: "team", value: "a"), Tag(key: "Team", value: "b")])
        try await service.untagMFADevice(serialNumber: created.serialNumber, tagKeys: ["team"])
        #expect(try await service.listMFADeviceTags(serialNumber: created.serialNumber).items == [Tag(key: "Team", value: "b")])
        await #expect(throws: IAMError(.invalidInput, "User-defined tag keys can't start with 'aws:'. Tag key aws:x is invalid.")) {
            try await service.tagMFADevice(serialNumber: created.serialNumber, tags: [Tag(key: "aws:x", value: "1")])
        }
        await #expect(throws: IAMError(.noSuchEntity, "VirtualMFADevice with serial number arn:aws:iam::123456789012:mfa/none doesn't exist.")) {
            _ = try await service.listMFADeviceTags(serialNumber: "arn:aws:iam::123456789012:mfa/none")
        }
    }

    @Test func qrCodeEncodesTheOtpauthURIWithTheAliasOrAccountID() async throws {
        let service = try await ServiceFixtures.service()
        let first = try await service.createVirtualMFADevice(name: "alice-phone")
        let base32 = String(decoding: first.base32StringSeed.reveal(), as: UTF8.self)
        let expected = try QRCode(encoding: "otpauth://totp/alice-phone@123456789012?secret=\(base32)").pngData()
        #expect(first.qrCodePNG.reveal() == expected)
        try await service.store.write { tx in try tx.setAccountAlias("lab", accountId: "123456789012", at: ServiceFixtures.now) }
        let second = try await service.createVirtualMFADevice(name: "bob-phone")
        let secondSeed = String(decoding: second.base32StringSeed.reveal(), as: UTF8.self)
        #expect(second.qrCodePNG.reveal() == (try QRCode(encoding: "otpauth://totp/bob-phone@lab?secret=\(secondSeed)").pngData()))
    }
}
