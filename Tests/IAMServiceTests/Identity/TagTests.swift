import Foundation
import IAMCore
import IAMService
import Testing

@Suite struct TagTests {
    @Test func tagUserOverwritesValuesAndKeysAreCaseInsensitive() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "bob", tags: [Tag(key: "Department", value: "eng")])
        try await service.tagUser(userName: "BOB", tags: [Tag(key: "department", value: "ops"), Tag(key: "site", value: "")])
        let tags = try await service.listUserTags(userName: "bob").items
        #expect(tags == [Tag(key: "department", value: "ops"), Tag(key: "site", value: "")])
        #expect(try await IdentityFixtures.audit(service).last == "TagUser")
    }

    @Test func aReservedAWSKeyFailsTheWholeRequest() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "bob")
        await #expect(throws: IAMError(.invalidInput, "Tag keys starting with 'aws:' are reserved for internal use: AWS:owner.")) {
            try await service.tagUser(userName: "bob", tags: [Tag(key: "ok", value: "1"), Tag(key: "AWS:owner", value: "x")])
        }
        #expect(try await service.listUserTags(userName: "bob").items.isEmpty)
    }

    @Test func duplicateKeysInOneRequestAreInvalidInput() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "bob")
        let message = "Duplicate tag keys found. Please note that Tag keys are case insensitive."
        await #expect(throws: IAMError(.invalidInput, message)) {
            try await service.tagUser(userName: "bob", tags: [Tag(key: "Test", value: "1"), Tag(key: "test", value: "1")])
        }
        await #expect(throws: IAMError(.invalidInput, message)) {
            _ = try await service.createUser(userName: "eve", tags: [Tag(key: "a", value: "1"), Tag(key: "A", value: "2")])
        }
        #expect(try await service.listUsers().items.map(\.name) == ["bob"])
    }

    @Test func moreThanFiftyTagsAfterMergeIsLimitExceededAndChangesNothing() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "bob", tags: (0..<40).map { Tag(key: "k\($0)", value: "v") })
        let before = try await IdentityFixtures.snapshot(service)
        await #expect(throws: IAMError(.limitExceeded, "Cannot exceed quota for TagsPerUser: 50")) {
            try await service.tagUser(userName: "bob", tags: (35..<51).map { Tag(key: "K\($0)", value: "w") })
        }
        #expect(try await IdentityFixtures.snapshot(service) == before)
        #expect(try await IdentityFixtures.audit(service).last == "TagUser:LimitExceeded")
        // 10 new keys plus 5 overwritten ones: exactly 50.
        try await service.tagUser(userName: "bob", tags: (35..<50).map { Tag(key: "K\($0)", value: "w") })
        #expect(try await service.listUserTags(userName: "bob").items.count == 50)
    }

    @Test func tagsOfAMissingUserAreNoSuchEntity() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(throws: IAMError(.noSuchEntity, "The user with name ghost cannot be found.")) {
            try await service.tagUser(userName: "ghost", tags: [Tag(key: "a", value: "b")])
        }
        await #expect(throws: IAMError(.noSuchEntity, "The user with name ghost cannot be found.")) {
            _ = try await service.listUserTags(userName: "ghost")
        }
    }

    @Test func untagUserRemovesKeysInAnyCase() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "bob", tags: [Tag(key: "Team", value: "a"), Tag(key: "site", value: "b")])
        try await service.untagUser(userName: "bob", tagKeys: ["TEAM", "absent"])
        #expect(try await service.listUserTags(userName: "bob").items == [Tag(key: "site", value: "b")])
    }

    @Test func listUserTagsPaginates() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "bob", tags: ["c", "A", "b"].map { Tag(key: $0, value: "") })
        let first = try await service.listUserTags(userName: "bob", page: PageRequest(maxItems: 2))
        #expect(first.items.map(\.key) == ["A", "b"])
        #expect(first.isTruncated)
        let second = try await service.listUserTags(userName: "bob", page: PageRequest(marker: first.nextMarker, maxItems: 2))
        #expect(second.items.map(\.key) == ["c"])
        #expect(!second.isTruncated)
    }
}

@Suite struct TagValidationTests {
    @Test func aTagValueBreakingTheModelPatternIsValidationErrorNamingTheMember() async throws {
        let service = try await ServiceFixtures.service()
        _ = try await service.createUser(userName: "bob")
        await #expect(
            throws: IAMError(
                .validationError,
                "1 validation error detected: Value 'a|b' at 'tags.2.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*"
            )
        ) { try await service.tagUser(userName: "bob", tags: [Tag(key: "ok", value: "1"), Tag(key: "k", value: "a|b")]) }
        #expect(try await service.listUserTags(userName: "bob").items.isEmpty)
    }

    @Test func createUserWithAnInvalidTagCreatesNoUser() async throws {
        let service = try await ServiceFixtures.service()
        await #expect(throws: IAMError.self) {
            _ = try await service.createUser(userName: "bob", tags: [Tag(key: "aws:x", value: "1")])
        }
        #expect(try await service.listUsers().items.isEmpty)
    }
}
