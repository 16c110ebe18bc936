import IAMCore
import IAMService

/// AWS's `AccessDenied` for a request the policy engine refused, worded as IAM words it:
///
/// ```
/// User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:CreateUser on resource:
/// arn:aws:iam::123456789012:user/alice because no identity-based policy allows the iam:CreateUser action
/// ```
enum AccessDeniedMessage {
    static func error(principal: Principal, target: AuthorizationTarget, result: EvaluationResult) -> IAMError {
        IAMError(
            .accessDenied,
            "User: \(principal.arn) is not authorized to perform: \(target.action) on resource: \(target.resource) "
                + reason(action: target.action, result: result))
    }

    static func reason(action: String, result: EvaluationResult) -> String {
        switch result.decision {
        case .explicitDeny:
            let inBoundary = result.matchedStatements.contains { $0.source.kind == .permissionsBoundary }
            return inBoundary
                ? "with an explicit deny in a permissions boundary"
                : "with an explicit deny in an identity-based policy"
        case .implicitDeny, .allowed:
            if result.permissionsBoundaryDecision?.allowedByPermissionsBoundary == false {
                return "because no permissions boundary allows the \(action) action"
            }
            return "because no identity-based policy allows the \(action) action"
        }
    }
}
