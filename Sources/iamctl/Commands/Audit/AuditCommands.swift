import ArgumentParser
import Foundation
import IAMCore
import IAMService

/// `iamctl audit`: the audit trail, for auditors.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List audit events, verify their hash chain, and switch read auditing.",
        subcommands: [AuditListCommand.self, AuditVerifyCommand.self, AuditConfigCommand.self]
    )
}

/// `iamctl audit list`: events as CloudTrail records (`--output json`) or one line each (`table`, `text`).
struct AuditListCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List audit events, oldest first.",
        discussion: """
            Times are ISO 8601 dates (2026-11-29) or date-times (2026-11-29T14:00:00Z), or an age such as \
            30m, 24h, 7d or 2w before now. A date alone given to --until includes that whole day (UTC).
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pagination: PaginationOptions
    @Option(name: .customLong("since"), help: "Events at or after this time.") var since: String?
    @Option(name: .customLong("until"), help: "Events at or before this time.") var until: String?
    @Option(name: .customLong("event-name"), help: "The operation (CreateUser, ConsoleLogin…), any case.") var eventName: String?
    @Option(name: .customLong("user-name"), help: "Events made by this IAM user (the actor), any case.") var userName: String?
    @Option(name: .customLong("resource"), help: "Events that touched this ARN, or an entity of this name.") var resource: String?
    @Flag(name: .customLong("errors-only"), help: "Only failed requests.") var errorsOnly = false
    @Option(name: .customLong("read-only"), help: "true: only reads; false: only changes.") var readOnly: Bool?
    var operationName: String { "ListAuditEvents" }

    func validate() throws {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, AuditTime.parse(value, now: Date(), endOfDay: false) == nil {
                throw ValidationError("\(flag) takes an ISO 8601 date or date-time, or an age such as 24h or 7d; got \(value).")
            }
        }
    }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        let now = environment.clock.now
        let filter = AuditEventFilter(
            since: since.flatMap { AuditTime.parse($0, now: now, endOfDay: false) },
            until: until.flatMap { AuditTime.parse($0, now: now, endOfDay: true) }, eventName: eventName,
            userName: userName, resource: resource, errorsOnly: errorsOnly, readOnly: readOnly)
        let (records, token) = try await pagination.collect { try await service.auditEvents(filter: filter, page: $0) }
        let events = global.output == .json ? records.map(\.cloudTrailJSON) : records.map(\.summaryJSON)
        environment.emit(JSONValue.object([("Events", .array(events))]).withNextToken(token), format: global.output, title: "AuditEvents")
    }
}

/// `iamctl audit verify`: walks the hash chain; exits 1 at the first broken link.
struct AuditVerifyCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Verify the audit trail's hash chain.",
        discussion: "Exits 0 when every event links to the one before it and matches its own hash, 1 at the first broken link.")
    @OptionGroup var global: GlobalOptions
    var operationName: String { "VerifyAuditChain" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        switch try await service.verifyAuditChain() {
        case .intact(let count):
            environment.emit(
                .object([("ChainIntact", .bool(true)), ("EventCount", .integer(count))]), format: global.output,
                title: operationName)
        case .broken(let sequence, let expected, let found):
            environment.emit(
                .object([
                    ("ChainIntact", .bool(false)), ("BrokenAtEvent", .integer(Int(sequence))), ("ExpectedHash", .string(expected)),
                    ("FoundHash", .string(found)),
                ]), format: global.output, title: operationName)
            throw CLIError("The audit chain is broken at event \(sequence): expected hash \(expected), found \(found).")
        }
    }
}

/// `iamctl audit config`: shows, or with `--read-events` switches, read auditing for this database.
struct AuditConfigCommand: IAMCommand {
    enum Switch: String, ExpressibleByArgument, CaseIterable { case on, off }

    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Show or change what the audit trail records.",
        discussion: "Changes (Create*, Update*, Delete*…) and sign-ins are always recorded; reads (Get*, List*) only when on.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("read-events"), help: "Record reads too (on) or not (off, the default).") var readEvents: Switch?
    var operationName: String { "UpdateAuditConfiguration" }

    func execute(_ environment: CommandEnvironment) async throws {
        let service = try await global.service(environment)
        if let readEvents { try await service.setReadAuditing(readEvents == .on) }
        let enabled = try await service.isReadAuditingEnabled()
        environment.emit(.object([("ReadEvents", .string(enabled ? "on" : "off"))]), format: global.output, title: "AuditConfiguration")
    }
}

/// The times `audit list` accepts.
enum AuditTime {
    /// `text` as an instant: an age before `now` (`30m`, `24h`, `7d`, `2w`), an ISO 8601 date
    /// (midnight UTC, or the day's last millisecond when `endOfDay`), or an ISO 8601 date-time with
    /// a zone (`Z`, `+01:00`) and optional fractional seconds; `nil` for anything else.
    static func parse(_ text: String, now: Date, endOfDay: Bool) -> Date? {
        if let unit = text.last, let amount = Int(text.dropLast()), amount >= 0 {
            let seconds: Double? =
                switch unit {
                case "m": 60
                case "h": 3600
                case "d": 86400
                case "w": 7 * 86400
                default: nil
                }
            if let seconds { return now.addingTimeInterval(-Double(amount) * seconds) }
        }
        let formatter = ISO8601DateFormatter()
        if text.count == 10 {
            formatter.formatOptions = [.withFullDate]
            guard let day = formatter.date(from: text) else { return nil }
            return endOfDay ? day.addingTimeInterval(86400 - 0.001) : day
        }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
