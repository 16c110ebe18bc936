import Foundation
import Testing

@testable import IAMService

@Suite struct RandomSourceTests {
    /// 1,200 values cross two refills of the 512-value buffer (each filled by sixteen
    /// `getentropy` calls); repeats would mean a buffer or a chunk reused.
    @Test func systemSourceNeverRepeatsAcrossRefills() {
        var generator = BufferedSecureRandom()
        let values = (0..<1_200).map { _ in generator.next() }
        #expect(Set(values).count == values.count)
        // Each bit position takes both values somewhere: not a constant or truncated source.
        let ones = values.reduce(UInt64(0)) { $0 | $1 }
        let zeros = values.reduce(UInt64(0)) { $0 | ~$1 }
        #expect(ones == .max && zeros == .max)
    }

    @Test func systemSourceGivesDifferentSecretsEachCall() {
        let first = RandomSource.system.withGenerator { AWSIdentifiers.secretAccessKey(using: &$0) }
        let second = RandomSource.system.withGenerator { AWSIdentifiers.secretAccessKey(using: &$0) }
        #expect(first.count == 40 && second.count == 40 && first != second)
    }

    /// Request and event IDs: RFC 4122 version 4 UUIDs in lower case, as Foundation's would be.
    @Test func uuidStringsAreLowerCaseVersionFourUUIDs() {
        let ids = (0..<200).map { _ in RandomSource.system.uuidString() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let bytes = Array(id.utf8)
            #expect(bytes.count == 36 && [8, 13, 18, 23].allSatisfy { bytes[$0] == UInt8(ascii: "-") })
            #expect(id == id.lowercased() && UUID(uuidString: id) != nil)
            #expect(bytes[14] == UInt8(ascii: "4") && "89ab".utf8.contains(bytes[19]))
        }
    }

    /// Secret-bearing member names are recognised whatever their case; metadata is not.
    @Test func auditRedactionKnowsSecretMembers() {
        for name in ["Password", "NewPassword", "SecretAccessKey", "Base32StringSeed", "QRCodePNG", "AuthenticationCode1", "PrivateKey"] {
            #expect(AuditRedaction.isSecret(name), "\(name)")
        }
        for name in ["PasswordResetRequired", "MinimumPasswordLength", "UserName", "AccessKeyId", "Se", ""] {
            #expect(!AuditRedaction.isSecret(name), "\(name)")
        }
    }
}
