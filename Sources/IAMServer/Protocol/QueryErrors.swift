import IAMCore

/// The errors the server itself raises, worded as AWS words them, beside the service's
/// ``IAMError`` factories.
enum QueryErrors {
    static func invalidAction(_ action: String, service: ModelService) -> IAMError {
        IAMError(.init(rawValue: "InvalidAction"), "Could not find operation \(action) for version \(service.apiVersion)")
    }

    static func notImplemented(_ action: String) -> IAMError {
        IAMError(.init(rawValue: "InvalidAction"), "The action \(action) is not implemented by IAMStore.")
    }

    static func missingAction() -> IAMError {
        IAMError(.init(rawValue: "MissingAction"), "Missing Action")
    }

    static func invalidVersion(_ version: String?, service: ModelService) -> IAMError {
        guard let version else {
            return IAMError(.init(rawValue: "MissingParameter"), "The request must contain the parameter Version.")
        }
        return IAMError(
            .init(rawValue: "InvalidParameterValue"),
            "Value (\(version)) for parameter Version is invalid. Use \(service.apiVersion).")
    }

    static func missingAuthenticationToken() -> IAMError {
        IAMError(.init(rawValue: "MissingAuthenticationToken"), "Request is missing Authentication Token")
    }

    static func invalidClientTokenId() -> IAMError {
        IAMError(.init(rawValue: "InvalidClientTokenId"), "The security token included in the request is invalid.")
    }

    static func requestTimeTooSkewed(_ amzDate: String, now: String) -> IAMError {
        IAMError(
            .init(rawValue: "RequestTimeTooSkewed"),
            "Signature expired: \(amzDate) is now earlier or later than \(now) (more than 15 min. of skew).")
    }

    static func requestExpired(_ expiration: String, now: String) -> IAMError {
        IAMError(.init(rawValue: "RequestExpired"), "Request has expired. Expired at \(expiration), now \(now).")
    }

    static func wrongService(_ service: String) -> IAMError {
        IAMError(
            .init(rawValue: "SignatureDoesNotMatch"),
            "Credential should be scoped to correct service: 'iam' or 'sts', not '\(service)'.")
    }

    static func serviceFailure() -> IAMError {
        IAMError(.serviceFailure, "The request processing has failed because of an unknown error, exception or failure.")
    }

    static func notFound() -> IAMError {
        IAMError(.init(rawValue: "NotFound"), "Not found.")
    }

    /// The HTTP status of an error code: the model's, then the common Query errors', else 400.
    static func status(of code: String) -> Int {
        if code == "RequestTimeTooSkewed" || code == "SignatureDoesNotMatch" { return 403 }
        if code == "NotFound" { return 404 }
        return IAMModel.errorHTTPStatus(code: code) ?? 400
    }
}
