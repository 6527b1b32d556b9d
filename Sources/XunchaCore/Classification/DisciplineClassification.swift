/// Something near a cue that changed its weight.
public struct CueModifier: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// 没有收受, 未发现, 拒绝收受: the conduct is denied.
        case negated
        /// 听说, 据说, 可能: the reporter does not claim to know.
        case hedged
        /// 经查不属实, 查无实据: the text itself says the conduct was not found.
        case refuted
    }

    public let kind: Kind
    /// The modifier as the lexicon writes it (normalized).
    public let phrase: String
    /// Unicode scalar offsets in the original text.
    public let range: Range<Int>

    public init(kind: Kind, phrase: String, range: Range<Int>) {
        self.kind = kind
        self.phrase = phrase
        self.range = range
    }
}

/// One lexicon phrase found in a report: the evidence behind a score.
public struct ClassificationCue: Sendable, Hashable {
    /// The lexicon entry (`integrity.gifts`).
    public let entry: String
    public let category: ReportCategory
    public let articles: [Int]
    /// The lexicon phrase that matched (normalized form).
    public let phrase: String
    /// The words as the reporter wrote them.
    public let text: String
    /// Unicode scalar offsets in the original text.
    public let range: Range<Int>
    public let baseWeight: Double
    /// The weight after negation and hedges (before repeat decay).
    public let weight: Double
    public let modifiers: [CueModifier]

    public init(
        entry: String,
        category: ReportCategory,
        articles: [Int],
        phrase: String,
        text: String,
        range: Range<Int>,
        baseWeight: Double,
        weight: Double,
        modifiers: [CueModifier]
    ) {
        self.entry = entry
        self.category = category
        self.articles = articles
        self.phrase = phrase
        self.text = text
        self.range = range
        self.baseWeight = baseWeight
        self.weight = weight
        self.modifiers = modifiers
    }

    public var isNegated: Bool { modifiers.contains { $0.kind == .negated || $0.kind == .refuted } }
    public var isHedged: Bool { modifiers.contains { $0.kind == .hedged } }
}

/// An article of the 2023 条例 suggested for a discipline, with the summed weight of its cues.
public struct ArticleSuggestion: Sendable, Hashable {
    public let article: Int
    public let weight: Double

    public init(article: Int, weight: Double) {
        self.article = article
        self.weight = weight
    }
}

public struct DisciplineScore: Sendable, Hashable {
    public let discipline: Discipline
    /// 0..<1: 1 − e^(−weight/2), so one unmistakable cue (weight 2) gives 0.63, two give 0.86.
    public let score: Double
    /// The summed cue weight behind the score.
    public let weight: Double
    /// Most likely first, at most three.
    public let articles: [ArticleSuggestion]
    public let cues: [ClassificationCue]
}

public struct NonLeadScore: Sendable, Hashable {
    public let kind: NonLeadKind
    public let score: Double
    public let weight: Double
    public let cues: [ClassificationCue]
    /// Why the score is what it is when no cue alone explains it (no_substance).
    public let note: String?
}

/// The classifier's answer for one report.
public struct DisciplineClassification: Sendable, Hashable {
    /// Every discipline with any weight, best first.
    public let disciplines: [DisciplineScore]
    /// Every non-lead kind with any weight, best first.
    public let nonLead: [NonLeadScore]
    /// Every cue found, in text order (neutral shadow phrases left out); the learned layer's
    /// n-grams follow the lexicon's cues.
    public let cues: [ClassificationCue]
    /// What the layer learned from decisions said, when the lexicon was not sure and it spoke.
    public var learned: LearnedSuggestion? = nil

    public var topDiscipline: Discipline? { disciplines.first?.discipline }

    /// The strongest category overall: the top discipline unless a non-lead kind weighs more.
    public var primary: ReportCategory? {
        let d = disciplines.first
        let n = nonLead.first
        switch (d, n) {
        case (nil, nil): return nil
        case (let d?, nil): return .discipline(d.discipline)
        case (nil, let n?): return .nonLead(n.kind)
        case (let d?, let n?): return n.weight > d.weight ? .nonLead(n.kind) : .discipline(d.discipline)
        }
    }

    public func score(for discipline: Discipline) -> Double {
        disciplines.first { $0.discipline == discipline }?.score ?? 0
    }

    public func score(for kind: NonLeadKind) -> Double {
        nonLead.first { $0.kind == kind }?.score ?? 0
    }
}
