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
        var parameters: [(name: String, value: String)] = []
        Substring(rawQuery).forEachComponent(separatedBy: UInt8(ascii: "&")) { pair in
            if let equals = pair.utf8.firstIndex(of: UInt8(ascii: "=")) {
                parameters.append((PercentEncoding.decode(pair[..<equals]), PercentEncoding.decode(pair[pair.utf8.index(after: equals)...])))
            } else {
                parameters.append((PercentEncoding.decode(pair), ""))
            }
        }
        return parameters
    }

    /// The values of every header named `name`, compared case-insensitively, in order.
    public func values(ofHeader name: String) -> [String] {
        let lowered = name.lowercased()
        return headers.filter { Self.isHeader($0.name, named: lowered) }.map(\.value)
    }

    /// Whether a header named `name` (in any case) is present.
    func containsHeader(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return headers.contains { Self.isHeader($0.name, named: lowered) }
    }

    /// Whether the header name `name` is `lowered` (a lower-case name) in some case. ASCII names
    /// are compared byte by byte; names of another length are passed over at once.
    static func isHeader(_ name: String, named lowered: String) -> Bool {
        guard name.utf8.count == lowered.utf8.count else { return false }
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return name.lowercased() == lowered }
        return name.utf8.elementsEqual(lowered.utf8) { (0x41...0x5A).contains($0) ? $0 + 0x20 == $1 : $0 == $1 }
    }
}
