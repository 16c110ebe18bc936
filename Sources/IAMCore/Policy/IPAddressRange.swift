/// An IPv4 or IPv6 CIDR block, as used by `IpAddress` and `NotIpAddress` (RFC 4632 and RFC 4291).
///
/// A bare address is a block of one: `/32` for IPv4, `/128` for IPv6. Addresses of one family never
/// fall inside a block of the other. Parsing works on UTF-8 bytes without allocating, because request
/// addresses are parsed on every evaluation of an IP condition.
struct IPAddressRange: Sendable, Hashable {
    var isIPv6: Bool
    /// The address, left-aligned in 128 bits (an IPv4 address occupies the top 32 bits of `high`).
    var high: UInt64
    var low: UInt64
    var prefixLength: Int

    /// Parses `a.b.c.d[/n]` or an IPv6 address (with `::` and an optional dotted IPv4 tail) `[/n]`.
    init?(_ text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Self.parse($0) }) else { return nil }
        self = parsed
    }

    private init(isIPv6: Bool, high: UInt64, low: UInt64, prefixLength: Int) {
        self.isIPv6 = isIPv6
        self.high = high
        self.low = low
        self.prefixLength = prefixLength
    }

    /// Whether `address` (whose own prefix, if any, is ignored) lies inside this block.
    func contains(_ address: IPAddressRange) -> Bool {
        guard address.isIPv6 == isIPv6 else { return false }
        let (highMask, lowMask) = Self.masks(prefixLength)
        return address.high & highMask == high & highMask && address.low & lowMask == low & lowMask
    }

    private static func masks(_ length: Int) -> (UInt64, UInt64) {
        switch length {
        case 0: (0, 0)
        case 1..<64: (~UInt64(0) << UInt64(64 - length), 0)
        case 64: (~UInt64(0), 0)
        case 65..<128: (~UInt64(0), ~UInt64(0) << UInt64(128 - length))
        default: (~UInt64(0), ~UInt64(0))
        }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> IPAddressRange? {
        var end = bytes.count
        var prefix: Int?
        if let slash = bytes.firstIndex(of: UInt8(ascii: "/")) {
            let digits = UnsafeBufferPointer(rebasing: bytes[(slash + 1)...])
            guard (1...3).contains(digits.count), let value = decimal(digits) else { return nil }
            prefix = value
            end = slash
        }
        let address = UnsafeBufferPointer(rebasing: bytes[..<end])
        if !address.contains(UInt8(ascii: ":")) {
            guard let v4 = parseIPv4(address), (prefix ?? 32) <= 32 else { return nil }
            return IPAddressRange(isIPv6: false, high: UInt64(v4) << 32, low: 0, prefixLength: prefix ?? 32)
        }
        guard let (high, low) = parseIPv6(address), (prefix ?? 128) <= 128 else { return nil }
        return IPAddressRange(isIPv6: true, high: high, low: low, prefixLength: prefix ?? 128)
    }

    /// An unsigned decimal of ASCII digits, or `nil`.
    private static func decimal(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func parseIPv4(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var octets = 0
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ".") {
            let field = UnsafeBufferPointer(rebasing: bytes[start..<index])
            guard field.count <= 3, let octet = decimal(field), octet <= 255, octets < 4 else { return nil }
            value = value << 8 | UInt32(octet)
            octets += 1
            start = index + 1
        }
        return octets == 4 ? value : nil
    }

    /// Groups of up to four hexadecimal digits separated by colons; the last may be a dotted IPv4
    /// address when `allowsIPv4Tail`. Returns `nil` on a malformed group.
    private static func parseGroups(
        _ bytes: UnsafeBufferPointer<UInt8>, allowsIPv4Tail: Bool, into groups: inout (count: Int, values: [UInt16])
    ) -> Bool {
        guard !bytes.isEmpty else { return true }
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ":") {
            let field = UnsafeBufferPointer(rebasing: bytes[start..<index])
            if index == bytes.count, allowsIPv4Tail, field.contains(UInt8(ascii: ".")) {
                guard let v4 = parseIPv4(field), groups.count + 2 <= 8 else { return false }
                groups.values[groups.count] = UInt16(v4 >> 16)
                groups.values[groups.count + 1] = UInt16(v4 & 0xFFFF)
                groups.count += 2
                return true
            }
            guard (1...4).contains(field.count), groups.count < 8 else { return false }
            var group: UInt16 = 0
            for byte in field {
                let digit: UInt16
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt16(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt16(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt16(byte - UInt8(ascii: "A") + 10)
                default: return false
                }
                group = group << 4 | digit
            }
            groups.values[groups.count] = group
            groups.count += 1
            start = index + 1
        }
        return true
    }

    private static func parseIPv6(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        var compression: Int?
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: ":") && bytes[index + 1] == UInt8(ascii: ":") {
                guard compression == nil else { return nil }  // at most one `::`
                compression = index
                index += 2
            } else {
                index += 1
            }
        }
        var head = (count: 0, values: [UInt16](repeating: 0, count: 8))
        var tail = (count: 0, values: [UInt16](repeating: 0, count: 8))
        if let compression {
            guard parseGroups(UnsafeBufferPointer(rebasing: bytes[..<compression]), allowsIPv4Tail: false, into: &head),
                parseGroups(UnsafeBufferPointer(rebasing: bytes[(compression + 2)...]), allowsIPv4Tail: true, into: &tail),
                head.count + tail.count <= 7
            else { return nil }
        } else {
            guard parseGroups(bytes, allowsIPv4Tail: true, into: &head), head.count == 8 else { return nil }
        }
        var groups = head.values
        for offset in 0..<tail.count {
            groups[8 - tail.count + offset] = tail.values[offset]
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for group in groups[0..<4] { high = high << 16 | UInt64(group) }
        for group in groups[4..<8] { low = low << 16 | UInt64(group) }
        return (high, low)
    }
}
