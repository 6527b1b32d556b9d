import Foundation
import XunchaText

/// A report the group decided, as the learned layer learns from it: its text, the category staff
/// confirmed or corrected with the decision, and its register number to show as a similar report.
public struct DecidedExample: Sendable, Hashable {
    public let text: String
    public let category: ReportCategory
    public let reference: String

    public init(text: String, category: ReportCategory, reference: String) {
        self.text = text
        self.category = category
        self.reference = reference
    }
}

/// What the learned layer reads in one text: its best category, how sure it is, the character
/// n-grams that weighed most for it, and the decided reports most like it.
public struct LearnedSuggestion: Sendable, Hashable {
    public struct Gram: Sendable, Hashable {
        /// The n-gram in the normalized text.
        public let gram: String
        /// Scalar offsets in the normalized text (its first occurrence).
        public let range: Range<Int>
        /// How much more likely the n-gram makes the category than the runner-up (log ratio).
        public let weight: Double
    }

    public let category: ReportCategory
    /// 0…1, the tempered posterior of `category`.
    public let probability: Double
    public let grams: [Gram]
    /// Register numbers of decided reports of the same category that share most of `grams`.
    public let similar: [String]
}

/// The learned layer: multinomial naive Bayes over the character bigrams and trigrams of the
/// normalized text (each counted once per report), trained from the deployment's decided reports.
///
/// Deterministic: the same examples in the same order give the same model and the same answers.
/// N-grams are hashed into a fixed table, so training is one pass with no string keys; the
/// explanation takes the n-grams from the text being read, so no vocabulary is kept. The model is
/// never stored or edited: it is rebuilt from the decisions.
public struct LearnedModel: Sendable {
    /// Every category a decision can name, in a fixed order (the model's classes).
    public static let categories: [ReportCategory] =
        Discipline.allCases.map { .discipline($0) } + NonLeadKind.allCases.map { .nonLead($0) }
    /// Fewer decisions than this teach nothing reliable: no model, the lexicon alone.
    public static let minimumExamples = 10
    static let bucketBits = 18
    static let bucketCount = 1 << bucketBits
    /// Decided reports kept per n-gram for finding similar ones: the latest in training order
    /// (approval order), so a correction made today is found even behind a common n-gram.
    static let postingsPerGram = 16
    /// A decided report this alike (Dice coefficient of the two n-gram sets) speaks for its
    /// category even against the naive Bayes vote: staff corrected one like it.
    static let neighbourSimilarity = 0.25
    /// Decided reports less alike than this are not named as similar.
    static let shownSimilarity = 0.1
    /// Additive smoothing of the n-gram counts.
    static let smoothing: Float = 0.5
    /// Naive Bayes multiplies evidence that is not independent (overlapping n-grams), so its raw
    /// posterior is near 0 or 1; scores are divided by this before the softmax.
    static let temperature = 6.0

    public let exampleCount: Int
    /// Decided reports per category, in `categories` order.
    public let examplesPerCategory: [Int]
    private let logPrior: [Double]
    /// `logLikelihood[bucket * classes + class]`; only meaningful where `known[bucket]`.
    private let logLikelihood: [Float]
    private let known: [Bool]
    private let references: [String]
    private let exampleClass: [UInt8]
    /// How many distinct n-grams each decided report has.
    private let exampleGrams: [Int32]
    private let postings: [Int32]
    /// How many decided reports ever had the n-gram (the ring of postings keeps the last ones).
    private let postingCount: [UInt32]

    private static var classes: Int { categories.count }

    /// Trains on `examples` in their order; nil when there are too few to learn from (fewer than
    /// `minimumExamples`, or all of one category), so a fresh installation screens as before.
    public static func train(_ examples: [DecidedExample], normalizer: TextNormalizer = TextNormalizer()) -> LearnedModel? {
        let usable = examples.compactMap { e in classIndex(e.category).map { (e, $0) } }
        guard usable.count >= minimumExamples, Set(usable.map(\.1)).count >= 2 else { return nil }
        let c = classes
        var counts = [Float](repeating: 0, count: bucketCount * c)
        var totals = [Double](repeating: 0, count: c)
        var perClass = [Int](repeating: 0, count: c)
        var postings = [Int32](repeating: -1, count: bucketCount * postingsPerGram)
        var postingCount = [UInt32](repeating: 0, count: bucketCount)
        var exampleGrams: [Int32] = []
        var exampleClass: [UInt8] = []
        exampleClass.reserveCapacity(usable.count)
        // The last example that counted each bucket: an n-gram counts once per report.
        var lastCounted = [Int32](repeating: -1, count: bucketCount)
        for (index, (example, k)) in usable.enumerated() {
            var distinct: Int32 = 0
            forEachGram(in: normalizer.normalize(example.text).unicodeScalars.map { $0 }) { bucket, _ in
                guard lastCounted[bucket] != Int32(index) else { return }
                lastCounted[bucket] = Int32(index)
                distinct += 1
                counts[bucket * c + k] += 1
                totals[k] += 1
                let n = postingCount[bucket]
                postings[bucket * postingsPerGram + Int(n % UInt32(postingsPerGram))] = Int32(index)
                postingCount[bucket] = n &+ 1
            }
            exampleGrams.append(distinct)
            perClass[k] += 1
            exampleClass.append(UInt8(k))
        }
        var known = [Bool](repeating: false, count: bucketCount)
        var vocabulary = 0
        for b in 0..<bucketCount where postingCount[b] > 0 {
            known[b] = true
            vocabulary += 1
        }
        let denominators = totals.map { Float(log($0 + Double(smoothing) * Double(vocabulary))) }
        var logLikelihood = [Float](repeating: 0, count: bucketCount * c)
        for b in 0..<bucketCount where known[b] {
            for k in 0..<c { logLikelihood[b * c + k] = Float(log(Double(counts[b * c + k] + smoothing))) - denominators[k] }
        }
        // Classes nobody decided never win: their prior is minus infinity in effect.
        let logPrior = perClass.map { $0 == 0 ? -1e9 : log(Double($0) / Double(usable.count)) }
        return LearnedModel(
            exampleCount: usable.count,
            examplesPerCategory: perClass,
            logPrior: logPrior,
            logLikelihood: logLikelihood,
            known: known,
            references: usable.map(\.0.reference),
            exampleClass: exampleClass,
            exampleGrams: exampleGrams,
            postings: postings,
            postingCount: postingCount
        )
    }

    private init(
        exampleCount: Int,
        examplesPerCategory: [Int],
        logPrior: [Double],
        logLikelihood: [Float],
        known: [Bool],
        references: [String],
        exampleClass: [UInt8],
        exampleGrams: [Int32],
        postings: [Int32],
        postingCount: [UInt32]
    ) {
        self.exampleCount = exampleCount
        self.examplesPerCategory = examplesPerCategory
        self.logPrior = logPrior
        self.logLikelihood = logLikelihood
        self.known = known
        self.references = references
        self.exampleClass = exampleClass
        self.exampleGrams = exampleGrams
        self.postings = postings
        self.postingCount = postingCount
    }

    /// How many n-grams explain a suggestion, and how many similar reports it names.
    static let shownGrams = 3
    static let shownSimilar = 3

    /// The best category for a normalized text; nil when none of its n-grams was ever seen.
    public func suggest(_ scalars: [Unicode.Scalar]) -> LearnedSuggestion? {
        let c = Self.classes
        var grams: [(bucket: Int, start: Int, length: Int)] = []
        var seen = Set<Int>()
        Self.forEachGram(in: scalars) { bucket, span in
            if known[bucket], seen.insert(bucket).inserted { grams.append((bucket, span.lowerBound, span.count)) }
        }
        guard !grams.isEmpty else { return nil }
        var scores = logPrior
        for g in grams {
            let row = g.bucket * c
            for k in 0..<c { scores[k] += Double(logLikelihood[row + k]) }
        }
        var best = 0
        for k in 1..<c where scores[k] > scores[best] { best = k }
        let top = scores[best]
        let mass = scores.reduce(0.0) { $0 + exp(($1 - top) / Self.temperature) }
        var chosen = best
        var probability = 1 / mass
        // The decided reports most like this text; the closest may overrule the vote.
        let neighbours = self.neighbours(of: grams.map(\.bucket))
        if let nearest = neighbours.first, nearest.similarity >= Self.neighbourSimilarity {
            let k = Int(exampleClass[nearest.example])
            probability = max(k == best ? probability : 0, 0.5 + nearest.similarity / 2)
            chosen = k
        }
        // The runner-up the n-grams are weighed against.
        var rival = chosen == 0 ? 1 : 0
        for k in 0..<c where k != chosen && scores[k] > scores[rival] { rival = k }
        var contributions: [(start: Int, length: Int, weight: Double)] = []
        for g in grams {
            let w = Double(logLikelihood[g.bucket * c + chosen]) - Double(logLikelihood[g.bucket * c + rival])
            if w > 0 { contributions.append((g.start, g.length, w)) }
        }
        contributions.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.start < $1.start }
        let shown = contributions.prefix(Self.shownGrams).map { g in
            LearnedSuggestion.Gram(
                gram: String(String.UnicodeScalarView(scalars[g.start..<(g.start + g.length)])),
                range: g.start..<(g.start + g.length),
                weight: g.weight
            )
        }
        let similar = neighbours.filter { Int(exampleClass[$0.example]) == chosen && $0.similarity >= Self.shownSimilarity }
        return LearnedSuggestion(
            category: Self.categories[chosen],
            probability: min(1, probability),
            grams: shown,
            similar: similar.prefix(Self.shownSimilar).map { references[$0.example] }
        )
    }

    /// Decided reports at least `shownSimilarity` alike to the text (Dice coefficient of the two
    /// n-gram sets), most alike first, the earlier on a tie. Less alike ones are never named nor
    /// heard (`neighbourSimilarity` is higher), so they are not sorted: a text that speaks shares
    /// n-grams with hundreds of decided reports.
    private func neighbours(of buckets: [Int]) -> [(example: Int, similarity: Double)] {
        var shared = ExampleTally(capacity: buckets.count * Self.postingsPerGram)
        for b in buckets {
            for k in 0..<min(Int(postingCount[b]), Self.postingsPerGram) {
                shared.count(postings[b * Self.postingsPerGram + k])
            }
        }
        var alike: [(example: Int, similarity: Double)] = []
        shared.forEachExample { example, n in
            let similarity = 2 * Double(n) / Double(buckets.count + Int(exampleGrams[Int(example)]))
            if similarity >= Self.shownSimilarity { alike.append((Int(example), similarity)) }
        }
        return alike.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.example < $1.example }
    }

    private enum ScalarKind: UInt8 {
        case breaksRun, digit, letter
    }

    private static func kind(of s: Unicode.Scalar) -> ScalarKind {
        s.properties.numericType != nil ? .digit : s.properties.isAlphabetic ? .letter : .breaksRun
    }

    /// `kind(of:)` for the basic plane, looked up once: the two property queries were most of
    /// reading a short text.
    private static let basicPlaneKinds: [ScalarKind] = (0..<0x1_0000).map { v in
        Unicode.Scalar(UInt32(v)).map(kind(of:)) ?? .breaksRun
    }

    private static func classIndex(_ category: ReportCategory) -> Int? {
        categories.firstIndex(of: category)
    }

    /// Calls `body` with the hashed bucket and span of every bigram and trigram inside runs of
    /// letters and digits (punctuation and spaces break a run; every digit reads as 0, so amounts
    /// and dates do not scatter).
    static func forEachGram(in scalars: [Unicode.Scalar], _ body: (Int, Range<Int>) -> Void) {
        // 0 for a scalar that breaks a run, "0" for every digit (一 and 万 too), else the scalar.
        let values = scalars.map { s -> UInt32 in
            switch s.value < 0x1_0000 ? basicPlaneKinds[Int(s.value)] : kind(of: s) {
            case .breaksRun: 0
            case .digit: 0x30
            case .letter: s.value
            }
        }
        var runStart = 0
        for i in values.indices {
            guard values[i] != 0 else {
                runStart = i + 1
                continue
            }
            for n in 2...3 where i - n + 1 >= runStart {
                var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(n)
                for j in (i - n + 1)...i { h = (h ^ UInt64(values[j])) &* 0x100_0000_01b3 }
                body(Int((h &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bucketBits)), (i - n + 1)..<(i + 1))
            }
        }
    }
}

/// Counts of decided reports met in the postings of a text's n-grams: an open-addressing table
/// sized for the postings at most, where a `Dictionary` hashed every one of them.
private struct ExampleTally {
    private var keys: [Int32]
    private var counts: [Int32]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [Int32](repeating: -1, count: size)
        counts = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    mutating func count(_ example: Int32) {
        var slot = Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: example)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while keys[slot] != -1 && keys[slot] != example { slot = (slot + 1) & mask }
        keys[slot] = example
        counts[slot] += 1
    }

    func forEachExample(_ body: (Int32, Int) -> Void) {
        for slot in keys.indices where keys[slot] != -1 { body(keys[slot], Int(counts[slot])) }
    }
}
