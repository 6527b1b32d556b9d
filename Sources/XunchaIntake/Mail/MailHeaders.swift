/// One header field as it arrived, unfolded: folding line breaks removed, the white space kept.
public struct MailHeaderField: Sendable, Equatable {
    /// The name as written (compare with `is(_:)`, names are case-insensitive).
    public var name: String
    /// The unfolded value bytes, without the leading space after the colon.
    public var raw: [UInt8]

    func `is`(_ other: String) -> Bool { name.caseInsensitiveCompare(other) == .orderedSame }
}

/// A header block in order of appearance.
public struct MailHeaders: Sendable, Equatable {
    public var fields: [MailHeaderField] = []

    public init(fields: [MailHeaderField] = []) { self.fields = fields }

    /// The first field of that name.
    public func first(_ name: String) -> MailHeaderField? { fields.first { $0.is(name) } }

    /// The first value of that name as text: ASCII and UTF-8 as they are, other 8-bit bytes read
    /// with `fallbackCharset` (raw GBK in headers is common from Chinese clients), encoded words
    /// decoded when `decodeWords`.
    func text(_ name: String, fallbackCharset: String?, decodeWords: Bool, decisions: inout [CharsetDecision]) -> String? {
        guard let field = first(name) else { return nil }
        let plain = HeaderText.plain(field.raw, fallbackCharset: fallbackCharset, decisions: &decisions)
        return decodeWords ? EncodedWords.decode(plain, decisions: &decisions) : plain
    }
}

enum HeaderText {
    static func plain(_ raw: [UInt8], fallbackCharset: String?, decisions: inout [CharsetDecision]) -> String {
        if !raw.contains(where: { $0 >= 0x80 }) { return String(decoding: raw, as: UTF8.self) }
        if MailCharset.utf8MultibyteCount(raw[...]) != nil { return String(decoding: raw, as: UTF8.self) }
        let (text, decision) = TextDecoder.decode(raw[...], label: fallbackCharset ?? "gb18030")
        var d = decision
        d.note = "eight-bit header text; " + (d.note ?? "read as \(d.used)")
        decisions.append(d)
        return text
    }

    static func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// A Content-Type or Content-Disposition value: `type/subtype; name=value; …`.
struct MediaValue: Sendable {
    /// Lower-cased; for Content-Disposition the disposition ("inline", "attachment").
    var value: String
    /// Lower-cased names; RFC 2231 sections and charsets already assembled and decoded.
    var parameters: [String: String]

    var type: String { value.split(separator: "/", maxSplits: 1).first.map(String.init) ?? value }
    var subtype: String {
        let parts = value.split(separator: "/", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : ""
    }

    /// Parses a header value already turned into text (eight-bit bytes read, encoded words not yet).
    static func parse(_ text: String, decisions: inout [CharsetDecision]) -> MediaValue {
        let s = Array(text.unicodeScalars)
        var i = 0
        func skipSpaceAndComments() {
            while i < s.count {
                if s[i] == " " || s[i] == "\t" || s[i] == "\r" || s[i] == "\n" {
                    i += 1
                } else if s[i] == "(" {
                    var depth = 0
                    while i < s.count {
                        if s[i] == "\\" {
                            i += 2
                            continue
                        }
                        if s[i] == "(" { depth += 1 }
                        if s[i] == ")" {
                            depth -= 1
                            if depth == 0 {
                                i += 1
                                break
                            }
                        }
                        i += 1
                    }
                } else {
                    break
                }
            }
        }
        skipSpaceAndComments()
        var head = String.UnicodeScalarView()
        while i < s.count, s[i] != ";" {
            if s[i] != " " && s[i] != "\t" && s[i] != "\r" && s[i] != "\n" { head.append(s[i]) }
            i += 1
        }
        var value = String(head).lowercased()
        if let paren = value.firstIndex(of: "(") { value = String(value[..<paren]) }

        // Raw sections: name -> [(section, extended, text)].
        var raw: [(name: String, section: Int?, extended: Bool, value: String)] = []
        while i < s.count {
            i += 1  // the ";"
            skipSpaceAndComments()
            var name = String.UnicodeScalarView()
            while i < s.count, s[i] != "=", s[i] != ";" {
                if s[i] != " " && s[i] != "\t" && s[i] != "\r" && s[i] != "\n" { name.append(s[i]) }
                i += 1
            }
            guard i < s.count, s[i] == "=" else { continue }
            i += 1
            skipSpaceAndComments()
            var v = String.UnicodeScalarView()
            if i < s.count, s[i] == "\"" {
                i += 1
                while i < s.count, s[i] != "\"" {
                    if s[i] == "\\", i + 1 < s.count { i += 1 }
                    v.append(s[i])
                    i += 1
                }
                // Skip the closing quote and anything up to the next parameter.
                while i < s.count, s[i] != ";" { i += 1 }
            } else {
                // Unquoted values with spaces in them are common; take everything up to ";".
                while i < s.count, s[i] != ";" {
                    v.append(s[i])
                    i += 1
                }
            }
            var key = String(name).lowercased()
            guard !key.isEmpty else { continue }
            var extended = false
            var section: Int?
            if key.hasSuffix("*") {
                extended = true
                key.removeLast()
            }
            if let star = key.lastIndex(of: "*"), let n = Int(key[key.index(after: star)...]) {
                section = n
                key = String(key[..<star])
            }
            let text = extended ? String(v) : HeaderText.trimmed(String(v))
            raw.append((key, section, extended, text))
        }

        var parameters: [String: String] = [:]
        var order: [String] = []
        for r in raw where !order.contains(r.name) { order.append(r.name) }
        for name in order {
            let parts = raw.filter { $0.name == name }
            if parts.count == 1, parts[0].section == nil, !parts[0].extended {
                parameters[name] = EncodedWords.decode(parts[0].value, decisions: &decisions)
                continue
            }
            // RFC 2231: sections in numeric order; the first extended one carries charset'lang'.
            let sorted = parts.sorted { ($0.section ?? 0) < ($1.section ?? 0) }
            var charset: String?
            var bytes: [UInt8] = []
            var anyExtended = false
            for (k, p) in sorted.enumerated() {
                var v = p.value
                if p.extended {
                    anyExtended = true
                    if k == 0 || charset == nil && p.section == 0 {
                        let pieces = v.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                        if pieces.count == 3 {
                            charset = String(pieces[0])
                            v = String(pieces[2])
                        }
                    }
                    bytes += percentDecode(v)
                } else {
                    bytes += Array(v.utf8)
                }
            }
            if anyExtended {
                let (text, decision) = TextDecoder.decode(bytes[...], label: charset ?? "utf-8")
                if decision.note != nil || decision.replaced > 0 { decisions.append(decision) }
                parameters[name] = text
            } else {
                parameters[name] = EncodedWords.decode(String(decoding: bytes, as: UTF8.self), decisions: &decisions)
            }
        }
        return MediaValue(value: value, parameters: parameters)
    }

    static func percentDecode(_ s: String) -> [UInt8] {
        let u = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "%"), i + 2 < u.count, let h = TransferEncoding.hex(u[i + 1]), let l = TransferEncoding.hex(u[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return out
    }
}
