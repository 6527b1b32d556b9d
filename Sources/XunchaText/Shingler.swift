/// What the near-duplicate index knows about one text: the hashed character shingles of its
/// content characters (ideographs, letters, digits) and a key for the content as a whole.
struct ShingleProfile: Sendable {
    /// Distinct 64-bit shingle hashes, ascending.
    var hashes: [UInt64]
    /// Number of content characters; punctuation, symbols and whitespace are not counted.
    var contentLength: Int
    /// Hash of every content character in order: equal for texts that differ only in
    /// punctuation and spacing, which is what "exact after normalization" means for short texts.
    var contentKey: UInt64
}

/// Cuts a normalized text into character shingles.
///
/// Only ideographs, letters and digits take part, so a retyped report with other commas, spaces
/// or brackets has the same shingles. Shingles never span a sentence end (。！？；… or a line
/// break): reordering the sentences of a report then leaves its shingle set unchanged, where
/// shingles across the boundaries would lose two per sentence moved. A sentence shorter than
/// the shingle length counts as one shingle of its own.
enum Shingler {
    static func profile(of text: String, shingleLength: Int) -> ShingleProfile {
        precondition(shingleLength >= 1, "shingle length must be positive")
        var hashes: [UInt64] = []
        var segment: [UInt32] = []
        var contentLength = 0
        var contentKey: UInt64 = 0xCBF2_9CE4_8422_2325
        var previousWasDigit = false

        func closeSegment() {
            if !segment.isEmpty && segment.count < shingleLength {
                // Tagged with its length so it can never equal a full shingle's hash by construction.
                hashes.append(hashGram(segment[...], tag: UInt64(segment.count) << 56))
            }
            segment.removeAll(keepingCapacity: true)
        }

        for scalar in text.unicodeScalars {
            if let value = contentValue(scalar) {
                contentLength += 1
                contentKey = (contentKey ^ UInt64(value)) &* 0x0000_0100_0000_01B3
                segment.append(value)
                if segment.count >= shingleLength {
                    hashes.append(hashGram(segment[(segment.count - shingleLength)...], tag: 0))
                }
                previousWasDigit = value >= 0x30 && value <= 0x39
            } else if endsSentence(scalar, afterDigit: previousWasDigit) {
                closeSegment()
            }
        }
        closeSegment()
        hashes.sort()
        removeAdjacentDuplicates(&hashes)
        return ShingleProfile(hashes: hashes, contentLength: contentLength, contentKey: mix64(contentKey))
    }

    /// The scalar value to compare, or nil for punctuation, symbols and whitespace. ASCII letters
    /// are lowercased (the normalizer has already folded full-width forms to ASCII).
    static func contentValue(_ scalar: Unicode.Scalar) -> UInt32? {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x30...0x39, 0x61...0x7A: return value
            case 0x41...0x5A: return value + 0x20
            default: return nil
            }
        }
        // The common case for Chinese reports, without a property lookup.
        if value >= 0x4E00 && value <= 0x9FFF { return value }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil ? value : nil
    }

    /// Sentence ends that cut the shingle sequence. A full stop after a digit is a decimal
    /// point (3.5万元), not an end.
    private static func endsSentence(_ scalar: Unicode.Scalar, afterDigit: Bool) -> Bool {
        switch scalar {
        case "\u{3002}", "\u{FF61}", "!", "?", ";", "\u{2026}", "\n", "\r": true
        case ".": !afterDigit
        default: false
        }
    }

    private static func hashGram(_ gram: ArraySlice<UInt32>, tag: UInt64) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ tag
        for value in gram { hash = (hash ^ UInt64(value)) &* 0x0000_0100_0000_01B3 }
        return mix64(hash)
    }

    private static func removeAdjacentDuplicates(_ sorted: inout [UInt64]) {
        guard sorted.count > 1 else { return }
        var kept = 1
        for i in 1..<sorted.count where sorted[i] != sorted[kept - 1] {
            sorted[kept] = sorted[i]
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
    }
}

/// The 64-bit finalizer of MurmurHash3: a bijection that spreads every input bit over the output,
/// so sorted order, bottom-k samples and MinHash minima behave like uniform random values.
@inline(__always)
func mix64(_ value: UInt64) -> UInt64 {
    var x = value
    x ^= x >> 33
    x &*= 0xFF51_AFD7_ED55_8CCD
    x ^= x >> 33
    x &*= 0xC4CE_B9FE_1A85_EC53
    x ^= x >> 33
    return x
}
