/// What the near-duplicate index keeps of a text, computed once: a report's signature is
/// looked up when it is screened and added after it is stored, the same signature both times.
public struct PreparedText: Sendable {
    /// Distinct 32-bit fingerprints (the high half of each 64-bit shingle hash), ascending, at
    /// most `maximumStoredShingles`: half the memory of the full hashes, and two texts of 2,000
    /// shingles each share a fingerprint by accident about once in a thousand comparisons.
    let fingerprints: [UInt32]
    /// Distinct fingerprints before capping.
    let distinctCount: Int
    let contentLength: Int
    let contentKey: UInt64
    let isShort: Bool
    /// LSH band keys over all shingles; empty for short texts, which are matched by `contentKey`.
    let bandKeys: [UInt64]

    init(_ text: String, configuration: NearDuplicateConfiguration, minHash: MinHashBands) {
        let profile = Shingler.profile(of: text, shingleLength: configuration.shingleLength)
        contentLength = profile.contentLength
        contentKey = profile.contentKey
        isShort = profile.contentLength < configuration.shortTextLength
        var fingerprints: [UInt32] = []
        fingerprints.reserveCapacity(profile.hashes.count)
        // The hashes are sorted, so their high halves are too and duplicates are adjacent.
        for hash in profile.hashes {
            let fingerprint = UInt32(truncatingIfNeeded: hash >> 32)
            if fingerprints.last != fingerprint { fingerprints.append(fingerprint) }
        }
        distinctCount = fingerprints.count
        if fingerprints.count > configuration.maximumStoredShingles {
            // The smallest values are a uniform sample that every text draws the same way.
            fingerprints.removeLast(fingerprints.count - configuration.maximumStoredShingles)
        }
        self.fingerprints = fingerprints
        bandKeys = isShort ? [] : minHash.bandKeys(of: profile.hashes)
    }

    /// A text as a store kept it (`NearDuplicateIndex.filedText`): what comparing needs, without
    /// the band keys it was found by.
    init(fingerprints: [UInt32], distinctCount: Int, contentLength: Int, isShort: Bool) {
        self.fingerprints = fingerprints
        self.distinctCount = distinctCount
        self.contentLength = contentLength
        contentKey = 0
        self.isShort = isShort
        bandKeys = []
    }
}

/// Shared and total fingerprints of two texts. When either text's fingerprints are a bottom-k
/// sample, both are cut at the lower of the two samples' largest values: below that cut each
/// side holds all of its fingerprints, so the counts are a uniform sample of the full sets and
/// their ratios estimate Jaccard and containment without bias.
struct FingerprintOverlap {
    var shared = 0
    var sizeA = 0
    var sizeB = 0
    /// Distinct shingles of the smaller text before any sampling (for the containment minimum).
    var smallerDistinct: Int

    init(_ a: UnsafeBufferPointer<UInt32>, distinct distinctA: Int, _ b: UnsafeBufferPointer<UInt32>, distinct distinctB: Int) {
        smallerDistinct = min(distinctA, distinctB)
        let cutA = distinctA > a.count ? a[a.count - 1] : .max
        let cutB = distinctB > b.count ? b[b.count - 1] : .max
        let cut = min(cutA, cutB)
        var i = 0
        var j = 0
        while i < a.count && j < b.count && a[i] <= cut && b[j] <= cut {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        while i < a.count && a[i] <= cut { i += 1 }
        while j < b.count && b[j] <= cut { j += 1 }
        sizeA = i
        sizeB = j
    }
}

extension FingerprintOverlap {
    /// Whether two complete (not sampled) fingerprint sets share at least `needed` values,
    /// stopping as soon as the values left cannot make up the difference. Most candidates the
    /// LSH step brings are far from a repeat, so the merge usually ends after a fraction of them.
    static func shareAtLeast(_ needed: Int, _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Bool {
        var shared = 0
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if shared >= needed { return true }
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else {
                if a[i] < b[j] { i += 1 } else { j += 1 }
                if shared + min(a.count - i, b.count - j) < needed { return false }
            }
        }
        return shared >= needed
    }
}
