import Foundation

// MARK: - How AWS words a ValidationError, and where that comes from
//
// AWS's front end checks every request against the service model before the service sees it, and
// answers one `ValidationError` listing every broken constraint:
//
//     1 validation error detected: Value 'x…x' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64
//     2 validation errors detected: <violation>; <violation>
//
// Each part below was checked against messages real AWS returned, as quoted in public issues:
//
// - Header, "; " separator, "Value '…' at '…' failed to satisfy constraint: …" and the length
//   wordings: IAM CreateRole, legion-platform/legion#530 (the full IAM XML error, 2018) and
//   serverless/examples#405 ("at 'roleName' … less than or equal to 64", 2019); "greater than or
//   equal to 20" and two errors on one member, pattern first: newscorpaus/consigliere#18 (STS, 2016).
// - Member names: the model's member name with its first letter lower-cased, nested members joined
//   with ".", list elements as "<list>.<1-based index>.member": "tags.6.member.value" from IAM
//   CreateUser, SWO-GS/auto-tag#90 (2021); "advancedSecurityOptions.sAMLOptions.masterUserName"
//   (only the first letter is lowered), ministryofjustice/cloud-platform-infrastructure#4097 (2025).
// - "Member must satisfy regular expression pattern: <the model's pattern, verbatim>":
//   auto-tag#90 above ("[\p{L}\p{Z}\p{N}_.:/=+\-@]*"); a list value is printed the Java way,
//   "[a, b, c]": remind101/ssm-env#10 (SSM, 2017).
// - Numbers are quoted like strings: "Value '0' at 'maxResults' failed to satisfy constraint: Member
//   must have value greater than or equal to 1", aws/aws-cli#5843 (Cognito, 2020); "Value '100000'
//   at 'maxItems' … Member must have value less than or equal to 1000" for IAM ListPolicies, quoted
//   in a code comment of a project calling it through aws-sdk-js.
// - "Member must satisfy enum value set: [Active, Inactive]" is what every emulator of IAM's
//   UpdateAccessKey prints; the list is the model's enum in model order (today Active, Inactive,
//   Expired).
// - Missing required member: "Value null at 'sub' failed to satisfy constraint: Member must not be
//   null", amazon-archives/amazon-cognito-auth-js#65 (2018).
// - Sensitive members (model shapes with "sensitive": true, such as IAM's passwordType) are never
//   echoed: the value and its quotes are left out, "Value at 'username' failed to satisfy
//   constraint: …", ks888/LambStatus#6 (Cognito, 2017: two errors on 'username', length then
//   pattern) and massif-press/compcon#1951 (Cognito, 2022); a missing sensitive member reads
//   "Value at 'password' failed to satisfy constraint: Member must not be null" (quoted in
//   amplify-js's Cognito sign-up error handling).
//
// Newer AWS leaves every value out. From about 2024 real IAM answers "1 validation error detected:
// Value at 'roleName' failed to satisfy constraint: Member must have length less than or equal to
// 64" (aws/eks-hybrid#113, 2024) and "Value at 'tags.4.member.value' failed to satisfy constraint:
// …" (juspay/hyperswitch-suite#323, 2026), and other services do the same for numbers ("Value at
// 'maxResults'", cloud-custodian/cloud-custodian#9944, Lex, 2025). `ValueEcho.never` produces
// that form; `ValueEcho.nonSensitive`, the default, the older one above.
//
// Not reproduced, because no source shows it: the order AWS lists violations in (it follows no
// visible rule; here it is model order, depth first, and per member: length, pattern, enum), how
// AWS prints a structure inside a list (Java prints an object identity such as
// "com.amazonaws…Tag@1a2b3c"; here "{Key=k, Value=v}"), and how it prints timestamps and blobs.

extension IAMModel {
    /// Whether a validation message shows the offending value.
    public enum ValueEcho: Sendable, Hashable {
        /// Show every value except those of sensitive shapes: `Value 'bob!' at 'userName'`, but
        /// `Value at 'password'`, and `Value null at 'userName'` for a missing member. The form IAM
        /// used for years, and the one most published examples show.
        case nonSensitive
        /// Show no value at all: `Value at 'userName'`, for missing members too. The form real IAM
        /// answers with since about 2024.
        case never
    }

    /// Checks an operation's input against the constraints of the IAM or STS model, the way AWS
    /// does before the service runs.
    ///
    /// Every member is checked, depth first in model order: required members are present; strings
    /// and blobs, lists and numbers are within their length or value bounds; strings match the
    /// model's pattern in full and belong to its enum. All violations are collected and reported in
    /// one error, worded as AWS words it:
    ///
    /// ```
    /// 2 validation errors detected: Value 'bob!' at 'userName' failed to satisfy constraint: Member must
    /// satisfy regular expression pattern: [\w+=,.@-]+; Value '0' at 'maxItems' failed to satisfy
    /// constraint: Member must have value greater than or equal to 1
    /// ```
    ///
    /// Members the model does not know are ignored, as the Query protocol ignores unknown
    /// parameters. A value of the wrong kind for its shape (a `.string` where the model has an
    /// integer) is reported as a violation, "Member must be of type integer"; that wording is
    /// IAMStore's, since a Query request cannot send one.
    ///
    /// - Parameters:
    ///   - operation: The operation's name, such as `CreateUser`.
    ///   - input: The parameters, as a `.structure` keyed by the model's member names.
    ///   - echo: Whether messages show the offending values.
    /// - Throws: `IAMError` with code `ValidationError` listing every violation;
    ///   `InvalidAction` ("Could not find operation X for version 2010-05-08") for an unknown
    ///   operation; `ServiceFailure` if `input` is not a `.structure`, which is a caller bug.
    public static func validate(
        operation: String,
        input: ModelValue,
        echo: ValueEcho = .nonSensitive
    ) throws(IAMError) {
        guard let model = self.operation(named: operation) else {
            throw IAMError(
                IAMError.Code(rawValue: "InvalidAction"),
                "Could not find operation \(operation) for version \(ModelService.iam.apiVersion)"
            )
        }
        guard case .structure = input else {
            throw IAMError(
                .serviceFailure,
                "The request processing has failed because of an unknown error, exception or failure."
            )
        }
        guard let inputShape = model.input else { return }

        var validator = Validator(service: model.service, echo: echo)
        validator.check(input, shapeNamed: inputShape, path: "", isRequired: true)
        if let error = validator.error() { throw error }
    }

    /// Checks an operation's parameters, keyed by the model's member names; see
    /// ``validate(operation:input:echo:)``.
    ///
    /// ```swift
    /// try IAMModel.validate(operation: "CreateUser", ["UserName": .string("bob")])
    /// ```
    ///
    /// - Throws: `IAMError` with code `ValidationError` listing every violation, or `InvalidAction`
    ///   for an unknown operation.
    public static func validate(
        operation: String,
        _ members: [String: ModelValue],
        echo: ValueEcho = .nonSensitive
    ) throws(IAMError) {
        try validate(operation: operation, input: .structure(members), echo: echo)
    }
}

// MARK: - The walk

/// One broken constraint.
private struct Violation {
    enum Shown {
        case value(String)
        case null
        case nothing
    }

    var path: String
    var shown: Shown
    var constraint: String

    var text: String {
        switch shown {
        case .value(let value): "Value '\(value)' at '\(path)' failed to satisfy constraint: \(constraint)"
        case .null: "Value null at '\(path)' failed to satisfy constraint: \(constraint)"
        case .nothing: "Value at '\(path)' failed to satisfy constraint: \(constraint)"
        }
    }
}

/// Walks a value alongside its shape, collecting violations in model order.
private struct Validator {
    let service: ModelService
    let echo: IAMModel.ValueEcho
    private(set) var violations: [Violation] = []

    init(service: ModelService, echo: IAMModel.ValueEcho) {
        self.service = service
        self.echo = echo
    }

    func error() -> IAMError? {
        guard !violations.isEmpty else { return nil }
        let count = violations.count
        let header = count == 1 ? "1 validation error detected: " : "\(count) validation errors detected: "
        return IAMError(.validationError, header + violations.map(\.text).joined(separator: "; "))
    }

    /// `path` is built only for a violation: most requests have none, and each member's path
    /// would otherwise cost a string or two.
    mutating func check(_ value: ModelValue?, shapeNamed name: String, path: @autoclosure () -> String, isRequired: Bool) {
        // The generator only emits shapes every reference resolves to, so a miss is a table bug.
        guard let shape = IAMModel.shape(named: name, in: service) else {
            preconditionFailure("IAMModel: shape \(name) is missing from the \(service) tables")
        }
        guard let value else {
            if isRequired {
                let shown: Violation.Shown = echo == .never || isSensitive(shape) ? .nothing : .null
                violations.append(Violation(path: path(), shown: shown, constraint: "Member must not be null"))
            }
            return
        }

        func report(_ constraint: String) {
            violations.append(Violation(path: path(), shown: shown(value, shape), constraint: constraint))
        }

        switch (shape.kind, value) {
        case (.string, .string(let string)):
            // Smithy counts a string's length in Unicode scalars, not UTF-16 units.
            checkLength(string.unicodeScalars.count, shape, report)
            if let pattern = shape.pattern, !PatternCache.shared.matches(string, javaPattern: pattern) {
                report("Member must satisfy regular expression pattern: \(pattern)")
            }
            if !shape.enumValues.isEmpty, !shape.enumValues.contains(string) {
                report("Member must satisfy enum value set: [\(shape.enumValues.joined(separator: ", "))]")
            }
        case (.integer, .integer(let number)), (.long, .integer(let number)):
            if let min = shape.min, number < min { report("Member must have value greater than or equal to \(min)") }
            if let max = shape.max, number > max { report("Member must have value less than or equal to \(max)") }
        case (.blob, .blob(let data)):
            checkLength(data.count, shape, report)
        case (.boolean, .boolean), (.timestamp, .timestamp):
            break
        case (.list, .list(let elements)):
            checkLength(elements.count, shape, report)
            guard let member = shape.member else { return }
            for (index, element) in elements.enumerated() {
                check(element, shapeNamed: member, path: "\(path()).\(index + 1).member", isRequired: false)
            }
        case (.structure, .structure(let fields)):
            for member in shape.members {
                check(fields[member.name], shapeNamed: member.shape, path: Self.memberPath(path(), member.name), isRequired: member.isRequired)
            }
        default:
            report("Member must be of type \(shape.kind.rawValue)")
        }
    }

    private func checkLength(_ length: Int, _ shape: ModelShape, _ report: (String) -> Void) {
        if let min = shape.min, length < min { report("Member must have length greater than or equal to \(min)") }
        if let max = shape.max, length > max { report("Member must have length less than or equal to \(max)") }
    }

    private static func memberPath(_ parent: String, _ member: String) -> String {
        parent.isEmpty ? wireName(member) : "\(parent).\(wireName(member))"
    }

    /// AWS's name for a member in messages: the model's name with its first character lower-cased.
    static func wireName(_ member: String) -> String {
        guard let first = member.first else { return member }
        return first.lowercased() + member.dropFirst()
    }

    // MARK: Showing values

    private func shown(_ value: ModelValue, _ shape: ModelShape) -> Violation.Shown {
        guard echo == .nonSensitive, !isSensitive(shape) else { return .nothing }
        return .value(render(value, shape))
    }

    /// Whether a shape is sensitive or holds a sensitive shape anywhere inside it.
    private func isSensitive(_ shape: ModelShape) -> Bool {
        var visited: Set<String> = []
        func walk(_ shape: ModelShape) -> Bool {
            guard visited.insert(shape.name).inserted else { return false }
            if shape.isSensitive { return true }
            let inner = [shape.member, shape.key, shape.value].compactMap { $0 } + shape.members.map(\.shape)
            return inner.contains { name in IAMModel.shape(named: name, in: service).map(walk) ?? false }
        }
        return walk(shape)
    }

    /// The value as it appears between the quotes: lists as Java prints them, `[a, b]`.
    private func render(_ value: ModelValue, _ shape: ModelShape?) -> String {
        switch value {
        case .string(let string): return string
        case .integer(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .timestamp(let date): return date.formatted(.iso8601)
        case .blob(let data): return data.base64EncodedString()
        case .list(let elements):
            let member = shape?.member.flatMap { IAMModel.shape(named: $0, in: service) }
            return "[" + elements.map { render($0, member) }.joined(separator: ", ") + "]"
        case .structure(let fields):
            // Model order where the shape is known, so the text is stable; name order otherwise.
            let order = shape?.members.map { ($0.name, IAMModel.shape(named: $0.shape, in: service)) }
                ?? fields.keys.sorted().map { ($0, nil) }
            let parts = order.compactMap { name, memberShape in
                fields[name].map { "\(name)=\(render($0, memberShape))" }
            }
            return "{" + parts.joined(separator: ", ") + "}"
        }
    }
}
