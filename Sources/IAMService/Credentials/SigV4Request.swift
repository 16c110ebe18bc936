import Crypto
import Foundation

/// The parts of an HTTP request that SigV4 signs.
///
/// `path` is the path as it appears on the wire (already percent-encoded), `query` holds decoded
/// names and values in any order, header names may be in any case and may repeat.
public struct SigV4Request: Sendable {
    /// The HTTP method, such as `GET` or `POST`.
    public var method: String
    /// The request path as sent, percent-encoded, without the query.
    public var path: String
    /// Decoded query parameters.
    public var query: [(name: String, value: String)]
    /// Headers in the order received.
    public var headers: [(name: String, value: String)]
    /// Lower-case hex SHA-256 of the body, or `UNSIGNED-PAYLOAD` where the service allows it.
    public var payloadHash: String

    /// Creates a request with a precomputed payload hash.
    public init(
        method: String, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)], payloadHash: String
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }

    /// Creates a request whose payload hash is the SHA-256 of `body`.
    public init(
        method: String, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)], body: Data
    ) {
        self.init(method: method, path: path, query: query, headers: headers, payloadHash: SigV4.payloadHash(of: body))
    }

    /// Splits a raw query string (`a=1&b=x%20y`) into decoded parameters. A parameter without
    /// `=` has an empty value; `+` is kept as a literal plus, as SigV4 clients encode spaces as `%20`.
    public static func queryParameters(fromRawQuery rawQuery: String) -> [(name: String, value: String)] {
        rawQuery.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: "=") {
                return (PercentEncoding.decode(pair[..<equals]), PercentEncoding.decode(pair[pair.index(after: equals)...]))
            }
            return (PercentEncoding.decode(pair), "")
        }
    }

    /// The values of every header named `name`, compared case-insensitively, in order.
    public func values(ofHeader name: String) -> [String] {
        Self.values(ofHeader: name.lowercased(), in: headers)
    }

    /// The values of every header in `headers` named `lowered` (a lower-case name), in order.
    /// Names of another length are passed over without being lower-cased: a request carries many
    /// headers and each lookup wants one.
    static func values(ofHeader lowered: String, in headers: [(name: String, value: String)]) -> [String] {
        headers.filter { $0.name.utf8.count == lowered.utf8.count && $0.name.lowercased() == lowered }.map(\.value)
    }
}
