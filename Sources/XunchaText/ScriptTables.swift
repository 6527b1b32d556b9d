/// Lookup tables decoded once per process from the generated data.
///
/// The character table is dense for the Basic Multilingual Plane so the hot loop does one array
/// read per scalar; scalars above it (rare extension characters) go through a small dictionary.
final class ScriptTables: Sendable {
    static let shared = ScriptTables()

    /// Entry flags in `bmp`; the low 21 bits hold the replacement scalar (0 means unchanged).
    static let phraseStart: UInt32 = 1 << 31
    static let space: UInt32 = 1 << 30
    static let remove: UInt32 = 1 << 29
    static let combiningTone: UInt32 = 1 << 28
    static let valueMask: UInt32 = 0x1F_FFFF

    let bmp: [UInt32]
    let astral: [UInt32: UInt32]
    /// Phrases keyed by their first scalar, longest first.
    let phrases: [UInt32: [Phrase]]
    let maxPhraseLength: Int

    struct Phrase: Sendable {
        let source: [UInt32]
        let target: [UInt32]
    }

    private init() {
        var bmp = [UInt32](repeating: 0, count: 0x1_0000)
        var astral: [UInt32: UInt32] = [:]

        CharTableData.pairs.withUTF8Buffer { bytes in
            var i = 0
            while i + 8 <= bytes.count {
                let source = Base64.decode(bytes, at: i, width: 4)
                let target = Base64.decode(bytes, at: i + 4, width: 4)
                if source < 0x1_0000 { bmp[Int(source)] = target } else { astral[source] = target }
                i += 8
            }
        }
        // Width and spacing rules, written here because they are policy rather than data.
        for c in UInt32(0xFF01)...0xFF5E {
            bmp[Int(c)] = c - 0xFEE0
        }
        for c: UInt32 in [0x09, 0x20, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000] {
            bmp[Int(c)] = Self.space | 0x20
        }
        for c in UInt32(0x2000)...0x200A {
            bmp[Int(c)] = Self.space | 0x20
        }
        for c: UInt32 in [0x00AD, 0x200B, 0x2060, 0xFEFF] {
            bmp[Int(c)] = Self.remove
        }
        // Hyphen-like dashes become ASCII '-'; bar-like ones the em dash that Chinese text uses
        // for ranges; wave dashes '~'. All stay recognisable as range separators.
        for c: UInt32 in [0x2010, 0x2011, 0x2012, 0x2013, 0x2043, 0x2212, 0xFE63, 0xFF0D] {
            bmp[Int(c)] = 0x2D
        }
        for c: UInt32 in [0x2015, 0xFE58] {
            bmp[Int(c)] = 0x2014
        }
        for c: UInt32 in [0x301C, 0x223C, 0xFF5E] {
            bmp[Int(c)] = 0x7E
        }
        for c: UInt32 in [0x0300, 0x0301, 0x0304, 0x0308, 0x030C] {
            bmp[Int(c)] = Self.combiningTone
        }

        var phrases: [UInt32: [Phrase]] = [:]
        var maxLength = 0
        PhraseTableData.phrases.withUTF8Buffer { bytes in
            var scalars: [UInt32] = []
            var i = 0
            while i < bytes.count {
                let (scalar, length) = UTF8Decoding.decode(bytes, at: i)
                i += length
                if scalar == 0x7C {
                    let half = scalars.count / 2
                    let phrase = Phrase(source: Array(scalars[..<half]), target: Array(scalars[half...]))
                    phrases[phrase.source[0], default: []].append(phrase)
                    maxLength = max(maxLength, half)
                    scalars.removeAll(keepingCapacity: true)
                } else {
                    scalars.append(scalar)
                }
            }
        }
        for key in phrases.keys {
            phrases[key]!.sort { $0.source.count > $1.source.count }
            if key < 0x1_0000 { bmp[Int(key)] |= Self.phraseStart }
        }
        self.bmp = bmp
        self.astral = astral
        self.phrases = phrases
        self.maxPhraseLength = maxLength
    }

    /// The simplified or folded form of one scalar, ignoring phrases and spacing rules.
    @inline(__always)
    func mapped(_ scalar: UInt32) -> UInt32 {
        if scalar < 0x1_0000 {
            let entry = bmp[Int(scalar)] & Self.valueMask
            return entry == 0 ? scalar : entry
        }
        return astral[scalar] ?? scalar
    }
}

enum Base64 {
    @inline(__always)
    static func digit(_ byte: UInt8) -> UInt32 {
        switch byte {
        case 0x41...0x5A: UInt32(byte - 0x41)
        case 0x61...0x7A: UInt32(byte - 0x61 + 26)
        case 0x30...0x39: UInt32(byte - 0x30 + 52)
        case 0x2B: 62
        default: 63
        }
    }

    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, width: Int) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<width {
            value = value << 6 | digit(bytes[offset + k])
        }
        return value
    }
}

/// Mandarin readings without tones, for recognising pinyin annotations.
enum PinyinReadings {
    /// Syllable spelling (ASCII, v for ü) to its number in the generated table.
    static let syllableNumbers: [String: UInt32] = {
        var out: [String: UInt32] = [:]
        PinyinTableData.syllables.withUTF8Buffer { bytes in
            let all = String(decoding: bytes, as: UTF8.self)
            for (n, syllable) in all.split(separator: " ").enumerated() {
                out[String(syllable)] = UInt32(n)
            }
        }
        return out
    }()

    /// Whether `syllable` (toneless, v for ü) is a reading of `scalar`; binary search over the
    /// generated index, so nothing is decoded up front.
    static func isReading(_ syllableNumber: UInt32, of scalar: UInt32) -> Bool {
        PinyinTableData.index.withUTF8Buffer { index in
            let records = index.count / 6 - 1
            var low = 0
            var high = records
            while low < high {
                let mid = (low + high) / 2
                let key = Base64.decode(index, at: mid * 6, width: 3)
                if key < scalar {
                    low = mid + 1
                } else {
                    high = mid
                }
            }
            guard low < records, Base64.decode(index, at: low * 6, width: 3) == scalar else { return false }
            let start = Int(Base64.decode(index, at: low * 6 + 3, width: 3))
            let end = Int(Base64.decode(index, at: low * 6 + 9, width: 3))
            return PinyinTableData.readings.withUTF8Buffer { readings in
                var k = start
                while k < end {
                    if Base64.decode(readings, at: k * 2, width: 2) == syllableNumber { return true }
                    k += 1
                }
                return false
            }
        }
    }
}

enum UTF8Decoding {
    /// Decodes one scalar from valid UTF-8 (the generated tables and Swift strings).
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        return (
            (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F),
            4
        )
    }
}
