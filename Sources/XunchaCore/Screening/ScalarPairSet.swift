/// Two-character words (compound surnames, words that are not names) looked up by a pair of
/// scalars without building a `String`, which costs an allocation and a Unicode-aware compare
/// at every place a name may start.
///
/// `String` equality is canonical equivalence. No other sequence is canonically equivalent to a
/// pair of CJK unified ideographs, so when every word is such a pair, a pair of unified
/// ideographs is compared scalar by scalar; anything else is compared as a `String`, as before.
struct ScalarPairSet: Sendable {
    private let words: Set<String>
    private let pairs: Set<UInt64>
    /// Every word is two unified ideographs, so `pairs` answers for unified pairs.
    private let onlyUnifiedPairs: Bool

    init(_ words: some Sequence<String>) {
        self.words = Set(words)
        var pairs = Set<UInt64>()
        var onlyUnifiedPairs = true
        for word in self.words {
            let scalars = Array(word.unicodeScalars)
            guard scalars.count == 2, Self.isUnified(scalars[0]), Self.isUnified(scalars[1]) else {
                onlyUnifiedPairs = false
                continue
            }
            pairs.insert(Self.key(scalars[0], scalars[1]))
        }
        self.pairs = pairs
        self.onlyUnifiedPairs = onlyUnifiedPairs
    }

    func contains(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        if onlyUnifiedPairs, Self.isUnified(a), Self.isUnified(b) { return pairs.contains(Self.key(a, b)) }
        var pair = ""
        pair.unicodeScalars.append(a)
        pair.unicodeScalars.append(b)
        return words.contains(pair)
    }

    /// CJK Unified Ideographs and Extension A: no decomposition, never composed.
    private static func isUnified(_ c: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(c.value) || (0x3400...0x4DBF).contains(c.value)
    }

    private static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 { UInt64(a.value) << 32 | UInt64(b.value) }
}
