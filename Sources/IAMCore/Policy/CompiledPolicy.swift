/// A policy document compiled for evaluation, with the label decisions report it under.
///
/// Compile once when a policy is stored or loaded, then evaluate any number of requests: patterns,
/// numbers, dates and CIDR blocks are parsed here, so a decision does no parsing of the policy.
/// Copies share one immutable compiled form.
public struct CompiledPolicy: Sendable {
    /// The compiled form, behind one reference so that iterating policies costs one retain each.
    final class Storage: Sendable {
        let source: PolicySource
        let document: PolicyDocument
        let statements: [CompiledStatement]
        /// The statements' flags and patterns, stored flat for the evaluator's first pass.
        let table: StatementTable
        /// `table`'s buffers as plain pointers, valid as long as this storage (which owns `table`).
        let tableView: StatementTable.View

        init(document: PolicyDocument, source: PolicySource) {
            self.document = document
            self.source = source
            statements = document.statements.map {
                CompiledStatement($0, recognizesVariables: document.recognizesPolicyVariables)
            }
            table = StatementTable(statements)
            tableView = table.view
        }
    }

    let storage: Storage

    /// Where the policy comes from.
    public var source: PolicySource { storage.source }
    /// The document compiled.
    public var document: PolicyDocument { storage.document }

    /// Compiles a validated document.
    public init(document: PolicyDocument, source: PolicySource) {
        storage = Storage(document: document, source: source)
    }

    /// Parses, validates and compiles a policy text.
    ///
    /// - Throws: `IAMError` with code `MalformedPolicyDocument`, as ``PolicyDocument/init(text:requiresCurrentVersion:)``.
    public init(text: String, source: PolicySource, requiresCurrentVersion: Bool = false) throws {
        self.init(document: try PolicyDocument(text: text, requiresCurrentVersion: requiresCurrentVersion), source: source)
    }
}
