import Foundation
import IAMCore

extension JSONValue {
    /// `.string(value)` or `nil`, for optional request parameters.
    static func optional(_ value: String?) -> JSONValue? { value.map { .string($0) } }
}

extension Date {
    /// ISO 8601 in UTC with an explicit offset, `2026-11-29T11:50:07+00:00`: how the aws CLI
    /// prints response timestamps and how credential reports carry them.
    var iso8601: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: self).replacingOccurrences(of: "Z", with: "+00:00")
    }
}
