import Foundation

/// A mailbox: `张三 <zhangsan@example.cn>`.
public struct MailAddress: Sendable, Equatable, Codable {
    /// The display name, decoded; empty when there is none.
    public var name: String
    /// `local@domain` as written, domain lower-cased; empty when the field held no address.
    public var address: String

    public init(name: String = "", address: String) {
        self.name = name
        self.address = address
    }

    /// The first mailbox in an address header value (already decoded to text, words not yet).
    static func parse(_ text: String, decisions: inout [CharsetDecision]) -> MailAddress? {
        var t = HeaderText.trimmed(text)
        guard !t.isEmpty else { return nil }
        // Only the first of a list: "a <x@y>, b <z@w>". Commas inside quotes do not split.
        var inQuote = false
        var angle = false
        for (k, c) in t.enumerated() {
            if c == "\"" { inQuote.toggle() }
            if c == "<" { angle = true }
            if c == ">" { angle = false }
            if c == ",", !inQuote, !angle {
                t = String(t.prefix(k))
                break
            }
        }
        var name = ""
        var address = ""
        if let open = t.lastIndex(of: "<"), let close = t[open...].firstIndex(of: ">") {
            address = String(t[t.index(after: open)..<close])
            name = String(t[..<open])
        } else if let at = t.firstIndex(of: "@") {
            // A bare address, perhaps with a "(Name)" comment after it.
            let start = t[..<at].lastIndex(where: { $0 == " " || $0 == "\t" }).map { t.index(after: $0) } ?? t.startIndex
            let end = t[at...].firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "(" }) ?? t.endIndex
            address = String(t[start..<end])
            if let open = t.firstIndex(of: "("), let close = t.lastIndex(of: ")"), open < close {
                name = String(t[t.index(after: open)..<close])
            } else {
                name = String(t[..<start])
            }
        } else {
            name = t
        }
        name = HeaderText.trimmed(EncodedWords.decode(HeaderText.trimmed(name), decisions: &decisions))
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
        }
        name = HeaderText.trimmed(name)
        address = HeaderText.trimmed(address)
        if let at = address.lastIndex(of: "@") {
            address = String(address[..<at]) + address[at...].lowercased()
        }
        if name == address { name = "" }
        return MailAddress(name: name, address: address)
    }
}

/// RFC 5322 dates, read leniently and without a locale: `Tue, 4 Mar 2025 09:15:02 +0800`,
/// two-digit years, missing seconds, zone names, comments.
enum MailDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5 * 60, "edt": -4 * 60, "cst": -6 * 60, "cdt": -5 * 60,
        "mst": -7 * 60, "mdt": -6 * 60, "pst": -8 * 60, "pdt": -7 * 60,
    ]

    static func parse(_ text: String) -> Date? {
        // Drop comments, then split on spaces, commas and the like.
        var s = ""
        var depth = 0
        for c in text {
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) } else if depth == 0 { s.append(c) }
        }
        let tokens = s.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\r" || $0 == "\n" }).map(String.init)
        var day: Int?
        var month: Int?
        var year: Int?
        var hour = 0
        var minute = 0
        var second = 0
        var sawTime = false
        var offset: Int?
        for tok in tokens {
            if tok.contains(":"), !sawTime {
                let p = tok.split(separator: ":").map { Int($0) }
                guard p.count >= 2, let h = p[0], let m = p[1] else { return nil }
                hour = h
                minute = m
                second = p.count > 2 ? (p[2] ?? 0) : 0
                sawTime = true
            } else if (tok.hasPrefix("+") || tok.hasPrefix("-")) && tok.count == 5, let v = Int(tok.dropFirst()) {
                offset = (tok.hasPrefix("-") ? -1 : 1) * (v / 100 * 60 + v % 100)
            } else if let m = months.firstIndex(where: { tok.hasPrefix($0) }), month == nil, Int(tok) == nil {
                month = m + 1
            } else if let n = Int(tok) {
                if day == nil && n >= 1 && n <= 31 && tok.count <= 2 {
                    day = n
                } else if year == nil {
                    year = tok.count <= 2 ? (n < 50 ? 2000 + n : 1900 + n) : (tok.count == 3 ? 1900 + n : n)
                }
            } else if let z = zones[tok], offset == nil {
                offset = z
            }
        }
        // A year beyond 9999 is no date, and its seconds would overflow.
        guard let day, let month, let year, (1...9999).contains(year), sawTime, (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second)
        else { return nil }
        guard day <= daysIn(month: month, year: year) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - (offset ?? 0) * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
