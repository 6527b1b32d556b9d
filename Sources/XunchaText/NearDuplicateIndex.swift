/// Finds the earlier report a new one nearly repeats (重复件): the same matter copied, retyped
/// with small changes, in traditional script or full-width digits, with its sentences reordered
/// or a sentence added.
///
/// Texts are compared as normalized text (`TextNormalizer`), so script and width variants are
/// already the same characters. Each text becomes a set of character 3-gram fingerprints; MinHash
/// with LSH banding picks the few earlier texts worth comparing, and those are compared on the
/// stored fingerprints (Jaccard, and containment of the smaller in the larger). Texts under
/// `shortTextLength` content characters match only texts with the same content characters.
///
/// A value type with no I/O: the store layer owns one and serializes access to it. Ties go to
/// the text added first, so answers do not depend on anything but the order of `add` calls.
public struct NearDuplicateIndex: Sendable {
    public let configuration: NearDuplicateConfiguration
    private let minHash: MinHashBands

    private var ids: [String] = []
    private var positionByID: [String: Int32] = [:]
    /// Every text's fingerprints back to back; text `i` owns `fingerprintStarts[i]..<fingerprintStarts[i + 1]`.
    private var fingerprints: [UInt32] = []
    private var fingerprintStarts: [Int] = [0]
    /// Distinct fingerprints before capping: tells whether the stored ones are a sample.
    private var distinctCounts: [Int32] = []
    /// LSH buckets as linked lists in flat arrays (no array per bucket): the newest entry per
    /// band key, and for each entry its text and the entry added before it.
    private var bucketHeads: [UInt64: Int32] = [:]
    private var entryText: [Int32] = []
    private var entryNext: [Int32] = []
    /// Short texts by content key, in insertion order.
    private var shortTexts: [UInt64: [Int32]] = [:]
    /// Texts taken out again (`remove`): still stored, never a match.
    private var removed: Set<Int32> = []

    public init(configuration: NearDuplicateConfiguration = .standard) {
        self.configuration = configuration
        minHash = MinHashBands(bands: configuration.bands, rows: configuration.rowsPerBand)
    }

    /// Number of texts added and not removed.
    public var count: Int { ids.count - removed.count }

    /// Whether a text was added under `id`.
    public func contains(id: String) -> Bool { positionByID[id] != nil }

    /// Adds a text under `id`. Returns false, changing nothing, when `id` is already present:
    /// a report's first text is the one later reports are compared with.
    @discardableResult
    public mutating func add(id: String, text: NormalizedText) -> Bool {
        add(id: id, normalizedText: text.text)
    }

    /// Adds a text that is already normalized (`TextNormalizer.normalize`).
    @discardableResult
    public mutating func add(id: String, normalizedText: String) -> Bool {
        guard positionByID[id] == nil else { return false }
        return add(id: id, signature: signature(of: normalizedText))
    }

    /// Adds a text by the signature this index made of it (`signature(of:)`).
    @discardableResult
    public mutating func add(id: String, signature prepared: PreparedText) -> Bool {
        guard positionByID[id] == nil else { return false }
        let position = Int32(ids.count)
        ids.append(id)
        positionByID[id] = position
        fingerprints.append(contentsOf: prepared.fingerprints)
        fingerprintStarts.append(fingerprints.count)
        distinctCounts.append(Int32(prepared.distinctCount))
        if prepared.isShort {
            if prepared.contentLength > 0 { shortTexts[prepared.contentKey, default: []].append(position) }
        } else {
            for key in prepared.bandKeys {
                entryText.append(position)
                entryNext.append(bucketHeads[key] ?? -1)
                bucketHeads[key] = Int32(entryText.count - 1)
            }
        }
        return true
    }

    /// Takes a text out: it is never a match again and its id may be added anew. Its
    /// fingerprints stay in memory (removal is for the rare text added ahead of a write that then
    /// failed), so a long run of removals calls for a new index.
    @discardableResult
    public mutating func remove(id: String) -> Bool {
        guard let position = positionByID.removeValue(forKey: id) else { return false }
        removed.insert(position)
        return true
    }

    /// The earliest-added text among those the text nearly repeats with the highest similarity,
    /// or nil when it repeats none. `excluding` leaves out one id (the report itself, when it is
    /// already in the index).
    public func nearest(to text: NormalizedText, excluding id: String? = nil) -> NearDuplicateMatch? {
        nearest(toNormalized: text.text, excluding: id)
    }

    /// `nearest(to:excluding:)` for a text that is already normalized.
    public func nearest(toNormalized text: String, excluding id: String? = nil) -> NearDuplicateMatch? {
        nearest(to: signature(of: text), excluding: id)
    }

    /// `nearest(to:excluding:)` for a text by the signature this index made of it.
    public func nearest(to query: PreparedText, excluding id: String? = nil) -> NearDuplicateMatch? {
        let excluded = id.flatMap { positionByID[$0] } ?? -1
        if query.isShort {
            guard query.contentLength > 0,
                let first = shortTexts[query.contentKey]?.first(where: { $0 != excluded && !removed.contains($0) })
            else { return nil }
            return NearDuplicateMatch(id: ids[Int(first)], similarity: 1, jaccard: 1, containment: 1)
        }
        var best: (position: Int32, comparison: NearDuplicateComparison)?
        for position in candidates(for: query.bandKeys) where position != excluded && !removed.contains(position) {
            let comparison = compare(query, stored: Int(position))
            // Candidates come in insertion order, so only a strictly better one replaces the best.
            if comparison.isRepeat && comparison.similarity > (best?.comparison.similarity ?? -1) {
                best = (position, comparison)
            }
        }
        return best.map {
            NearDuplicateMatch(
                id: ids[Int($0.position)],
                similarity: $0.comparison.similarity,
                jaccard: $0.comparison.jaccard,
                containment: $0.comparison.containment
            )
        }
    }

    /// How alike two normalized texts are, by the same rules as `nearest` but without the LSH
    /// step (which only decides which pairs get compared). For diagnostics and tests.
    public func compare(normalized first: String, _ second: String) -> NearDuplicateComparison {
        let a = signature(of: first)
        let b = signature(of: second)
        if a.isShort || b.isShort {
            return a.isShort && b.isShort && a.contentLength > 0 && a.contentKey == b.contentKey ? .exact : .unrelated
        }
        return a.fingerprints.withUnsafeBufferPointer { fa in
            b.fingerprints.withUnsafeBufferPointer { fb in
                judge(FingerprintOverlap(fa, distinct: a.distinctCount, fb, distinct: b.distinctCount))
            }
        }
    }

    /// What this index keeps of a normalized text: computed once, it serves both `nearest` and
    /// `add` for the same text.
    public func signature(of normalizedText: String) -> PreparedText {
        PreparedText(normalizedText, configuration: configuration, minHash: minHash)
    }

    // MARK: - Internals

    /// Texts sharing at least one band key, each once, in insertion order; at most the newest
    /// `maximumBucketScan` of each bucket.
    private func candidates(for keys: [UInt64]) -> [Int32] {
        var found: [Int32] = []
        for key in keys {
            var entry = bucketHeads[key] ?? -1
            var scanned = 0
            while entry >= 0 && scanned < configuration.maximumBucketScan {
                found.append(entryText[Int(entry)])
                entry = entryNext[Int(entry)]
                scanned += 1
            }
        }
        found.sort()
        var unique: [Int32] = []
        unique.reserveCapacity(found.count)
        for position in found where unique.last != position { unique.append(position) }
        return unique
    }

    private func compare(_ query: PreparedText, stored position: Int) -> NearDuplicateComparison {
        let range = fingerprintStarts[position]..<fingerprintStarts[position + 1]
        return fingerprints.withUnsafeBufferPointer { all in
            compare(query, storedFingerprints: UnsafeBufferPointer(rebasing: all[range]), distinct: Int(distinctCounts[position]))
        }
    }

    func compare(_ query: PreparedText, storedFingerprints fb: UnsafeBufferPointer<UInt32>, distinct storedDistinct: Int) -> NearDuplicateComparison {
        query.fingerprints.withUnsafeBufferPointer { fa in
            let sampled = query.distinctCount > fa.count || storedDistinct > fb.count
            if !sampled && !FingerprintOverlap.shareAtLeast(sharedNeeded(fa.count, fb.count), fa, fb) { return .unrelated }
            return judge(FingerprintOverlap(fa, distinct: query.distinctCount, fb, distinct: storedDistinct))
        }
    }

    /// A lower bound on the shared shingles either threshold needs for sets of these sizes:
    /// Jaccard ≥ t needs shared ≥ t (a + b) / (1 + t); containment ≥ c needs shared ≥ c min(a, b).
    /// Rounded down, so it only ever lets through more pairs for `judge` to decide exactly.
    private func sharedNeeded(_ a: Int, _ b: Int) -> Int {
        let t = configuration.jaccardThreshold
        var needed = t * Double(a + b) / (1 + t)
        if min(a, b) >= configuration.minimumContainmentShingles {
            needed = min(needed, configuration.containmentThreshold * Double(min(a, b)))
        }
        return max(1, Int((needed - 1).rounded(.down)))
    }

    private func judge(_ overlap: FingerprintOverlap) -> NearDuplicateComparison {
        let smaller = min(overlap.sizeA, overlap.sizeB)
        guard smaller > 0 else { return .unrelated }
        let shared = Double(overlap.shared)
        let jaccard = shared / Double(overlap.sizeA + overlap.sizeB - overlap.shared)
        let containment = shared / Double(smaller)
        let containmentApplies = overlap.smallerDistinct >= configuration.minimumContainmentShingles
        let byJaccard = jaccard >= configuration.jaccardThreshold
        let byContainment = containmentApplies && containment >= configuration.containmentThreshold
        let similarity = containmentApplies ? max(jaccard, containment) : jaccard
        return NearDuplicateComparison(
            jaccard: jaccard,
            containment: containment,
            isRepeat: byJaccard || byContainment,
            similarity: byJaccard || byContainment ? similarity : jaccard
        )
    }
}
