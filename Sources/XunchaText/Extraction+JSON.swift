extension Extraction {
    /// The JSON that `xuncha text extract --json` prints: one key per kind, each a list of
    /// objects with the normalized `value` and the `start`/`end` scalar offsets.
    public func jsonString() -> String {
        var out = "{"
        func list<T>(_ key: String, _ items: [T], _ fields: (T) -> [(String, JSONValue)], range: (T) -> Range<Int>, last: Bool = false) {
            out += "\n  \"" + key + "\": ["
            for (n, item) in items.enumerated() {
                var members = fields(item)
                let r = range(item)
                members.append(("start", .number(String(r.lowerBound))))
                members.append(("end", .number(String(r.upperBound))))
                out += (n == 0 ? "\n    {" : ",\n    {")
                out += members.map { "\"" + $0.0 + "\": " + $0.1.encoded }.joined(separator: ", ")
                out += "}"
            }
            out += items.isEmpty ? "]" : "\n  ]"
            out += last ? "\n" : ","
        }
        list("phones", phones, { [("value", .string($0.value)), ("kind", .string($0.kind.rawValue))] }, range: \.range)
        list("emails", emails, { [("value", .string($0.value))] }, range: \.range)
        list("dates", dates, { [("value", .string($0.iso))] }, range: \.range)
        list(
            "date_ranges",
            dateRanges,
            { [("value", .string($0.iso)), ("from", .string($0.from.iso)), ("to", .string($0.to.iso))] },
            range: \.range
        )
        list(
            "time_ranges",
            timeRanges,
            { [("value", .string($0.text)), ("from", .string($0.from.text)), ("to", .string($0.to.text))] },
            range: \.range
        )
        list("money", money, { [("value", .number($0.value)), ("approximate", .bool($0.approximate))] }, range: \.range)
        list("id_numbers", idNumbers, { [("value", .string($0.value)), ("birth_date", .string($0.birthDate))] }, range: \.range)
        list("postal_boxes", postalBoxes, { [("value", .string($0.value))] }, range: \.range, last: true)
        return out + "}"
    }
}

enum JSONValue {
    case string(String)
    case number(String)
    case bool(Bool)

    var encoded: String {
        switch self {
        case .string(let s): jsonQuoted(s)
        case .number(let n): n
        case .bool(let b): b ? "true" : "false"
        }
    }
}

/// A JSON string literal for `s`, quotes included; non-ASCII is written as is (JSON is UTF-8).
/// Public so that other targets writing small JSON by hand escape the same way.
public func jsonQuoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if u.value < 0x20 {
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}
