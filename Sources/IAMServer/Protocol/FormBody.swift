import IAMService

/// `application/x-www-form-urlencoded` bodies, as SDKs send Query requests.
enum FormBody {
    /// The decoded `(name, value)` pairs of a form body, in order: `+` is a space and `%XX` a byte.
    static func parameters(_ body: [UInt8]) -> [(name: String, value: String)] {
        guard !body.isEmpty else { return [] }
        return String(decoding: body, as: UTF8.self).split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let spaced = pair.replacingOccurrences(of: "+", with: " ")
            if let equals = spaced.firstIndex(of: "=") {
                return (PercentEncoding.decode(spaced[..<equals]), PercentEncoding.decode(spaced[spaced.index(after: equals)...]))
            }
            return (PercentEncoding.decode(spaced), "")
        }
    }
}
