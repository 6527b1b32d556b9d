import Foundation

#if canImport(CoreFoundation)
import CoreFoundation
#endif

/// The charsets the reader decodes itself. Labels are many and often wrong; `decode` takes the
/// label as a hint, checks it against the bytes, and says what it actually used.
public enum MailCharset: String, Sendable, Codable, CaseIterable {
    case ascii = "us-ascii"
    case utf8 = "utf-8"
    case gb18030
    case big5
    case hz = "hz-gb-2312"
    case latin1 = "iso-8859-1"
    case windows1252 = "windows-1252"

    /// The charset a label names, or nil for labels the reader does not know (those go to Foundation).
    init?(label: String) {
        let l = MailCharset.clean(label)
        switch l {
        case "", "us-ascii", "ascii", "us", "ansi_x3.4-1968", "iso646-us", "csascii", "646": self = .ascii
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": self = .utf8
        // GB2312 labels routinely sit on GBK bytes, and GBK on GB18030: decode all as the superset.
        case "gb2312", "gbk", "gb18030", "euc-cn", "x-euc-cn", "cp936", "ms936", "windows-936", "x-gbk", "csgb2312",
            "gb_2312-80", "gb_2312", "chinese", "iso-ir-58", "csiso58gb231280", "x-mac-chinesesimp", "gb-18030", "gb18030-2000":
            self = .gb18030
        case "big5", "big-5", "big5-hkscs", "cp950", "x-x-big5", "csbig5", "cn-big5", "x-big5", "windows-950", "ms950":
            self = .big5
        case "hz-gb-2312", "hz", "hz-gb2312": self = .hz
        case "iso-8859-1", "latin1", "iso8859-1", "iso_8859-1", "l1", "cp819", "ibm819": self = .latin1
        case "windows-1252", "cp1252", "x-cp1252": self = .windows1252
        default: return nil
        }
    }

    static func clean(_ label: String) -> String {
        var l = label.trimmingCharacters(in: .whitespaces).lowercased()
        if l.hasPrefix("\"") && l.hasSuffix("\"") && l.count >= 2 { l = String(l.dropFirst().dropLast()) }
        return l
    }

    func decode(_ bytes: ArraySlice<UInt8>) -> DecodeResult {
        switch self {
        case .ascii:
            // Eight-bit bytes under an ASCII label are not ASCII: count them so the caller guesses.
            var errors = 0
            for b in bytes where b >= 0x80 { errors += 1 }
            return errors == 0
                ? DecodeResult(text: String(decoding: bytes, as: UTF8.self), errors: 0) : MailCharset.latin1.decode(bytes).withErrors(errors)
        case .utf8: return MailCharset.decodeUTF8(bytes)
        case .gb18030: return ChineseDecoders.gb18030(bytes)
        case .big5: return ChineseDecoders.big5(bytes)
        case .hz: return ChineseDecoders.hz(bytes)
        case .latin1:
            var s = String.UnicodeScalarView()
            s.reserveCapacity(bytes.count)
            for b in bytes { s.append(Unicode.Scalar(b)) }
            return DecodeResult(text: String(s), errors: 0)
        case .windows1252:
            var s = String.UnicodeScalarView()
            s.reserveCapacity(bytes.count)
            for b in bytes {
                if (0x80...0x9F).contains(b) {
                    s.append(Unicode.Scalar(MailCharset.cp1252High[Int(b) - 0x80]) ?? "\u{FFFD}")
                } else {
                    s.append(Unicode.Scalar(b))
                }
            }
            return DecodeResult(text: String(s), errors: 0)
        }
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// Strict UTF-8 check with a lossy result: invalid sequences become U+FFFD and are counted.
    static func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> DecodeResult {
        var errors = 0
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): scalars.append(Unicode.UTF8.decode(encoded))
            case .error:
                errors += 1
                scalars.append("\u{FFFD}")
            case .emptyInput: break loop
            }
        }
        return DecodeResult(text: String(scalars), errors: errors)
    }

    /// Counts well-formed multi-byte UTF-8 sequences; nil when the bytes are not UTF-8 at all.
    static func utf8MultibyteCount(_ bytes: ArraySlice<UInt8>) -> Int? {
        var count = 0
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): if encoded.count > 1 { count += 1 }
            case .error: return nil
            case .emptyInput: return count
            }
        }
    }
}

extension DecodeResult {
    func withErrors(_ n: Int) -> DecodeResult {
        var r = self
        r.errors = n
        return r
    }
}

/// How a piece of text was decoded, for the record.
public struct CharsetDecision: Sendable, Equatable {
    /// The label as written, lower-cased; empty when there was none.
    public var declared: String
    /// What decoded the bytes: a `MailCharset` raw value or a Foundation charset name.
    public var used: String
    /// Characters that could not be read and were replaced by U+FFFD.
    public var replaced: Int
    /// Why `used` differs from `declared` (nil when the label was simply right).
    public var note: String?
}

enum TextDecoder {
    /// Decodes `bytes` labelled `label`: the label first; if it does not fit the bytes, the likely
    /// alternatives (UTF-8, GB18030, Big5); the one with the fewest unreadable characters wins.
    static func decode(_ bytes: ArraySlice<UInt8>, label: String?) -> (String, CharsetDecision) {
        let declared = MailCharset.clean(label ?? "")
        let ascii = !bytes.contains { $0 >= 0x80 }
        if ascii {
            // Seven-bit text is ASCII under any label except HZ (and UTF-7, which mail no longer uses).
            if declared == "hz-gb-2312" || declared == "hz" || (declared.isEmpty || declared == "us-ascii") && looksLikeHZ(bytes) {
                let r = ChineseDecoders.hz(bytes)
                let note = declared.hasPrefix("hz") ? nil : "HZ escapes found in seven-bit text"
                return (r.text, CharsetDecision(declared: declared, used: MailCharset.hz.rawValue, replaced: r.errors, note: note))
            }
            return (
                String(decoding: bytes, as: UTF8.self),
                CharsetDecision(declared: declared, used: declared.isEmpty ? "us-ascii" : declared, replaced: 0)
            )
        }
        let known = MailCharset(label: declared)
        var tried: [(MailCharset, DecodeResult)] = []

        if let known, known != .ascii {
            let r = known.decode(bytes)
            // A legacy Chinese label on bytes that are plainly UTF-8 (several well-formed multi-byte
            // sequences, which GBK text almost never forms by chance): the label is stale.
            if known == .gb18030 || known == .big5, let n = MailCharset.utf8MultibyteCount(bytes), n >= 4 {
                let u = MailCharset.decodeUTF8(bytes)
                return (u.text, CharsetDecision(declared: declared, used: "utf-8", replaced: 0, note: "labelled \(declared) but the bytes are UTF-8"))
            }
            if r.errors == 0 {
                var note: String?
                if declared == "gb2312" || declared == "euc-cn", r.beyondGB2312 > 0 {
                    note = "labelled gb2312 but \(r.beyondGB2312) characters are GBK/GB18030; read as GB18030"
                }
                return (r.text, CharsetDecision(declared: declared, used: known.rawValue, replaced: 0, note: note))
            }
            tried.append((known, r))
        } else if known == nil, !declared.isEmpty, let text = foundationDecode(bytes, label: declared) {
            return (text, CharsetDecision(declared: declared, used: declared, replaced: 0))
        }

        for candidate in [MailCharset.utf8, .gb18030, .big5] where !tried.contains(where: { $0.0 == candidate }) {
            var r = candidate.decode(bytes)
            var candidate = candidate
            if candidate == .gb18030, r.errors == 0, looksLikeBig5ReadAsGBK(r) {
                // GBK accepts almost any byte pair, so Big5 "reads cleanly" as GBK, mostly as rare
                // characters outside GB2312. Simplified text almost never leaves GB2312's rows.
                let b = MailCharset.big5.decode(bytes)
                if b.errors == 0 {
                    candidate = .big5
                    r = b
                }
            }
            if r.errors == 0 {
                let why = declared.isEmpty || declared == "us-ascii" ? "no charset declared" : "labelled \(declared) but the bytes do not fit it"
                return (
                    r.text, CharsetDecision(declared: declared, used: candidate.rawValue, replaced: 0, note: "\(why); read as \(candidate.rawValue)")
                )
            }
            tried.append((candidate, r))
        }
        // Nothing fits cleanly: keep the reading that loses least, and say so.
        let best = tried.min { $0.1.errors < $1.1.errors }!
        let note = "no charset reads these bytes cleanly; \(best.1.errors) characters replaced after reading as \(best.0.rawValue)"
        return (best.1.text, CharsetDecision(declared: declared, used: best.0.rawValue, replaced: best.1.errors, note: note))
    }

    /// More than a fifth of the non-ASCII characters outside GB2312.
    static func looksLikeBig5ReadAsGBK(_ r: DecodeResult) -> Bool {
        guard r.beyondGB2312 > 0 else { return false }
        var wide = 0
        for scalar in r.text.unicodeScalars where scalar.value >= 0x80 { wide += 1 }
        return r.beyondGB2312 * 5 > wide
    }

    static func looksLikeHZ(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            if bytes[i] == 0x7E && bytes[i + 1] == 0x7B {
                // "~{" then a "~}" later: an HZ run.
                var j = i + 2
                while j + 1 < bytes.endIndex {
                    if bytes[j] == 0x7E && bytes[j + 1] == 0x7D { return true }
                    j += 1
                }
                return false
            }
            i += 1
        }
        return false
    }

    /// Other charsets (ISO-8859-x, KOI8-R, Shift_JIS, …) through Foundation, when it knows them.
    private static func foundationDecode(_ bytes: ArraySlice<UInt8>, label: String) -> String? {
        guard let name = CFStringCreateWithCString(nil, label, CFStringBuiltInEncodings.UTF8.rawValue) else { return nil }
        let cf = CFStringConvertIANACharSetNameToEncoding(name)
        guard cf != kCFStringEncodingInvalidId else { return nil }
        let encoding = String.Encoding(rawValue: CFStringConvertEncodingToNSStringEncoding(cf))
        return String(data: Data(bytes), encoding: encoding)
    }
}
