import Foundation
import IAMCore
import Synchronization

/// What an operation tells the audit trail about itself while it runs.
struct AuditDraft: Sendable {
    var requestParameters: JSONValue?
    var responseElements: JSONValue?
    var resources: [String] = []
}

extension IAMService {
    /// Runs a mutating operation in one write transaction and appends its audit event in that
    /// transaction. A failure is rolled back and then audited on its own, with the resources the
    /// operation had found before it failed (the group a `DeleteConflict` refused to delete).
    func mutate<T: Sendable>(
        _ eventName: String, parameters: JSONValue? = nil, resources: [String] = [],
        _ body: @escaping @Sendable (any StoreWriting, inout AuditDraft) throws -> T
    ) async throws -> T {
        let service = self
        let touched = TouchedResources(resources)
        do {
            return try await store.write { tx in
                var draft = AuditDraft(requestParameters: parameters, resources: resources)
                defer { touched.record(draft.resources) }
                let result = try body(tx, &draft)
                try tx.appendAuditEvent(service.auditEvent(eventName, draft: draft, readOnly: false, error: nil))
                return result
            }
        } catch {
            try await recordFailure(eventName, parameters: parameters, resources: touched.resources, readOnly: false, error: error)
            throw error
        }
    }

    /// Runs a read-only operation in one read transaction; audited only when read auditing is on.
    ///
    /// With a `cacheKey` naming everything the answer depends on, the answer comes from
    /// ``AccountStore/cachedRead(_:_:)``: the same as a read while nothing has been committed.
    /// Only for bodies that depend on stored data and the key alone (never on the clock), and
    /// small answers (the cache keeps up to 4,096 of them).
    func query<T: Sendable>(
        _ eventName: String, parameters: JSONValue? = nil, resources: [String] = [], cacheKey: String? = nil,
        _ body: @escaping @Sendable (any StoreReading) throws -> T
    ) async throws -> T {
        let (result, auditReads): (T, Bool)
        do {
            let read: @Sendable (any StoreReading) throws -> (T, Bool) = { tx in
                (try body(tx), try tx.setting(Self.auditReadsSetting) == "true")
            }
            if let cacheKey {
                (result, auditReads) = try await store.cachedRead("\(eventName) \(account.id) \(cacheKey)", read)
            } else {
                (result, auditReads) = try await store.read(read)
            }
        } catch {
            if try await store.read({ tx in try tx.setting(Self.auditReadsSetting) == "true" }) {
                try await recordFailure(eventName, parameters: parameters, resources: resources, readOnly: true, error: error)
            }
            throw error
        }
        if auditReads {
            let event = auditEvent(
                eventName, draft: AuditDraft(requestParameters: parameters, resources: resources), readOnly: true, error: nil)
            _ = try await store.write { tx in try tx.appendAuditEvent(event) }
        }
        return result
    }

    static let auditReadsSetting = "auditReads"

    func recordFailure(
        _ eventName: String, parameters: JSONValue?, resources: [String], readOnly: Bool, error: any Error
    ) async throws {
        let event = auditEvent(
            eventName, draft: AuditDraft(requestParameters: parameters, resources: resources), readOnly: readOnly,
            error: error)
        _ = try await store.write { tx in try tx.appendAuditEvent(event) }
    }

    /// Event IDs, and request IDs when no server gave one (``requestId``), come from the system
    /// generator even when IDs are seeded: they must be unique across processes sharing one database.
    func auditEvent(_ eventName: String, draft: AuditDraft, readOnly: Bool, error: (any Error)?) -> AuditEvent {
        let iamError = error.map { $0 as? IAMError ?? IAMError(.serviceFailure, "An internal error occurred.") }
        return AuditEvent(
            eventId: RandomSource.system.uuidString(), eventTime: clock.now, eventName: eventName,
            eventType: eventName == "ConsoleLogin" ? "AwsConsoleSignIn" : "AwsApiCall", source: source,
            recipientAccountId: account.id, userIdentity: caller.auditIdentity, sourceIPAddress: sourceIPAddress,
            userAgent: userAgent, requestParameters: draft.requestParameters.map { AuditRedaction.redact($0).text() },
            responseElements: draft.responseElements.map { AuditRedaction.redact($0).text() },
            errorCode: iamError?.code.rawValue, errorMessage: iamError?.message, readOnly: readOnly,
            resources: draft.resources, requestId: requestId ?? RandomSource.system.uuidString())
    }
}

/// The resources a mutation's draft named when its transaction ended, kept for the failure's
/// event (the draft itself lives inside the transaction closure).
private final class TouchedResources: Sendable {
    private let value: Mutex<[String]>

    init(_ resources: [String]) { value = Mutex(resources) }

    var resources: [String] { value.withLock { $0 } }

    func record(_ resources: [String]) { value.withLock { $0 = resources } }
}

/// The audit trail's safety net: whatever an operation puts in its parameters or response,
/// members that can carry secret material are removed before the event is written.
enum AuditRedaction {
    /// Whether a member (by name) can carry secret material: `Password`, `NewPassword`,
    /// `SecretAccessKey`, `Base32StringSeed`, `QRCodePNG`, `AuthenticationCode1`…; metadata such as
    /// `PasswordResetRequired` or `MinimumPasswordLength` stays.
    static func isSecret(_ member: String) -> Bool {
        var name = member.lowercased()
        // Plain byte searches: `String.contains` goes through NSString here and the standard
        // library's `firstRange(of:)` runs unspecialized; either showed in the profile of every
        // audited write.
        func has(_ part: StaticString) -> Bool {
            name.withUTF8 { text in
                let part = UnsafeBufferPointer(start: part.utf8Start, count: part.utf8CodeUnitCount)
                guard text.count >= part.count else { return false }
                return (0...(text.count - part.count)).contains { start in
                    part.indices.allSatisfy { text[start + $0] == part[$0] }
                }
            }
        }
        return name.hasSuffix("password") || has("secret") || has("seed") || has("qrcode")
            || name.hasPrefix("authenticationcode") || has("privatekey") || name == "passwordhash" || name == "password_hash"
    }

    static func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let pairs):
            return .object(pairs.compactMap { key, member in isSecret(key) ? nil : (key, redact(member)) })
        case .array(let items):
            return .array(items.map(redact))
        default:
            return value
        }
    }
}
