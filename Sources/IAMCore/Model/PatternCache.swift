import Foundation

/// Compiled model patterns, each translated and compiled once, on first use, by whichever thread
/// needs it first.
final class PatternCache: @unchecked Sendable {
    // Why @unchecked Sendable is safe: the only mutable state is `compiled`, which is read and
    // written only inside `lock.withLock`, and never escapes the lock except as values that are
    // themselves Sendable (`NSRegularExpression` is immutable and documented thread-safe, and is
    // Sendable in swift-corelibs-foundation; `UnsupportedConstruct` is a value type). `Mutex` from
    // Synchronization would prove this to the compiler, but needs macOS 15 and the package
    // supports macOS 14.
    private let lock = NSLock()
    private var compiled: [String: Result<NSRegularExpression, CompileError>] = [:]

    /// Why a model pattern could not be used.
    enum CompileError: Error, Equatable {
        /// The Java pattern uses a construct ``JavaPattern`` does not translate.
        case unsupported(String)
        /// ICU rejected the translated pattern.
        case invalid(icuPattern: String, reason: String)
    }

    /// The process-wide cache the validator uses.
    static let shared = PatternCache()

    /// The compiled whole-value matcher for a Java pattern from the model.
    func regex(forJava pattern: String) -> Result<NSRegularExpression, CompileError> {
        if let hit = lock.withLock({ compiled[pattern] }) { return hit }
        // Compile outside the lock; two threads racing on a new pattern both compile it, and the
        // results are equivalent, so whichever is stored first wins.
        let result = Self.compile(pattern)
        return lock.withLock {
            if let existing = compiled[pattern] { return existing }
            compiled[pattern] = result
            return result
        }
    }

    /// Whether `value` matches a Java pattern from the model in full, as Java's `Matcher.matches()` does.
    ///
    /// A pattern that cannot be compiled matches nothing, so a broken table rejects rather than admits.
    func matches(_ value: String, javaPattern pattern: String) -> Bool {
        guard case .success(let regex) = regex(forJava: pattern) else { return false }
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        return regex.firstMatch(in: value, options: [], range: range) != nil
    }

    private static func compile(_ pattern: String) -> Result<NSRegularExpression, CompileError> {
        let icu: String
        do {
            icu = try JavaPattern.icuPattern(fromJava: pattern)
        } catch {
            return .failure(.unsupported(error.description))
        }
        do {
            return .success(try NSRegularExpression(pattern: icu))
        } catch {
            return .failure(.invalid(icuPattern: icu, reason: "\(error)"))
        }
    }
}
