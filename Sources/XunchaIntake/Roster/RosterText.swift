import Foundation

/// The text of a roster file and the encoding it was read in. Excel in China saves "CSV" in GBK
/// (GB18030 reads it), "CSV UTF-8" with a byte-order mark, and "Unicode text" in UTF-16 with one.
public struct RosterText: Sendable, Hashable {
    public enum Encoding: String, Sendable, Hashable, Codable {
        case utf8 = "UTF-8"
        case utf8BOM = "UTF-8 (BOM)"
        case utf16LE = "UTF-16LE"
        case utf16BE = "UTF-16BE"
        case gb18030 = "GB18030"
    }

    public let text: String
    public let encoding: Encoding

    /// Reads bytes by their byte-order mark, else as UTF-8 when they are valid UTF-8, else as
    /// GB18030; nil when none of these reads them without damage (a binary file, another charset).
    public init?(bytes: [UInt8]) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let s = Self.utf8(bytes[3...]) else { return nil }
            (text, encoding) = (s, .utf8BOM)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            let body = bytes.dropFirst(2)
            guard body.count % 2 == 0 else { return nil }
            var units: [UInt16] = []
            units.reserveCapacity(body.count / 2)
            var i = body.startIndex
            while i < body.endIndex {
                let (a, b) = (UInt16(body[i]), UInt16(body[i + 1]))
                units.append(little ? a | b << 8 : a << 8 | b)
                i += 2
            }
            var scalars = String.UnicodeScalarView()
            var iterator = units.makeIterator()
            var decoder = UTF16()
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let s): scalars.append(s)
                case .emptyInput: break loop
                case .error: return nil
                }
            }
            (text, encoding) = (String(scalars), little ? .utf16LE : .utf16BE)
        } else if let s = Self.utf8(bytes[...]) {
            (text, encoding) = (s, .utf8)
        } else {
            let decoded = ChineseDecoders.gb18030(bytes[...])
            guard decoded.errors == 0 else { return nil }
            (text, encoding) = (decoded.text, .gb18030)
        }
        // Text files have no NUL; a binary file that happened to decode is still not a roster.
        if text.unicodeScalars.contains("\u{0}") { return nil }
    }

    private static func utf8(_ bytes: ArraySlice<UInt8>) -> String? {
        String(validating: bytes, as: UTF8.self)
    }
}
