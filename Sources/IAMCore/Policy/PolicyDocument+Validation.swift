// Validation of identity policies, in the order and with the messages IAM uses.
//
// Sources for the messages and their order. No AWS page lists them; the best record is the test
// suite moto built by submitting documents to IAM's CreatePolicy and recording the answers
// (getmoto/moto tests/test_iam/test_iam_policies.py, "invalid_policy_document_test_cases"), and the
// validator LocalStack derived from it (localstack .../services/iam/policy_validation.py), whose
// identity-policy order (syntax, version, legacy parsing, Sid uniqueness, actions present, resource
// format, action prefixes, resources present) is the one that reproduces every recorded answer.
// Where that record contradicted the brief this file was written from, the record won:
// - a missing or invalid Effect is "Syntax errors in policy." ("Missing required field Effect" and
//   "Invalid effect: X" are S3 bucket-policy and trust-policy messages); an Effect in the wrong case
//   ("allow") is "The policy failed legacy parsing";
// - an unknown Version string is "Syntax errors in policy.";
// - an unknown condition operator is "Syntax errors in policy." when its block is not empty, and is
//   accepted when it is empty (also seen through CloudFormation, aws-cloudformation/cfn-lint#3751);
// - a region in an IAM ARN is "IAM resource X cannot contain region information." (the "Resource X
//   can not contain region information." wording is S3's).
// Messages with other sources: "Policy document should not specify a principal." (reported from
// PutRolePolicy/PutUserPolicy in hashicorp/terraform#13449 and terraform-provider-aws#10419);
// "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression
// [0-9A-Za-z]*" (CloudTrail CreatePolicy errorMessage quoted in public audit notes and Terraform
// configurations).

extension PolicyDocument {
    struct Parsed {
        var version: Version?
        var id: String?
        var statements: [PolicyStatement]
    }

    static let syntaxError = IAMError(.malformedPolicyDocument, "Syntax errors in policy.")
    static let legacyParsingError = IAMError(.malformedPolicyDocument, "The policy failed legacy parsing")

    private static let topLevelElements: Set<String> = ["Version", "Id", "Statement", "Conditions"]
    // "Conditions" at the top level is tolerated by IAM according to moto's and LocalStack's
    // reproductions; it is accepted and ignored.
    private static let statementElements: Set<String> = [
        "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition", "Principal", "NotPrincipal",
    ]
    /// Partitions accepted in a resource ARN (and `*`), as in LocalStack's `PARTITION_NAMES`.
    private static let partitions: Set<String> = [
        "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc", "*",
    ]
    private static let iamResourcePrefixes = [
        "user/", "federated-user/", "role/", "group/", "instance-profile/", "mfa/", "server-certificate/",
        "policy/", "sms-mfa/", "saml-provider/", "oidc-provider/", "report/", "access-report/",
    ]

    private static func malformed(_ message: String) -> IAMError {
        IAMError(.malformedPolicyDocument, message)
    }

    /// Whether every character is one IAM accepts in a policy: U+0009, U+000A, U+000D, U+0020–U+00FF.
    static func hasOnlyAllowedCharacters(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x20...0xFF: true
            default: false
            }
        }
    }

    static func validate(_ text: String, requiresCurrentVersion: Bool) throws -> Parsed {
        guard hasOnlyAllowedCharacters(text), case .object(let root)? = PolicyJSONParser.parse(text) else {
            throw syntaxError
        }
        let statementObjects = try checkSyntax(root)

        if statementObjects.contains(where: { $0.contains("Principal") || $0.contains("NotPrincipal") }) {
            throw malformed("Policy document should not specify a principal.")
        }

        let version = root["Version"].flatMap { if case .string(let raw) = $0 { Version(rawValue: raw) } else { nil } }
        if requiresCurrentVersion && version != .current {
            throw malformed("Policy document must be version 2012-10-17 or greater.")
        }

        let resourceError = try checkLegacyParsing(statementObjects)
        try checkStatementIDs(statementObjects)

        for statement in statementObjects {
            guard let actions = statement["Action"] ?? statement["NotAction"], !entries(actions).isEmpty else {
                throw malformed("Policy statement must contain actions.")
            }
        }
        if let resourceError { throw malformed(resourceError) }
        for key in ["Action", "NotAction"] {
            for statement in statementObjects {
                try statement[key].map(entries)?.forEach(checkActionPrefix)
            }
        }
        for statement in statementObjects {
            guard let resources = statement["Resource"] ?? statement["NotResource"], !entries(resources).isEmpty else {
                throw malformed("Policy statement must contain resources.")
            }
        }

        let positions = TextPositions(text)
        let statements = statementObjects.enumerated().map { index, object in
            makeStatement(object, index: index, positions: positions)
        }
        let id: String? = if case .string(let id)? = root["Id"] { id } else { nil }
        return Parsed(version: version, id: id, statements: statements)
    }

    // MARK: - Syntax

    /// Checks the shape of the document and returns the statement objects.
    private static func checkSyntax(_ root: PolicyJSONObject) throws -> [PolicyJSONObject] {
        guard root.keys.allSatisfy(topLevelElements.contains) else { throw syntaxError }
        if let version = root["Version"] {
            guard case .string(let raw) = version, Version(rawValue: raw) != nil else { throw syntaxError }
        }
        if let id = root["Id"] {
            guard case .string = id else { throw syntaxError }
        }
        let elements: [PolicyJSON]
        switch root["Statement"] {
        case .object(let statement)?: elements = [.object(statement)]
        case .array(let array)? where !array.isEmpty: elements = array
        default: throw syntaxError
        }
        return try elements.map { element in
            guard case .object(let statement) = element else { throw syntaxError }
            try checkStatementSyntax(statement)
            return statement
        }
    }

    private static func checkStatementSyntax(_ statement: PolicyJSONObject) throws {
        guard statement.keys.allSatisfy(statementElements.contains),
            !(statement.contains("Action") && statement.contains("NotAction")),
            !(statement.contains("Resource") && statement.contains("NotResource")),
            case .string(let effect)? = statement["Effect"],
            ["allow", "deny"].contains(effect.lowercased())
        else { throw syntaxError }

        for key in ["Action", "NotAction", "Resource", "NotResource"] {
            switch statement[key] {
            case nil, .string?: continue
            case .array(let values)?:
                guard values.allSatisfy({ if case .string = $0 { true } else { false } }) else { throw syntaxError }
            default: throw syntaxError
            }
        }
        if let sid = statement["Sid"] {
            guard case .string = sid else { throw syntaxError }
        }
        if let condition = statement["Condition"] {
            guard case .object(let block) = condition else { throw syntaxError }
            for (operatorName, keys) in block.members {
                guard case .object(let keyObject) = keys else { throw syntaxError }
                for (_, value) in keyObject.members {
                    guard conditionValues(value) != nil else { throw syntaxError }
                }
                if ConditionOperator(name: operatorName) == nil && !keyObject.members.isEmpty { throw syntaxError }
            }
        }
    }

    /// A condition key's values: a scalar or an array of scalars (strings, numbers, booleans).
    private static func conditionValues(_ value: PolicyJSON) -> [String]? {
        switch value {
        case .array(let elements):
            let texts = elements.compactMap(\.scalarText)
            return texts.count == elements.count ? texts : nil
        default:
            return value.scalarText.map { [$0] }
        }
    }

    /// The strings of an `Action`-like element already checked to be a string or an array of strings.
    private static func entries(_ value: PolicyJSON) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let elements): elements.compactMap { if case .string(let text) = $0 { text } else { nil } }
        default: []
        }
    }

    // MARK: - Legacy parsing and resource format

    /// Runs IAM's "legacy parsing" checks and returns the resource-format error to report later, if any.
    private static func checkLegacyParsing(_ statements: [PolicyJSONObject]) throws -> String? {
        for statement in statements {
            guard case .string(let effect)? = statement["Effect"], effect == "Allow" || effect == "Deny" else {
                throw legacyParsingError
            }
            guard case .object(let block)? = statement["Condition"] else { continue }
            for (operatorName, keys) in block.members {
                guard let conditionOperator = ConditionOperator(name: operatorName), conditionOperator.base.isDate,
                    case .object(let keyObject) = keys
                else { continue }
                for (_, value) in keyObject.members {
                    for text in conditionValues(value) ?? [] where PolicyDate.secondsSince1970(text) == nil {
                        throw legacyParsingError
                    }
                }
            }
        }

        // IAM reports one resource error: the last one found, checking every Resource element, then
        // every NotResource element, each list in reverse code-point order.
        var resourceError: String?
        for key in ["Resource", "NotResource"] {
            for statement in statements {
                guard let value = statement[key] else { continue }
                let resources = entries(value)
                for resource in resources.sorted(by: { $1.unicodeScalars.lexicographicallyPrecedes($0.unicodeScalars) }) {
                    if let error = resourceFormatError(resource) { resourceError = error }
                }
                if resourceError == nil {
                    for resource in resources where resource != "*" {
                        let fields = resource.split(separator: ":", omittingEmptySubsequences: false)
                        let colonCount = fields.count - 1
                        guard colonCount >= 5 || !resource.contains("::"), fields.count > 2, !fields[2].isEmpty else {
                            throw legacyParsingError
                        }
                    }
                }
            }
        }
        return resourceError
    }

    /// The message for a resource that is neither `*` nor ARN-shaped, or `nil` when it is acceptable.
    static func resourceFormatError(_ resource: String) -> String? {
        guard resource != "*" else { return nil }
        guard let firstColon = resource.firstIndex(of: ":") else {
            return "Resource \(resource) must be in ARN format or \"*\"."
        }
        let afterPrefix = resource[resource.index(after: firstColon)...]
        let partitionEnd = afterPrefix.firstIndex(of: ":")
        let partition = String(afterPrefix[..<(partitionEnd ?? afterPrefix.endIndex)])
        let afterPartition = partitionEnd.map { afterPrefix[afterPrefix.index(after: $0)...] } ?? ""
        guard partitions.contains(partition) else {
            let parts = afterPartition.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let first = parts[0].isEmpty && parts.count == 1 ? "*" : parts[0]
            let second = parts.count > 1 ? parts[1] : "*"
            let third = parts.count > 2 ? parts[2] : "*"
            let rest = parts.count > 3 ? parts[3...].joined(separator: ":") : "*"
            return "Partition \"\(partition)\" is not valid for resource \"arn:\(partition):\(first):\(second):\(third):\(rest)\"."
        }
        guard partitionEnd != nil else {
            return "Resource vendor must be fully qualified and cannot contain regexes."
        }
        let serviceEnd = afterPartition.firstIndex(of: ":")
        let service = afterPartition[..<(serviceEnd ?? afterPartition.endIndex)]
        let afterService = serviceEnd.map { afterPartition[afterPartition.index(after: $0)...] } ?? ""
        // Region, account, then the resource part, which may itself contain colons.
        let fields = afterService.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        let resourcePart = fields.count > 2 ? fields[2] : ""
        let hasRegion = !afterService.hasPrefix(":")
        switch service {
        case "iam":
            if hasRegion { return "IAM resource \(resource) cannot contain region information." }
            let acceptable = resourcePart == "*" || resourcePart == "root"
                || iamResourcePrefixes.contains { resourcePart.hasPrefix($0) }
            if !acceptable {
                return "IAM resource path must either be \"*\", root, or start with "
                    + iamResourcePrefixes.joined(separator: ", ") + "."
            }
        case "s3":
            // S3 access points are regional.
            if hasRegion && !resourcePart.hasPrefix("accesspoint/") {
                return "Resource \(resource) can not contain region information."
            }
        default:
            break
        }
        return nil
    }

    // MARK: - Statement IDs and actions

    private static func checkStatementIDs(_ statements: [PolicyJSONObject]) throws {
        var seen = Set<String>()
        let sids = statements.compactMap { statement -> String? in
            if case .string(let sid)? = statement["Sid"], !sid.isEmpty { sid } else { nil }
        }
        for sid in sids where !seen.insert(sid).inserted {
            throw malformed("Statement IDs (SID) in a single policy must be unique.")
        }
        let isAlphanumeric: (Unicode.Scalar) -> Bool = { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        if sids.contains(where: { !$0.unicodeScalars.allSatisfy(isAlphanumeric) }) {
            throw malformed(
                "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"
            )
        }
    }

    private static func checkActionPrefix(_ action: String) throws {
        let parts = action.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 1 && action != "*" {
            throw malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")
        }
        if parts.count > 2 {
            throw malformed("Actions/Condition can contain only one colon.")
        }
        let vendor = parts[0]
        let validVendor = vendor.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", ".": true
            default: false
            }
        }
        if vendor != "*" && !validVendor {
            throw malformed("Vendor \(vendor) is not valid")
        }
    }

    // MARK: - Model

    private static func makeStatement(_ object: PolicyJSONObject, index: Int, positions: TextPositions) -> PolicyStatement {
        let effect: PolicyStatement.Effect = if case .string("Deny")? = object["Effect"] { .deny } else { .allow }
        let actions: PolicyStatement.Entries =
            if let listed = object["Action"] { .listed(entries(listed)) } else { .allExcept(object["NotAction"].map(entries) ?? []) }
        let resources: PolicyStatement.Entries =
            if let listed = object["Resource"] { .listed(entries(listed)) } else { .allExcept(object["NotResource"].map(entries) ?? []) }
        var conditions: [PolicyCondition] = []
        if case .object(let block)? = object["Condition"] {
            for (operatorName, keys) in block.members {
                guard let conditionOperator = ConditionOperator(name: operatorName), case .object(let keyObject) = keys else {
                    continue
                }
                for (key, value) in keyObject.members {
                    conditions.append(
                        PolicyCondition(conditionOperator: conditionOperator, key: key, values: conditionValues(value) ?? [])
                    )
                }
            }
        }
        let sid: String? = if case .string(let sid)? = object["Sid"] { sid } else { nil }
        return PolicyStatement(
            index: index,
            sid: sid,
            effect: effect,
            actions: actions,
            resources: resources,
            conditions: conditions,
            startPosition: positions.position(afterByte: object.startOffset),
            endPosition: positions.position(afterByte: object.endOffset)
        )
    }
}

/// Converts UTF-8 offsets into the line and column AWS reports.
private struct TextPositions {
    private let bytes: [UInt8]

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The position just after the character at `offset`: lines from 1, columns from 1, counted in
    /// characters; CR LF, CR and LF each end a line.
    func position(afterByte offset: Int) -> PolicyStatement.Position {
        var line = 1
        var column = 1
        var index = 0
        while index < offset {
            let byte = bytes[index]
            if byte == 0x0A || (byte == 0x0D && !(index + 1 < bytes.count && bytes[index + 1] == 0x0A)) {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 && byte != 0x0D {
                column += 1
            }
            index += 1
        }
        // `column` is now the brace's own column; AWS reports the one after it.
        return PolicyStatement.Position(line: line, column: column + 1)
    }
}
