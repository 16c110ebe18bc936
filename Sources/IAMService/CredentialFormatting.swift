import Foundation
import IAMCore

extension JSONValue {
    /// `.string(value)` or `nil`, for optional request parameters.
    static func optional(_ value: String?) -> JSONValue? { value.map { .string($0) } }
}
