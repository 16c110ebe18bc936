import Foundation

/// ISO 8601 text of an instant in UTC, written digit by digit.
///
/// Every stored row, audit event and response carries timestamps; Foundation's `String(format:)`
/// and date formatters cost tens of thousands of instructions a call on Linux, this a few hundred.
public enum UTCTimestamp {
    /// `2026-11-29T11:50:07` followed by `.123` when `milliseconds` is set, then `zone`
    /// (`Z` or `+00:00`). Instants are truncated, never rounded up, to the unit shown.
    public static func string(_ date: Date, milliseconds: Bool, zone: StaticString) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(totalMilliseconds >= 0 ? totalMilliseconds / 1000 : (totalMilliseconds - 999) / 1000)
        let millis = Int(totalMilliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(29)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2)
        bytes.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2)
        bytes.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2)
        bytes.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        if milliseconds {
            bytes.append(UInt8(ascii: "."))
            digits(millis, 3)
        }
        zone.withUTF8Buffer { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
