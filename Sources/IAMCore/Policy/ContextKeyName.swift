/// A context key as a policy spells it, with its folded form: what a decision reports in
/// `MissingContextValues`. Shared by reference so that recording a missing key copies one pointer.
final class ContextKeyName: Sendable {
    /// The key as written in the policy.
    let spelling: String
    /// The key folded for lookups and comparisons.
    let key: ContextKey

    init(_ spelling: String) {
        self.spelling = spelling
        key = ContextKey(spelling)
    }
}
