/// The single-pass normalizer over UTF-8 bytes that `TextNormalizer` and `StreamingNormalizer`
/// share. It works on raw bytes with unsafe pointers because it is on the hot path of every
/// report and of bulk conversions; Swift `String` iteration would cost several times more.
struct NormalizationEngine {
    let tables = ScriptTables.shared
    let options: NormalizationOptions

    /// Original scalar index of the next input scalar (across chunks when streaming).
    var scalarIndex = 0
    /// Count of invalid UTF-8 sequences replaced by U+FFFD.
    var invalidSequences = 0
    var lastWasSpace = false
    /// The last emitted scalar, for composing a following combining tone mark.
    var lastScalar: UInt32 = 0
    /// Up to four ideographs directly before the current position, newest last (`.3`), as
    /// written and as converted, for checking a pinyin annotation against the characters it
    /// follows. Tuples rather than arrays keep the hot loop free of heap traffic.
    var historyOriginal: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
    var historyMapped: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
    var historyCount = 0

    var recordOffsets = false
    var starts: [Int] = []
    var ends: [Int] = []

    /// How far ahead a rule may look (phrases, annotations, CR LF); a streaming caller keeps at
    /// least this many bytes back until more input or the end arrives.
    static let lookahead = 256
    static let maxAnnotationBytes = 64
    /// Removable scalars skipped inside one phrase at most, which bounds the look-ahead of a
    /// phrase (12 scalars of 4 bytes and 8 of 3) well within `lookahead`.
    static let maxRemovedInPhrase = 8

    init(options: NormalizationOptions) {
        self.options = options
    }

    @inline(__always)
    private mutating func pushHistory(_ original: UInt32, _ mapped: UInt32) {
        historyOriginal = (historyOriginal.1, historyOriginal.2, historyOriginal.3, original)
        historyMapped = (historyMapped.1, historyMapped.2, historyMapped.3, mapped)
        if historyCount < 4 { historyCount += 1 }
    }

    /// The k-th most recent ideograph (0 = newest).
    private func history(_ k: Int) -> (UInt32, UInt32) {
        switch k {
        case 0: (historyOriginal.3, historyMapped.3)
        case 1: (historyOriginal.2, historyMapped.2)
        case 2: (historyOriginal.1, historyMapped.1)
        default: (historyOriginal.0, historyMapped.0)
        }
    }

    /// Normalizes `input[0..<count]`, appending to `out`. Returns how many bytes were consumed:
    /// all of them when `isFinal`, otherwise everything up to `lookahead` bytes before the end.
    mutating func process(_ input: UnsafeBufferPointer<UInt8>, isFinal: Bool, into out: inout ByteBuffer) -> Int {
        let end = input.count
        let safeEnd = isFinal ? end : max(0, end - Self.lookahead)
        guard let base = input.baseAddress else { return 0 }
        out.reserve(end + end / 2 + 16)
        let bmp = tables.bmpPointer
        var i = 0
        while i < safeEnd {
            let b = base[i]
            // Fast path: a run of three-byte sequences (BMP ideographs and CJK punctuation)
            // whose entries are plain replacements within the same byte length.
            if b >= 0xE1, b != 0xED, i + 2 < end, b <= 0xEF {
                let j = fastRun(base, i, min(safeEnd, end - 2), bmp, &out)
                if j > i {
                    i = j
                    continue
                }
            }
            if b < 0x80 {
                if asciiSpecial[Int(b)] == 0 {
                    // Plain ASCII run: copy.
                    var j = i
                    out.reserve(safeEnd - i)
                    while j < safeEnd, base[j] < 0x80, asciiSpecial[Int(base[j])] == 0 {
                        out.appendUnchecked(base[j])
                        j += 1
                    }
                    if recordOffsets {
                        for k in 0..<(j - i) {
                            starts.append(scalarIndex + k)
                            ends.append(scalarIndex + k + 1)
                        }
                    }
                    scalarIndex += j - i
                    lastScalar = UInt32(base[j - 1])
                    lastWasSpace = false
                    historyCount = 0
                    i = j
                    continue
                }
                i = handleSpecialASCII(b, base, i, end, &out)
                continue
            }

            let (scalar, length) = decodeChecked(base, i, end, isFinal: isFinal)
            if length == 0 { break }  // incomplete sequence at the end of a chunk
            if length == 1 { invalidSequences += 1 }
            let entry: UInt32
            if scalar < 0x1_0000 {
                entry = bmp[Int(scalar)]
            } else {
                entry = tables.astralEntry(scalar)
            }
            if entry == 0 {
                emit(scalar, &out, isIdeograph: isIdeograph(scalar), original: scalar)
                scalarIndex += 1
                i += length
                continue
            }
            if entry & ScriptTables.phraseStart != 0, mayStartPhrase(scalar, base, i + length, end),
                let consumed = tryPhrase(scalar, base, i, end, &out)
            {
                i += consumed
                continue
            }
            if entry & ScriptTables.remove != 0 {
                scalarIndex += 1
                i += length
                continue
            }
            if entry & ScriptTables.space != 0 {
                emitSpace(&out)
                scalarIndex += 1
                i += length
                continue
            }
            if entry & ScriptTables.combiningTone != 0 {
                composeTone(scalar, &out)
                scalarIndex += 1
                i += length
                continue
            }
            let value = entry & ScriptTables.valueMask
            let mapped = value == 0 ? scalar : value
            if mapped == 0x28, options.stripPinyinAnnotations, historyCount > 0, let skip = annotationLength(base, i + length, end) {
                scalarIndex += 1 + skip.scalars
                i += length + skip.bytes
                continue
            }
            emit(mapped, &out, isIdeograph: isIdeograph(mapped), original: scalar)
            scalarIndex += 1
            i += length
        }
        return i
    }

    /// Converts consecutive three-byte scalars that need no rule beyond the table, keeping the
    /// state in registers; returns where it stopped (at `i` when the first one needs more).
    @inline(__always)
    private mutating func fastRun(
        _ base: UnsafePointer<UInt8>,
        _ start: Int,
        _ limit: Int,
        _ bmp: UnsafeMutablePointer<UInt32>,
        _ out: inout ByteBuffer
    ) -> Int {
        out.reserve(limit - start + 4)  // a step stores four bytes and keeps three or one
        let op = UnsafeMutableRawPointer(out.pointer)
        let fast = tables.fast
        var o = out.count
        var i = start
        // Only the number of ideographs at the end of the run is tracked here; the history for
        // annotations is rebuilt from the input once the run ends, keeping the loop lean.
        var trailing = 0
        var index = scalarIndex
        let record = recordOffsets
        while i < limit {
            let b = base[i]
            // E0 (overlong forms) and ED (surrogates) need the checked decoder.
            guard b >= 0xE1, b <= 0xEF, b != 0xED else { break }
            let b1 = base[i + 1]
            let b2 = base[i + 2]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { break }
            let scalar = UInt32(b & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
            let packed = fast[Int(scalar)]
            let length = Int(packed >> 24 & 3)
            guard length != 0 else { break }  // spacing, removal, marks, '(' or another length
            if packed & ScriptTables.fastPhrase != 0 {
                // Stay in the run when the pair filter rules out a phrase here.
                guard i + 5 < limit + 2 else { break }
                let c0 = base[i + 3]
                guard c0 >= 0xE1, c0 <= 0xEF, c0 != 0xED else { break }
                let next = UInt32(c0 & 0x0F) << 12 | UInt32(base[i + 4] & 0x3F) << 6 | UInt32(base[i + 5] & 0x3F)
                if tables.mayStartPhrase(scalar, next) || bmp[Int(next)] & ScriptTables.remove != 0 { break }
            }
            op.storeBytes(of: packed & 0xFF_FFFF, toByteOffset: o, as: UInt32.self)
            o += length
            trailing = packed & ScriptTables.fastIdeograph != 0 ? trailing + 1 : 0
            if record {
                starts.append(index)
                ends.append(index + 1)
            }
            index += 1
            i += 3
        }
        guard i > start else { return i }
        scalarIndex = index
        out.setCount(o)
        lastWasSpace = false
        let runLength = (i - start) / 3
        let kept = trailing == runLength ? min(historyCount + trailing, 4) : min(trailing, 4)
        var k = min(trailing, 4)
        while k > 0 {
            let p = i - 3 * k
            let scalar = UInt32(base[p] & 0x0F) << 12 | UInt32(base[p + 1] & 0x3F) << 6 | UInt32(base[p + 2] & 0x3F)
            pushHistory(scalar, tables.mapped(scalar))
            k -= 1
        }
        historyCount = kept
        let p = i - 3
        let lastInput = UInt32(base[p] & 0x0F) << 12 | UInt32(base[p + 1] & 0x3F) << 6 | UInt32(base[p + 2] & 0x3F)
        lastScalar = tables.mapped(lastInput)
        return i
    }

    // MARK: - ASCII rules

    private mutating func handleSpecialASCII(
        _ b: UInt8,
        _ base: UnsafePointer<UInt8>,
        _ i: Int,
        _ end: Int,
        _ out: inout ByteBuffer
    ) -> Int {
        switch b {
        case 0x20, 0x09:
            emitSpace(&out)
            scalarIndex += 1
            return i + 1
        case 0x0D:
            if i + 1 < end, base[i + 1] == 0x0A {
                scalarIndex += 1  // CR LF becomes LF: the CR is dropped, the LF emitted next
                return i + 1
            }
            emit(0x0A, &out, isIdeograph: false, original: 0x0D)
            scalarIndex += 1
            return i + 1
        case 0x28:
            if options.stripPinyinAnnotations, historyCount > 0, let skip = annotationLength(base, i + 1, end) {
                scalarIndex += 1 + skip.scalars
                return i + 1 + skip.bytes
            }
            emit(0x28, &out, isIdeograph: false, original: 0x28)
            scalarIndex += 1
            return i + 1
        default:
            emit(UInt32(b), &out, isIdeograph: false, original: UInt32(b))
            scalarIndex += 1
            return i + 1
        }
    }

    private mutating func emitSpace(_ out: inout ByteBuffer) {
        historyCount = 0
        if options.collapseSpaces && lastWasSpace { return }
        out.append(0x20)
        record(1)
        lastScalar = 0x20
        lastWasSpace = true
    }

    @inline(__always)
    private mutating func record(_ count: Int) {
        guard recordOffsets else { return }
        for _ in 0..<count {
            starts.append(scalarIndex)
            ends.append(scalarIndex + 1)
        }
    }

    @inline(__always)
    private mutating func emit(_ scalar: UInt32, _ out: inout ByteBuffer, isIdeograph: Bool, original: UInt32) {
        out.appendScalar(scalar)
        if recordOffsets {
            starts.append(scalarIndex)
            ends.append(scalarIndex + 1)
        }
        lastScalar = scalar
        lastWasSpace = false
        if isIdeograph {
            pushHistory(original, scalar)
        } else {
            historyCount = 0
        }
    }

    // MARK: - Phrases

    /// Forward maximum matching over the phrases that start with `first`; returns the bytes
    /// consumed when one matched.
    private mutating func tryPhrase(
        _ first: UInt32,
        _ base: UnsafePointer<UInt8>,
        _ start: Int,
        _ end: Int,
        _ out: inout ByteBuffer
    ) -> Int? {
        guard first < 0x1_0000 else { return nil }
        let group = Int(tables.phraseGroup[Int(first)])
        guard group > 0 else { return nil }
        let pool = tables.phraseScalars
        let firstLength = first < 0x800 ? 2 : 3
        // Scalars the normalizer removes (zero-width spaces, soft hyphens) are transparent
        // inside a phrase, so that 答<ZWSP>覆 converts as 答覆 does and a second pass changes
        // nothing. `skipped[k]` counts those before the k-th phrase scalar.
        var skipped: [Int] = []
        for p in tables.phraseFirst[group - 1]..<tables.phraseFirst[group] {
            let offset = tables.phraseOffset[p]
            let length = tables.phraseLength[p]
            var i = start + firstLength
            var removed = 0
            var matched = true
            skipped.removeAll(keepingCapacity: true)
            skipped.append(0)
            var k = 1
            while k < length {
                guard i < end else {
                    matched = false
                    break
                }
                let (scalar, n) = decodeChecked(base, i, end, isFinal: true)
                if isRemovable(scalar), removed < Self.maxRemovedInPhrase {
                    removed += 1
                    i += n
                    continue
                }
                if scalar != pool[offset + k] {
                    matched = false
                    break
                }
                skipped.append(removed)
                i += n
                k += 1
            }
            if matched {
                let base = scalarIndex
                for k in 0..<length {
                    let target = pool[offset + length + k]
                    scalarIndex = base + k + skipped[k]
                    emit(target, &out, isIdeograph: isIdeograph(target), original: pool[offset + k])
                }
                scalarIndex = base + length + removed
                return i - start
            }
        }
        return nil
    }

    @inline(__always)
    private func isRemovable(_ scalar: UInt32) -> Bool {
        scalar < 0x1_0000 && tables.bmpPointer[Int(scalar)] & ScriptTables.remove != 0
    }

    /// Cheap pre-check of the pair filter with the scalar that follows.
    @inline(__always)
    private func mayStartPhrase(_ first: UInt32, _ base: UnsafePointer<UInt8>, _ next: Int, _ end: Int) -> Bool {
        var i = next
        var removed = 0
        while i < end {
            let (second, n) = decodeChecked(base, i, end, isFinal: true)
            if !isRemovable(second) || removed == Self.maxRemovedInPhrase { return tables.mayStartPhrase(first, second) }
            removed += 1
            i += n
        }
        return false
    }

    // MARK: - Pinyin annotations

    /// If the bytes from `start` hold `pinyin)` where each syllable is a reading of the
    /// ideograph it follows, the length of that text including the closing parenthesis.
    private func annotationLength(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (bytes: Int, scalars: Int)? {
        var syllables: [String] = []
        var current: [UInt8] = []
        var toneDigitSeen = false
        var i = start
        var scalars = 0
        let limit = min(end, start + Self.maxAnnotationBytes)
        while i < limit {
            let (scalar, length) = decodeChecked(base, i, end, isFinal: true)
            i += length
            scalars += 1
            if scalar == 0x29 || scalar == 0xFF09 {
                if !current.isEmpty { syllables.append(String(decoding: current, as: UTF8.self)) }
                return matchesHistory(syllables) ? (i - start, scalars) : nil
            }
            // A run of spaces of any kind counts as one, as the output has it: else a second pass
            // over the output strips what the first kept (found by fuzzing), and normalizing
            // normalized text would change it.
            let entry = scalar < 0x1_0000 ? tables.bmpPointer[Int(scalar)] : tables.astralEntry(scalar)
            // What the output drops (a soft hyphen, a zero-width space) is not there for the
            // second pass either, so it is not there for this one (found by fuzzing too).
            if entry & ScriptTables.remove != 0 { continue }
            let spaceLike = entry & ScriptTables.space != 0
            if spaceLike, current.isEmpty, !syllables.isEmpty { continue }
            if spaceLike || scalar == 0x27 || scalar == 0x2019 || scalar == 0x2D {
                if current.isEmpty { return nil }
                syllables.append(String(decoding: current, as: UTF8.self))
                current.removeAll()
                toneDigitSeen = false
                continue
            }
            if scalar >= 0x31 && scalar <= 0x35 {
                if current.isEmpty || toneDigitSeen { return nil }
                toneDigitSeen = true
                continue
            }
            if toneDigitSeen { return nil }
            if scalar >= 0x61 && scalar <= 0x7A {
                current.append(UInt8(scalar))
                continue
            }
            if let folded = toneFold(scalar) {
                current.append(folded)
                continue
            }
            if isCombiningTone(scalar), !current.isEmpty { continue }
            return nil
        }
        return nil
    }

    private func matchesHistory(_ syllables: [String]) -> Bool {
        guard !syllables.isEmpty, syllables.count <= historyCount else { return false }
        if syllables.count == 1, !reads(syllables[0], historyIndex: 0) {
            // Run-together syllables (银行(yinhang)) are split to fit the characters before.
            return historyCount >= 2 && (2...historyCount).contains { n in splits(Substring(syllables[0]), into: n) }
        }
        for (k, syllable) in syllables.enumerated() where !reads(syllable, historyIndex: syllables.count - 1 - k) {
            return false
        }
        return true
    }

    /// Whether `syllable` is a reading of the ideograph `historyIndex` places back.
    private func reads(_ syllable: some StringProtocol, historyIndex: Int) -> Bool {
        guard let number = PinyinReadings.syllableNumbers[String(syllable)] else { return false }
        let (original, simplified) = history(historyIndex)
        return PinyinReadings.isReading(number, of: original) || PinyinReadings.isReading(number, of: simplified)
    }

    /// Whether `letters` splits into `count` syllables reading the last `count` ideographs.
    private func splits(_ letters: Substring, into count: Int) -> Bool {
        if count == 0 { return letters.isEmpty }
        guard letters.count >= count else { return false }
        let historyIndex = count - 1  // the leftmost of the remaining ideographs
        for length in stride(from: min(6, letters.count - count + 1), through: 1, by: -1) {
            let head = letters.prefix(length)
            if reads(head, historyIndex: historyIndex), splits(letters.dropFirst(length), into: count - 1) { return true }
        }
        return false
    }

    // MARK: - Combining tone marks

    /// UTF-8 bytes of the last scalar written (0 before any): what a combining tone mark may
    /// still replace.
    var lastScalarLength: Int { lastScalar == 0 ? 0 : ByteBuffer.utf8Length(lastScalar) }

    private mutating func composeTone(_ mark: UInt32, _ out: inout ByteBuffer) {
        // The base must still be in `out`: a caller that took the bytes away (a stream's chunk)
        // gets the mark as it came rather than a write before the buffer.
        if out.count >= lastScalarLength, let composed = composeToneMark(base: lastScalar, mark: mark) {
            out.removeLastScalar(lastScalar)
            out.appendScalar(composed)
            lastScalar = composed
            if recordOffsets, !ends.isEmpty { ends[ends.count - 1] = scalarIndex + 1 }
            return
        }
        emit(mark, &out, isIdeograph: false, original: mark)
    }

    // MARK: - UTF-8

    /// Decodes one scalar, replacing an invalid sequence with U+FFFD (consuming one byte).
    /// Returns length 0 when a valid prefix is cut off by the end of a non-final chunk.
    /// An invalid sequence comes back as U+FFFD with length 1 (a real U+FFFD has length 3).
    @inline(__always)
    private func decodeChecked(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, isFinal: Bool) -> (UInt32, Int) {
        let b0 = p[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let need: Int
        let minimum: UInt32
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF:
            need = 1
            minimum = 0x80
            value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF:
            need = 2
            minimum = 0x800
            value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4:
            need = 3
            minimum = 0x1_0000
            value = UInt32(b0 & 0x07)
        default:
            return (0xFFFD, 1)
        }
        if i + need >= end {
            // The sequence runs past the end: wait for more input if what is there is a valid
            // prefix of a chunk that is not the last; otherwise it is truncated.
            var k = 1
            while i + k < end, p[i + k] & 0xC0 == 0x80 { k += 1 }
            if i + k == end && !isFinal { return (0, 0) }
            return (0xFFFD, 1)
        }
        for k in 1...need {
            let c = p[i + k]
            if c & 0xC0 != 0x80 {
                return (0xFFFD, 1)
            }
            value = value << 6 | UInt32(c & 0x3F)
        }
        if value < minimum || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10_FFFF {
            return (0xFFFD, 1)
        }
        return (value, need + 1)
    }
}

@inline(__always)
func isIdeograph(_ s: UInt32) -> Bool {
    (s >= 0x4E00 && s <= 0x9FFF) || (s >= 0x3400 && s <= 0x4DBF) || (s >= 0xF900 && s <= 0xFAFF)
        || (s >= 0x2_0000 && s <= 0x3_134F)
}

/// ASCII bytes that need a rule: space, tab, CR, and '(' (a possible pinyin annotation).
private let asciiSpecial: [UInt8] = {
    var table = [UInt8](repeating: 0, count: 128)
    for b in [0x20, 0x09, 0x0D, 0x28] { table[b] = 1 }
    return table
}()

@inline(__always)
func isCombiningTone(_ s: UInt32) -> Bool {
    s == 0x300 || s == 0x301 || s == 0x304 || s == 0x308 || s == 0x30C
}

/// A tone-marked pinyin letter to its plain ASCII letter (v for ü).
@inline(__always)
func toneFold(_ s: UInt32) -> UInt8? {
    switch s {
    case 0x101, 0xE1, 0x1CE, 0xE0: 0x61
    case 0x113, 0xE9, 0x11B, 0xE8, 0xEA: 0x65
    case 0x12B, 0xED, 0x1D0, 0xEC: 0x69
    case 0x14D, 0xF3, 0x1D2, 0xF2: 0x6F
    case 0x16B, 0xFA, 0x1D4, 0xF9: 0x75
    case 0x1D6, 0x1D8, 0x1DA, 0x1DC, 0xFC: 0x76
    case 0x144, 0x148, 0x1F9: 0x6E
    case 0x1E3F: 0x6D
    default: nil
    }
}

/// Precomposed form of a pinyin vowel followed by a combining tone mark, so that text typed with
/// combining marks compares equal to text typed with precomposed letters.
func composeToneMark(base: UInt32, mark: UInt32) -> UInt32? {
    let rows: [UInt32: [UInt32]] = [
        // base: [macron 0304, acute 0301, caron 030C, grave 0300, diaeresis 0308]
        0x61: [0x101, 0xE1, 0x1CE, 0xE0, 0xE4],
        0x65: [0x113, 0xE9, 0x11B, 0xE8, 0xEB],
        0x69: [0x12B, 0xED, 0x1D0, 0xEC, 0xEF],
        0x6F: [0x14D, 0xF3, 0x1D2, 0xF2, 0xF6],
        0x75: [0x16B, 0xFA, 0x1D4, 0xF9, 0xFC],
        0xFC: [0x1D6, 0x1D8, 0x1DA, 0x1DC, 0],
        0x41: [0x100, 0xC1, 0x1CD, 0xC0, 0xC4],
        0x45: [0x112, 0xC9, 0x11A, 0xC8, 0xCB],
        0x49: [0x12A, 0xCD, 0x1CF, 0xCC, 0xCF],
        0x4F: [0x14C, 0xD3, 0x1D1, 0xD2, 0xD6],
        0x55: [0x16A, 0xDA, 0x1D3, 0xD9, 0xDC],
    ]
    let column: Int
    switch mark {
    case 0x304: column = 0
    case 0x301: column = 1
    case 0x30C: column = 2
    case 0x300: column = 3
    case 0x308: column = 4
    default: return nil
    }
    guard let row = rows[base], row[column] != 0 else { return nil }
    return row[column]
}

/// A growable byte buffer written through a raw pointer, so appends in the hot loop are a store
/// and an increment.
struct ByteBuffer: ~Copyable {
    private(set) var pointer: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = Swift.max(capacity, 64)
        pointer = .allocate(capacity: self.capacity)
    }

    deinit { pointer.deallocate() }

    mutating func reserve(_ extra: Int) {
        if count + extra + 8 > capacity { grow(count + extra + 8) }
    }

    private mutating func grow(_ needed: Int) {
        let newCapacity = Swift.max(needed, capacity * 2)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        fresh.update(from: pointer, count: count)
        pointer.deallocate()
        pointer = fresh
        capacity = newCapacity
    }

    @inline(__always)
    mutating func appendUnchecked(_ byte: UInt8) {
        pointer[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count + 1 > capacity { grow(count + 1) }
        pointer[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func appendScalar(_ s: UInt32) {
        if count + 4 > capacity { grow(count + 4) }
        if s < 0x80 {
            pointer[count] = UInt8(s)
            count += 1
        } else if s < 0x800 {
            pointer[count] = UInt8(0xC0 | s >> 6)
            pointer[count + 1] = UInt8(0x80 | s & 0x3F)
            count += 2
        } else if s < 0x1_0000 {
            pointer[count] = UInt8(0xE0 | s >> 12)
            pointer[count + 1] = UInt8(0x80 | (s >> 6) & 0x3F)
            pointer[count + 2] = UInt8(0x80 | s & 0x3F)
            count += 3
        } else {
            pointer[count] = UInt8(0xF0 | s >> 18)
            pointer[count + 1] = UInt8(0x80 | (s >> 12) & 0x3F)
            pointer[count + 2] = UInt8(0x80 | (s >> 6) & 0x3F)
            pointer[count + 3] = UInt8(0x80 | s & 0x3F)
            count += 4
        }
    }

    static func utf8Length(_ s: UInt32) -> Int {
        s < 0x80 ? 1 : s < 0x800 ? 2 : s < 0x1_0000 ? 3 : 4
    }

    mutating func removeLastScalar(_ s: UInt32) {
        count -= Self.utf8Length(s)
    }

    /// Keeps only the last `n` bytes, moved to the start (copied forward, so an overlap is safe).
    mutating func keepLast(_ n: Int) {
        precondition(n <= count)
        for k in 0..<n { pointer[k] = pointer[count - n + k] }
        count = n
    }

    /// After writing through `pointer` within reserved capacity.
    mutating func setCount(_ n: Int) {
        precondition(n <= capacity)
        count = n
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: pointer, count: count))
    }
}
