/// The one error type IAMStore throws: an AWS IAM error code with AWS's message.
///
/// Codes are AWS's own strings, so an error raised deep in the store reaches the CLI and the wire
/// unchanged. ``Code`` is an open set: embedders `switch` on the static constants, and new codes can
/// be added without breaking them.
public struct IAMError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An AWS IAM error code such as `NoSuchEntity`.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let noSuchEntity = Code(rawValue: "NoSuchEntity")
        public static let entityAlreadyExists = Code(rawValue: "EntityAlreadyExists")
        public static let limitExceeded = Code(rawValue: "LimitExceeded")
        public static let deleteConflict = Code(rawValue: "DeleteConflict")
        public static let malformedPolicyDocument = Code(rawValue: "MalformedPolicyDocument")
        public static let invalidInput = Code(rawValue: "InvalidInput")
        public static let validationError = Code(rawValue: "ValidationError")
        public static let passwordPolicyViolation = Code(rawValue: "PasswordPolicyViolation")
        public static let entityTemporarilyUnmodifiable = Code(rawValue: "EntityTemporarilyUnmodifiable")
        public static let concurrentModification = Code(rawValue: "ConcurrentModification")
        public static let policyNotAttachable = Code(rawValue: "PolicyNotAttachable")
        public static let invalidUserType = Code(rawValue: "InvalidUserType")
        public static let invalidAuthenticationCode = Code(rawValue: "InvalidAuthenticationCode")
        public static let reportNotPresent = Code(rawValue: "ReportNotPresent")
        public static let reportExpired = Code(rawValue: "ReportExpired")
        public static let reportInProgress = Code(rawValue: "ReportInProgress")
        public static let policyEvaluation = Code(rawValue: "PolicyEvaluation")
        public static let serviceFailure = Code(rawValue: "ServiceFailure")
        public static let accessDenied = Code(rawValue: "AccessDenied")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

// MARK: - AWS's messages

extension IAMError {
    /// "The user with name X cannot be found."
    public static func noSuchUser(named name: String) -> IAMError {
        IAMError(.noSuchEntity, "The user with name \(name) cannot be found.")
    }

    /// "The group with name X cannot be found."
    public static func noSuchGroup(named name: String) -> IAMError {
        IAMError(.noSuchEntity, "The group with name \(name) cannot be found.")
    }

    /// "User with name X already exists."
    public static func userAlreadyExists(named name: String) -> IAMError {
        IAMError(.entityAlreadyExists, "User with name \(name) already exists.")
    }

    /// "Group with name X already exists."
    public static func groupAlreadyExists(named name: String) -> IAMError {
        IAMError(.entityAlreadyExists, "Group with name \(name) already exists.")
    }

    /// "Cannot exceed quota for QUOTA: N", the wording AWS uses for every hard quota.
    public static func quotaExceeded(_ quota: String, _ limit: Int) -> IAMError {
        IAMError(.limitExceeded, "Cannot exceed quota for \(quota): \(limit)")
    }

    /// "Cannot delete entity, must WHAT first."
    public static func deleteConflict(mustFirst what: String) -> IAMError {
        IAMError(.deleteConflict, "Cannot delete entity, must \(what) first.")
    }

    /// AWS's `ValidationError` for one parameter that breaks its shape constraint.
    public static func validation(value: String, member: String, constraint: String) -> IAMError {
        IAMError(
            .validationError,
            "1 validation error detected: Value '\(value)' at '\(member)' failed to satisfy constraint: \(constraint)"
        )
    }
}
