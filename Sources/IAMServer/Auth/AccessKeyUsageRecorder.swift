import Foundation
import IAMService
import Logging
import Synchronization

/// Records access-key last use (for `GetAccessKeyLastUsed` and the credential report) without a
/// database write per request.
///
/// The first use of a key is written at once; later uses within ``interval`` are kept in memory and
/// written by the next ``flush(now:)`` (the server calls it every ``interval``, and on shutdown),
/// so a key is written at most once per interval however many requests it signs. Reads stay reads.
final class AccessKeyUsageRecorder: Sendable {
    struct Use: Sendable, Equatable {
        var service: String
        var region: String
        var date: Date
    }

    private struct State {
        var lastWritten: [String: Date] = [:]
        var pending: [String: Use] = [:]
    }

    /// At most one write per key per interval.
    let interval: TimeInterval
    private let service: IAMService
    private let logger: Logger
    /// A lock, not an actor: every signed request records a use, and an actor hop per request
    /// cost more than the bookkeeping; the rare write runs outside the lock.
    private let state = Mutex(State())

    init(service: IAMService, interval: TimeInterval = 60, logger: Logger) {
        self.service = service
        self.interval = interval
        self.logger = logger
    }

    /// Notes that `accessKeyId` signed a request; writes only if the key was not written within
    /// the interval.
    func record(accessKeyId: String, use: Use) async {
        let writeNow = state.withLock { state in
            if let last = state.lastWritten[accessKeyId], use.date.timeIntervalSince(last) < interval, use.date >= last {
                state.pending[accessKeyId] = use
                return false
            }
            state.lastWritten[accessKeyId] = use.date
            state.pending[accessKeyId] = nil
            return true
        }
        if writeNow { await write(accessKeyId, use) }
    }

    /// Writes every buffered use.
    func flush(now: Date) async {
        let uses = state.withLock { state in
            let uses = state.pending
            state.pending = [:]
            for id in uses.keys { state.lastWritten[id] = now }
            return uses
        }
        for (id, use) in uses.sorted(by: { $0.key < $1.key }) {
            await write(id, use)
        }
    }

    /// The uses waiting for the next flush, for tests.
    var pendingCount: Int { state.withLock { $0.pending.count } }

    private func write(_ id: String, _ use: Use) async {
        do {
            try await service.recordAccessKeyUse(id: id, service: use.service, region: use.region, at: use.date)
        } catch {
            // The key may have been deleted since it signed; last use is best effort.
            logger.debug("Access key last use not recorded", metadata: ["accessKeyId": .string(id)])
        }
    }
}
