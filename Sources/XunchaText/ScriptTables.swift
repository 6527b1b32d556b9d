#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lookup tables decoded once per process from the generated data.
///
/// The character table is dense for the Basic Multilingual Plane so the hot loop does one array
/// read per scalar; scalars above it (rare extension characters) go through a small dictionary.
final class ScriptTables: @unchecked Sendable {
    static let shared = ScriptTables()

    /// Entry flags in `bmp`; the low 21 bits hold the replacement scalar (0 means unchanged).
    static let phraseStart: UInt32 = 1 << 31
    static let space: UInt32 = 1 << 30
    static let remove: UInt32 = 1 << 29
    static let combiningTone: UInt32 = 1 << 28
    static let valueMask: UInt32 = 0x1F_FFFF

    /// One entry per BMP scalar, as a raw pointer for the hot loop; the singleton lives as long
    /// as the process, so it is never freed.
    let bmpPointer: UnsafeMutablePointer<UInt32>
    /// For the three-byte fast path, per BMP scalar: the UTF-8 bytes of its output in bits
    /// 0–23, their count in bits 24–25 (0: take the general path), and the `fastIdeograph` and
    /// `fastPhrase` flags. Precomputing the encoding makes a step one load and one store, with
    /// no branch on whether the character changes (which text mixes unpredictably).
    let fast: UnsafeMutablePointer<UInt32>
    static let fastIdeograph: UInt32 = 1 << 26
    static let fastPhrase: UInt32 = 1 << 27
    /// Pairs for scalars above the BMP: `astralCount` 8-byte records of the generated data,
    /// from byte `astralStart`, searched in place because they are rare.
    let astralStart: Int
    let astralCount: Int
    /// Flat phrase layout for the hot loop: a BMP scalar's group number (0 for none) in
    /// `phraseGroup`; group g's phrases are `phraseFirst[g-1]..<phraseFirst[g]`; phrase p's
    /// source and target scalars are at `phraseScalars[phraseOffset[p]...]`, `phraseLength[p]` each.
    let phraseGroup: UnsafeMutablePointer<UInt16>
    let phraseFirst: [Int]
    let phraseOffset: [Int]
    let phraseLength: [Int]
    let phraseScalars: UnsafeMutablePointer<UInt32>
    /// A 65,536-bit filter over (first, second) scalar pairs of all phrases: most characters
    /// that start some phrase (國, 一, 不 …) are not followed by a second character of one.
    let pairFilter: UnsafeMutablePointer<UInt64>

    @inline(__always)
    static func pairHash(_ a: UInt32, _ b: UInt32) -> Int {
        Int(((a &* 0x9E37_79B1) ^ (b &* 0x85EB_CA77)) >> 16)
    }

    @inline(__always)
    func mayStartPhrase(_ a: UInt32, _ b: UInt32) -> Bool {
        let h = Self.pairHash(a, b)
        return pairFilter[h >> 6] & (1 << UInt64(h & 63)) != 0
    }

    private init() {
        // calloc hands out zero pages lazily: only the pages holding mappings are touched.
        let bmp = calloc(0x1_0000, MemoryLayout<UInt32>.stride)!.bindMemory(to: UInt32.self, capacity: 0x1_0000)
        var astralStart = 0
        var astralCount = 0
        CharTableData.pairs.withUTF8Buffer { bytes in
            var i = 0
            while i + 8 <= bytes.count {
                let source = Base64.decode(bytes, at: i, width: 4)
                guard source < 0x1_0000 else {
                    // Pairs are sorted: the rest are above the BMP.
                    astralStart = i
                    astralCount = (bytes.count - i) / 8
                    break
                }
                bmp[Int(source)] = Base64.decode(bytes, at: i + 4, width: 4)
                i += 8
            }
        }
        Self.addPolicy(bmp)

        // Records come grouped by first scalar, longest first within a group (the order forward
        // maximum matching tries them), so loading is one pass.
        var first = [0]
        var offsets: [Int] = []
        var lengths: [Int] = []
        var pool: [UInt32] = []
        offsets.reserveCapacity(PhraseTableData.count)
        lengths.reserveCapacity(PhraseTableData.count)
        pool.reserveCapacity(PhraseTableData.count * 8)
        let groups = calloc(0x1_0000, MemoryLayout<UInt16>.stride)!.bindMemory(to: UInt16.self, capacity: 0x1_0000)
        PhraseTableData.phrases.withUTF8Buffer { bytes in
            var recordStart = 0
            var currentFirst: UInt32 = 0
            var i = 0
            while i < bytes.count {
                let (scalar, length) = UTF8Decoding.decode(bytes, at: i)
                i += length
                guard scalar == 0x7C else {
                    pool.append(scalar)
                    continue
                }
                let head = pool[recordStart]
                if head != currentFirst, offsets.count > first[first.count - 1] {
                    first.append(offsets.count)
                    Self.markGroup(currentFirst, group: first.count - 1, bmp, groups)
                }
                currentFirst = head
                offsets.append(recordStart)
                lengths.append((pool.count - recordStart) / 2)
                recordStart = pool.count
            }
            if offsets.count > first[first.count - 1] {
                first.append(offsets.count)
                Self.markGroup(currentFirst, group: first.count - 1, bmp, groups)
            }
        }
        let filter = calloc(1024, MemoryLayout<UInt64>.stride)!.bindMemory(to: UInt64.self, capacity: 1024)
        for (p, offset) in offsets.enumerated() where lengths[p] >= 2 {
            let h = Self.pairHash(pool[offset], pool[offset + 1])
            filter[h >> 6] |= 1 << UInt64(h & 63)
        }
        let scalars = UnsafeMutablePointer<UInt32>.allocate(capacity: max(pool.count, 1))
        scalars.initialize(from: pool, count: pool.count)

        bmpPointer = bmp
        fast = Self.fastTable(bmp)
        self.astralStart = astralStart
        self.astralCount = astralCount
        phraseGroup = groups
        phraseFirst = first
        phraseOffset = offsets
        phraseLength = lengths
        phraseScalars = scalars
        pairFilter = filter
    }

    private static func markGroup(_ scalar: UInt32, group: Int, _ bmp: UnsafeMutablePointer<UInt32>, _ groups: UnsafeMutablePointer<UInt16>) {
        guard scalar < 0x1_0000 else { return }
        groups[Int(scalar)] = UInt16(group)
        bmp[Int(scalar)] |= phraseStart
    }

    /// The replacement of a scalar above the BMP, or 0.
    func astralEntry(_ scalar: UInt32) -> UInt32 {
        CharTableData.pairs.withUTF8Buffer { bytes in
            var low = 0
            var high = astralCount
            while low < high {
                let mid = (low + high) / 2
                let key = Base64.decode(bytes, at: astralStart + mid * 8, width: 4)
                if key == scalar { return Base64.decode(bytes, at: astralStart + mid * 8 + 4, width: 4) }
                if key < scalar { low = mid + 1 } else { high = mid }
            }
            return 0
        }
    }

    /// Ranges that running Chinese text is made of: general and CJK punctuation, the unified
    /// ideographs, full-width forms (extension A is rare enough for the general path). Other scalars take the general path, which
    /// gives the same result; leaving them out keeps loading short.
    private static let fastRanges: [ClosedRange<UInt32>] = [0x2000...0x206F, 0x3000...0x303F, 0x4E00...0x9FFF, 0xFF00...0xFFEF]

    private static func fastTable(_ bmp: UnsafeMutablePointer<UInt32>) -> UnsafeMutablePointer<UInt32> {
        let fast = calloc(0x1_0000, MemoryLayout<UInt32>.stride)!.bindMemory(to: UInt32.self, capacity: 0x1_0000)
        for range in fastRanges {
            for s in range {
                let entry = bmp[Int(s)]
                guard entry & (space | remove | combiningTone) == 0 else { continue }
                let value = entry & valueMask
                let m = value == 0 ? s : value
                var packed: UInt32
                if m >= 0x800, m < 0x1_0000 {
                    packed = (0xE0 | m >> 12) | (0x80 | (m >> 6) & 0x3F) << 8 | (0x80 | m & 0x3F) << 16 | 3 << 24
                } else if m > 0x20, m < 0x80, m != 0x28 {
                    packed = m | 1 << 24  // full-width ASCII; '(' may open an annotation
                } else {
                    continue
                }
                if isIdeograph(m) { packed |= fastIdeograph }
                if entry & phraseStart != 0 { packed |= fastPhrase }
                fast[Int(s)] = packed
            }
        }
        return fast
    }

    /// Width, spacing and dash rules, written here because they are policy rather than data.
    private static func addPolicy(_ bmp: UnsafeMutablePointer<UInt32>) {
        for c in UInt32(0xFF01)...0xFF5E {
            bmp[Int(c)] = c - 0xFEE0
        }
        for c: UInt32 in [0x09, 0x20, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000] {
            bmp[Int(c)] = space | 0x20
        }
        for c in UInt32(0x2000)...0x200A {
            bmp[Int(c)] = space | 0x20
        }
        for c: UInt32 in [0x00AD, 0x200B, 0x2060, 0xFEFF] {
            bmp[Int(c)] = remove
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
            bmp[Int(c)] = combiningTone
        }
        // The separators inside transcribed names (买买提·艾力) come as several look-alikes;
        // one form lets roster names match. The bullet • is left alone: it starts list items.
        for c: UInt32 in [0x2027, 0x2219, 0x22C5, 0x30FB, 0xFF65] {
            bmp[Int(c)] = 0xB7
        }
        // Taiwan writes the ellipsis with the midline form ⋯⋯; the mainland with ……
        bmp[0x22EF] = 0x2026
        // A compatibility fold may land on punctuation that a rule above folds again (︲ → – → -):
        // such entries go to the end at once, so that normalizing twice changes nothing.
        // (Characters are left as the tables give them.)
        for _ in 0..<2 {
            for c in 0..<0x1_0000 {
                let value = bmp[c] & valueMask
                guard value != 0, value < 0x1_0000, !isIdeograph(value), bmp[c] & (space | remove | combiningTone) == 0 else { continue }
                let next = bmp[Int(value)]
                guard next & valueMask != 0, next & (space | remove | combiningTone) == 0 else { continue }
                bmp[c] = bmp[c] & ~valueMask | next & valueMask
            }
        }
    }

    /// The simplified or folded form of one scalar, ignoring phrases and spacing rules.
    @inline(__always)
    func mapped(_ scalar: UInt32) -> UInt32 {
        if scalar < 0x1_0000 {
            let entry = bmpPointer[Int(scalar)] & Self.valueMask
            return entry == 0 ? scalar : entry
        }
        let entry = astralEntry(scalar)
        return entry == 0 ? scalar : entry
    }
}

enum Base64 {
    /// Digit values by byte, so decoding the tables at load is a lookup per character.
    private static let values: [UInt32] = {
        var table = [UInt32](repeating: 63, count: 256)
        for (n, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(c)] = UInt32(n)
        }
        return table
    }()

    @inline(__always)
    static func digit(_ byte: UInt8) -> UInt32 { values[Int(byte)] }

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
