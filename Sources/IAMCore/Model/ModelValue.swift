import Foundation

/// A request parameter value, shaped like the service model, for ``IAMModel/validate(operation:input:echo:)``.
///
/// Structures are keyed by the model's member names (`"UserName"`, `"Tags"`, `"Key"`), not by the
/// lower-camel names AWS prints in its messages. A list holds its elements in request order.
///
/// ```swift
/// let input: ModelValue = .structure([
///     "UserName": .string("bob"),
///     "Tags": .list([.structure(["Key": .string("team"), "Value": .string("core")])]),
/// ])
/// ```
public indirect enum ModelValue: Sendable, Hashable {
    /// A value for a `string` shape.
    case string(String)
    /// A value for an `integer` or `long` shape.
    case integer(Int)
    /// A value for a `boolean` shape.
    case boolean(Bool)
    /// A value for a `list` shape: its elements in order.
    case list([ModelValue])
    /// A value for a `structure` shape, keyed by member name; absent members are simply left out.
    case structure([String: ModelValue])
    /// A value for a `timestamp` shape.
    case timestamp(Date)
    /// A value for a `blob` shape.
    case blob(Data)
}
