import Foundation
import IAMCore
import IAMService

/// The global condition keys IAM supplies with a request made with access keys; the caller's
/// own keys (`aws:username`, `aws:userid`, `aws:PrincipalArn`, `aws:PrincipalTag/…`) are added by
/// ``IAMService/authorize(principal:action:resource:context:)``.
enum RequestContextBuilder {
    static func context(
        caller: AuthenticatedCaller, sourceIP: String?, userAgent: String?, secureTransport: Bool, now: Date
    ) -> RequestContext {
        var context = RequestContext()
        if let sourceIP { context["aws:SourceIp"] = .single(sourceIP, type: .ip) }
        if let userAgent { context["aws:UserAgent"] = .single(userAgent) }
        context["aws:SecureTransport"] = .single(secureTransport ? "true" : "false", type: .boolean)
        // Long-term access keys carry no MFA context; AWS's policy examples treat that as false.
        context["aws:MultiFactorAuthPresent"] = .single("false", type: .boolean)
        if let scope = caller.scope { context["aws:RequestedRegion"] = .single(scope.region) }
        context["aws:CurrentTime"] = .single(now.awsTimestamp.replacingOccurrences(of: "+00:00", with: "Z"), type: .date)
        context["aws:EpochTime"] = .single(String(Int(now.timeIntervalSince1970)), type: .numeric)
        return context
    }
}
