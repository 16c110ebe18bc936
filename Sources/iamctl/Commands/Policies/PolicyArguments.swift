import ArgumentParser
import Foundation
import IAMCore
import IAMService

/// Reads parameter values the way the aws CLI does: `file://path` is replaced by the file's
/// contents; anything else is taken as given (inline JSON for documents).
enum ParameterValue {
    static func read(_ value: String) throws -> String {
        guard value.hasPrefix("file://") else { return value }
        let path = String(value.dropFirst("file://".count))
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CLIError("Error parsing parameter: Unable to load paramfile \(value): no such file or not UTF-8.")
        }
        return text
    }

    /// `--cli-input-json`: a JSON object (inline or `file://`) whose members are the operation's parameters.
    static func cliInput(_ value: String?) throws -> [String: Any] {
        guard let value else { return [:] }
        let text = try read(value)
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw CLIError("Error parsing parameter 'cli-input-json': Invalid JSON received.")
        }
        return object
    }

    /// `--context-entries`: shorthand `ContextKeyName=k,ContextKeyValues=v1,ContextKeyType=string`
    /// (one entry per word) or JSON (`[{"ContextKeyName": …}]`).
    static func contextEntries(_ words: [String]) throws -> [SimulationContextEntry] {
        var entries: [SimulationContextEntry] = []
        for word in words {
            let trimmed = word.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") || trimmed.hasPrefix("{") {
                guard let value = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) else {
                    throw CLIError("Invalid JSON for --context-entries: \(word)")
                }
                entries += try contextEntries(json: (value as? [Any]) ?? [value])
            } else {
                var name: String?
                var values: [String] = []
                var type = RequestContext.KeyType.string
                var lastField = ""
                for field in trimmed.split(separator: ",") {
                    if let equals = field.firstIndex(of: "=") {
                        lastField = String(field[..<equals])
                        let text = String(field[field.index(after: equals)...])
                        switch lastField {
                        case "ContextKeyName": name = text
                        case "ContextKeyValues": values.append(text)
                        case "ContextKeyType":
                            guard let parsed = RequestContext.KeyType(rawValue: text) else { throw CLIError("Unknown ContextKeyType \(text).") }
                            type = parsed
                        default: throw CLIError("Unknown field \(lastField) in --context-entries.")
                        }
                    } else if lastField == "ContextKeyValues" {
                        values.append(String(field))
                    } else {
                        throw CLIError("Expected ContextKeyName=k,ContextKeyValues=v,ContextKeyType=t, got: \(word)")
                    }
                }
                guard let name else { throw CLIError("Each context entry needs a ContextKeyName: \(word)") }
                entries.append(SimulationContextEntry(key: name, values: values, type: type))
            }
        }
        return entries
    }

    static func contextEntries(json objects: [Any]) throws -> [SimulationContextEntry] {
        try objects.map { object in
            guard let pairs = object as? [String: Any], let name = pairs["ContextKeyName"] as? String else {
                throw CLIError("Each context entry needs a ContextKeyName.")
            }
            let typeText = pairs["ContextKeyType"] as? String ?? "string"
            guard let type = RequestContext.KeyType(rawValue: typeText) else { throw CLIError("Unknown ContextKeyType \(typeText).") }
            let values = (pairs["ContextKeyValues"] as? [Any] ?? []).map { "\($0)" }
            return SimulationContextEntry(key: name, values: values, type: type)
        }
    }
}

/// Parses `--scope` like the aws CLI.
extension PolicyScope: ExpressibleByArgument {}

extension IAMService.PolicyUsage: ExpressibleByArgument {}
