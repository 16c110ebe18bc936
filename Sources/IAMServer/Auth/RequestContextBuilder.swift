import Foundation
import IAMCore
import IAMService

/// The global condition keys IAM supplies with a request made with access keys; the caller's
/// own keys (`aws:username`, `aws:userid`, `aws:PrincipalArn`, `aws:PrincipalTag/…`) and the time
/// (`aws:CurrentTime`, `aws:EpochTime`) are added by
/// ``IAMService/authorize(principal:action:resource:context:)``.
enum RequestContextBuilder {
    static func context(
        caller: AuthenticatedCaller, sourceIP: String?, userAgent: String?, secureTransport: Bool
    ) -> RequestContext {
        var context = RequestContext()
        if let sourceIP { context["aws:SourceIp"] = .single(sourceIP, type: .ip) }
        if let userAgent { context["aws:UserAgent"] = .single(userAgent) }
        context["aws:SecureTransport"] = .single(secureTransport ? "true" : "false", type: .boolean)
        // Long-term access keys carry no MFA context; AWS's policy examples treat that as false.
        context["aws:MultiFactorAuthPresent"] = .single("false", type: .boolean)
        if let scope = caller.scope { context["aws:RequestedRegion"] = .single(scope.region) }
        return context
    }
}
