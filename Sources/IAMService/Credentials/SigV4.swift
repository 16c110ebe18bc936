import Crypto
import Foundation
import IAMCore

/// AWS Signature Version 4: canonical requests, signing keys, signing and verification.
///
/// Everything here is pure: no clock, no lookups. A verifier parses ``SigV4Authorization`` or
/// ``SigV4PresignedQuery``, finds the secret for the access key ID, and calls the matching
/// `isValid(_:for:secret:pathEncoding:)`; checking the request time
/// against the clock is a separate step (``isTimestampFresh(_:now:tolerance:)``,
/// ``SigV4PresignedQuery/isExpired(at:)``).
public enum SigV4 {
    /// The algorithm name that starts the `Authorization` header and the string to sign.
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// SHA-256 of the empty payload, the payload hash of a body-less request.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// The payload hash placeholder some services (S3) accept instead of the body's hash.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// Headers a signer leaves unsigned because proxies may change them (botocore's list).
    public static let unsignedHeaderNames: Set<String> = ["authorization", "expect", "user-agent", "x-amzn-trace-id"]

    /// How the path becomes the canonical URI.
    public enum PathEncoding: Sendable, Hashable {
        /// Every service but S3: dot segments and repeated slashes removed, then each path
        /// segment encoded again, so `%20` on the wire is `%2520` in the canonical URI.
        case double
        /// S3: the path is encoded once, with no normalisation.
        case single
    }

    // MARK: Canonical request

    /// The canonical URI of a path as it appears on the wire.
    public static func canonicalURI(_ path: String, encoding: PathEncoding = .double) -> String {
        // The path of every Query API request; either encoding leaves it as it is.
        if path == "/" { return path }
        let slash: Set<UInt8> = [UInt8(ascii: "/")]
        switch encoding {
        case .double:
            let encoded = PercentEncoding.encode(removingDotSegments(path.isEmpty ? "/" : path), alsoKeeping: slash)
            return encoded.isEmpty ? "/" : encoded
        case .single:
            let encoded = PercentEncoding.encode(PercentEncoding.decode(path), alsoKeeping: slash)
            return encoded.isEmpty ? "/" : encoded
        }
    }

    /// RFC 3986 §5.2.4 with AWS's extra rule that empty segments (`//`) are dropped; a trailing
    /// slash is kept. The same steps as botocore's `remove_dot_segments`.
    static func removingDotSegments(_ path: String) -> String {
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                if !output.isEmpty { output.removeLast() }
            } else {
                output.append(segment)
            }
        }
        let leading = path.hasPrefix("/") ? "/" : ""
        let trailing = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        return leading + output.joined(separator: "/") + trailing
    }

    /// Names and values RFC 3986-encoded, sorted by name then value, joined with `&`.
    public static func canonicalQueryString(_ query: [(name: String, value: String)]) -> String {
        var text = CanonicalText()
        text.appendQuery(query)
        return text.string
    }

    /// The signed header names lower-cased, de-duplicated and sorted.
    public static func normalizedHeaderNames(_ names: [String]) -> [String] {
        // Signers send the list already normalized; checking that is cheaper than redoing it.
        let isNormalized = names.allSatisfy(isLowercaseToken) && zip(names, names.dropFirst()).allSatisfy { pair in
            pair.0.utf8.lexicographicallyPrecedes(pair.1.utf8)
        }
        if isNormalized { return names }
        return Array(Set(names.map { String($0.lowercased().trimmingBlanks) }))
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Whether `name` is a non-empty run of printable ASCII without upper-case letters or blanks.
    private static func isLowercaseToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !(0x41...0x5A).contains($0) }
    }

    /// The hex SHA-256 of a request body; the empty body's is a constant.
    public static func payloadHash(of body: some DataProtocol) -> String {
        body.isEmpty ? emptyPayloadHash : Hex.encode(SHA256.hash(data: body))
    }

    /// One `name:value\n` line per signed header: values trimmed, runs of whitespace collapsed to
    /// one space, repeated headers joined with commas in the order received.
    public static func canonicalHeaders(_ headers: [(name: String, value: String)], signedHeaders: [String]) -> String {
        var text = CanonicalText()
        text.appendHeaders(headers, normalizedNames: normalizedHeaderNames(signedHeaders))
        return text.string
    }

    /// Whether a header value is already trimmed with single spaces only (as SDKs send them), so
    /// canonicalizing it would not change it.
    static func isCanonicalValue(_ value: String) -> Bool {
        var previous = UInt8(ascii: " ")
        for byte in value.utf8 {
            // Any other whitespace, or non-ASCII text, goes the long way.
            if byte < 0x20 || byte >= 0x80 || (byte == UInt8(ascii: " ") && previous == byte) { return false }
            previous = byte
        }
        return previous != UInt8(ascii: " ")
    }

    /// The canonical request: method, canonical URI, canonical query string, canonical headers,
    /// signed headers and payload hash, separated by newlines.
    public static func canonicalRequest(
        _ request: SigV4Request, signedHeaders: [String], pathEncoding: PathEncoding = .double
    ) -> String {
        var text = CanonicalText()
        text.appendCanonicalRequest(request, signedHeaders: signedHeaders, pathEncoding: pathEncoding)
        return text.string
    }

    // MARK: String to sign and key

    /// `AWS4-HMAC-SHA256`, the request time, the scope, and the hex SHA-256 of the canonical request.
    public static func stringToSign(canonicalRequest: String, amzDate: String, scope: SigV4Scope) -> String {
        var text = CanonicalText()
        text.appendStringToSign(canonicalRequestDigest: SHA256.hash(data: Array(canonicalRequest.utf8)), amzDate: amzDate, scope: scope)
        return text.string
    }

    /// `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
    public static func signingKey(secret: String, scope: SigV4Scope) -> SymmetricKey {
        var key = SymmetricKey(data: Data(("AWS4" + secret).utf8))
        for component in [scope.date, scope.region, scope.service, SigV4Scope.terminator] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(component.utf8), using: key)))
        }
        return key
    }

    /// The lower-case hex HMAC-SHA256 of the string to sign under the signing key.
    public static func signature(signingKey: SymmetricKey, stringToSign: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: signingKey))
    }

    // MARK: Signing

    /// Signs `request` in place the way the AWS SDKs do: sets `X-Amz-Date`, then adds an
    /// `Authorization` header that signs every header present except ``unsignedHeaderNames``.
    ///
    /// The request must already carry a `Host` header.
    public static func sign(
        _ request: inout SigV4Request, accessKeyID: String, secret: String, date: Date,
        region: String, service: String, pathEncoding: PathEncoding = .double
    ) {
        let amzDate = amzDate(date)
        request.headers.removeAll { ["authorization", "x-amz-date"].contains($0.name.lowercased()) }
        request.headers.append((name: "X-Amz-Date", value: amzDate))
        let scope = SigV4Scope(date: String(amzDate.prefix(8)), region: region, service: service)
        let signedHeaders = normalizedHeaderNames(
            request.headers.map(\.name).filter { !unsignedHeaderNames.contains($0.lowercased()) })
        let stringToSign = stringToSign(
            canonicalRequest: canonicalRequest(request, signedHeaders: signedHeaders, pathEncoding: pathEncoding),
            amzDate: amzDate, scope: scope)
        let authorization = SigV4Authorization(
            accessKeyID: accessKeyID, scope: scope, signedHeaders: signedHeaders,
            signature: signature(signingKey: signingKey(secret: secret, scope: scope), stringToSign: stringToSign))
        request.headers.append((name: "Authorization", value: authorization.headerValue))
    }

    /// Presigns `request` in place: appends `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`,
    /// `X-Amz-Expires`, `X-Amz-SignedHeaders` and finally `X-Amz-Signature` to its query.
    ///
    /// The request must carry a `Host` header; its `payloadHash` is signed as is (the empty
    /// payload's hash for most services, ``unsignedPayload`` for S3).
    public static func presign(
        _ request: inout SigV4Request, accessKeyID: String, secret: String, date: Date,
        region: String, service: String, expires: Int, pathEncoding: PathEncoding = .double
    ) {
        let amzDate = amzDate(date)
        let scope = SigV4Scope(date: String(amzDate.prefix(8)), region: region, service: service)
        let signedHeaders = normalizedHeaderNames(
            request.headers.map(\.name).filter { !unsignedHeaderNames.contains($0.lowercased()) })
        request.query += [
            (name: "X-Amz-Algorithm", value: algorithm),
            (name: "X-Amz-Credential", value: "\(accessKeyID)/\(scope)"),
            (name: "X-Amz-Date", value: amzDate),
            (name: "X-Amz-Expires", value: String(expires)),
            (name: "X-Amz-SignedHeaders", value: signedHeaders.joined(separator: ";")),
        ]
        let stringToSign = stringToSign(
            canonicalRequest: canonicalRequest(request, signedHeaders: signedHeaders, pathEncoding: pathEncoding),
            amzDate: amzDate, scope: scope)
        request.query.append(
            (name: "X-Amz-Signature", value: signature(signingKey: signingKey(secret: secret, scope: scope), stringToSign: stringToSign)))
    }

    // MARK: Verification

    /// Whether `authorization` is a correct signature of `request` under `secret`.
    ///
    /// The request time is its `X-Amz-Date` header, whose day must equal the scope's date; `host`
    /// must be among the signed headers and every signed header must be present. The signature is
    /// compared in constant time. Freshness is checked separately with
    /// ``isTimestampFresh(_:now:tolerance:)``.
    public static func isValid(
        _ authorization: SigV4Authorization, for request: SigV4Request, secret: String,
        pathEncoding: PathEncoding = .double
    ) -> Bool {
        let dates = request.values(ofHeader: "x-amz-date")
        guard dates.count == 1, let amzDate = dates.first else { return false }
        return isValid(
            signature: authorization.signature, scope: authorization.scope, amzDate: amzDate,
            signedHeaders: authorization.signedHeaders, request: request,
            signer: SigV4Signer(signingKey: signingKey(secret: secret, scope: authorization.scope)),
            pathEncoding: pathEncoding)
    }

    /// Whether `presigned` is a correct signature of `request` (whose query still holds the
    /// `X-Amz-*` parameters) under `secret`. `X-Amz-Signature` is left out of the canonical query,
    /// as the signer had not added it yet. Expiry is checked separately with
    /// ``SigV4PresignedQuery/isExpired(at:)``.
    public static func isValid(
        _ presigned: SigV4PresignedQuery, for request: SigV4Request, secret: String,
        pathEncoding: PathEncoding = .double
    ) -> Bool {
        var unsigned = request
        unsigned.query.removeAll { $0.name == "X-Amz-Signature" }
        return isValid(
            signature: presigned.signature, scope: presigned.scope, amzDate: presigned.amzDate,
            signedHeaders: presigned.signedHeaders, request: unsigned,
            signer: SigV4Signer(signingKey: signingKey(secret: secret, scope: presigned.scope)),
            pathEncoding: pathEncoding)
    }

    /// The check behind both public forms, with a signer already keyed (servers keep one per
    /// key, day, region and service).
    package static func isValid(
        signature expected: String, scope: SigV4Scope, amzDate: String, signedHeaders: [String],
        request: SigV4Request, signer: SigV4Signer, pathEncoding: PathEncoding = .double
    ) -> Bool {
        guard date(fromAmzDate: amzDate) != nil, amzDate.utf8.prefix(8).elementsEqual(scope.date.utf8),
              signedHeaders.contains("host"),
              signedHeaders.allSatisfy({ request.containsHeader($0) })
        else { return false }
        // Built and hashed as bytes: the String steps above cost a served request more than the
        // cryptography does.
        var text = CanonicalText()
        text.appendCanonicalRequest(request, signedHeaders: signedHeaders, pathEncoding: pathEncoding)
        let digest = SHA256.hash(data: text.bytes)
        text.bytes.removeAll(keepingCapacity: true)
        text.appendStringToSign(canonicalRequestDigest: digest, amzDate: amzDate, scope: scope)
        let actual = signer.authenticationCode(for: text.bytes)
        return Hex.withDigits(of: actual) { ConstantTime.equals($0, expected.utf8) }
    }

    /// Whether the request time `amzDate` is within `tolerance` seconds of `now` (AWS allows
    /// five minutes of skew either way).
    public static func isTimestampFresh(_ amzDate: String, now: Date, tolerance: TimeInterval = 300) -> Bool {
        guard let date = date(fromAmzDate: amzDate) else { return false }
        return abs(date.timeIntervalSince(now)) <= tolerance
    }

    /// AWS's error when a signature does not verify.
    public static func signatureDoesNotMatchError() -> IAMError {
        IAMError(
            IAMError.Code(rawValue: "SignatureDoesNotMatch"),
            "The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
    }

    // MARK: Dates

    /// `yyyymmddThhmmssZ` in UTC, the `X-Amz-Date` form.
    public static func amzDate(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(fromDays: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T"
            + pad(secondOfDay / 3600, 2) + pad(secondOfDay / 60 % 60, 2) + pad(secondOfDay % 60, 2) + "Z"
    }

    /// Parses `yyyymmddThhmmssZ`; `nil` unless it is exactly that and a real UTC time.
    public static func date(fromAmzDate text: String) -> Date? {
        let utf8 = text.utf8
        guard utf8.count == 16, let days = days(fromYYYYMMDD: utf8.prefix(8)) else { return nil }
        var time = utf8.dropFirst(8).makeIterator()
        guard time.next() == UInt8(ascii: "T"), let hour = twoDigits(&time), let minute = twoDigits(&time),
              let second = twoDigits(&time), time.next() == UInt8(ascii: "Z"),
              hour < 24, minute < 60, second < 60
        else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    /// Days since 1970-01-01 of an 8-digit `yyyymmdd` that names a real day; `nil` otherwise
    /// (`20150231` among them).
    static func days(fromYYYYMMDD digits: some Collection<UInt8>) -> Int? {
        var bytes = digits.makeIterator()
        guard digits.count == 8, let century = twoDigits(&bytes), let yearOfCentury = twoDigits(&bytes),
              let month = twoDigits(&bytes), let day = twoDigits(&bytes), (1...12).contains(month), day >= 1
        else { return nil }
        let year = century * 100 + yearOfCentury
        let days = daysFromCivil(year: year, month: month, day: day)
        guard civilDate(fromDays: days) == (year, month, day) else { return nil }
        return days
    }

    /// The next two bytes as a decimal number, if both are digits.
    private static func twoDigits(_ bytes: inout some IteratorProtocol<UInt8>) -> Int? {
        guard let tens = bytes.next(), let ones = bytes.next(), (0x30...0x39).contains(tens), (0x30...0x39).contains(ones) else {
            return nil
        }
        return Int(tens - 0x30) * 10 + Int(ones - 0x30)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilDate(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    // MARK: Parsing helpers shared by the header and query forms

    static func incompleteSignature(_ message: String) -> IAMError {
        IAMError(IAMError.Code(rawValue: "IncompleteSignature"), message)
    }

    /// `AKID/yyyymmdd/region/service/aws4_request`.
    static func parseCredential(_ credential: Substring) throws -> (String, SigV4Scope) {
        let parts = credential.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { Substring($0) }
        guard parts.count == 5, !parts[0].isEmpty, !parts[2].isEmpty, !parts[3].isEmpty else {
            throw incompleteSignature(
                "Credential should be of the form ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/aws4_request, not '\(credential)'.")
        }
        guard parts[4] == SigV4Scope.terminator else {
            throw incompleteSignature("Credential should be scoped with a valid terminator: 'aws4_request', not '\(parts[4])'.")
        }
        guard days(fromYYYYMMDD: parts[1].utf8) != nil else {
            throw incompleteSignature("Credential scope date '\(parts[1])' is not a valid YYYYMMDD date.")
        }
        return (String(parts[0]), SigV4Scope(date: String(parts[1]), region: String(parts[2]), service: String(parts[3])))
    }

    /// `content-type;host;x-amz-date`: non-empty lower-case names.
    static func parseSignedHeaders(_ list: Substring) throws -> [String] {
        let names = list.utf8.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map { String(Substring($0)) }
        // Header names are ASCII tokens: lower case means no byte from A to Z and none past ASCII.
        let isLowercase = { (name: String) in !name.isEmpty && name.utf8.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) } }
        guard !list.isEmpty, names.allSatisfy(isLowercase) else {
            throw incompleteSignature("SignedHeaders must be a semicolon-separated list of lower-case header names, not '\(list)'.")
        }
        return names
    }

    static func parseSignature(_ signature: Substring) throws -> String {
        guard Hex.isLowercaseHex(signature, count: 64) else {
            throw incompleteSignature("Signature must be 64 lower-case hexadecimal digits.")
        }
        return String(signature)
    }
}
