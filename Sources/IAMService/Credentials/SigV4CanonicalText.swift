import Crypto

/// The canonical request and the string to sign, written as UTF-8 bytes into one buffer: what
/// `SigV4` hashes, and what its `String` forms decode.
struct CanonicalText {
    var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(512)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Method, canonical URI, canonical query string, canonical headers, signed headers and
    /// payload hash, one per line.
    mutating func appendCanonicalRequest(_ request: SigV4Request, signedHeaders: [String], pathEncoding: SigV4.PathEncoding) {
        let names = SigV4.normalizedHeaderNames(signedHeaders)
        if request.method.utf8.allSatisfy({ $0 < 0x80 }) {
            bytes.append(contentsOf: request.method.utf8.lazy.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 })
        } else {
            append(request.method.uppercased())
        }
        bytes.append(.newline)
        append(SigV4.canonicalURI(request.path, encoding: pathEncoding))
        bytes.append(.newline)
        appendQuery(request.query)
        bytes.append(.newline)
        appendHeaders(request.headers, normalizedNames: names)
        bytes.append(.newline)
        for (index, name) in names.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ";")) }
            append(name)
        }
        bytes.append(.newline)
        append(request.payloadHash)
    }

    /// Names and values RFC 3986-encoded, sorted by name then value, joined with `&`.
    mutating func appendQuery(_ query: [(name: String, value: String)]) {
        var pairs = query.map { (name: PercentEncoding.encode($0.name), value: PercentEncoding.encode($0.value)) }
        pairs.sort { lhs, rhs in
            lhs.name == rhs.name ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8) : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
        }
        for (index, pair) in pairs.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "&")) }
            append(pair.name)
            bytes.append(UInt8(ascii: "="))
            append(pair.value)
        }
    }

    /// One `name:value\n` line per signed header: values trimmed, runs of whitespace collapsed to
    /// one space, repeated headers joined with commas in the order received.
    mutating func appendHeaders(_ headers: [(name: String, value: String)], normalizedNames: [String]) {
        for name in normalizedNames {
            append(name)
            bytes.append(UInt8(ascii: ":"))
            var first = true
            for header in headers where SigV4Request.isHeader(header.name, named: name) {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                if SigV4.isCanonicalValue(header.value) {
                    append(header.value)
                } else {
                    append(header.value.split(whereSeparator: \.isWhitespace).joined(separator: " "))
                }
            }
            bytes.append(.newline)
        }
    }

    /// `AWS4-HMAC-SHA256`, the request time, the scope, and the hex digest of the canonical request.
    mutating func appendStringToSign(canonicalRequestDigest digest: SHA256.Digest, amzDate: String, scope: SigV4Scope) {
        append(SigV4.algorithm)
        bytes.append(.newline)
        append(amzDate)
        bytes.append(.newline)
        for part in [scope.date, scope.region, scope.service] {
            append(part)
            bytes.append(UInt8(ascii: "/"))
        }
        append(SigV4Scope.terminator)
        bytes.append(.newline)
        Hex.withDigits(of: digest) { bytes.append(contentsOf: $0) }
    }

    private mutating func append(_ text: some StringProtocol) {
        bytes.append(contentsOf: text.utf8)
    }
}

extension UInt8 {
    fileprivate static let newline = UInt8(ascii: "\n")
}
