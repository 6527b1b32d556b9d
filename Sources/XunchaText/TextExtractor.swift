/// Finds phone numbers, e-mail addresses, dates and date ranges, clock-time ranges, money, ID
/// numbers and postal boxes in normalized Chinese text.
///
/// The rules expect the normalizer's output (half-width digits and punctuation, simplified
/// script); `extract(fromOriginal:)` normalizes first and reports spans in the original.
public struct TextExtractor: Sendable {
    /// The year for dates written without one when no dated mention precedes them in the text.
    public var referenceYear: Int?

    public init(referenceYear: Int? = nil) {
        self.referenceYear = referenceYear
    }

    /// Extracts from already normalized text; spans are scalar offsets into `text`.
    public func extract(from text: String) -> Extraction {
        extract(scalars: text.unicodeScalars.map(\.value))
    }

    /// Extracts from a normalized text; spans are scalar offsets into its original.
    public func extract(from normalized: NormalizedText) -> Extraction {
        var result = extract(scalars: normalized.scalars.map { $0.value })
        result.remapSpans { normalized.offsets.originalRange(of: $0) }
        return result
    }

    private func extract(scalars: [UInt32]) -> Extraction {
        var scanner = ExtractionScanner(scalars, referenceYear: referenceYear)
        return scanner.run()
    }

    /// Normalizes `original`, extracts, and reports spans in `original`.
    public func extract(fromOriginal original: String, normalizer: TextNormalizer = TextNormalizer()) -> Extraction {
        extract(from: normalizer.normalizeWithOffsets(original))
    }
}

/// Scalar constants the scanners compare against.
enum Ch {
    static let zero: UInt32 = 0x30
    static let nine: UInt32 = 0x39
    static let space: UInt32 = 0x20
    static let hyphen: UInt32 = 0x2D
    static let dot: UInt32 = 0x2E
    static let slash: UInt32 = 0x2F
    static let colon: UInt32 = 0x3A
    static let plus: UInt32 = 0x2B
    static let at: UInt32 = 0x40
    static let comma: UInt32 = 0x2C
    static let leftParen: UInt32 = 0x28
    static let rightParen: UInt32 = 0x29
    static let tilde: UInt32 = 0x7E
    static let emDash: UInt32 = 0x2014

    /// A scalar literal's value: taking a `Character` meant finding its first scalar at run
    /// time in every comparison, some hundred thousand times per thousand reports.
    @inline(__always)
    static func scalar(_ c: Unicode.Scalar) -> UInt32 { c.value }
}

struct ExtractionScanner {
    let s: [UInt32]
    let referenceYear: Int?

    init(_ scalars: [UInt32], referenceYear: Int?) {
        s = scalars
        self.referenceYear = referenceYear
    }

    mutating func run() -> Extraction {
        var out = Extraction()
        out.emails = emails()
        out.idNumbers = idNumbers()
        out.phones = phones(excluding: out.emails.map(\.range) + out.idNumbers.map(\.range))
        let (dates, ranges) = datesAndRanges()
        out.dates = dates
        out.dateRanges = ranges
        out.timeRanges = timeRanges()
        out.money = money()
        out.postalBoxes = postalBoxes()
        return out
    }

    // MARK: - Shared helpers

    @inline(__always)
    func at(_ i: Int) -> UInt32 { i >= 0 && i < s.count ? s[i] : 0 }

    @inline(__always)
    func isDigit(_ i: Int) -> Bool {
        let c = at(i)
        return c >= Ch.zero && c <= Ch.nine
    }

    @inline(__always)
    func isASCIILetter(_ i: Int) -> Bool {
        let c = at(i) | 0x20
        return c >= 0x61 && c <= 0x7A
    }

    func isAlphanumeric(_ i: Int) -> Bool { isDigit(i) || isASCIILetter(i) }

    /// Whether a number (Arabic or Chinese) may start at `i`: the cheap test that lets the
    /// date, time and money rules skip most positions.
    @inline(__always)
    func mayStartNumber(_ i: Int) -> Bool {
        let c = at(i)
        if c >= Ch.zero && c <= Ch.nine { return true }
        return c >= 0x3007 && (ChineseNumeral.digit(c) != nil || ChineseNumeral.unit(c) != nil)
    }

    /// The ASCII digit run starting at `i`.
    func digits(at i: Int) -> (value: Int, length: Int)? {
        var j = i
        var value = 0
        while isDigit(j), j - i < 18 {
            value = value * 10 + Int(at(j) - Ch.zero)
            j += 1
        }
        return j > i ? (value, j - i) : nil
    }

    func string(_ range: Range<Int>) -> String {
        var out = String.UnicodeScalarView()
        for k in range { out.append(Unicode.Scalar(s[k])!) }
        return String(out)
    }

    /// Whether the text at `i` starts with `word`. Words are static strings so that checking
    /// one at every position reads their bytes in place instead of iterating a `String`.
    func matches(_ word: StaticString, at i: Int) -> Bool {
        word.withUTF8Buffer { bytes in
            var j = i
            var k = 0
            while k < bytes.count {
                let (scalar, length) = UTF8Decoding.decode(bytes, at: k)
                if at(j) != scalar { return false }
                j += 1
                k += length
            }
            return true
        }
    }

    /// The first of `words` the text at `i` starts with, and its length in scalars.
    func matchAny(_ words: [StaticString], at i: Int) -> (StaticString, Int)? {
        for w in words where matches(w, at: i) { return (w, scalarCount(w)) }
        return nil
    }

    func scalarCount(_ word: StaticString) -> Int {
        word.withUTF8Buffer { bytes in bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
    }

    /// Skips one optional space (the normalizer leaves at most one in a row).
    func skipSpace(_ i: Int) -> Int { at(i) == Ch.space ? i + 1 : i }

    /// Whether one of `words` ends just before `i`, looking back at most `window` scalars.
    func precededByAny(_ words: [StaticString], before i: Int, window: Int) -> Bool {
        let lower = max(0, i - window)
        for w in words {
            let n = scalarCount(w)
            var k = i - n
            while k >= lower {
                if matches(w, at: k) { return true }
                k -= 1
            }
        }
        return false
    }
}

// MARK: - Chinese numerals

enum ChineseNumeral {
    static func digit(_ c: UInt32) -> Int? {
        switch c {
        case 0x3007, 0x96F6, 0x25CB: 0  // 〇 零, and ○ that documents often type for 〇
        case 0x4E00: 1  // 一
        case 0x4E8C, 0x4E24: 2  // 二 两
        case 0x4E09: 3
        case 0x56DB: 4
        case 0x4E94: 5
        case 0x516D: 6
        case 0x4E03: 7
        case 0x516B: 8
        case 0x4E5D: 9
        default: nil
        }
    }

    static func unit(_ c: UInt32) -> Int? {
        switch c {
        case 0x5341: 10  // 十
        case 0x767E: 100  // 百
        case 0x5343: 1000  // 千
        case 0x4E07: 10000  // 万
        case 0x4EBF: 100_000_000  // 亿
        default: nil
        }
    }

    /// Parses the longest Chinese numeral at `i` (一千二百, 三十一, 二〇二三 as digits when
    /// `digitwise`); returns the value, its length and whether it had a unit character.
    static func parse(_ s: [UInt32], at i: Int, digitwise: Bool = false, allowLargeUnits: Bool = true) -> (value: Int, length: Int, hasUnit: Bool)? {
        var j = i
        if digitwise {
            var v = 0
            while j < s.count, let d = digit(s[j]), s[j] != 0x4E24 {
                v = v * 10 + d
                j += 1
            }
            return j > i ? (v, j - i, false) : nil
        }
        var total = 0
        var section = 0
        var current = -1
        var hasUnit = false
        while j < s.count {
            if let d = digit(s[j]) {
                if current >= 0 && current != 0 { break }  // two digits in a row is not a numeral here
                current = d
                j += 1
            } else if let u = unit(s[j]) {
                if u >= 10000 {
                    guard allowLargeUnits else { break }
                    section += max(current, 0)
                    if section == 0 { section = 1 }
                    total += section * u
                    section = 0
                } else {
                    let d = current < 0 ? (u == 10 && section == 0 ? 1 : -1) : current
                    if d < 0 { break }
                    section += d * u
                }
                current = -1
                hasUnit = true
                j += 1
            } else {
                break
            }
        }
        guard j > i else { return nil }
        return (total + section + max(current, 0), j - i, hasUnit)
    }
}
