import Foundation
import IAMCore

/// AWS's `GenerateCredentialReport` response.
public struct CredentialReportGeneration: Sendable, Hashable {
    /// `STARTED` when a new report was generated, `COMPLETE` when a recent one was reused.
    public var state: String
    /// AWS's explanation of the state, when it gives one.
    public var description: String?

    /// A generation result with every field given.
    public init(state: String, description: String?) {
        self.state = state
        self.description = description
    }

    /// AWS's `GenerateCredentialReport` response shape.
    public var json: JSONValue { .object(["State": .string(state), "Description": description.map { .string($0) }]) }
}

/// AWS's `GetCredentialReport` response.
public struct CredentialReport: Sendable, Hashable {
    /// The CSV text.
    public var content: Data
    /// When the report was generated.
    public var generatedTime: Date
    /// Always `text/csv`.
    public var reportFormat: String { "text/csv" }

    /// As the AWS CLI prints it: `Content` in Base64.
    public var json: JSONValue {
        .object([
            "Content": .string(content.base64EncodedString()), "ReportFormat": .string(reportFormat),
            "GeneratedTime": .string(generatedTime.awsTimestamp),
        ])
    }
}

extension IAMService {
    /// How long a report is reused by ``generateCredentialReport()`` and served by
    /// ``getCredentialReport()``: four hours, as AWS.
    public static let credentialReportLifetime: TimeInterval = 4 * 3600

    /// The CSV header, in AWS's column order.
    public static let credentialReportColumns = [
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
        "password_next_rotation", "mfa_active",
        "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date", "access_key_1_last_used_region",
        "access_key_1_last_used_service",
        "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date", "access_key_2_last_used_region",
        "access_key_2_last_used_service",
        "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
    ]

    /// Generates the credential report from the account's current credentials, unless one younger
    /// than four hours exists, which is reused.
    ///
    /// The report is built synchronously, so a new one is complete when this returns; the state
    /// still says `STARTED`, as AWS's first call does.
    ///
    /// - Throws: `LimitExceeded` is modelled by AWS but never raised here.
    public func generateCredentialReport() async throws -> CredentialReportGeneration {
        let accountId = account.id
        let now = clock.now
        return try await mutate("GenerateCredentialReport") { tx, draft in
            let result: CredentialReportGeneration
            if let existing = try tx.credentialReport(accountId: accountId),
               now.timeIntervalSince(existing.generatedAt) < Self.credentialReportLifetime
            {
                result = CredentialReportGeneration(state: "COMPLETE", description: nil)
            } else {
                let content = try buildCredentialReport(at: now, in: tx)
                try tx.saveCredentialReport(accountId: accountId, generatedAt: now, content: content)
                result = CredentialReportGeneration(
                    state: "STARTED", description: "No report exists. Starting a new report generation task")
            }
            draft.responseElements = result.json
            return result
        }
    }

    /// The most recent credential report.
    ///
    /// - Throws: `ReportNotPresent` before any generation; `ReportExpired` when the report is
    ///   older than four hours.
    public func getCredentialReport() async throws -> CredentialReport {
        let accountId = account.id
        let now = clock.now
        return try await query("GetCredentialReport") { tx in
            guard let report = try tx.credentialReport(accountId: accountId) else {
                throw IAMError(
                    .reportNotPresent, "Credential report not present. Use GenerateCredentialReport to generate a report.")
            }
            guard now.timeIntervalSince(report.generatedAt) < Self.credentialReportLifetime else {
                throw IAMError(
                    .reportExpired,
                    "The most recent credential report has expired. Use GenerateCredentialReport to generate a new report.")
            }
            return CredentialReport(content: report.content, generatedTime: report.generatedAt)
        }
    }

    /// The CSV: the root user first (as `<root_account>`), then every user by name.
    ///
    /// Booleans are written `true`/`false` as real reports carry them (the AWS guide prints them in
    /// capitals); `N/A` where a credential does not exist, `no_information` for a password never
    /// used, `not_supported` for the root user's password rotation columns.
    func buildCredentialReport(at now: Date, in tx: any StoreReading) throws -> Data {
        let policy = try tx.passwordPolicy(accountId: account.id)
        let allKeys = try tx.accessKeys(accountId: account.id)
        var rows = [Self.credentialReportColumns]
        let root = try tx.rootUser(accountId: account.id)
        let rootPasswordUsed: String =
            if let used = root?.passwordLastUsedAt { Self.reportTime(used) } else { root?.passwordHash == nil ? "N/A" : "no_information" }
        rows.append(
            ["<root_account>", account.rootARN, Self.reportTime(account.createdAt), "not_supported", rootPasswordUsed,
             "not_supported", "not_supported",
             Self.flag(try !tx.mfaDevices(accountId: account.id, owner: .root).isEmpty)]
                + Self.keyColumns(allKeys.filter { $0.owner == .root }) + Self.certificateColumns)
        for user in try tx.users(accountId: account.id, pathPrefix: nil, page: .all).items {
            let profile = try tx.loginProfile(userId: user.id)
            let passwordUsed: String =
                if profile == nil { "N/A" } else { user.passwordLastUsedAt.map(Self.reportTime) ?? "no_information" }
            let nextRotation = profile.flatMap { policy?.expiry(ofPasswordChangedAt: $0.passwordChangedAt) }
            rows.append(
                [user.name, user.arn(in: account), Self.reportTime(user.createdAt), Self.flag(profile != nil), passwordUsed,
                 profile.map { Self.reportTime($0.passwordChangedAt) } ?? "N/A", nextRotation.map(Self.reportTime) ?? "N/A",
                 Self.flag(try !tx.mfaDevices(accountId: account.id, owner: .user(id: user.id)).isEmpty)]
                    + Self.keyColumns(allKeys.filter { $0.owner == .user(id: user.id) }) + Self.certificateColumns)
        }
        return Data(rows.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n").utf8)
    }

    private static let certificateColumns = ["false", "N/A", "false", "N/A"]

    private static func keyColumns(_ keys: [AccessKey]) -> [String] {
        (0..<2).flatMap { index -> [String] in
            guard index < keys.count else { return ["false", "N/A", "N/A", "N/A", "N/A"] }
            let key = keys[index]
            return [
                flag(key.status == .active), reportTime(key.createdAt), key.lastUsedAt.map(reportTime) ?? "N/A",
                key.lastUsedRegion ?? "N/A", key.lastUsedService ?? "N/A",
            ]
        }
    }

    private static func flag(_ value: Bool) -> String { value ? "true" : "false" }

    /// ISO 8601 with an explicit offset, as reports carry times: `2026-11-29T11:50:07+00:00`.
    static func reportTime(_ date: Date) -> String {
        date.awsTimestamp
    }

    private static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
