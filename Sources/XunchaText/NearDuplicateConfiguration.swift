/// When the near-duplicate index calls one text a repeat of another. The defaults are the
/// reasons written up in docs/text.md ("Near-duplicate index").
public struct NearDuplicateConfiguration: Sendable, Hashable {
    /// Characters per shingle. Three: Chinese words are mostly two characters, so 3-grams tie
    /// neighbouring words together without one changed character costing more than three shingles.
    public var shingleLength: Int
    /// A repeat when the Jaccard similarity of the shingle sets reaches this: survives a changed
    /// sentence out of eight or a few typos, well above two reports about the same person.
    public var jaccardThreshold: Double
    /// Also a repeat when this share of the smaller text's shingles is in the larger one
    /// ("the old report and a new paragraph")…
    public var containmentThreshold: Double
    /// …provided the smaller text has at least this many distinct shingles, so that a sentence
    /// or two of stock phrasing is not "contained" in every long report.
    public var minimumContainmentShingles: Int
    /// Texts with fewer content characters (ideographs, letters, digits) than this are repeats
    /// only of texts with exactly the same content characters: "请查处" is not near anything.
    public var shortTextLength: Int
    /// Shingle fingerprints kept per text; longer texts keep the smallest ones (a bottom-k sample),
    /// which still estimates both measures without bias and bounds memory per text.
    public var maximumStoredShingles: Int
    /// LSH banding of the MinHash signature (bands × rows functions). 40 × 3 finds pairs of
    /// Jaccard 0.5 with probability 0.995 and 0.35 with 0.84, so "old text + new paragraph of the
    /// same length" is found for the containment check, while unrelated reports rarely collide.
    public var bands: Int
    public var rowsPerBand: Int
    /// Entries read per band key when looking for candidates, newest first. Templated texts (a
    /// campaign's form letter, boilerplate) pile thousands of reports into a few buckets; a repeat
    /// of any of them is a repeat of the newest ones too, so the walk stops here and a query costs
    /// at most bands × this many comparisons however large the index grows.
    public var maximumBucketScan: Int
    /// Texts compared per query when the buckets are in a database (`nearest(to:amongFiled:)`):
    /// of those the walk brings, the ones sharing the most keys with the query, the newest first
    /// among equals. A text of Jaccard J shares on average bands × J^rows keys with it (14 of 40
    /// at 0.7, 5 at 0.5, about one at 0.3), so a repeat is among the first, while a templated text
    /// brings hundreds of candidates that share one or two and would each cost a row read
    /// (docs/performance.md has what 64 and 16 cost under load).
    public var maximumFiledComparisons: Int

    public init(
        shingleLength: Int = 3,
        jaccardThreshold: Double = 0.7,
        containmentThreshold: Double = 0.9,
        minimumContainmentShingles: Int = 40,
        shortTextLength: Int = 20,
        maximumStoredShingles: Int = 2048,
        bands: Int = 40,
        rowsPerBand: Int = 3,
        maximumBucketScan: Int = 64,
        maximumFiledComparisons: Int = 16
    ) {
        precondition(
            shingleLength >= 1 && maximumStoredShingles >= 1 && bands >= 1 && rowsPerBand >= 1 && maximumBucketScan >= 1
                && maximumFiledComparisons >= 1
        )
        self.shingleLength = shingleLength
        self.jaccardThreshold = jaccardThreshold
        self.containmentThreshold = containmentThreshold
        self.minimumContainmentShingles = minimumContainmentShingles
        self.shortTextLength = shortTextLength
        self.maximumStoredShingles = maximumStoredShingles
        self.bands = bands
        self.rowsPerBand = rowsPerBand
        self.maximumBucketScan = maximumBucketScan
        self.maximumFiledComparisons = maximumFiledComparisons
    }

    public static let standard = NearDuplicateConfiguration()
}

/// How alike two texts are, as the index measures it.
public struct NearDuplicateComparison: Sendable, Hashable {
    /// Shared shingles over all shingles of either text.
    public let jaccard: Double
    /// Shared shingles over the shingles of the smaller text.
    public let containment: Double
    /// Whether the second text counts as a repeat of the first.
    public let isRepeat: Bool
    /// The measure that made it a repeat (the larger one that applies); for a non-repeat, Jaccard.
    public let similarity: Double

    static let exact = NearDuplicateComparison(jaccard: 1, containment: 1, isRepeat: true, similarity: 1)
    static let unrelated = NearDuplicateComparison(jaccard: 0, containment: 0, isRepeat: false, similarity: 0)
}

/// The earlier text a new one nearly repeats.
public struct NearDuplicateMatch: Sendable, Hashable {
    /// The id the earlier text was added under.
    public let id: String
    /// 0…1: the larger of Jaccard and (where it applies) containment.
    public let similarity: Double
    public let jaccard: Double
    public let containment: Double
}
