import ArgumentParser
import Foundation
import IAMCore
import IAMService

/// The aws CLI's client-side pagination options: it follows markers itself and prints one merged
/// list, or stops after `--max-items` and prints a `NextToken` to pass as `--starting-token`.
struct PaginationOptions: ParsableArguments {
    @Option(name: .customLong("max-items"), help: "The total number of items to return; a NextToken follows when more exist.")
    var maxItems: Int?

    @Option(name: .customLong("starting-token"), help: "A NextToken printed by an earlier call.")
    var startingToken: String?

    @Option(name: .customLong("page-size"), help: "How many items to fetch per service call (1-1000).")
    var pageSize: Int?

    func validate() throws {
        if let maxItems, maxItems < 1 { throw ValidationError("--max-items must be at least 1.") }
        if let pageSize, !(1...1000).contains(pageSize) { throw ValidationError("--page-size must be between 1 and 1000.") }
    }

    /// Fetches pages until the list ends or `--max-items` items are collected.
    func collect<T: Sendable>(_ fetch: (PageRequest) async throws -> Page<T>) async throws -> (items: [T], nextToken: String?) {
        var items: [T] = []
        var marker = startingToken
        while true {
            var size = pageSize ?? 100
            if let maxItems { size = min(size, maxItems - items.count) }
            let page = try await fetch(PageRequest(marker: marker, maxItems: size))
            items += page.items
            marker = page.nextMarker
            guard let next = marker else { return (items, nil) }
            if let maxItems, items.count >= maxItems { return (items, next) }
        }
    }
}

/// Parses `--tags` the way the aws CLI does: shorthand (`Key=k,Value=v`, one tag per word) or
/// JSON (`[{"Key": "k", "Value": "v"}]`, or one object per word).
enum TagArguments {
    static func parse(_ words: [String]) throws -> [Tag] {
        var tags: [Tag] = []
        for word in words {
            let trimmed = word.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") || trimmed.hasPrefix("{") {
                guard let value = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) else {
                    throw ValidationError("Invalid JSON for --tags: \(word)")
                }
                let objects = (value as? [Any]) ?? [value]
                for object in objects {
                    guard let pairs = object as? [String: Any], let key = pairs["Key"] as? String else {
                        throw ValidationError("Each tag needs a Key: \(word)")
                    }
                    tags.append(Tag(key: key, value: pairs["Value"] as? String ?? ""))
                }
            } else {
                var key: String?
                var value = ""
                for field in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let equals = field.firstIndex(of: "=") else {
                        throw ValidationError("Expected Key=k,Value=v for --tags, got: \(word)")
                    }
                    let name = field[..<equals]
                    let text = String(field[field.index(after: equals)...])
                    switch name {
                    case "Key": key = text
                    case "Value": value = text
                    default: throw ValidationError("Unknown tag field \(name) in --tags (expected Key and Value).")
                    }
                }
                guard let key else { throw ValidationError("Each tag needs a Key: \(word)") }
                tags.append(Tag(key: key, value: value))
            }
        }
        return tags
    }
}

extension JSONValue {
    /// Appends `NextToken` to a list response, as the aws CLI does when it stops early.
    func withNextToken(_ token: String?) -> JSONValue {
        guard let token, case .object(var pairs) = self else { return self }
        pairs.append(("NextToken", .string(token)))
        return .object(pairs)
    }
}
