extension IAMModel {
    /// HTTP statuses of the errors every AWS Query API can return, which no service model declares.
    ///
    /// From the "Common Errors" page of the AWS API references (for example
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/CommonErrors.html), plus IAM's own
    /// `AccessDenied`, which IAM answers with 403 rather than the page's `AccessDeniedException` (400).
    public static let commonErrorHTTPStatus: [String: Int] = [
        "AccessDenied": 403,
        "AccessDeniedException": 400,
        "IncompleteSignature": 400,
        "InternalFailure": 500,
        "InvalidAction": 400,
        "InvalidClientTokenId": 403,
        "InvalidParameterCombination": 400,
        "InvalidParameterValue": 400,
        "InvalidQueryParameter": 400,
        "MalformedQueryString": 404,
        "MissingAction": 400,
        "MissingAuthenticationToken": 403,
        "MissingParameter": 400,
        "NotAuthorized": 400,
        "OptInRequired": 403,
        "RequestExpired": 400,
        "ServiceUnavailable": 503,
        "ThrottlingException": 400,
        "ValidationError": 400,
    ]
}
