import Testing

@testable import IAMCore

@Suite struct IAMModelTests {
    @Test func createUserDescribesItsInputOutputAndErrors() throws {
        let operation = try #require(IAMModel.operation(named: "CreateUser"))
        #expect(operation.service == .iam)
        #expect(operation.input == "CreateUserRequest")
        #expect(operation.output == "CreateUserResponse")
        #expect(operation.resultWrapper == "CreateUserResult")
        #expect(operation.errors.contains("EntityAlreadyExistsException"))
        #expect(operation.inputMembers.map(\.name) == ["Path", "UserName", "PermissionsBoundary", "Tags"])
        #expect(operation.inputMembers.map(\.isRequired) == [false, true, false, false])
    }

    @Test func stsOperationsAreFoundBesideIAMs() throws {
        let operation = try #require(IAMModel.operation(named: "AssumeRole"))
        #expect(operation.service == .sts)
        #expect(operation.resultWrapper == "AssumeRoleResult")
        #expect(ModelService.sts.apiVersion == "2011-06-15")
        #expect(ModelService.iam.xmlNamespace == "https://iam.amazonaws.com/doc/2010-05-08/")
    }

    @Test func shapesCarryTheirConstraints() throws {
        let userName = try #require(IAMModel.shape(named: "userNameType"))
        #expect(userName.kind == .string)
        #expect(userName.min == 1 && userName.max == 64)
        #expect(userName.pattern == #"[\w+=,.@-]+"#)
        #expect(try #require(IAMModel.shape(named: "userNameType", in: .sts)).max == 32)
        #expect(try #require(IAMModel.shape(named: "passwordType")).isSensitive)
        #expect(try #require(IAMModel.shape(named: "statusType")).enumValues == ["Active", "Inactive", "Expired"])
        let tags = try #require(IAMModel.shape(named: "tagListType"))
        #expect(tags.kind == .list && tags.member == "Tag" && tags.max == 50)
    }

    @Test func aShapeIsAValueEvenThoughCopiesShareTheirFields() throws {
        let model = try #require(IAMModel.shape(named: "userNameType"))
        var edited = model
        #expect(edited == model && edited.hashValue == model.hashValue)
        edited.max = 32
        edited.enumValues.append("bob")
        #expect(edited.max == 32 && edited.enumValues == ["bob"])
        #expect(model.max == 64 && model.enumValues.isEmpty)
        #expect(try #require(IAMModel.shape(named: "userNameType")).max == 64)
        #expect(edited != model)
        edited.max = 64
        edited.enumValues = []
        #expect(edited == model && edited.hashValue == model.hashValue)
    }

    @Test func outputShapesAreDescribedForTheEncoder() throws {
        let user = try #require(IAMModel.shape(named: "User"))
        #expect(user.members.prefix(5).map(\.name) == ["Path", "UserName", "UserId", "Arn", "CreateDate"])
        #expect(try #require(IAMModel.shape(named: "dateType")).kind == .timestamp)
        #expect(try #require(IAMModel.shape(named: "summaryMapType")).kind == .map)
    }

    @Test(arguments: [
        ("NoSuchEntity", 404), ("EntityAlreadyExists", 409), ("LimitExceeded", 409), ("DeleteConflict", 409),
        ("MalformedPolicyDocument", 400), ("InvalidAuthenticationCode", 403), ("ReportExpired", 410),
        ("ServiceFailure", 500), ("ExpiredTokenException", 400), ("ValidationError", 400), ("AccessDenied", 403),
        ("AccountNotManagementOrDelegatedAdministratorException", 400),
    ])
    func errorCodesMapToTheModelsHTTPStatus(code: String, status: Int) {
        #expect(IAMModel.errorHTTPStatus(code: code) == status)
    }

    @Test func anUnknownErrorCodeHasNoStatus() {
        #expect(IAMModel.errorHTTPStatus(code: "NoSuchThing") == nil)
    }

    @Test func everyShapeReferenceResolves() {
        for service in ModelService.allCases {
            for shape in IAMModel.shapes(in: service) {
                let references = [shape.member, shape.key, shape.value].compactMap { $0 } + shape.members.map(\.shape)
                for reference in references {
                    #expect(IAMModel.shape(named: reference, in: service) != nil, "\(shape.name) → \(reference)")
                }
            }
        }
        for operation in IAMModel.operations {
            for name in [operation.input, operation.output].compactMap({ $0 }) + operation.errors {
                #expect(IAMModel.shape(named: name, in: operation.service) != nil, "\(operation.name) → \(name)")
            }
        }
    }

    @Test func theTablesCoverBothModels() {
        #expect(IAMModel.operations.count(where: { $0.service == .iam }) == 176)
        #expect(IAMModel.operations.count(where: { $0.service == .sts }) == 11)
        #expect(!IAMModel.botocoreVersion.isEmpty)
    }
}
