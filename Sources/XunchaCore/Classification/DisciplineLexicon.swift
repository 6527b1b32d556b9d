/// One behaviour of the lexicon: the phrases a report (or a case notice) uses for it, the
/// category and articles it points at, and how much one occurrence counts.
///
/// Phrases are written in simplified script; the classifier normalizes them with the same
/// `TextNormalizer` as the reports, so traditional or full-width input matches them too.
public struct LexiconEntry: Sendable, Hashable {
    /// A stable name, `discipline.behaviour` (`integrity.gifts`): cues name it as evidence.
    public let id: String
    public let category: ReportCategory
    /// Articles of the 2023 条例 the behaviour falls under, most likely first.
    public let articles: [Int]
    /// Weight of one occurrence, before negation and hedges: 0.5 a hint, 1 a typical word,
    /// 2 an unmistakable behaviour, 3 the discipline named outright.
    public let weight: Double
    /// The behaviour in a few words, for the console and the docs.
    public let behaviour: String
    /// Phrases; `phrase@w` gives one phrase its own weight (a generic word like 收受@1 inside
    /// an entry whose specific phrases weigh 2).
    public let phrases: [String]

    /// Each phrase without its `@w` suffix, with its weight (the entry's when none is given).
    public var weightedPhrases: [(phrase: String, weight: Double)] {
        phrases.map { raw in
            guard let at = raw.lastIndex(of: "@"), let w = Double(raw[raw.index(after: at)...]) else { return (raw, weight) }
            return (String(raw[..<at]), w)
        }
    }

    public init(id: String, category: ReportCategory, articles: [Int], weight: Double, behaviour: String, phrases: [String]) {
        self.id = id
        self.category = category
        self.articles = articles
        self.weight = weight
        self.behaviour = behaviour
        self.phrases = phrases
    }
}

/// The words that change how much a cue counts: negations (没有收受), hedges (听说),
/// refutations after the fact (经查不属实), and shadows that keep a word containing 不 or 可能
/// (不但, 可能影响公正执行公务) from being read as one.
public struct ModifierLexicon: Sendable, Hashable {
    /// Negations that count anywhere in the clause before a cue (a few characters back, up to
    /// a comma or full stop).
    public var negations: [String]
    /// One-character negations that count only right before a cue (未收受, 不收).
    public var adjacentNegations: [String]
    /// Hedges that count anywhere in the sentence before a cue.
    public var hedges: [String]
    /// Refutations that count after a cue in the same sentence.
    public var refutations: [String]
    /// Words that contain a negation or hedge character but are not one.
    public var shadows: [String]

    public init(negations: [String], adjacentNegations: [String], hedges: [String], refutations: [String], shadows: [String]) {
        self.negations = negations
        self.adjacentNegations = adjacentNegations
        self.hedges = hedges
        self.refutations = refutations
        self.shadows = shadows
    }
}

/// The whole lexicon with the factors the classifier applies.
public struct DisciplineLexicon: Sendable, Hashable {
    public var entries: [LexiconEntry]
    public var modifiers: ModifierLexicon
    /// Verb and object of a behaviour anywhere in one clause (`DisciplineLexicon+Clauses.swift`).
    public var clausePairs: [ClausePair]
    /// Multiplier for a negated or refuted cue: it still shows, but barely counts.
    public var negationFactor: Double
    /// Multiplier for a hedged cue: hearsay is still a lead, but a weaker one.
    public var hedgeFactor: Double
    /// Each further occurrence of the same entry counts this fraction of the one before, so a
    /// word repeated ten times does not outweigh three different behaviours.
    public var repeatDecay: Double

    public init(
        entries: [LexiconEntry],
        modifiers: ModifierLexicon,
        clausePairs: [ClausePair] = [],
        negationFactor: Double = 0.1,
        hedgeFactor: Double = 0.6,
        repeatDecay: Double = 0.5
    ) {
        self.entries = entries
        self.modifiers = modifiers
        self.clausePairs = clausePairs
        self.negationFactor = negationFactor
        self.hedgeFactor = hedgeFactor
        self.repeatDecay = repeatDecay
    }

    /// The lexicon written for Xuncha from the 2023 条例 (see docs/classifier.md).
    public static let standard = DisciplineLexicon(
        entries: standardEntries,
        modifiers: standardModifiers,
        clausePairs: standardClausePairs
    )
}
