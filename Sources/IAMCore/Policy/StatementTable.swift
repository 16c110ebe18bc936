/// A policy's statements as a decision first sees them: plain flags, and the action and resource
/// patterns stored flat (group `2 i` holds statement `i`'s actions, group `2 i + 1` its resources
/// without policy variables).
final class StatementTable: @unchecked Sendable {
    // @unchecked Sendable: `flags` is allocated and written only in `init`, never mutated afterwards,
    // and freed in `deinit`; every other access is a read, so sharing across threads is safe.

    /// One per statement.
    let flags: UnsafeMutableBufferPointer<CompiledStatement.Flags>
    let patterns: PatternSet

    init(_ statements: [CompiledStatement]) {
        flags = .allocate(capacity: statements.count)
        _ = flags.initialize(from: statements.map(\.flags))
        patterns = PatternSet(groups: statements.flatMap { [$0.actionPatterns, $0.fixedResourcePatterns] })
    }

    deinit {
        flags.deallocate()
    }

    /// The table as plain pointers; valid while this table is alive.
    var view: View { View(flags: UnsafeBufferPointer(flags), patterns: patterns.view) }

    /// A statement table's buffers, borrowed: a trivial value, so reading it costs no retain.
    ///
    /// `@unchecked Sendable`: it only reads buffers that are never written after `init`; whoever holds
    /// one must keep the table alive (``CompiledPolicy`` stores both in the same object).
    struct View: @unchecked Sendable {
        let flags: UnsafeBufferPointer<CompiledStatement.Flags>
        let patterns: PatternSet.View
    }
}
