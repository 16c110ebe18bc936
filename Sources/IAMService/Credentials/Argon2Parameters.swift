/// The cost parameters of an Argon2id password hash.
///
/// They are stored inside every PHC string, so a hash made with older parameters still verifies
/// after the defaults change; ``PasswordHasher/needsRehash(_:)`` tells when to upgrade it.
public struct Argon2Parameters: Sendable, Hashable, CustomStringConvertible {
    /// Memory cost in KiB (`m`).
    public var memoryKiB: Int
    /// Number of passes over the memory (`t`).
    public var iterations: Int
    /// Degree of parallelism (`p`), the number of lanes.
    public var parallelism: Int

    /// Creates a parameter set; ``isSupported`` tells whether IAMStore will hash or verify with it.
    public init(memoryKiB: Int, iterations: Int, parallelism: Int) {
        self.memoryKiB = memoryKiB
        self.iterations = iterations
        self.parallelism = parallelism
    }

    /// OWASP's Password Storage Cheat Sheet minimum for Argon2id: 19 MiB, 2 iterations, 1 lane.
    public static let owasp = Argon2Parameters(memoryKiB: 19_456, iterations: 2, parallelism: 1)

    /// The largest memory cost accepted, 4 GiB.
    ///
    /// A corrupted or hostile PHC string must not make verification allocate without bound.
    public static let maximumMemoryKiB = 4 * 1024 * 1024
    /// The largest iteration count accepted, for the same reason as ``maximumMemoryKiB``.
    public static let maximumIterations = 1_024
    /// The largest parallelism accepted.
    public static let maximumParallelism = 255

    /// Whether the parameters are within Argon2's rules (at least 8 KiB per lane) and IAMStore's
    /// bounds (``maximumMemoryKiB``, ``maximumIterations``, ``maximumParallelism``).
    public var isSupported: Bool {
        (1...Self.maximumParallelism).contains(parallelism)
            && (1...Self.maximumIterations).contains(iterations)
            && memoryKiB >= 8 * parallelism
            && memoryKiB <= Self.maximumMemoryKiB
    }

    /// The PHC parameter segment, `m=19456,t=2,p=1`.
    public var description: String { "m=\(memoryKiB),t=\(iterations),p=\(parallelism)" }
}
