import CArgon2
import Foundation
import IAMCore
@testable import IAMService
import Testing

@Suite struct PasswordHasherTests {
    let hasher = PasswordHasher()

    @Test func hashIsAPHCStringWithOWASPParametersSixteenByteSaltAndThirtyTwoByteHash() throws {
        let phc = try hasher.hash("correct horse battery staple")
        let fields = phc.split(separator: "$", omittingEmptySubsequences: false)
        #expect(fields.count == 6)
        #expect(phc.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        #expect(fields[4].count == 22)  // 16 bytes, Base64 without padding
        #expect(fields[5].count == 43)  // 32 bytes
        #expect(!fields[4].contains("=") && !fields[5].contains("="))
    }

    @Test func verifyAcceptsTheHashedPasswordAndRejectsAnyOther() throws {
        let phc = try hasher.hash("Tr0ub4dor&3")
        #expect(hasher.verify("Tr0ub4dor&3", phc: phc))
        #expect(!hasher.verify("Tr0ub4dor&4", phc: phc))
        #expect(!hasher.verify("tr0ub4dor&3", phc: phc))
        #expect(!hasher.verify("", phc: phc))
    }

    @Test func hashingTheSamePasswordTwiceUsesDifferentSalts() throws {
        let first = try hasher.hash("same password")
        let second = try hasher.hash("same password")
        #expect(first != second)
        #expect(hasher.verify("same password", phc: first))
        #expect(hasher.verify("same password", phc: second))
    }

    @Test func emptyAndNonASCIIPasswordsRoundTrip() throws {
        for password in ["", "pässwörd ü ÿ", "\t\n\r tabs and newlines", String(repeating: "x", count: 128)] {
            let phc = try hasher.hash(password)
            #expect(hasher.verify(password, phc: phc), "\(password.debugDescription)")
        }
    }

    /// The reference vector from libargon2's own test suite (`src/test.c`, Argon2id v1.3).
    @Test func matchesTheArgon2ReferenceTestVector() throws {
        let reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
        let referenceHasher = PasswordHasher(parameters: Argon2Parameters(memoryKiB: 65_536, iterations: 2, parallelism: 1))
        #expect(try referenceHasher.hash("password", salt: Array("somesalt".utf8)) == reference)
        #expect(hasher.verify("password", phc: reference))
        #expect(!hasher.verify("passwore", phc: reference))
    }

    @Test func hashesMadeByLibargon2EncodedFunctionVerify() throws {
        let password = Array("interop-password".utf8)
        let salt = Array("0123456789abcdef".utf8)
        let length = argon2_encodedlen(3, 4096, 2, UInt32(salt.count), 32, Argon2_id)
        var encoded = [CChar](repeating: 0, count: length)
        let status = argon2id_hash_encoded(3, 4096, 2, password, password.count, salt, salt.count, 32, &encoded, length)
        try #require(status == ARGON2_OK.rawValue)
        let phc = String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)

        #expect(phc.hasPrefix("$argon2id$v=19$m=4096,t=3,p=2$"))
        #expect(hasher.verify("interop-password", phc: phc))
        #expect(!hasher.verify("interop-passwore", phc: phc))
        // Same parameters and salt: byte-for-byte the string libargon2 wrote.
        let sameParameters = PasswordHasher(parameters: Argon2Parameters(memoryKiB: 4096, iterations: 3, parallelism: 2))
        #expect(try sameParameters.hash("interop-password", salt: salt) == phc)
    }

    @Test func ourHashesVerifyWithLibargon2() throws {
        let phc = try hasher.hash("verified by libargon2")
        #expect(argon2id_verify(phc, "verified by libargon2", "verified by libargon2".utf8.count) == ARGON2_OK.rawValue)
        #expect(argon2id_verify(phc, "not the password", "not the password".utf8.count) == ARGON2_VERIFY_MISMATCH.rawValue)
    }

    @Test func verifyUsesTheParametersStoredInTheStringNotTheHashersDefaults() throws {
        let cheap = PasswordHasher(parameters: Argon2Parameters(memoryKiB: 1024, iterations: 1, parallelism: 1))
        let phc = try cheap.hash("old hash")
        #expect(phc.contains("$m=1024,t=1,p=1$"))
        #expect(hasher.verify("old hash", phc: phc))
    }

    @Test func needsRehashWhenStoredParametersDifferFromTheHashers() throws {
        let cheap = PasswordHasher(parameters: Argon2Parameters(memoryKiB: 1024, iterations: 1, parallelism: 1))
        let old = try cheap.hash("pw")
        let current = try hasher.hash("pw")
        #expect(hasher.needsRehash(old))
        #expect(!hasher.needsRehash(current))
        #expect(!cheap.needsRehash(old))
        #expect(cheap.needsRehash(current))
        #expect(hasher.needsRehash("not a hash"))
    }

    static let malformed = [
        "",
        "password",
        "$argon2id$",
        "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$t=2,m=19456,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=0,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=19456,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=19456,t=2,p=0$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=99999999999999999999,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=4294967295,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=19456,t=4294967295,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=+19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA==$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZX*hbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1a",
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc$extra",
        "$argon2id$v=19$m=19456,t=2,p=1$$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$C",
    ]

    @Test(arguments: malformed)
    func malformedPHCStringsNeverVerifyAndAlwaysNeedRehash(_ phc: String) {
        #expect(!hasher.verify("password", phc: phc))
        #expect(hasher.needsRehash(phc))
    }

    @Test func flippingAnyByteOfTheStoredHashMakesVerificationFail() throws {
        let phc = try PasswordHasher(parameters: Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1)).hash("pw")
        let stored = try #require(PHCString(phc))
        #expect(stored.encoded == phc)
        #expect(hasher.verify("pw", phc: phc))
        for index in stored.hash.indices {
            var altered = stored
            altered.hash[index] ^= 0x01
            #expect(!hasher.verify("pw", phc: altered.encoded), "byte \(index)")
        }
        var shorter = stored
        shorter.hash.removeLast()
        #expect(!hasher.verify("pw", phc: shorter.encoded))
    }

    @Test func hashingWithUnsupportedParametersThrowsServiceFailure() {
        let broken = PasswordHasher(parameters: Argon2Parameters(memoryKiB: 4, iterations: 1, parallelism: 1))
        let error = #expect(throws: IAMError.self) { try broken.hash("pw") }
        #expect(error?.code == .serviceFailure)
        #expect(error?.message == "Unsupported Argon2 parameters m=4,t=1,p=1.")
    }

    @Test func owaspParametersAreNineteenMebibytesTwoIterationsOneLane() {
        #expect(Argon2Parameters.owasp == Argon2Parameters(memoryKiB: 19_456, iterations: 2, parallelism: 1))
        #expect(Argon2Parameters.owasp.description == "m=19456,t=2,p=1")
        #expect(PasswordHasher().parameters == .owasp)
    }

    /// Offloaded hashing answers what the inline one does, errors included.
    @Test func offloadedWorkReturnsItsResultAndRethrows() async throws {
        let hasher = PasswordHasher()
        let hash = try await PasswordHasher.offload { try hasher.hash("S3cure-pass") }
        #expect(hasher.verify("S3cure-pass", phc: hash))
        let unsupported = PasswordHasher(parameters: Argon2Parameters(memoryKiB: 1, iterations: 0, parallelism: 0))
        await #expect(throws: IAMError.self) { try await PasswordHasher.offload { try unsupported.hash("x") } }
    }
}
