import Foundation
import IAMService
import Logging

/// Records access-key last use (for `GetAccessKeyLastUsed` and the credential report) without a
/// database write per request.
///
/// The first use of a key is written at once; later uses within ``interval`` are kept in memory and
/// written by the next ``flush(now:)`` (the server calls it every ``interval``, and on shutdown),
/// so a key is written at most once per interval however many requests it signs. Reads stay reads.
actor AccessKeyUsageRecorder {
    struct Use: Sendable, Equatable {
        var service: String
        var region: String
        var date: Date
    }

    /// At most one write per key per interval.
    let interval: TimeInterval
    private let service: IAMService
    private let logger: Logger
    private var lastWritten: [String: Date] = [:]
    private var pending: [String: Use] = [:]

    init(service: IAMService, interval: TimeInterval = 60, logger: Logger) {
        self.service = service
        self.interval = interval
        self.logger = logger
    }

    /// Notes that `accessKeyId` signed a request; writes only if the key was not written within
    /// the interval.
    func record(accessKeyId: String, use: Use) async {
        if let last = lastWritten[accessKeyId], use.date.timeIntervalSince(last) < interval, use.date >= last {
            pending[accessKeyId] = use
            return
        }
        lastWritten[accessKeyId] = use.date
        pending[accessKeyId] = nil
        await write(accessKeyId, use)
    }

    /// Writes every buffered use.
    func flush(now: Date) async {
        let uses = pending
        pending = [:]
        for (id, use) in uses.sorted(by: { $0.key < $1.key }) {
            lastWritten[id] = now
            await write(id, use)
        }
    }

    /// The uses waiting for the next flush, for tests.
    var pendingCount: Int { pending.count }

    private func write(_ id: String, _ use: Use) async {
        do {
            try await service.recordAccessKeyUse(id: id, service: use.service, region: use.region, at: use.date)
        } catch {
            // The key may have been deleted since it signed; last use is best effort.
            logger.debug("Access key last use not recorded", metadata: ["accessKeyId": .string(id)])
        }
    }
}
