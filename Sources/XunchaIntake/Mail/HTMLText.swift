/// Readable text from an HTML mail body: tags stripped, entities decoded, paragraph and line
/// breaks kept, script, style, head and comments dropped. Not a browser: mail HTML is shallow,
/// and staff need the words and where the paragraphs end, not the layout.
enum HTMLText {
    private static let dropped: Set<String> = ["script", "style", "head", "title", "noscript", "template", "xml", "o:p"]
    private static let paragraph: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol", "pre", "hr", "dl"]
    private static let line: Set<String> = [
        "div", "tr", "li", "section", "article", "header", "footer", "address", "dt", "dd", "caption", "form", "center", "nav",
        "aside", "main", "figure", "tbody", "thead",
    ]

    static func text(_ html: String) -> String {
        let s = Array(html.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(s.count)
        var i = 0
        var pre = 0
        var pendingSpace = false
        var scanBudget = 4 * s.count + 65_536

        func newline(_ count: Int) {
            pendingSpace = false
            // Trailing spaces before a break carry nothing.
            while let last = out.last, last == " " { out.removeLast() }
            var have = 0
            for c in out.reversed() {
                if c == "\n" { have += 1 } else { break }
            }
            if out.isEmpty { return }
            for _ in have..<max(have, count) { out.append("\n") }
        }
        func emit(_ c: Unicode.Scalar) {
            if pre == 0 && (c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}") {
                pendingSpace = true
                return
            }
            if pendingSpace {
                if let last = out.last, last != "\n" { out.append(" ") }
                pendingSpace = false
            }
            out.append(c)
        }

        while i < s.count {
            let c = s[i]
            if c == "<" {
                if matches(s, i, "<!--") {
                    i = find(s, from: i + 4, "-->").map { $0 + 3 } ?? s.count
                    continue
                }
                // Failed tag scans are budgeted: "<a" after "<a" with no ">" must not cost n².
                guard scanBudget > 0, let (name, closing, end) = tag(s, at: i, budget: &scanBudget) else {
                    emit(c)
                    i += 1
                    continue
                }
                i = end
                if !closing && dropped.contains(name) {
                    // Skip to the matching close tag; an unclosed <style> eats the rest, as browsers do.
                    i = find(s, from: i, "</" + name, caseInsensitive: true).flatMap { at in find(s, from: at, ">").map { $0 + 1 } } ?? s.count
                    continue
                }
                if name == "br" {
                    pendingSpace = false
                    while let last = out.last, last == " " { out.removeLast() }
                    out.append("\n")
                } else if paragraph.contains(name) {
                    if name == "pre" { pre = closing ? max(0, pre - 1) : pre + 1 }
                    newline(2)
                } else if line.contains(name) {
                    newline(1)
                } else if name == "td" || name == "th" {
                    if !closing { emit(" ") }
                } else if name == "img", !closing {
                    // Images carry no text; their alt text is what the writer meant them to say.
                    if let alt = attribute(s, from: i, tagStart: i, name: "alt"), !alt.isEmpty {
                        for a in alt.unicodeScalars { emit(a) }
                    }
                }
                continue
            }
            if c == "&", let (decoded, next) = entity(s, at: i) {
                for d in decoded.unicodeScalars { emit(d == "\u{A0}" ? " " : d) }
                i = next
                continue
            }
            emit(c)
            i += 1
        }
        // No more than one blank line in a row; no blank lines at the ends.
        var lines = String(out).split(separator: "\n", omittingEmptySubsequences: false).map(trimTrailing)
        while lines.first == "" { lines.removeFirst() }
        while lines.last == "" { lines.removeLast() }
        var result: [String] = []
        for l in lines where !(l.isEmpty && result.last == "") { result.append(l) }
        return result.joined(separator: "\n")
    }

    /// Trailing space only: leading space survives only inside <pre>, where it is meant.
    private static func trimTrailing(_ line: Substring) -> String {
        guard let last = line.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(line[...last])
    }

    private static func matches(_ s: [Unicode.Scalar], _ i: Int, _ word: String) -> Bool {
        var k = i
        for w in word.unicodeScalars {
            guard k < s.count, s[k] == w else { return false }
            k += 1
        }
        return true
    }

    private static func find(_ s: [Unicode.Scalar], from: Int, _ word: String, caseInsensitive: Bool = false) -> Int? {
        let w = Array(word.lowercased().unicodeScalars)
        guard !w.isEmpty, from < s.count else { return nil }
        var i = from
        while i + w.count <= s.count {
            var ok = true
            for k in 0..<w.count {
                var c = s[i + k]
                if caseInsensitive, c.value >= 0x41, c.value <= 0x5A { c = Unicode.Scalar(c.value + 32)! }
                if c != w[k] {
                    ok = false
                    break
                }
            }
            if ok { return i }
            i += 1
        }
        return nil
    }

    /// The tag at `i`: lower-cased name, whether it closes, and the index after its `>`.
    private static func tag(_ s: [Unicode.Scalar], at i: Int, budget: inout Int) -> (String, Bool, Int)? {
        var k = i + 1
        var closing = false
        if k < s.count, s[k] == "/" {
            closing = true
            k += 1
        }
        if k < s.count, s[k] == "!" || s[k] == "?" {
            // <!DOCTYPE …>, <?xml …?>: nothing to read.
            guard let end = find(s, from: k, ">") else { return nil }
            return ("!", false, end + 1)
        }
        var name = String.UnicodeScalarView()
        while k < s.count, s[k].properties.isAlphabetic || s[k] == ":" || (s[k].value >= 0x30 && s[k].value <= 0x39 && !name.isEmpty) {
            name.append(s[k])
            k += 1
        }
        guard !name.isEmpty else { return nil }
        // Find the ">" that ends the tag, stepping over quoted attribute values.
        var quote: Unicode.Scalar?
        while k < s.count {
            let c = s[k]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ">" {
                return (String(name).lowercased(), closing, k + 1)
            }
            k += 1
        }
        budget -= k - i
        return nil
    }

    /// An attribute's value inside the tag that ends just before `from`.
    private static func attribute(_ s: [Unicode.Scalar], from end: Int, tagStart: Int, name: String) -> String? {
        var start = end - 1
        while start > 0, s[start] != "<" { start -= 1 }
        let tagText = String(String.UnicodeScalarView(s[start..<end]))
        let lower = tagText.lowercased()
        guard let r = lower.range(of: " " + name + "=") else { return nil }
        var rest = tagText[r.upperBound...]
        if let q = rest.first, q == "\"" || q == "'" {
            rest = rest.dropFirst()
            return String(rest.prefix { $0 != q })
        }
        return String(rest.prefix { $0 != " " && $0 != ">" && $0 != "/" })
    }

    private static let named: [String: String] = [
        "nbsp": "\u{A0}", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "mdash": "—", "ndash": "–",
        "hellip": "…", "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "middot": "·", "bull": "•", "copy": "©",
        "reg": "®", "trade": "™", "times": "×", "divide": "÷", "yen": "¥", "emsp": " ", "ensp": " ", "thinsp": " ",
        "laquo": "«", "raquo": "»", "deg": "°", "plusmn": "±", "sect": "§", "para": "¶", "cent": "¢", "pound": "£", "euro": "€",
        "zwj": "", "zwnj": "", "shy": "",
    ]

    /// `&name;`, `&#123;` or `&#x4E2D;` at `i`; nil leaves the ampersand as text.
    private static func entity(_ s: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        var k = i + 1
        var body = String.UnicodeScalarView()
        while k < s.count, k - i <= 12, s[k] != ";" {
            guard s[k].isASCII, s[k].properties.isAlphabetic || (s[k].value >= 0x30 && s[k].value <= 0x39) || s[k] == "#" else { break }
            body.append(s[k])
            k += 1
        }
        let hasSemicolon = k < s.count && s[k] == ";"
        let name = String(body)
        let next = hasSemicolon ? k + 1 : k
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return nil }
            return (String(scalar), next)
        }
        // Named entities without ";" only for the few old ones browsers also accept that way.
        guard let v = named[name], hasSemicolon || ["nbsp", "amp", "lt", "gt", "quot"].contains(name) else { return nil }
        return (v, next)
    }
}
