import Foundation
import IAMCore
import IAMService
import IAMStoreSQLite
import Synchronization

/// Everything a command touches outside its arguments: environment variables, standard streams,
/// clock and randomness. Tests inject their own, so commands run in-process.
struct CommandEnvironment: Sendable {
    var variables: [String: String]
    var writeOut: @Sendable (String) -> Void
    var writeError: @Sendable (String) -> Void
    /// Reads all of standard input (for `--root-password-stdin`), or `nil` when there is none.
    var readInput: @Sendable () -> String?
    /// Prompts on the terminal without echo, or `nil` when there is no terminal.
    var promptSecret: @Sendable (String) -> String?
    var clock: ServiceClock = .system
    var random: RandomSource = .system
    var passwordHasher = PasswordHasher()
    /// The stores the command opened, closed by ``IAMCtl/run(_:environment:)`` when it ends.
    let openedStores = OpenedStores()

    static var live: CommandEnvironment {
        CommandEnvironment(
            variables: ProcessInfo.processInfo.environment,
            writeOut: { FileHandle.standardOutput.write(Data($0.utf8)) },
            writeError: { FileHandle.standardError.write(Data($0.utf8)) },
            readInput: {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                return String(data: data, encoding: .utf8)
            },
            promptSecret: { prompt in
                guard isatty(STDIN_FILENO) == 1 else { return nil }
                return readSecretFromTerminal(prompt: prompt)
            })
    }

    func print(_ text: String) { writeOut(text.hasSuffix("\n") ? text : text + "\n") }
    func warn(_ text: String) { writeError(text.hasSuffix("\n") ? text : text + "\n") }
}

/// Reads a line from the terminal with echo turned off.
private func readSecretFromTerminal(prompt: String) -> String? {
    FileHandle.standardError.write(Data(prompt.utf8))
    var saved = termios()
    tcgetattr(STDIN_FILENO, &saved)
    var silent = saved
    silent.c_lflag &= ~tcflag_t(ECHO)
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
    defer {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
        FileHandle.standardError.write(Data("\n".utf8))
    }
    return readLine(strippingNewline: true)
}

/// The database files one command opened, so they are closed (and their write-ahead logs folded
/// back into the files) before the process exits.
final class OpenedStores: Sendable {
    private let stores = Mutex<[SQLiteAccountStore]>([])

    func add(_ store: SQLiteAccountStore) {
        stores.withLock { $0.append(store) }
    }

    /// Closes every store added so far. The command's work is committed by then: a store that
    /// fails to close is left for SQLite to recover, as after a crash.
    func closeAll() {
        for store in stores.withLock({ stores in defer { stores = [] }; return stores }) {
            try? store.close()
        }
    }
}
