/// A JSON value as read from a policy document, keeping what `JSONSerialization` loses.
///
/// The policy grammar needs three things Foundation's parser does not give: the order of members,
/// the literal text of numbers (`10` must stay `"10"`, `1.50` must stay `"1.50"`), and the byte
/// offsets of objects, from which a statement's line and column are computed for the simulator.
enum PolicyJSON: Sendable, Hashable {
    case object(PolicyJSONObject)
    case array([PolicyJSON])
    case string(String)
    /// A number, as written in the document.
    case number(String)
    case bool(Bool)
    case null

    /// The value's text when it is a JSON scalar that a condition accepts: string, number or boolean.
    var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .object, .array, .null: nil
        }
    }
}
