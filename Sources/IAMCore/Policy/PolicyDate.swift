/// Parses the date values of `Date…` conditions and of date context keys into seconds since 1970.
///
/// Two forms, as AWS's legacy parser accepts them (the rules moto and LocalStack reverse-engineered in
/// `_legacy_parse_date_condition_value`, checked against IAM's answers):
/// - a value containing `t`/`T` or `-` is a W3C ISO 8601 date: `[-]YYYY[-MM[-DD]][Thh[:mm[:ss[.f…]]]]`
///   with an optional zone after the seconds (`Z`, `+hh`, `+hh:mm`, `-hh:mm`); years from -292275054 to
///   292278993, fractions of at most nine digits, zone hours of exactly two digits;
/// - anything else is epoch seconds, an integer from 0 to `Int64.max` (so `2020` is 33 minutes after
///   1970, not the year 2020).
///
/// A value it cannot read makes CreatePolicy fail with "The policy failed legacy parsing".
/// Zone offsets with a minus sign are accepted (W3C allows them), where moto's copy would not.
enum PolicyDate {
    /// The instant as seconds since 1970-01-01T00:00:00Z, or `nil` if the text is not a valid date.
    static func secondsSince1970(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        let isISO = bytes.contains { $0 == UInt8(ascii: "t") || $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "-") }
        if !isISO {
            guard bytes.allSatisfy(isDigit), let seconds = Int64(text) else { return nil }
            return Double(seconds)
        }
        return parseISO(bytes)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Reads an unsigned decimal of 1…`maxDigits` digits.
    private static func number(_ bytes: ArraySlice<UInt8>, maxDigits: Int = 18) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= maxDigits, bytes.allSatisfy(isDigit) else { return nil }
        return bytes.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) }
    }

    private static func parseISO(_ bytes: [UInt8]) -> Double? {
        let separator = bytes.firstIndex { $0 == UInt8(ascii: "t") || $0 == UInt8(ascii: "T") }
        let datePart = bytes[..<(separator ?? bytes.endIndex)]
        let timePart = separator.map { bytes[($0 + 1)...] } ?? []

        var dateBody = datePart
        let negativeYear = dateBody.first == UInt8(ascii: "-")
        if negativeYear { dateBody = dateBody.dropFirst() }
        let dateFields = dateBody.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard (1...3).contains(dateFields.count), var year = number(dateFields[0]) else { return nil }
        if negativeYear { year = -year }
        guard (-292_275_054...292_278_993).contains(year) else { return nil }
        var month: Int64 = 1
        var day: Int64 = 1
        if dateFields.count > 1 {
            guard let value = number(dateFields[1]), (1...12).contains(value) else { return nil }
            month = value
        }
        if dateFields.count > 2 {
            guard let value = number(dateFields[2]), (1...31).contains(value) else { return nil }
            day = value
        }

        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        guard !timePart.isEmpty else { return seconds }

        // hh[:mm[:ss[.fraction][zone]]]; the zone may only follow the seconds.
        var fields = timePart.split(separator: UInt8(ascii: ":"), maxSplits: 2, omittingEmptySubsequences: false)
        guard let hours = number(fields[0]), hours <= 23 else { return nil }
        seconds += Double(hours) * 3600
        guard fields.count > 1 else { return seconds }
        guard let minutes = number(fields[1]), minutes <= 59 else { return nil }
        seconds += Double(minutes) * 60
        guard fields.count > 2 else { return seconds }

        let rest = fields.removeLast()
        let zoneStart = rest.firstIndex { [UInt8(ascii: "z"), UInt8(ascii: "Z"), UInt8(ascii: "+"), UInt8(ascii: "-")].contains($0) }
        let secondsText = rest[..<(zoneStart ?? rest.endIndex)]
        let dot = secondsText.firstIndex(of: UInt8(ascii: "."))
        guard let wholeSeconds = number(secondsText[..<(dot ?? secondsText.endIndex)]), wholeSeconds <= 59 else { return nil }
        seconds += Double(wholeSeconds)
        if let dot {
            let fraction = secondsText[(dot + 1)...]
            guard let value = number(fraction, maxDigits: 9) else { return nil }
            seconds += Double(value) / pow10(fraction.count)
        }
        if let zoneStart {
            let zone = rest[zoneStart...]
            switch zone.first {
            case UInt8(ascii: "z"), UInt8(ascii: "Z"):
                guard zone.count == 1 else { return nil }
            default:
                let sign: Double = zone.first == UInt8(ascii: "-") ? -1 : 1
                let offset = zone.dropFirst()
                let parts = offset.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
                guard (1...2).contains(parts.count), parts[0].count == 2,
                    let zoneHours = number(parts[0]), zoneHours <= 23
                else { return nil }
                var zoneMinutes: Int64 = 0
                if parts.count == 2 {
                    guard parts[1].count == 2, let value = number(parts[1]), value <= 59 else { return nil }
                    zoneMinutes = value
                }
                // 10:00+02:00 is 08:00Z.
                seconds -= sign * Double(zoneHours * 3600 + zoneMinutes * 60)
            }
        }
        return seconds
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
