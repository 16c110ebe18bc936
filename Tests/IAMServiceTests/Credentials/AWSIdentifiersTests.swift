import Foundation
import IAMCore
@testable import IAMService
import Testing

@Suite struct AWSIdentifiersTests {
    static let idCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    @Test(arguments: AWSIdentifiers.UniqueIDKind.allCases)
    func uniqueIDsArePrefixPlusSeventeenBase32Characters(_ kind: AWSIdentifiers.UniqueIDKind) {
        var generator = SeededCredentialGenerator(seed: 1)
        for _ in 0..<100 {
            let id = AWSIdentifiers.uniqueID(kind, using: &generator)
            #expect(id.count == 21)
            #expect(id.hasPrefix(kind.rawValue))
            #expect(id.allSatisfy(Self.idCharacters.contains))
        }
    }

    @Test func uniqueIDPrefixesAreAWSs() {
        #expect(AWSIdentifiers.UniqueIDKind.allCases.map(\.rawValue) == ["AIDA", "AGPA", "ANPA", "ANVA"])
    }

    @Test func sameSeedGivesSameIdentifiersAndAnotherSeedDifferentOnes() throws {
        func draw(_ seed: UInt64) throws -> [String] {
            var generator = SeededCredentialGenerator(seed: seed)
            return [
                AWSIdentifiers.uniqueID(.user, using: &generator),
                try AWSIdentifiers.accessKeyID(accountID: "123456789012", using: &generator),
                AWSIdentifiers.secretAccessKey(using: &generator),
                AWSIdentifiers.accountID(using: &generator),
                Base32.encode(AWSIdentifiers.mfaSeed(using: &generator)),
            ]
        }
        #expect(try draw(7) == draw(7))
        let first = try draw(7), second = try draw(8)
        for (a, b) in zip(first, second) { #expect(a != b) }
    }

    @Test func uniqueIDsDoNotRepeatAcrossManyDraws() {
        var generator = SeededCredentialGenerator(seed: 99)
        let ids = (0..<5_000).map { _ in AWSIdentifiers.uniqueID(.group, using: &generator) }
        #expect(Set(ids).count == ids.count)
    }

    /// The first 12 characters moto 5's `generate_access_key_id_from_account_id(account, "AKIA")`
    /// gave for each account, and whether the account is odd (13th character from `Q–Z2–7`).
    static let motoPrefixes: [(String, String, Bool)] = [
        ("123456789012", "AKIARZPUZDIK", false),
        ("000000000000", "AKIAQAAAAAAA", false),
        ("999999999999", "AKIA6RVFFB77", true),
        ("111122223333", "AKIARTX3GSDS", true),
        ("012345678901", "AKIAQFX64DQ2", true),
    ]

    @Test(arguments: motoPrefixes)
    func accessKeyIDEncodesTheAccountIDLikeMoto(_ account: String, _ prefix: String, _ odd: Bool) throws {
        var generator = SeededCredentialGenerator(seed: 3)
        for _ in 0..<50 {
            let keyID = try AWSIdentifiers.accessKeyID(accountID: account, using: &generator)
            #expect(keyID.count == 20)
            #expect(keyID.hasPrefix(prefix))
            #expect(keyID.allSatisfy(Self.idCharacters.contains))
            let parity = keyID[keyID.index(keyID.startIndex, offsetBy: 12)]
            #expect(Set(odd ? "QRSTUVWXYZ234567" : "ABCDEFGHIJKLMNOP").contains(parity))
            #expect(AWSIdentifiers.accountID(fromAccessKeyID: keyID) == account)
        }
    }

    @Test func accountIDIsRecoveredFromKeyIDsMotoGenerated() {
        #expect(AWSIdentifiers.accountID(fromAccessKeyID: "AKIARZPUZDIKK35CCVZB") == "123456789012")
        #expect(AWSIdentifiers.accountID(fromAccessKeyID: "AKIA6RVFFB774DLM7CRB") == "999999999999")
        #expect(AWSIdentifiers.accountID(fromAccessKeyID: "AKIAQFX64DQ22RVBF7ZN") == "012345678901")
        #expect(AWSIdentifiers.accountID(fromAccessKeyID: "AKIAQAAAAAAAEUHZRWUK") == "000000000000")
    }

    @Test(arguments: ["AKIAIOSFODNN7EXAMPLE", "AKIA", "AKIARZPUZDIKK35CCVZB1", "AKIARZPUZDIKK35CCVZ0", "AKIAAAAAAAAAAAAAAAAA"])
    func keyIDsThatDoNotEncodeAnAccountGiveNil(_ keyID: String) {
        #expect(AWSIdentifiers.accountID(fromAccessKeyID: keyID) == nil)
    }

    @Test func randomAccountsRoundTripThroughTheirKeyIDs() throws {
        var generator = SeededCredentialGenerator(seed: 12)
        for _ in 0..<500 {
            let account = AWSIdentifiers.accountID(using: &generator)
            let keyID = try AWSIdentifiers.accessKeyID(accountID: account, using: &generator)
            #expect(AWSIdentifiers.accountID(fromAccessKeyID: keyID) == account)
        }
    }

    @Test(arguments: ["12345", "12345678901a", "1234567890123", "", "-12345678901", "１２３４５６７８９０１２"])
    func accessKeyIDForAMalformedAccountThrowsInvalidInput(_ account: String) {
        var generator = SeededCredentialGenerator(seed: 0)
        let error = #expect(throws: IAMError.self) { try AWSIdentifiers.accessKeyID(accountID: account, using: &generator) }
        #expect(error?.code == .invalidInput)
        #expect(error?.message == "The account ID \(account) is not 12 decimal digits.")
    }

    @Test func secretsAreFortyCharactersUsingTheWholeAlphabet() {
        var generator = SeededCredentialGenerator(seed: 40)
        let secrets = (0..<1_000).map { _ in AWSIdentifiers.secretAccessKey(using: &generator) }
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        #expect(secrets.allSatisfy { $0.count == 40 && $0.allSatisfy(alphabet.contains) })
        #expect(Set(secrets.joined()) == alphabet)
        #expect(Set(secrets).count == secrets.count)
    }

    /// Characters are drawn byte by byte with rejection (an alphabet of 10 rejects bytes 250 and
    /// up): every character stays about equally likely.
    @Test func charactersAreDrawnUniformly() {
        var generator = SeededCredentialGenerator(seed: 41)
        let secrets = (0..<1_000).map { _ in AWSIdentifiers.secretAccessKey(using: &generator) }.joined()
        let secretCounts = Dictionary(grouping: secrets, by: { $0 }).mapValues(\.count)
        #expect(secretCounts.values.allSatisfy { (450...800).contains($0) }, "expected about 625 of each: \(secretCounts)")
        let digits = (0..<1_000).map { _ in AWSIdentifiers.accountID(using: &generator) }.joined()
        let digitCounts = Dictionary(grouping: digits, by: { $0 }).mapValues(\.count)
        #expect(digitCounts.count == 10)
        #expect(digitCounts.values.allSatisfy { (1_000...1_400).contains($0) }, "expected about 1,200 of each: \(digitCounts)")
    }

    @Test func accountIDsAreTwelveDigits() {
        var generator = SeededCredentialGenerator(seed: 5)
        let accounts = (0..<1_000).map { _ in AWSIdentifiers.accountID(using: &generator) }
        #expect(accounts.allSatisfy { $0.count == 12 && $0.allSatisfy { "0123456789".contains($0) } })
        #expect(accounts.contains { $0.hasPrefix("0") })
    }

    @Test func mfaSeedsAreFortyRandomBytes() {
        var generator = SeededCredentialGenerator(seed: 6)
        let first = AWSIdentifiers.mfaSeed(using: &generator)
        let second = AWSIdentifiers.mfaSeed(using: &generator)
        #expect(first.count == 40)
        #expect(first != second)
        #expect(Base32.encode(first).count == 64)
    }

    @Test func systemGeneratorWorksForProductionUse() throws {
        var generator = SystemRandomNumberGenerator()
        let keyID = try AWSIdentifiers.accessKeyID(accountID: "123456789012", using: &generator)
        #expect(keyID.hasPrefix("AKIARZPUZDIK"))
        #expect(AWSIdentifiers.secretAccessKey(using: &generator) != AWSIdentifiers.secretAccessKey(using: &generator))
    }
}
