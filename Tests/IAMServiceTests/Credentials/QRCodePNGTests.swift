import Foundation
@testable import IAMService
import Testing

/// Decodes the PNG independently of the encoder: its own bitwise CRC-32 and Adler-32, its own
/// stored-block inflater, then compares every pixel with the modules.
@Suite struct QRCodePNGTests {
    struct Chunk {
        var type: String
        var data: [UInt8]
    }

    /// Bit-by-bit CRC-32 (no table), to check the encoder's table-driven one.
    static func referenceCRC32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }

    static func referenceAdler32(_ bytes: [UInt8]) -> UInt32 {
        var a = 1, b = 0
        for byte in bytes {
            a = (a + Int(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return UInt32(b << 16 | a)
    }

    static func uint32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Splits the file into chunks, requiring the signature and a correct CRC on each.
    static func chunks(of png: Data) throws -> [Chunk] {
        let bytes = Array(png)
        try #require(bytes.count > 8 && Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var result: [Chunk] = []
        var offset = 8
        while offset < bytes.count {
            try #require(offset + 12 <= bytes.count)
            let length = Int(uint32(bytes[offset..<offset + 4]))
            try #require(offset + 12 + length <= bytes.count)
            let typeAndData = Array(bytes[offset + 4..<offset + 8 + length])
            let crc = uint32(bytes[offset + 8 + length..<offset + 12 + length])
            #expect(crc == referenceCRC32(typeAndData))
            result.append(Chunk(type: String(decoding: typeAndData[0..<4], as: UTF8.self), data: Array(typeAndData[4...])))
            offset += 12 + length
        }
        return result
    }

    /// Inflates a zlib stream made only of stored blocks; returns the data and the block count.
    static func inflateStored(_ stream: [UInt8]) throws -> ([UInt8], Int) {
        try #require(stream.count >= 6)
        #expect(stream[0] == 0x78)
        #expect((Int(stream[0]) << 8 | Int(stream[1])) % 31 == 0)
        var output: [UInt8] = []
        var offset = 2
        var blocks = 0
        var isFinal = false
        while !isFinal {
            try #require(offset + 5 <= stream.count)
            let header = stream[offset]
            isFinal = header & 1 == 1
            try #require(header >> 1 & 0b11 == 0, "not a stored block")
            let length = Int(stream[offset + 1]) | Int(stream[offset + 2]) << 8
            let complement = Int(stream[offset + 3]) | Int(stream[offset + 4]) << 8
            try #require(length ^ complement == 0xFFFF)
            try #require(offset + 5 + length <= stream.count)
            output += stream[offset + 5..<offset + 5 + length]
            offset += 5 + length
            blocks += 1
        }
        try #require(offset + 4 == stream.count)
        #expect(uint32(stream[offset...]) == referenceAdler32(output))
        return (output, blocks)
    }

    @Test func checksumsMatchPublishedCheckValues() {
        #expect(PNG.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(PNG.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(PNG.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(PNG.adler32([]) == 1)
    }

    @Test(arguments: [(4, 4), (1, 0), (3, 2), (10, 4)])
    func pngDecodesToTheModulesWithBorderAtScale(_ scale: Int, _ border: Int) throws {
        let code = try QRCode(encoding: QRReference.all.first { $0.version == 7 }!.data)
        let png = code.pngData(scale: scale, border: border)
        let chunks = try Self.chunks(of: png)
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])

        let side = (code.size + 2 * border) * scale
        let header = chunks[0].data
        #expect(Self.uint32(header[0..<4]) == UInt32(side))
        #expect(Self.uint32(header[4..<8]) == UInt32(side))
        #expect(Array(header[8...]) == [1, 0, 0, 0, 0])  // 1-bit grayscale, no interlace
        #expect(chunks[2].data.isEmpty)

        let (pixels, _) = try Self.inflateStored(chunks[1].data)
        let rowBytes = (side + 7) / 8
        try #require(pixels.count == side * (rowBytes + 1))
        var mismatches = 0
        for y in 0..<side {
            let row = y * (rowBytes + 1)
            #expect(pixels[row] == 0)  // filter None
            for x in 0..<side {
                let white = pixels[row + 1 + x / 8] >> (7 - UInt8(x % 8)) & 1 == 1
                let moduleX = x / scale - border, moduleY = y / scale - border
                let inside = (0..<code.size).contains(moduleX) && (0..<code.size).contains(moduleY)
                let dark = inside && code[moduleX, moduleY]
                if white == dark { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func largeImagesSpanSeveralStoredBlocks() throws {
        let data = (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let (inflated, blocks) = try Self.inflateStored(PNG.zlibStored(data))
        #expect(blocks == 3)
        #expect(inflated == data)
        let (empty, emptyBlocks) = try Self.inflateStored(PNG.zlibStored([]))
        #expect(empty.isEmpty && emptyBlocks == 1)
    }

    @Test func nonPositiveScaleAndNegativeBorderAreClamped() throws {
        let code = try QRCode(encoding: "HELLO WORLD")
        #expect(code.pngData(scale: 0, border: -3) == code.pngData(scale: 1, border: 0))
        let header = try Self.chunks(of: code.pngData(scale: -5, border: -1))[0].data
        #expect(Self.uint32(header[0..<4]) == 21)
    }
}
