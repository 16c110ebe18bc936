import Foundation
import IAMCore
@testable import IAMService
import Testing

@Suite struct QRCodeTests {
    private func rows(of code: QRCode) -> [String] {
        (0..<code.size).map { y in String((0..<code.size).map { x in code[x, y] ? "1" : "0" }) }
    }

    @Test(arguments: QRReference.all)
    func modulesMatchPythonQRCodeForTheSameVersionLevelAndMask(_ reference: QRReference) throws {
        let code = try QRCode(
            encoding: reference.data, errorCorrection: reference.errorCorrection,
            minimumVersion: reference.version, maximumVersion: reference.version, mask: reference.mask)
        #expect(code.version == reference.version)
        #expect(code.size == reference.rows.count)
        let actual = rows(of: code)
        let differing = zip(actual, reference.rows).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(differing.isEmpty, "rows that differ: \(differing)")
    }

    @Test(arguments: QRReference.all)
    func smallestFittingVersionIsChosen(_ reference: QRReference) throws {
        let code = try QRCode(encoding: reference.data, errorCorrection: reference.errorCorrection)
        #expect(code.version == reference.version)
    }

    @Test func versionBoundariesFollowByteModeCapacity() throws {
        // Byte-mode capacities at level M: v1 14, v2 26, v9 180, v10 213 bytes.
        #expect(try QRCode(encoding: String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode(encoding: String(repeating: "a", count: 15)).version == 2)
        #expect(try QRCode(encoding: String(repeating: "a", count: 26)).version == 2)
        #expect(try QRCode(encoding: String(repeating: "a", count: 180)).version == 9)
        #expect(try QRCode(encoding: String(repeating: "a", count: 181)).version == 10)
        #expect(try QRCode(encoding: String(repeating: "a", count: 213)).version == 10)
        #expect(try QRCode(encoding: String(repeating: "a", count: 2953), errorCorrection: .low).version == 40)
    }

    @Test func chosenMaskHasTheLowestPenalty() throws {
        for reference in QRReference.all {
            let code = try QRCode(encoding: reference.data, errorCorrection: reference.errorCorrection)
            let penalties = (0...7).map { code.penalty(withMask: $0) }
            #expect(code.penalty(withMask: code.mask) == penalties.min(), "\(reference.data)")
            #expect(Set(penalties).count > 1)
        }
    }

    @Test func fixingTheChosenMaskReproducesTheSameSymbol() throws {
        let uri = QRReference.all.first { $0.version == 7 }!.data
        let automatic = try QRCode(encoding: uri)
        let fixed = try QRCode(encoding: uri, mask: automatic.mask)
        #expect(rows(of: automatic) == rows(of: fixed))
        let other = try QRCode(encoding: uri, mask: (automatic.mask + 1) % 8)
        #expect(rows(of: automatic) != rows(of: other))
    }

    @Test func dataTooLongForTheMaximumVersionThrowsInvalidInput() {
        let error = #expect(throws: IAMError.self) {
            try QRCode(encoding: String(repeating: "a", count: 214), maximumVersion: 10)
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.message == "214 bytes do not fit in a version 10 QR code at level M.")
        #expect(throws: IAMError.self) { try QRCode(encoding: String(repeating: "a", count: 2954), errorCorrection: .low) }
    }

    @Test func invalidMaskOrVersionRangeThrowsInvalidInput() {
        #expect(throws: IAMError.self) { try QRCode(encoding: "x", mask: 8) }
        #expect(throws: IAMError.self) { try QRCode(encoding: "x", mask: -1) }
        #expect(throws: IAMError.self) { try QRCode(encoding: "x", minimumVersion: 0) }
        #expect(throws: IAMError.self) { try QRCode(encoding: "x", minimumVersion: 5, maximumVersion: 4) }
        #expect(throws: IAMError.self) { try QRCode(encoding: "x", maximumVersion: 41) }
    }

    @Test func awsShapedOtpauthURIFitsInAVersionUpToTen() throws {
        var generator = SeededCredentialGenerator(seed: 6238)
        let seed = AWSIdentifiers.mfaSeed(using: &generator)
        let uri = TOTP.otpauthURI(deviceName: "alice-virtual-mfa-device", accountName: "example-corp-production", seed: seed)
        #expect(uri.utf8.count == 135)
        let code = try QRCode(encoding: uri)
        #expect(code.version == 8)  // 1-M holds 14 bytes … 8-M holds 152
        #expect(code.errorCorrection == .medium)
    }

    /// segno's `consts.ALIGNMENT_POS`, i.e. ISO/IEC 18004 Annex E, for versions 2–40.
    static let alignmentTable: [[Int]] = [
        [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
        [6, 30, 54], [6, 32, 58], [6, 34, 62], [6, 26, 46, 66], [6, 26, 48, 70], [6, 26, 50, 74],
        [6, 30, 54, 78], [6, 30, 56, 82], [6, 30, 58, 86], [6, 34, 62, 90], [6, 28, 50, 72, 94],
        [6, 26, 50, 74, 98], [6, 30, 54, 78, 102], [6, 28, 54, 80, 106], [6, 32, 58, 84, 110],
        [6, 30, 58, 86, 114], [6, 34, 62, 90, 118], [6, 26, 50, 74, 98, 122], [6, 30, 54, 78, 102, 126],
        [6, 26, 52, 78, 104, 130], [6, 30, 56, 82, 108, 134], [6, 34, 60, 86, 112, 138],
        [6, 30, 58, 86, 114, 142], [6, 34, 62, 90, 118, 146], [6, 30, 54, 78, 102, 126, 150],
        [6, 24, 50, 76, 102, 128, 154], [6, 28, 54, 80, 106, 132, 158], [6, 32, 58, 84, 110, 136, 162],
        [6, 26, 54, 82, 110, 138, 166], [6, 30, 58, 86, 114, 142, 170],
    ]

    @Test func alignmentPatternPositionsMatchTheStandardForEveryVersion() {
        #expect(QRCode.alignmentPatternPositions(version: 1).isEmpty)
        for (offset, expected) in Self.alignmentTable.enumerated() {
            #expect(QRCode.alignmentPatternPositions(version: offset + 2) == expected, "version \(offset + 2)")
        }
    }

    @Test func dataCodewordCountsMatchTheStandard() {
        // ISO/IEC 18004 Table 7, a sample: (version, level, data codewords).
        let table: [(Int, QRCode.ErrorCorrection, Int)] = [
            (1, .low, 19), (1, .medium, 16), (1, .quartile, 13), (1, .high, 9),
            (7, .medium, 124), (7, .quartile, 88), (10, .medium, 216), (10, .high, 122), (40, .low, 2956), (40, .high, 1276),
        ]
        for (version, level, count) in table {
            #expect(QRCode.dataCodewordCount(version: version, errorCorrection: level) == count, "\(version)-\(level)")
        }
    }

    /// ISO/IEC 18004 Annex I: "01234567" as version 1-M; its 16 data codewords and 10 EC codewords.
    @Test func reedSolomonMatchesTheStandardsWorkedExample() {
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        let ecc = ReedSolomon.remainder(of: data, divisor: ReedSolomon.generator(degree: 10))
        #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test func galoisFieldMultiplicationReducesByTheQRPolynomial() {
        #expect(ReedSolomon.multiply(0x80, 0x02) == 0x1D)
        #expect(ReedSolomon.multiply(0x53, 0x01) == 0x53)
        #expect(ReedSolomon.multiply(0x00, 0xFF) == 0x00)
        // α^255 = 1: multiplying α (2) by itself 255 times returns to 1.
        var value: UInt8 = 1
        for _ in 0..<255 { value = ReedSolomon.multiply(value, 2) }
        #expect(value == 1)
    }

    @Test func printingNeverShowsTheModules() throws {
        let code = try QRCode(encoding: "otpauth://totp/a@b?secret=GEZDGNBV")
        #expect(code.description == "QRCode(version: 3, errorCorrection: M, mask: \(code.mask), modules: <redacted>)")
        #expect(String(reflecting: code) == code.description)
        let dump = redactionDump(code)
        #expect(dump.contains("<redacted>"))
        #expect(!dump.contains("true"))
        #expect(!dump.contains("false"))
        #expect(!dump.contains("GEZDGNBV"))
    }
}
