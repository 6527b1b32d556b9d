/// RFC 2047 encoded words (`=?GBK?B?…?=`) in unstructured headers, display names and, because
/// Outlook and Foxmail put them there, in quoted parameter values too.
enum EncodedWords {
    private struct Word {
        var range: Range<Int>
        var charset: String
        var bytes: [UInt8]
        var invalid: Int
    }

    /// Decodes every encoded word in `text`. White space between two encoded words is dropped
    /// (RFC 2047 6.2); consecutive words in one charset are joined as bytes before decoding,
    /// because senders split a multi-byte character across two words. `decisions` collects how
    /// each run was decoded when its label did not fit.
    static func decode(_ text: String, decisions: inout [CharsetDecision]) -> String {
        guard text.contains("=?") else { return text }
        let s = Array(text.unicodeScalars)
        // For each position, where the next "?=" starts and where the next character that cannot
        // be in a word is: one backward pass, so that finding a word's end costs nothing however
        // many "=?" a hostile header holds.
        var nextCloser = [Int](repeating: s.count, count: s.count + 1)
        var nextStop = [Int](repeating: s.count, count: s.count + 1)
        var k = s.count - 1
        while k >= 0 {
            nextCloser[k] = k + 1 < s.count && s[k] == "?" && s[k + 1] == "=" ? k : nextCloser[k + 1]
            let c = s[k]
            nextStop[k] = c == " " || c == "\t" || c == "\n" || c == "\r" || !c.isASCII ? k : nextStop[k + 1]
            k -= 1
        }
        var words: [Word] = []
        var i = 0
        while i + 1 < s.count {
            if s[i] == "=" && s[i + 1] == "?", let w = parseWord(s, at: i, nextCloser: nextCloser, nextStop: nextStop) {
                words.append(w)
                i = w.range.upperBound
            } else {
                i += 1
            }
        }
        guard !words.isEmpty else { return text }

        var out = String.UnicodeScalarView()
        var cursor = 0
        k = 0
        while k < words.count {
            // Text before this run of words, kept as written.
            out.append(contentsOf: s[cursor..<words[k].range.lowerBound])
            var bytes = words[k].bytes
            let charset = words[k].charset
            var end = words[k].range.upperBound
            var next = k + 1
            var runCharset = charset
            var segments: [(String, [UInt8])] = []
            while next < words.count, s[end..<words[next].range.lowerBound].allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }) {
                if words[next].charset.lowercased() == runCharset.lowercased() {
                    bytes += words[next].bytes
                } else {
                    segments.append((runCharset, bytes))
                    runCharset = words[next].charset
                    bytes = words[next].bytes
                }
                end = words[next].range.upperBound
                next += 1
            }
            segments.append((runCharset, bytes))
            for (cs, b) in segments {
                let (decoded, decision) = TextDecoder.decode(b[...], label: cs)
                if decision.note != nil || decision.replaced > 0 { decisions.append(decision) }
                out.append(contentsOf: decoded.unicodeScalars)
            }
            cursor = end
            k = next
        }
        out.append(contentsOf: s[cursor...])
        return String(out)
    }

    /// `=?charset[*lang]?B|Q?payload?=` starting at `start`, or nil when it is not one.
    private static func parseWord(_ s: [Unicode.Scalar], at start: Int, nextCloser: [Int], nextStop: [Int]) -> Word? {
        var i = start + 2
        var charset = String.UnicodeScalarView()
        while i < s.count, s[i] != "?" {
            let c = s[i]
            guard c.isASCII, c.value > 0x20, charset.count < 40 else { return nil }
            charset.append(c)
            i += 1
        }
        guard i + 2 < s.count, s[i + 2] == "?" else { return nil }
        let encoding = s[i + 1]
        i += 3
        let payloadStart = i
        // Words never contain white space; stopping there keeps a stray "=?" from eating a line.
        i = nextCloser[payloadStart]
        guard i < s.count, i <= nextStop[payloadStart] else { return nil }
        let payload = s[payloadStart..<i].map { UInt8(truncatingIfNeeded: $0.value) }
        var label = String(charset)
        if let star = label.firstIndex(of: "*") { label = String(label[..<star]) }  // RFC 2231 language suffix
        let decoded: TransferEncoding.Decoded
        switch encoding {
        case "B", "b": decoded = TransferEncoding.base64(payload[...])
        case "Q", "q": decoded = qDecode(payload)
        default: return nil
        }
        return Word(range: start..<(i + 2), charset: label, bytes: decoded.bytes, invalid: decoded.invalid)
    }

    /// The Q encoding (RFC 2047 4.2): "_" is a space and "=XX" a byte. Unlike quoted-printable
    /// there are no line breaks, so a trailing "_" is a real space.
    private static func qDecode(_ payload: [UInt8]) -> TransferEncoding.Decoded {
        var out: [UInt8] = []
        var invalid = 0
        var i = 0
        while i < payload.count {
            let c = payload[i]
            if c == UInt8(ascii: "="), i + 2 < payload.count, let h = TransferEncoding.hex(payload[i + 1]),
                let l = TransferEncoding.hex(payload[i + 2])
            {
                out.append(h << 4 | l)
                i += 3
                continue
            }
            if c == UInt8(ascii: "=") { invalid += 1 }
            out.append(c == UInt8(ascii: "_") ? 0x20 : c)
            i += 1
        }
        return TransferEncoding.Decoded(bytes: out, invalid: invalid, truncated: false)
    }
}
