import Mustache

/// HTML escaping by Unicode scalar, for every template (`Pages` puts its pragma first in each).
/// The template engine's own escaping looks at whole characters, so a `"` followed by a combining
/// mark (U+0301) is one character that is not a quote, and would leave an attribute unescaped.
struct ScalarHTML: MustacheContentType {
    static let name = "XUNCHA_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    func escapeText(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
