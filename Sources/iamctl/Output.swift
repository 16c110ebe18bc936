import Foundation
import IAMCore

/// Prints an AWS-shaped response in the chosen `--output` format.
struct OutputRenderer {
    var format: OutputFormat

    func render(_ value: JSONValue, title: String) -> String {
        switch format {
        case .json: value.text(pretty: true)
        case .text: textLines(value, label: nil).joined(separator: "\n")
        case .table: table(value, title: title)
        }
    }

    // MARK: text — as the aws CLI: one line per object, scalars tab-separated in key order,
    // prefixed by the upper-cased name of the list they belong to.

    private func textLines(_ value: JSONValue, label: String?) -> [String] {
        switch value {
        case .object(let pairs):
            let scalars = pairs.sorted { $0.0 < $1.0 }.compactMap { _, member in scalarText(member) }
            var lines: [String] = []
            if !scalars.isEmpty {
                lines.append(([label?.uppercased()].compactMap { $0 } + scalars).joined(separator: "\t"))
            }
            for (key, member) in pairs.sorted(by: { $0.0 < $1.0 }) where scalarText(member) == nil {
                lines += textLines(member, label: key)
            }
            return lines
        case .array(let items):
            if items.allSatisfy({ scalarText($0) != nil }) {
                return items.isEmpty ? [] : [([label?.uppercased()].compactMap { $0 } + items.compactMap(scalarText)).joined(separator: "\t")]
            }
            return items.flatMap { textLines($0, label: label) }
        default:
            return [scalarText(value) ?? ""]
        }
    }

    private func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .number(let number): String(number)
        case .bool(let flag): flag ? "True" : "False"
        case .null: "None"
        case .array, .object: nil
        }
    }

    // MARK: table — a titled box; lists of objects become columns.

    private func table(_ value: JSONValue, title: String) -> String {
        var rows: [[String]] = []
        var sections: [String] = []
        switch value {
        case .object(let pairs):
            for (key, member) in pairs {
                if let text = scalarText(member) {
                    rows.append([key, text])
                } else {
                    sections.append(table(member, title: key))
                }
            }
        case .array(let items):
            let objects = items.compactMap { item -> [(String, JSONValue)]? in
                if case .object(let pairs) = item { return pairs } else { return nil }
            }
            if objects.count == items.count, !objects.isEmpty {
                var headers: [String] = []
                for pairs in objects {
                    for (key, member) in pairs where scalarText(member) != nil && !headers.contains(key) { headers.append(key) }
                }
                rows.append(headers)
                for pairs in objects {
                    rows.append(headers.map { key in pairs.first { $0.0 == key }.flatMap { scalarText($0.1) } ?? "" })
                }
            } else {
                rows = items.map { [scalarText($0) ?? $0.text()] }
            }
        default:
            rows.append([scalarText(value) ?? ""])
        }
        return ([box(title: title, rows: rows)] + sections).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    private func box(title: String, rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        let inner = max(title.count, widths.reduce(0, +) + max(0, columns - 1) * 3)
        if columns > 0, let last = widths.indices.last {
            widths[last] += inner - (widths.reduce(0, +) + max(0, columns - 1) * 3)
        }
        let rule = "+" + String(repeating: "-", count: inner + 2) + "+"
        let padding = inner - title.count
        var lines = [rule, "|" + String(repeating: " ", count: padding / 2 + 1) + title + String(repeating: " ", count: padding - padding / 2 + 1) + "|", rule]
        for row in rows {
            let cells = (0..<columns).map { column in
                let text = column < row.count ? row[column] : ""
                return text + String(repeating: " ", count: widths[column] - text.count)
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if !rows.isEmpty { lines.append(rule) }
        return lines.joined(separator: "\n")
    }
}

extension CommandEnvironment {
    /// Prints `value` in the command's output format.
    func emit(_ value: JSONValue, format: OutputFormat, title: String) {
        print(OutputRenderer(format: format).render(value, title: title))
    }
}
