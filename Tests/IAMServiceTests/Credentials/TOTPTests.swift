import Foundation
@testable import IAMService
import Testing

@Suite struct TOTPTests {
    /// RFC 6238 appendix B's SHA-1 seed.
    static let rfcSeed = Data("12345678901234567890".utf8)
    let seed = Data((0..<40).map { UInt8($0 * 7 & 0xFF) })
    /// A moment in the middle of a time step.
    let now = Date(timeIntervalSince1970: 1_700_000_015)
    var step: Int { TOTP.timeStep(at: now) }

    /// RFC 6238 appendix B, SHA-1 rows: time, 8-digit code.
    static let appendixB: [(TimeInterval, String)] = [
        (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ]

    @Test(arguments: appendixB)
    func matchesRFC6238AppendixBSHA1Vectors(_ time: TimeInterval, _ expected: String) {
        let date = Date(timeIntervalSince1970: time)
        #expect(TOTP.code(seed: Self.rfcSeed, step: TOTP.timeStep(at: date), digits: 8) == expected)
        // Six digits are the same value modulo 10⁶.
        #expect(TOTP.code(seed: Self.rfcSeed, at: date) == String(expected.suffix(6)))
    }

    @Test func timeStepCountsWholeThirtySecondPeriods() {
        #expect(TOTP.timeStep(at: Date(timeIntervalSince1970: 0)) == 0)
        #expect(TOTP.timeStep(at: Date(timeIntervalSince1970: 29.999)) == 0)
        #expect(TOTP.timeStep(at: Date(timeIntervalSince1970: 30)) == 1)
        #expect(TOTP.timeStep(at: Date(timeIntervalSince1970: 59)) == 1)
        #expect(TOTP.timeStep(at: Date(timeIntervalSince1970: 1_111_111_109)) == 0x23523EC)
        #expect(TOTP.timeStep(at: Date(timeIntervalSince1970: -1)) == -1)
    }

    @Test func codesAreSixDigitsWithLeadingZerosKept() {
        let codes = (0..<200).map { TOTP.code(seed: seed, step: $0) }
        #expect(codes.allSatisfy { $0.count == 6 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        #expect(codes.contains { $0.hasPrefix("0") })
    }

    @Test func consecutiveCodesEndingNowReturnTheSecondCodesStep() {
        let code1 = TOTP.code(seed: seed, step: step - 1), code2 = TOTP.code(seed: seed, step: step)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: code1, code2: code2, now: now) == step)
    }

    @Test func consecutiveCodesAreAcceptedOnlyWithinTheWindow() {
        let old1 = TOTP.code(seed: seed, step: step - 3), old2 = TOTP.code(seed: seed, step: step - 2)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: old1, code2: old2, now: now, window: 2) == nil)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: old1, code2: old2, now: now, window: 3) == step - 2)
        let future1 = TOTP.code(seed: seed, step: step + 1), future2 = TOTP.code(seed: seed, step: step + 2)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: future1, code2: future2, now: now, window: 1) == nil)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: future1, code2: future2, now: now, window: 2) == step + 2)
    }

    @Test func codesInTheWrongOrderOrNotAdjacentAreRejected() {
        let previous = TOTP.code(seed: seed, step: step - 1)
        let current = TOTP.code(seed: seed, step: step)
        let older = TOTP.code(seed: seed, step: step - 2)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: current, code2: previous, now: now) == nil)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: older, code2: current, now: now) == nil)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: current, code2: current, now: now) == nil)
    }

    @Test func codesFromAnotherSeedAreRejected() {
        let other = Data(repeating: 1, count: 40)
        let code1 = TOTP.code(seed: other, step: step - 1), code2 = TOTP.code(seed: other, step: step)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: code1, code2: code2, now: now) == nil)
    }

    @Test func stepsAtOrBeforeTheLastUsedStepAreRefusedAsReplays() {
        let code1 = TOTP.code(seed: seed, step: step - 1), code2 = TOTP.code(seed: seed, step: step)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: code1, code2: code2, now: now, lastUsedStep: step - 2) == step)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: code1, code2: code2, now: now, lastUsedStep: step - 1) == nil)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: code1, code2: code2, now: now, lastUsedStep: step) == nil)
        let next1 = TOTP.code(seed: seed, step: step + 1), next2 = TOTP.code(seed: seed, step: step + 2)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: next1, code2: next2, now: now, lastUsedStep: step) == step + 2)
    }

    @Test(arguments: ["12345", "1234567", "12a456", " 123456", "１２３４５６", ""])
    func malformedCodesAreRejected(_ code: String) {
        let valid = TOTP.code(seed: seed, step: step)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: code, code2: valid, now: now) == nil)
        #expect(TOTP.verifyConsecutive(seed: seed, code1: valid, code2: code, now: now) == nil)
        #expect(TOTP.verify(seed: seed, code: code, now: now) == nil)
    }

    @Test func singleCodeVerifiesOnceAndThenCountsAsReplayed() {
        let code = TOTP.code(seed: seed, step: step)
        let used = TOTP.verify(seed: seed, code: code, now: now)
        #expect(used == step)
        #expect(TOTP.verify(seed: seed, code: code, now: now, lastUsedStep: used) == nil)
        #expect(TOTP.verify(seed: seed, code: TOTP.code(seed: seed, step: step - 1), now: now) == step - 1)
        #expect(TOTP.verify(seed: seed, code: TOTP.code(seed: seed, step: step - 2), now: now) == nil)
    }

    @Test func otpauthURIHasAWSShape() {
        let uri = TOTP.otpauthURI(deviceName: "alice", accountName: "123456789012", seed: seed)
        #expect(uri == "otpauth://totp/alice@123456789012?secret=\(Base32.encode(seed))")
        #expect(Base32.encode(seed).count == 64)
    }

    @Test func otpauthURIPercentEncodesTheLabel() {
        let uri = TOTP.otpauthURI(deviceName: "my phone+1@home", accountName: "corp/ü", seed: Data("12345".utf8))
        #expect(uri == "otpauth://totp/my%20phone%2B1%40home@corp%2F%C3%BC?secret=GEZDGNBV")
    }
}
