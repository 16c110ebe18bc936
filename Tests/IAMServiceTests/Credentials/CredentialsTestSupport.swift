import Foundation

/// SplitMix64: a tiny deterministic generator so identifier tests can assert exact outputs.
struct SeededCredentialGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A fresh directory under the system temporary directory, removed by ``remove()``.
struct CredentialsScratchDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "iamstore-credentials-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// What `dump` prints for `value`.
func redactionDump(_ value: Any) -> String {
    var output = ""
    dump(value, to: &output)
    return output
}
