import Foundation
import IAMCore
import IAMService
import Testing

/// `ListAccessKeys`, `ListMFADevices` and `ListMFADeviceTags` page with `Marker`/`MaxItems` like
/// the other list operations.
@Suite struct CredentialPagingTests {
    @Test func listAccessKeysPagesOneKeyAtATimeInOrder() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        let first = try await service.createAccessKey(userName: "alice").accessKey.id
        let second = try await service.createAccessKey(userName: "alice").accessKey.id
        let all = try await service.listAccessKeys(userName: "alice")
        #expect(!all.isTruncated && all.items.count == 2)
        let page1 = try await service.listAccessKeys(userName: "alice", page: PageRequest(maxItems: 1))
        #expect(page1.isTruncated)
        #expect(page1.items.map(\.accessKeyId) == [all.items[0].accessKeyId])
        let marker = try #require(page1.nextMarker)
        let page2 = try await service.listAccessKeys(userName: "alice", page: PageRequest(marker: marker, maxItems: 1))
        #expect(!page2.isTruncated && page2.nextMarker == nil)
        #expect(page2.items.map(\.accessKeyId) == [all.items[1].accessKeyId])
        #expect(Set(all.items.map(\.accessKeyId)) == [first, second])
        #expect(page1.json("AccessKeyMetadata", \.json)["IsTruncated"] == .bool(true))
    }

    @Test func accessKeyMarkerStillResumesAfterTheKeyItNamesIsDeleted() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createAccessKey()
        _ = try await service.createAccessKey()
        let page1 = try await service.listAccessKeys(page: PageRequest(maxItems: 1))
        let shown = try #require(page1.items.first?.accessKeyId)
        try await service.deleteAccessKey(accessKeyId: shown)
        let page2 = try await service.listAccessKeys(page: PageRequest(marker: page1.nextMarker, maxItems: 1))
        #expect(page2.items.count == 1 && page2.items[0].accessKeyId != shown && !page2.isTruncated)
    }

    @Test func listAccessKeysRefusesAForeignMarkerAndAnOutOfRangeMaxItems() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(throws: IAMError(.invalidInput, "Invalid Marker.")) {
            _ = try await service.listAccessKeys(page: PageRequest(marker: "not base64!", maxItems: 1))
        }
        await #expect {
            _ = try await service.listAccessKeys(page: PageRequest(maxItems: 0))
        } throws: { error in
            (error as? IAMError)?.code == .validationError
        }
    }

    @Test func listMFADevicesPagesTheUsersDevices() async throws {
        let service = try await ServiceFixtures.service()
        try await CredentialFixtures.insertUser("alice", in: service)
        var serials: [String] = []
        for name in ["alice-phone", "alice-key"] {
            let created = try await service.createVirtualMFADevice(name: name)
            let (code1, code2) = MFAServiceTests.codes(try MFAServiceTests.seed(created))
            try await service.enableMFADevice(
                userName: "alice", serialNumber: created.serialNumber, authenticationCode1: code1, authenticationCode2: code2)
            serials.append(created.serialNumber)
        }
        let page1 = try await service.listMFADevices(userName: "alice", page: PageRequest(maxItems: 1))
        #expect(page1.items.count == 1 && page1.isTruncated)
        let page2 = try await service.listMFADevices(userName: "alice", page: PageRequest(marker: page1.nextMarker, maxItems: 1))
        #expect(page2.items.count == 1 && !page2.isTruncated)
        // Same enable time (fixed clock): the serial number breaks the tie, as the store orders them.
        #expect((page1.items + page2.items).map(\.serialNumber) == serials.sorted())
        #expect(try await service.listMFADevices(userName: "alice").items.map(\.serialNumber) == serials.sorted())
    }

    @Test func listMFADeviceTagsPagesByCaseSensitiveKey() async throws {
        let service = try await ServiceFixtures.service()
        let created = try await service.createVirtualMFADevice(
            name: "phone", tags: [Tag(key: "b", value: "3"), Tag(key: "a", value: "2"), Tag(key: "A", value: "1")])
        let page1 = try await service.listMFADeviceTags(serialNumber: created.serialNumber, page: PageRequest(maxItems: 2))
        #expect(page1.items.map(\.key) == ["A", "a"] && page1.isTruncated)
        let page2 = try await service.listMFADeviceTags(
            serialNumber: created.serialNumber, page: PageRequest(marker: page1.nextMarker, maxItems: 2))
        #expect(page2.items == [Tag(key: "b", value: "3")] && page2.nextMarker == nil)
    }
}
