import Foundation

/// The source of the current time; tests inject a fixed or stepping clock.
public struct ServiceClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    public var now: Date { read() }

    /// The system clock.
    public static let system = ServiceClock { Date() }

    /// A clock that always reads `date`.
    public static func fixed(_ date: Date) -> ServiceClock { ServiceClock { date } }
}
