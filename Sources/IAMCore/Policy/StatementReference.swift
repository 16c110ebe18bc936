/// A statement of a compiled policy, recorded during a decision and turned into an
/// ``EvaluationResult/MatchedStatement`` only when the caller asks for it.
struct StatementReference: Sendable {
    let policy: CompiledPolicy.Storage
    let index: Int

    var matchedStatement: EvaluationResult.MatchedStatement {
        let statement = policy.statements[index].statement
        return EvaluationResult.MatchedStatement(
            source: policy.source,
            sid: statement.sid,
            index: statement.index,
            effect: statement.effect,
            startPosition: statement.startPosition,
            endPosition: statement.endPosition
        )
    }
}
