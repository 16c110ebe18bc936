import Foundation
import IAMCore

extension JSONValue {
    /// `.string(value)` or `nil`, for optional request parameters.
    static func optional(_ value: String?) -> JSONValue? { value.map { .string($0) } }
}

extension Date {
    /// ISO 8601 in UTC, as AWS's responses carry timestamps: `2026-11-29T11:50:07Z`.
    var iso8601: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: self)
    }
}
