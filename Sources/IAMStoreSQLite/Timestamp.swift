import Foundation

/// How the store writes instants: ISO 8601 in UTC with milliseconds (`2026-11-29T11:50:07.123Z`).
///
/// The text sorts like the instant, reads well in the sqlite3 shell, and SQLite's date functions
/// understand it, so auditors can write `eventTime >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-7 days')`.
enum Timestamp {
    static func string(from date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        var seconds = time_t(Int64((milliseconds / 1000).rounded(.down)))
        let millis = Int(milliseconds - Double(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // Built by hand: String(format:) is slow, and every row written carries timestamps.
        return padded(Int(parts.tm_year) + 1900, 4) + "-" + padded(Int(parts.tm_mon) + 1, 2) + "-"
            + padded(Int(parts.tm_mday), 2) + "T" + padded(Int(parts.tm_hour), 2) + ":" + padded(Int(parts.tm_min), 2)
            + ":" + padded(Int(parts.tm_sec), 2) + "." + padded(millis, 3) + "Z"
    }

    /// `value` in decimal, zero-padded on the left to `width` digits.
    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    static func date(from text: String) -> Date? {
        // YYYY-MM-DDTHH:MM:SS(.sss)Z
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var fraction = 0.0
        if bytes.count > 21, bytes[19] == UInt8(ascii: "."), let digits = number(20..<(bytes.count - 1)) {
            fraction = Double(digits) / pow(10, Double(bytes.count - 21))
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        return Date(timeIntervalSince1970: Double(timegm(&parts)) + fraction)
    }
}

extension Optional where Wrapped == Date {
    var timestamp: String? { map(Timestamp.string(from:)) }
}

extension Optional where Wrapped == String {
    var date: Date? { flatMap(Timestamp.date(from:)) }
}

extension String {
    /// The instant of a stored timestamp; the store only writes valid ones.
    var storedDate: Date { Timestamp.date(from: self) ?? Date(timeIntervalSince1970: 0) }
}
