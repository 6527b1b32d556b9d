/// Text for XML 1.0 documents written by the export writers.
enum XMLText {
    /// Whether XML 1.0 allows the scalar in a document: tab, LF, CR, U+0020–U+D7FF,
    /// U+E000–U+FFFD, U+10000–U+10FFFF. Swift strings hold no lone surrogates, so what is left
    /// out is the C0 controls but tab, LF, CR, and the noncharacters U+FFFE and U+FFFF.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Whether `escaped` would change the text, judged on its bytes: one of `&<>"` or CR, a C0
    /// control (tab and LF only in attributes), or U+FFFE or U+FFFF (EF BF BE, EF BF BF).
    private static func needsEscaping(_ text: String, attribute: Bool) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "\r"): return true
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"): if attribute { return true }
            case ..<0x20: return true
            case 0xBE where previous == (0xEF, 0xBF), 0xBF where previous == (0xEF, 0xBF): return true
            default: break
            }
            previous = (previous.1, byte)
        }
        return false
    }

    /// The text without the scalars XML 1.0 forbids.
    static func strippingForbidden(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter(isAllowed))
        return String(scalars)
    }

    /// Escaped for element content and for attribute values in double quotes: `&`, `<`, `>`, `"`,
    /// and CR, tab and LF as character references where they must survive an attribute's
    /// normalization; forbidden scalars dropped.
    static func escaped(_ text: String, attribute: Bool = false) -> String {
        if !needsEscaping(text, attribute: attribute) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r": out += "&#13;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            default:
                if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
