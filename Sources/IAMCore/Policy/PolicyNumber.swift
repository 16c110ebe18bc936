import Foundation

/// Reads the values of `Numeric…` conditions and numeric context keys: integers and decimals, such
/// as `10`, `-2.5` or `1e3`, compared numerically (so `9` < `10`).
enum PolicyNumber {
    /// The value, or `nil` when the text is not a finite number.
    static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }
}
