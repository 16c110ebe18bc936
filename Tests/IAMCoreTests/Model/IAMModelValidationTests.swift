import Foundation
import Testing

@testable import IAMCore

/// The message of the `ValidationError` the validator throws, or `nil` if it accepts the input.
private func validationMessage(
    _ operation: String,
    _ members: [String: ModelValue],
    echo: IAMModel.ValueEcho = .nonSensitive
) -> String? {
    do {
        try IAMModel.validate(operation: operation, members, echo: echo)
        return nil
    } catch {
        #expect(error.code == .validationError)
        return error.message
    }
}

@Suite struct IAMModelValidationTests {
    @Test func createUserWithValidInputPasses() {
        #expect(validationMessage("CreateUser", ["UserName": .string("bob"), "Path": .string("/eng/")]) == nil)
    }

    @Test func createUserRejectsA65CharacterNameWithTheMaxLengthMessage() {
        let name = String(repeating: "a", count: 65)
        #expect(
            validationMessage("CreateUser", ["UserName": .string(name)])
                == "1 validation error detected: Value '\(name)' at 'userName' failed to satisfy constraint: "
                + "Member must have length less than or equal to 64"
        )
    }

    @Test func createUserAcceptsA64CharacterName() {
        #expect(validationMessage("CreateUser", ["UserName": .string(String(repeating: "a", count: 64))]) == nil)
    }

    @Test func createUserRejectsAnEmptyNameForLengthAndPattern() {
        // An empty name breaks both min 1 and the `+` of the pattern; AWS lists both.
        #expect(
            validationMessage("CreateUser", ["UserName": .string("")])
                == "2 validation errors detected: "
                + "Value '' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1; "
                + #"Value '' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"#
        )
    }

    @Test(arguments: ["bob!", "bob smith", "bób", "bob/eng"])
    func createUserRejectsNamesOutsideThePattern(name: String) {
        #expect(
            validationMessage("CreateUser", ["UserName": .string(name)])
                == "1 validation error detected: Value '\(name)' at 'userName' failed to satisfy constraint: "
                + #"Member must satisfy regular expression pattern: [\w+=,.@-]+"#
        )
    }

    @Test(arguments: ["eng", "/eng", "eng/", "/e ng/"])
    func createUserRejectsABadPath(path: String) {
        #expect(
            validationMessage("CreateUser", ["UserName": .string("bob"), "Path": .string(path)])
                == "1 validation error detected: Value '\(path)' at 'path' failed to satisfy constraint: "
                + #"Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)"#
        )
    }

    @Test(arguments: ["/", "/eng/", "/a/b-c/"])
    func createUserAcceptsAGoodPath(path: String) {
        #expect(validationMessage("CreateUser", ["UserName": .string("bob"), "Path": .string(path)]) == nil)
    }

    @Test(arguments: [
        (0, "Member must have value greater than or equal to 1"),
        (1001, "Member must have value less than or equal to 1000"),
    ])
    func listUsersRejectsMaxItemsOutOfRange(maxItems: Int, constraint: String) {
        #expect(
            validationMessage("ListUsers", ["MaxItems": .integer(maxItems)])
                == "1 validation error detected: Value '\(maxItems)' at 'maxItems' failed to satisfy constraint: \(constraint)"
        )
    }

    @Test(arguments: [1, 1000])
    func listUsersAcceptsMaxItemsAtTheBounds(maxItems: Int) {
        #expect(validationMessage("ListUsers", ["MaxItems": .integer(maxItems)]) == nil)
    }

    @Test func updateAccessKeyRejectsAStatusOutsideTheEnum() {
        #expect(
            validationMessage(
                "UpdateAccessKey",
                ["AccessKeyId": .string("AKIAIOSFODNN7EXAMPLE"), "Status": .string("Foo")]
            )
                == "1 validation error detected: Value 'Foo' at 'status' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [Active, Inactive, Expired]"
        )
    }

    @Test func enumValuesAreCaseSensitive() {
        #expect(
            validationMessage("UpdateAccessKey", ["AccessKeyId": .string("AKIAIOSFODNN7EXAMPLE"), "Status": .string("active")])
                != nil
        )
    }

    @Test func aSensitivePasswordIsNeverEchoed() throws {
        let password = "hunter2\u{20AC}"  // the euro sign is outside [\u0020-\u00FF]
        let message = try #require(
            validationMessage("CreateLoginProfile", ["UserName": .string("bob"), "Password": .string(password)])
        )
        #expect(!message.contains("hunter2"))
        #expect(
            message
                == "1 validation error detected: Value at 'password' failed to satisfy constraint: "
                + #"Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+"#
        )
    }

    @Test func aMissingSensitiveMemberIsReportedWithoutNull() {
        // ChangePassword requires both passwords, which are sensitive.
        #expect(
            validationMessage("ChangePassword", ["OldPassword": .string("old-secret")])
                == "1 validation error detected: Value at 'newPassword' failed to satisfy constraint: Member must not be null"
        )
    }

    @Test func twoViolationsAreCountedAndListedInModelOrder() {
        // CreateUserRequest declares Path before UserName, so path comes first whatever the dictionary order.
        #expect(
            validationMessage("CreateUser", ["UserName": .string("bob!"), "Path": .string("eng")])
                == "2 validation errors detected: "
                + #"Value 'eng' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F); "#
                + #"Value 'bob!' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"#
        )
    }

    @Test func tagKeysAndValuesAcceptUnicodeLettersSpacesAndNumbers() {
        let tags: ModelValue = .list([
            .structure(["Key": .string("Kostenstelle Zürich"), "Value": .string("東京 café ٣")]),
            .structure(["Key": .string("team:core/α"), "Value": .string("")]),
        ])
        #expect(validationMessage("CreateUser", ["UserName": .string("bob"), "Tags": tags]) == nil)
    }

    @Test func tagViolationsAreNamedByListIndexAndMember() {
        let tags: ModelValue = .list([
            .structure(["Key": .string("ok"), "Value": .string("fine")]),
            .structure(["Key": .string("bad*key"), "Value": .string("bad(value)")]),
        ])
        #expect(
            validationMessage("TagUser", ["UserName": .string("bob"), "Tags": tags])
                == "2 validation errors detected: "
                + #"Value 'bad*key' at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]+; "#
                + #"Value 'bad(value)' at 'tags.2.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]*"#
        )
    }

    @Test func aMissingRequiredMemberIsReportedAsNull() {
        #expect(
            validationMessage("CreateUser", ["Path": .string("/")])
                == "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null"
        )
    }

    @Test func aMissingRequiredMemberInsideAListIsNamedByItsPath() {
        let tags: ModelValue = .list([.structure(["Key": .string("team")])])
        #expect(
            validationMessage("TagUser", ["UserName": .string("bob"), "Tags": tags])
                == "1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null"
        )
    }

    @Test func aListOverItsMaximumIsPrintedTheJavaWay() {
        let keys = (1...51).map { ModelValue.string("k\($0)") }
        let printed = "[" + (1...51).map { "k\($0)" }.joined(separator: ", ") + "]"
        #expect(
            validationMessage("UntagUser", ["UserName": .string("bob"), "TagKeys": .list(keys)])
                == "1 validation error detected: Value '\(printed)' at 'tagKeys' failed to satisfy constraint: "
                + "Member must have length less than or equal to 50"
        )
    }

    @Test func stringElementsOfAListAreNamedWithMemberSuffix() {
        #expect(
            validationMessage("UntagUser", ["UserName": .string("bob"), "TagKeys": .list([.string("")])])
                == "2 validation errors detected: "
                + "Value '' at 'tagKeys.1.member' failed to satisfy constraint: Member must have length greater than or equal to 1; "
                + #"Value '' at 'tagKeys.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]+"#
        )
    }

    @Test func lengthIsCountedInUnicodeScalars() {
        // 128 emoji are 256 UTF-16 units but 128 scalars; tagKeyType allows 128.
        let key = String(repeating: "\u{1F600}", count: 128)
        let tags: ModelValue = .list([.structure(["Key": .string(key), "Value": .string("v")])])
        let message = validationMessage("TagUser", ["UserName": .string("bob"), "Tags": tags])
        // The emoji fails the pattern (it is not a letter, space or number) but not the length.
        #expect(message?.contains("Member must have length") == false)
        #expect(message?.contains("Member must satisfy regular expression pattern") == true)
    }

    @Test func echoNeverLeavesEveryValueOut() {
        #expect(
            validationMessage("CreateUser", ["Path": .string("eng")], echo: .never)
                == "2 validation errors detected: "
                + #"Value at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F); "#
                + "Value at 'userName' failed to satisfy constraint: Member must not be null"
        )
    }

    @Test func stsOperationsUseTheSTSShapes() {
        // STS's userNameType is 2–32 characters; IAM's is 1–64.
        #expect(
            validationMessage("GetFederationToken", ["Name": .string("a")])
                == "1 validation error detected: Value 'a' at 'name' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 2"
        )
        #expect(validationMessage("CreateUser", ["UserName": .string("a")]) == nil)
    }

    @Test func aValueOfTheWrongKindIsAViolation() {
        #expect(
            validationMessage("ListUsers", ["MaxItems": .string("ten")])
                == "1 validation error detected: Value 'ten' at 'maxItems' failed to satisfy constraint: Member must be of type integer"
        )
    }

    @Test func unknownMembersAreIgnored() {
        #expect(validationMessage("CreateUser", ["UserName": .string("bob"), "Colour": .string("blue")]) == nil)
    }

    @Test func operationsWithoutInputAcceptAnyParameters() {
        #expect(validationMessage("GetAccountSummary", [:]) == nil)
    }

    @Test func anUnknownOperationIsAnInvalidAction() {
        #expect(throws: IAMError(IAMError.Code(rawValue: "InvalidAction"), "Could not find operation CreateUsers for version 2010-05-08")) {
            try IAMModel.validate(operation: "CreateUsers", ["UserName": .string("bob")])
        }
    }

    @Test func aNonStructureInputIsAServiceFailure() {
        #expect {
            try IAMModel.validate(operation: "CreateUser", input: .string("bob"))
        } throws: { error in
            (error as? IAMError)?.code == .serviceFailure
        }
    }
}
