/// Translates the Java regular expressions of AWS service models into ICU syntax for `NSRegularExpression`.
///
/// AWS validates `pattern` constraints with `java.util.regex` and `Matcher.matches()`, so a value must
/// match in full. ICU agrees with Java on almost everything the IAM and STS models use (`\uhhhh`,
/// `\p{L}`, character classes, look-ahead), with these differences, which the translation removes:
///
/// - `\w`, `\d` and `\s` are ASCII-only in Java (without `UNICODE_CHARACTER_CLASS`) but Unicode-aware
///   in ICU, so `[\w+=,.@-]+` would accept `bób` in ICU and not in AWS. They become explicit ASCII sets.
/// - `[:` opens a POSIX-style property (`[:alpha:]`) in ICU but is a literal colon in Java
///   (IAM's `[:\w]+`), so a colon at the start of a class is escaped.
/// - Java's `matches()` anchors both ends; ICU's `$` also matches before a final newline, so the
///   pattern is wrapped in `\A(?:…)\z`.
///
/// Constructs the translation does not understand (negated shorthands inside a class, `\Q…\E`,
/// Java's POSIX and `java…` property names) throw rather than silently change meaning; a test
/// compiles every pattern in the models.
enum JavaPattern {
    /// A Java construct with no faithful ICU translation here.
    struct UnsupportedConstruct: Error, Equatable, CustomStringConvertible {
        var pattern: String
        var construct: String
        var description: String { "unsupported construct \(construct) in pattern \(pattern)" }
    }

    private static let asciiWord = "a-zA-Z_0-9"
    private static let asciiDigit = "0-9"
    private static let asciiSpace = #" \t\n\x{0B}\f\r"#

    /// The ICU pattern that accepts exactly the strings Java's `Pattern.matches(java, s)` accepts.
    static func icuPattern(fromJava java: String) throws(UnsupportedConstruct) -> String {
        let scalars = Array(java.unicodeScalars)
        var out = ""
        var classDepth = 0
        var i = 0

        func unsupported(_ construct: String) -> UnsupportedConstruct {
            UnsupportedConstruct(pattern: java, construct: construct)
        }

        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "\\":
                guard i + 1 < scalars.count else { throw unsupported("trailing backslash") }
                let next = scalars[i + 1]
                i += 2
                switch next {
                case "w": out += classDepth > 0 ? asciiWord : "[\(asciiWord)]"
                case "d": out += classDepth > 0 ? asciiDigit : "[\(asciiDigit)]"
                case "s": out += classDepth > 0 ? asciiSpace : "[\(asciiSpace)]"
                case "W", "D", "S":
                    guard classDepth == 0 else { throw unsupported("\\\(next) inside a character class") }
                    let set = next == "W" ? asciiWord : next == "D" ? asciiDigit : asciiSpace
                    out += "[^\(set)]"
                case "p", "P":
                    // Only one- or two-letter general categories (\p{L}, \p{Lu}) mean the same in both.
                    guard i < scalars.count, scalars[i] == "{",
                          let close = scalars[i...].firstIndex(of: "}")
                    else { throw unsupported("\\\(next) without {name}") }
                    let name = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
                    guard (1...2).contains(name.count), name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic })
                    else { throw unsupported("\\\(next){\(name)}") }
                    out += "\\\(next){\(name)}"
                    i = close + 1
                case "Q", "E": throw unsupported("\\\(next)")
                default:
                    // \uhhhh, \t, \n, \., \-, \/, \\ … read the same in ICU.
                    out.unicodeScalars.append("\\")
                    out.unicodeScalars.append(next)
                }
                continue
            case "[":
                classDepth += 1
                out += "["
                i += 1
                if i < scalars.count, scalars[i] == "^" {
                    out += "^"
                    i += 1
                }
                if i < scalars.count, scalars[i] == ":" {
                    out += "\\:"
                    i += 1
                }
                continue
            case "]" where classDepth > 0:
                classDepth -= 1
            default:
                break
            }
            out.unicodeScalars.append(c)
            i += 1
        }
        return "\\A(?:" + out + ")\\z"
    }
}
