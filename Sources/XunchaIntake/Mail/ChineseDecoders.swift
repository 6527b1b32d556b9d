/// Byte-to-text decoders for the Chinese charsets mail arrives in. Each is lossy by design: a byte
/// it cannot read becomes U+FFFD and is counted, so one bad byte never costs the whole text, and
/// the count lets the caller try another charset when the label lied.
struct DecodeResult: Sendable {
    var text: String
    /// Bytes (or byte sequences) that did not form a character.
    var errors: Int
    /// Two-byte codes outside GB2312's rows (GBK or GB18030 extensions); how a lying
    /// "gb2312" label shows itself.
    var beyondGB2312 = 0
}

enum ChineseDecoders {
    /// Collects decoded scalars and counts what could not be decoded.
    private struct Sink {
        var scalars = String.UnicodeScalarView()
        var errors = 0

        init(capacity: Int) { scalars.reserveCapacity(capacity) }

        mutating func invalid() {
            scalars.append("\u{FFFD}")
            errors += 1
        }

        /// Appends a table entry; false (and counted) when the table has a hole there.
        @discardableResult mutating func mapped(_ unit: UInt16) -> Bool {
            guard unit != 0xFFFD, let scalar = Unicode.Scalar(unit) else {
                invalid()
                return false
            }
            scalars.append(scalar)
            return true
        }
    }

    /// Unpacks three-digit base-64 UTF-16 units written by scripts/generate-mail-charsets.py.
    private static func unpack(_ table: StaticString, count: Int) -> [UInt16] {
        var values = [UInt16](repeating: 0xFFFD, count: count)
        table.withUTF8Buffer { buffer in
            var k = 0
            var i = 0
            while k < count, i + 2 < buffer.count {
                values[k] = UInt16(digit(buffer[i]) << 12 | digit(buffer[i + 1]) << 6 | digit(buffer[i + 2]))
                k += 1
                i += 3
            }
        }
        return values
    }

    private static func digit(_ c: UInt8) -> Int {
        switch c {
        case 0x41...0x5A: Int(c) - 0x41
        case 0x61...0x7A: Int(c) - 0x61 + 26
        case 0x30...0x39: Int(c) - 0x30 + 52
        case 0x2B: 62
        default: 63
        }
    }

    // Unpacked on first use; a process that never reads Chinese mail pays nothing.
    static let gbTwoByte = unpack(ChineseCharsetTables.gbTwoByte, count: ChineseCharsetTables.gbTwoByteCount)
    static let big5TwoByte = unpack(ChineseCharsetTables.big5, count: ChineseCharsetTables.big5Count)
    static let gbFourByteRanges: [(index: Int, scalar: Int)] = {
        let flat = unpack(ChineseCharsetTables.gbFourByteRanges, count: ChineseCharsetTables.gbFourByteRangeCount * 3)
        return stride(from: 0, to: flat.count, by: 3).map { (Int(flat[$0]) << 16 | Int(flat[$0 + 1]), Int(flat[$0 + 2])) }
    }()

    /// GB18030, which contains GBK, which contains GB2312: one decoder serves all three labels.
    static func gb18030(_ bytes: ArraySlice<UInt8>) -> DecodeResult {
        var out = Sink(capacity: bytes.count)
        var beyond = 0
        let table = gbTwoByte
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b1 = bytes[i]
            if b1 < 0x80 {
                out.scalars.append(Unicode.Scalar(b1))
                i += 1
                continue
            }
            if b1 == 0x80 {
                // CP936 puts the euro sign here; GB18030 proper does not, but senders on Windows do.
                out.scalars.append("\u{20AC}")
                i += 1
                continue
            }
            guard b1 != 0xFF, i + 1 < end else {
                out.invalid()
                i += 1
                continue
            }
            let b2 = bytes[i + 1]
            if (0x40...0x7E).contains(b2) || (0x80...0xFE).contains(b2) {
                let trail = Int(b2) - (b2 < 0x7F ? 0x40 : 0x41)
                if out.mapped(table[(Int(b1) - 0x81) * 190 + trail]), !(0xA1...0xF7).contains(b1) || b2 < 0xA1 { beyond += 1 }
                i += 2
                continue
            }
            if (0x30...0x39).contains(b2), i + 3 < end, (0x81...0xFE).contains(bytes[i + 2]), (0x30...0x39).contains(bytes[i + 3]) {
                let index = ((Int(b1) - 0x81) * 10 + Int(b2) - 0x30) * 1260 + (Int(bytes[i + 2]) - 0x81) * 10 + Int(bytes[i + 3]) - 0x30
                if let scalar = fourByteScalar(index) {
                    out.scalars.append(scalar)
                    beyond += 1
                } else {
                    out.invalid()
                }
                i += 4
                continue
            }
            // A broken pair: drop only the lead, so an ASCII byte after it survives.
            out.invalid()
            i += 1
        }
        return DecodeResult(text: String(out.scalars), errors: out.errors, beyondGB2312: beyond)
    }

    /// Four-byte GB18030: the BMP through the generated ranges, the other planes linearly
    /// from 0x90308130 (linear index 189000).
    private static func fourByteScalar(_ index: Int) -> Unicode.Scalar? {
        if index <= ChineseCharsetTables.gbFourByteLastBMPIndex {
            let ranges = gbFourByteRanges
            var lo = 0
            var hi = ranges.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if ranges[mid].index <= index { lo = mid } else { hi = mid - 1 }
            }
            guard ranges[lo].index <= index else { return nil }
            return Unicode.Scalar(UInt32(ranges[lo].scalar + index - ranges[lo].index))
        }
        let scalar = 0x10000 + index - 189_000
        guard index >= 189_000, scalar <= 0x10FFFF else { return nil }
        return Unicode.Scalar(UInt32(scalar))
    }

    /// Big5 as Windows writes it (cp950), with the plain Big5 codes cp950 leaves out.
    static func big5(_ bytes: ArraySlice<UInt8>) -> DecodeResult {
        var out = Sink(capacity: bytes.count)
        let table = big5TwoByte
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b1 = bytes[i]
            if b1 < 0x80 {
                out.scalars.append(Unicode.Scalar(b1))
                i += 1
                continue
            }
            if (0x81...0xFE).contains(b1), i + 1 < end {
                let b2 = bytes[i + 1]
                let trail: Int? =
                    switch b2 {
                    case 0x40...0x7E: Int(b2) - 0x40
                    case 0xA1...0xFE: Int(b2) - 0xA1 + 63
                    default: nil
                    }
                if let trail {
                    out.mapped(table[(Int(b1) - 0x81) * 157 + trail])
                    i += 2
                    continue
                }
            }
            out.invalid()
            i += 1
        }
        return DecodeResult(text: String(out.scalars), errors: out.errors)
    }

    /// HZ (RFC 1843): 7-bit text where `~{` switches to GB2312 byte pairs with the high bits
    /// cleared and `~}` switches back; `~~` is a tilde and `~` before a newline joins lines.
    static func hz(_ bytes: ArraySlice<UInt8>) -> DecodeResult {
        var out = Sink(capacity: bytes.count)
        let table = gbTwoByte
        var inGB = false
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b == 0x7E, i + 1 < end {
                let next = bytes[i + 1]
                if !inGB && next == 0x7E {
                    out.scalars.append("~")
                    i += 2
                    continue
                }
                if next == 0x7B {
                    inGB = true
                    i += 2
                    continue
                }
                if next == 0x7D {
                    inGB = false
                    i += 2
                    continue
                }
                if !inGB && (next == 0x0A || next == 0x0D) {
                    i += 2
                    if next == 0x0D, i < end, bytes[i] == 0x0A { i += 1 }
                    continue
                }
            }
            if b >= 0x80 {
                out.invalid()
                i += 1
                continue
            }
            if inGB {
                if b == 0x0A || b == 0x0D {
                    // A line end inside GB mode is malformed, but writers forget `~}`: resume ASCII.
                    inGB = false
                    out.scalars.append(Unicode.Scalar(b))
                    i += 1
                    continue
                }
                guard i + 1 < end, (0x21...0x7E).contains(b), (0x21...0x7E).contains(bytes[i + 1]) else {
                    out.invalid()
                    i += 1
                    continue
                }
                let lead = Int(b | 0x80)
                let trail = Int(bytes[i + 1] | 0x80) - 0x41
                out.mapped(table[(lead - 0x81) * 190 + trail])
                i += 2
                continue
            }
            out.scalars.append(Unicode.Scalar(b))
            i += 1
        }
        return DecodeResult(text: String(out.scalars), errors: out.errors)
    }
}
