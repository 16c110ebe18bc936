import Foundation
import IAMCore
@testable import IAMService
import Testing

@Suite struct SecretSealerTests {
    let sealer = SecretSealer(masterKey: try! MasterKey(base64: MasterKeyTests.knownKeyBase64))
    let secret = Data("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY".utf8)

    @Test func openReturnsWhatWasSealedWithTheSameContext() throws {
        let sealed = try sealer.seal(secret, context: "AKIAIOSFODNN7EXAMPLE")
        #expect(try sealer.open(sealed, context: "AKIAIOSFODNN7EXAMPLE") == secret)
        #expect(try sealer.open(try sealer.seal(Data(), context: ""), context: "") == Data())
    }

    @Test func sealedBlobIsVersionNonceCiphertextAndTag() throws {
        let sealed = try sealer.seal(secret, context: "AKIAIOSFODNN7EXAMPLE")
        #expect(sealed.first == 1)
        #expect(sealed.count == 1 + 12 + secret.count + 16)
        #expect(sealed.range(of: secret) == nil)
    }

    @Test func sealingTwiceUsesDifferentNonces() throws {
        let first = try sealer.seal(secret, context: "c")
        let second = try sealer.seal(secret, context: "c")
        #expect(first != second)
        #expect(first[1..<13] != second[1..<13])
    }

    @Test func blobMovedToAnotherRowDoesNotOpen() throws {
        let sealed = try sealer.seal(secret, context: "AKIAIOSFODNN7EXAMPLE")
        let error = #expect(throws: IAMError.self) { try sealer.open(sealed, context: "AKIAI44QH8DHBEXAMPLE") }
        #expect(error?.code == .serviceFailure)
        #expect(
            error?.message
                == "The stored secret could not be decrypted: the master key or the record it belongs to does not match.")
    }

    @Test func blobDoesNotOpenUnderAnotherMasterKey() throws {
        let sealed = try sealer.seal(secret, context: "ctx")
        let other = SecretSealer(masterKey: MasterKey.generate())
        #expect(throws: IAMError.self) { try other.open(sealed, context: "ctx") }
    }

    @Test func flippingAnyBitOfTheBlobMakesItFailToOpen() throws {
        let sealed = try sealer.seal(secret, context: "ctx")
        for index in sealed.indices {
            var altered = sealed
            altered[index] ^= 0x01
            #expect(throws: IAMError.self, "byte \(index)") { try sealer.open(altered, context: "ctx") }
        }
    }

    @Test func unknownFormatVersionIsRejectedWithItsNumber() throws {
        var sealed = try sealer.seal(secret, context: "ctx")
        sealed[0] = 2
        let error = #expect(throws: IAMError.self) { try sealer.open(sealed, context: "ctx") }
        #expect(error?.message == "The stored secret has unknown format version 2.")
    }

    @Test(arguments: [0, 1, 12, 28])
    func truncatedBlobIsRejected(_ length: Int) throws {
        let sealed = try sealer.seal(Data(), context: "ctx")
        #expect(sealed.count == 29)
        let error = #expect(throws: IAMError.self) { try sealer.open(sealed.prefix(length), context: "ctx") }
        #expect(error?.code == .serviceFailure)
        #expect(error?.message == "The stored secret is truncated.")
    }

    @Test func sealerPrintsAsRedacted() {
        #expect(sealer.description == "<redacted>")
        #expect(String(reflecting: sealer) == "<redacted>")
        #expect(!redactionDump(sealer).contains(MasterKeyTests.knownKeyBase64))
        #expect(Mirror(reflecting: sealer).children.isEmpty)
    }
}
