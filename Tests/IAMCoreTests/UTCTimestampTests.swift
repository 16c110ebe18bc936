import Foundation
import IAMCore
import Testing

@Suite struct UTCTimestampTests {
    @Test(arguments: [
        (1_764_417_007.1239, true, "2025-11-29T11:50:07.123Z"),
        (1_764_417_007.9999, false, "2025-11-29T11:50:07Z"),
        (0, true, "1970-01-01T00:00:00.000Z"),
        (-0.5, true, "1969-12-31T23:59:59.500Z"),
        (951_782_400, false, "2000-02-29T00:00:00Z"),
    ])
    func writesISO8601InUTC(seconds: Double, milliseconds: Bool, expected: String) {
        #expect(UTCTimestamp.string(Date(timeIntervalSince1970: seconds), milliseconds: milliseconds, zone: "Z") == expected)
    }

    /// Whole seconds only: Foundation rounds fractions to the nearest second, this truncates.
    @Test func matchesFoundationsFormatterOverManyInstants() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var seconds = -2_000_000_000.0
        while seconds < 4_000_000_000 {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(UTCTimestamp.string(date, milliseconds: false, zone: "Z") == formatter.string(from: date))
            seconds += 86_399 * 97 + 13
        }
    }

    @Test func writesTheZoneGiven() {
        #expect(UTCTimestamp.string(Date(timeIntervalSince1970: 0), milliseconds: false, zone: "+00:00") == "1970-01-01T00:00:00+00:00")
    }
}
