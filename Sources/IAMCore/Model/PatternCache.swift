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
    private var characterClasses: [String: ASCIIRun?] = [:]

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
        if let run = asciiRun(pattern, regex), let answer = run.matches(value) { return answer }
        return Self.matches(value, regex)
    }

    private static func matches(_ value: String, _ regex: NSRegularExpression) -> Bool {
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        return regex.firstMatch(in: value, options: [], range: range) != nil
    }

    /// The ASCII table of a pattern that is one character class repeated (`[\w+=,.@-]+`, most of
    /// the model's names and paths), or `nil` for any other pattern.
    private func asciiRun(_ pattern: String, _ regex: NSRegularExpression) -> ASCIIRun? {
        if let known = lock.withLock({ characterClasses[pattern] }) { return known }
        let run = ASCIIRun(pattern: pattern) { Self.matches($0, regex) }
        lock.withLock { characterClasses[pattern] = run }
        return run
    }

    /// `[CLASS]+` or `[CLASS]*` decided without ICU for ASCII values: ICU on Linux costs tens of
    /// microseconds a match, and every request and seed entry checks several names. The table is
    /// built by asking the compiled pattern itself about each ASCII character, so both paths
    /// give the same answer by construction; other values still go to the pattern.
    private struct ASCIIRun {
        var allowed: [Bool]
        var allowsEmpty: Bool

        init?(pattern: String, matches: (String) -> Bool) {
            guard pattern.hasPrefix("["), pattern.hasSuffix("]+") || pattern.hasSuffix("]*"),
                pattern.filter({ $0 == "[" }).count == 1, pattern.filter({ $0 == "]" }).count == 1
            else { return nil }
            allowsEmpty = pattern.hasSuffix("*")
            allowed = (0..<128).map { code in matches(String(UnicodeScalar(UInt8(code)))) }
        }

        /// The answer for an ASCII value; `nil` for any other.
        func matches(_ value: String) -> Bool? {
            var count = 0
            for byte in value.utf8 {
                guard byte < 128 else { return nil }
                guard allowed[Int(byte)] else { return false }
                count += 1
            }
            return count > 0 || allowsEmpty
        }
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
