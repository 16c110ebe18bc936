import Foundation
import IAMCore

/// A QR Code symbol (ISO/IEC 18004) encoding bytes in byte mode, for the `QRCodePNG` that
/// `CreateVirtualMFADevice` returns.
///
/// The encoder picks the smallest version (1–40) that fits, adds Reed–Solomon error correction,
/// and chooses the mask with the lowest penalty score unless one is given. Because the symbol
/// encodes an MFA seed, it never prints its modules: `description`, `debugDescription` and `dump`
/// show only the version, level and mask.
public struct QRCode: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The error correction level: the share of codewords that can be restored.
    public enum ErrorCorrection: Int, Sendable, CaseIterable, CustomStringConvertible {
        /// About 7 %.
        case low
        /// About 15 %.
        case medium
        /// About 25 %.
        case quartile
        /// About 30 %.
        case high

        /// The two format-information bits of the level.
        var formatBits: Int { [1, 0, 3, 2][rawValue] }

        /// `L`, `M`, `Q` or `H`.
        public var description: String { ["L", "M", "Q", "H"][rawValue] }
    }

    /// The version, 1–40; the symbol is `17 + 4 × version` modules wide.
    public let version: Int
    /// The error correction level.
    public let errorCorrection: ErrorCorrection
    /// The data mask pattern applied, 0–7.
    public let mask: Int
    /// Row-major; `true` is a dark module.
    private let modules: [Bool]

    /// Modules per side.
    public var size: Int { version * 4 + 17 }

    /// Whether the module in column `x`, row `y` is dark; modules outside the symbol are light.
    public subscript(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    /// Encodes the UTF-8 bytes of `text`.
    ///
    /// - Throws: `InvalidInput` when the version range or mask is invalid, or the text does not fit.
    public init(
        encoding text: String, errorCorrection: ErrorCorrection = .medium,
        minimumVersion: Int = 1, maximumVersion: Int = 40, mask: Int? = nil
    ) throws {
        try self.init(
            encoding: Data(text.utf8), errorCorrection: errorCorrection,
            minimumVersion: minimumVersion, maximumVersion: maximumVersion, mask: mask)
    }

    /// Encodes `data` in byte mode.
    ///
    /// - Parameters:
    ///   - errorCorrection: The level; it is kept as given, never raised.
    ///   - minimumVersion: The smallest version to consider.
    ///   - maximumVersion: The largest version to consider.
    ///   - mask: A fixed mask pattern 0–7, or `nil` to pick the one with the lowest penalty.
    /// - Throws: `InvalidInput` when the version range or mask is invalid, or the data does not fit
    ///   in `maximumVersion` at this level.
    public init(
        encoding data: Data, errorCorrection: ErrorCorrection = .medium,
        minimumVersion: Int = 1, maximumVersion: Int = 40, mask: Int? = nil
    ) throws {
        guard 1 <= minimumVersion, minimumVersion <= maximumVersion, maximumVersion <= 40 else {
            throw IAMError(.invalidInput, "QR code versions must satisfy 1 <= minimum <= maximum <= 40.")
        }
        if let mask, !(0...7).contains(mask) {
            throw IAMError(.invalidInput, "QR code mask must be between 0 and 7.")
        }
        guard let version = (minimumVersion...maximumVersion).first(where: { version in
            Self.dataBitCount(byteCount: data.count, version: version)
                <= Self.dataCodewordCount(version: version, errorCorrection: errorCorrection) * 8
        }) else {
            throw IAMError(
                .invalidInput,
                "\(data.count) bytes do not fit in a version \(maximumVersion) QR code at level \(errorCorrection).")
        }

        let codewords = Self.addErrorCorrection(
            to: Self.dataCodewords(data, version: version, errorCorrection: errorCorrection),
            version: version, errorCorrection: errorCorrection)
        var matrix = Matrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.drawCodewords(codewords)

        let chosenMask: Int
        if let mask {
            chosenMask = mask
        } else {
            chosenMask = (0...7).min { first, second in
                (Self.penalty(of: matrix, mask: first, errorCorrection: errorCorrection), first)
                    < (Self.penalty(of: matrix, mask: second, errorCorrection: errorCorrection), second)
            }!
        }
        matrix.applyMask(chosenMask)
        matrix.drawFormatBits(errorCorrection: errorCorrection, mask: chosenMask)

        self.version = version
        self.errorCorrection = errorCorrection
        self.mask = chosenMask
        self.modules = matrix.modules
    }

    /// The penalty score (ISO/IEC 18004 §7.8.3) this symbol would have with `mask` applied
    /// instead; the encoder picks the lowest.
    public func penalty(withMask mask: Int) -> Int {
        var matrix = Matrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.modules = modules
        matrix.applyMask(self.mask)  // XOR again: back to the unmasked data
        matrix.drawFormatBits(errorCorrection: errorCorrection, mask: self.mask)
        return Self.penalty(of: matrix, mask: mask, errorCorrection: errorCorrection)
    }

    private static func penalty(of matrix: Matrix, mask: Int, errorCorrection: ErrorCorrection) -> Int {
        var candidate = matrix
        candidate.applyMask(mask)
        candidate.drawFormatBits(errorCorrection: errorCorrection, mask: mask)
        return candidate.penaltyScore()
    }

    // MARK: Capacity and codewords

    /// Error correction codewords per block, by level then version (index 0 unused).
    private static let eccCodewordsPerBlock: [[Int]] = [
        [-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    /// Error correction blocks, by level then version (index 0 unused).
    private static let errorCorrectionBlocks: [[Int]] = [
        [-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]

    /// Modules left for codewords once function patterns and format/version information are placed.
    static func rawDataModuleCount(version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignmentCount = version / 7 + 2
            result -= (25 * alignmentCount - 10) * alignmentCount - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCodewordCount(version: Int, errorCorrection: ErrorCorrection) -> Int {
        rawDataModuleCount(version: version) / 8
            - eccCodewordsPerBlock[errorCorrection.rawValue][version] * errorCorrectionBlocks[errorCorrection.rawValue][version]
    }

    /// Byte mode: 4-bit mode, 8- or 16-bit character count, then the bytes.
    private static func characterCountBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    private static func dataBitCount(byteCount: Int, version: Int) -> Int {
        guard byteCount < 1 << characterCountBits(version: version) else { return .max }
        return 4 + characterCountBits(version: version) + 8 * byteCount
    }

    /// Mode indicator, count, data, terminator, byte alignment and the 0xEC/0x11 pad bytes.
    private static func dataCodewords(_ data: Data, version: Int, errorCorrection: ErrorCorrection) -> [UInt8] {
        let capacityBits = dataCodewordCount(version: version, errorCorrection: errorCorrection) * 8
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(data.count, count: characterCountBits(version: version))
        for byte in data { bits.append(Int(byte), count: 8) }
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var padByte = 0xEC
        while bits.count < capacityBits {
            bits.append(padByte, count: 8)
            padByte ^= 0xEC ^ 0x11
        }
        return bits.bytes
    }

    /// Splits the data into blocks, appends each block's Reed–Solomon codewords and interleaves.
    private static func addErrorCorrection(to data: [UInt8], version: Int, errorCorrection: ErrorCorrection) -> [UInt8] {
        let blockCount = errorCorrectionBlocks[errorCorrection.rawValue][version]
        let eccLength = eccCodewordsPerBlock[errorCorrection.rawValue][version]
        let rawCodewords = rawDataModuleCount(version: version) / 8
        let shortBlockCount = blockCount - rawCodewords % blockCount
        let shortBlockLength = rawCodewords / blockCount
        let divisor = ReedSolomon.generator(degree: eccLength)

        var blocks: [[UInt8]] = []
        var offset = 0
        for index in 0..<blockCount {
            let dataLength = shortBlockLength - eccLength + (index < shortBlockCount ? 0 : 1)
            var block = Array(data[offset..<offset + dataLength])
            offset += dataLength
            let ecc = ReedSolomon.remainder(of: block, divisor: divisor)
            if index < shortBlockCount { block.append(0) }  // placeholder, skipped when interleaving
            blocks.append(block + ecc)
        }

        var result: [UInt8] = []
        result.reserveCapacity(rawCodewords)
        for column in 0..<blocks[0].count {
            for (index, block) in blocks.enumerated()
            where column != shortBlockLength - eccLength || index >= shortBlockCount {
                result.append(block[column])
            }
        }
        return result
    }

    /// Centre coordinates of the alignment patterns on each axis.
    static func alignmentPatternPositions(version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        var positions: [Int] = []
        var position = version * 4 + 17 - 7
        while positions.count < count - 1 {
            positions.insert(position, at: 0)
            position -= step
        }
        return [6] + positions
    }

    // MARK: Printing

    /// The version, level and mask, never the modules.
    public var description: String {
        "QRCode(version: \(version), errorCorrection: \(errorCorrection), mask: \(mask), modules: <redacted>)"
    }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// Version, level and mask only, so `dump` cannot print the modules that encode the seed.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["version": version, "errorCorrection": errorCorrection, "mask": mask, "modules": "<redacted>"],
            displayStyle: .struct)
    }
}

// MARK: - Module matrix

extension QRCode {
    /// The module grid while it is being built, and which modules belong to function patterns.
    fileprivate struct Matrix {
        let version: Int
        let size: Int
        var modules: [Bool]
        var isFunction: [Bool]

        init(version: Int) {
            self.version = version
            size = version * 4 + 17
            modules = Array(repeating: false, count: size * size)
            isFunction = Array(repeating: false, count: size * size)
        }

        subscript(x: Int, y: Int) -> Bool {
            get { modules[y * size + x] }
            set { modules[y * size + x] = newValue }
        }

        mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
            modules[y * size + x] = dark
            isFunction[y * size + x] = true
        }

        mutating func drawFunctionPatterns() {
            for index in 0..<size {
                setFunction(6, index, index % 2 == 0)
                setFunction(index, 6, index % 2 == 0)
            }
            drawFinderPattern(centerX: 3, centerY: 3)
            drawFinderPattern(centerX: size - 4, centerY: 3)
            drawFinderPattern(centerX: 3, centerY: size - 4)

            let positions = QRCode.alignmentPatternPositions(version: version)
            let last = positions.count - 1
            for (i, x) in positions.enumerated() {
                for (j, y) in positions.enumerated() {
                    // Skip the three corners that hold finder patterns.
                    if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                    drawAlignmentPattern(centerX: x, centerY: y)
                }
            }
            // Reserve the format areas now (real bits come after masking); draw version info.
            drawFormatBits(errorCorrection: .medium, mask: 0)
            drawVersionBits()
        }

        /// A 7×7 finder with its light separator, clipped at the symbol edge.
        mutating func drawFinderPattern(centerX: Int, centerY: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = centerX + dx, y = centerY + dy
                    guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                    let distance = max(abs(dx), abs(dy))
                    setFunction(x, y, distance != 2 && distance != 4)
                }
            }
        }

        mutating func drawAlignmentPattern(centerX: Int, centerY: Int) {
            for dy in -2...2 {
                for dx in -2...2 {
                    setFunction(centerX + dx, centerY + dy, max(abs(dx), abs(dy)) != 1)
                }
            }
        }

        /// 15 format bits (level, mask, BCH(15,5) remainder, XOR 0x5412), in both copies, and the
        /// dark module.
        mutating func drawFormatBits(errorCorrection: ErrorCorrection, mask: Int) {
            let data = errorCorrection.formatBits << 3 | mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ index: Int) -> Bool { (bits >> index) & 1 != 0 }

            for index in 0...5 { setFunction(8, index, bit(index)) }
            setFunction(8, 7, bit(6))
            setFunction(8, 8, bit(7))
            setFunction(7, 8, bit(8))
            for index in 9..<15 { setFunction(14 - index, 8, bit(index)) }

            for index in 0..<8 { setFunction(size - 1 - index, 8, bit(index)) }
            for index in 8..<15 { setFunction(8, size - 15 + index, bit(index)) }
            setFunction(8, size - 8, true)
        }

        /// 18 version bits (version, BCH(18,6) remainder) in two 6×3 blocks, from version 7 on.
        mutating func drawVersionBits() {
            guard version >= 7 else { return }
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for index in 0..<18 {
                let dark = (bits >> index) & 1 != 0
                let a = size - 11 + index % 3, b = index / 3
                setFunction(a, b, dark)
                setFunction(b, a, dark)
            }
        }

        /// Places codeword bits in the zigzag order: two-module columns from the right, alternately
        /// upwards and downwards, skipping the vertical timing pattern and function modules.
        mutating func drawCodewords(_ codewords: [UInt8]) {
            var bitIndex = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for offset in 0..<2 {
                        let x = right - offset
                        let upward = (right + 1) & 2 == 0
                        let y = upward ? size - 1 - vertical : vertical
                        if !isFunction[y * size + x], bitIndex < codewords.count * 8 {
                            self[x, y] = (codewords[bitIndex >> 3] >> (7 - UInt8(bitIndex & 7))) & 1 != 0
                            bitIndex += 1
                        }
                        // Remainder bits stay light.
                    }
                }
                right -= 2
            }
        }

        /// XORs the data modules with mask pattern `mask` (applying it twice undoes it).
        mutating func applyMask(_ mask: Int) {
            for y in 0..<size {
                for x in 0..<size where !isFunction[y * size + x] {
                    let invert: Bool
                    switch mask {
                    case 0: invert = (x + y) % 2 == 0
                    case 1: invert = y % 2 == 0
                    case 2: invert = x % 3 == 0
                    case 3: invert = (x + y) % 3 == 0
                    case 4: invert = (x / 3 + y / 2) % 2 == 0
                    case 5: invert = x * y % 2 + x * y % 3 == 0
                    case 6: invert = (x * y % 2 + x * y % 3) % 2 == 0
                    default: invert = ((x + y) % 2 + x * y % 3) % 2 == 0
                    }
                    if invert { self[x, y].toggle() }
                }
            }
        }

        // MARK: Penalty (ISO/IEC 18004 §7.8.3.1)

        private static let penaltyN1 = 3, penaltyN2 = 3, penaltyN3 = 40, penaltyN4 = 10

        func penaltyScore() -> Int {
            var result = 0
            // Runs of five or more same-coloured modules, and finder-like patterns, in rows then columns.
            for horizontal in [true, false] {
                for line in 0..<size {
                    var runColor = false
                    var runLength = 0
                    var history = [Int](repeating: 0, count: 7)
                    for position in 0..<size {
                        let dark = horizontal ? self[position, line] : self[line, position]
                        if dark == runColor {
                            runLength += 1
                            if runLength == 5 {
                                result += Self.penaltyN1
                            } else if runLength > 5 {
                                result += 1
                            }
                        } else {
                            addHistory(runLength, to: &history)
                            if !runColor { result += finderLikePatterns(in: history) * Self.penaltyN3 }
                            runColor = dark
                            runLength = 1
                        }
                    }
                    result += terminateAndCount(runColor: runColor, runLength: runLength, history: &history) * Self.penaltyN3
                }
            }
            // 2×2 blocks of one colour.
            for y in 0..<(size - 1) {
                for x in 0..<(size - 1) {
                    let color = self[x, y]
                    if color == self[x + 1, y], color == self[x, y + 1], color == self[x + 1, y + 1] {
                        result += Self.penaltyN2
                    }
                }
            }
            // Deviation of the dark share from 50 %, in whole 5 % steps.
            let dark = modules.lazy.filter { $0 }.count
            let total = size * size
            let steps = (abs(dark * 20 - total * 10) + total - 1) / total - 1
            result += steps * Self.penaltyN4
            return result
        }

        /// Pushes a run length; the first run of a line also counts the light quiet zone before it.
        private func addHistory(_ runLength: Int, to history: inout [Int]) {
            let length = history[0] == 0 ? runLength + size : runLength
            history.removeLast()
            history.insert(length, at: 0)
        }

        /// 1:1:3:1:1 dark–light–dark–light–dark runs with four light modules before or after.
        private func finderLikePatterns(in history: [Int]) -> Int {
            let n = history[1]
            let core = n > 0 && history[2] == n && history[3] == n * 3 && history[4] == n && history[5] == n
            return (core && history[0] >= n * 4 && history[6] >= n ? 1 : 0)
                + (core && history[6] >= n * 4 && history[0] >= n ? 1 : 0)
        }

        /// Ends a line as if followed by the light quiet zone.
        private func terminateAndCount(runColor: Bool, runLength: Int, history: inout [Int]) -> Int {
            var length = runLength
            if runColor {
                addHistory(length, to: &history)
                length = 0
            }
            length += size
            addHistory(length, to: &history)
            return finderLikePatterns(in: history)
        }
    }
}

// MARK: - Bits

/// Bits appended most significant first.
private struct BitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    mutating func append(_ value: Int, count bitCount: Int) {
        guard bitCount > 0 else { return }
        for shift in stride(from: bitCount - 1, through: 0, by: -1) {
            if count % 8 == 0 { bytes.append(0) }
            if (value >> shift) & 1 != 0 { bytes[count / 8] |= 0x80 >> UInt8(count % 8) }
            count += 1
        }
    }
}
