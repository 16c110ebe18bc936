import Foundation

extension QRCode {
    /// The symbol as a 1-bit grayscale PNG, dark modules black, with a light quiet zone.
    ///
    /// The image data is a zlib stream of stored (uncompressed) deflate blocks: a QR code is at
    /// most a few kilobytes at one bit per pixel, so compression would add code, not value.
    ///
    /// - Parameters:
    ///   - scale: Pixels per module; values below 1 are treated as 1.
    ///   - border: Quiet-zone width in modules (the standard asks for 4); negative values are
    ///     treated as 0.
    public func pngData(scale: Int = 4, border: Int = 4) -> Data {
        let scale = max(scale, 1)
        let border = max(border, 0)
        let side = (size + 2 * border) * scale
        let rowBytes = (side + 7) / 8

        var raw: [UInt8] = []
        raw.reserveCapacity((rowBytes + 1) * side)
        for pixelY in 0..<side {
            raw.append(0)  // filter type None
            var row = [UInt8](repeating: 0, count: rowBytes)
            let moduleY = pixelY / scale - border
            for pixelX in 0..<side where !self[pixelX / scale - border, moduleY] {
                row[pixelX / 8] |= 0x80 >> UInt8(pixelX % 8)  // 1 is white in 1-bit grayscale
            }
            raw += row
        }
        return PNG.grayscale1Bit(width: side, height: side, scanlines: raw)
    }
}
