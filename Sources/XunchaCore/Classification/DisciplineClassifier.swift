import Foundation
import XunchaText

/// Scores a report against the six disciplines and the non-lead kinds from a lexicon of
/// behaviours, and explains every score with the phrases that produced it.
///
/// Pure and deterministic: the same text and lexicon give the same result. Build it once
/// (two keyword automata) and share it; `classify` does not mutate it.
public struct DisciplineClassifier: Sendable {
    public let lexicon: DisciplineLexicon
    private let normalizer: TextNormalizer
    private let cueAutomaton: KeywordAutomaton
    /// For each cue pattern: the entry it belongs to.
    private let cueEntry: [Int]
    /// For each cue pattern: its weight.
    private let cueWeight: [Double]
    /// For each entry: the index of the first entry with its id, for counting repeats of an
    /// entry in an array rather than a dictionary keyed by the id string.
    private let entryKey: [Int]
    private let modifierAutomaton: KeywordAutomaton
    private let modifierKind: [ModifierRole]
    /// The words of the clause pairs, and for each the pairs it is the head or the object of.
    private let pairAutomaton: KeywordAutomaton
    private let pairRoles: [[(pair: Int, isHead: Bool)]]
    /// For each clause pair: the index of its entry (nil when the lexicon has no such entry).
    private let pairEntry: [Int?]
    /// The layer learned from the group's decisions, if there are enough of them
    /// (`learning(from:)`); without it the lexicon alone speaks.
    public private(set) var learned: LearnedModel?

    private enum ModifierRole: Sendable {
        case negation
        case adjacentNegation
        case hedge
        case refutation
        case shadow
    }

    /// The standard lexicon's classifier, built on first use.
    public static let standard = DisciplineClassifier()

    public init(lexicon: DisciplineLexicon = .standard, normalizer: TextNormalizer = TextNormalizer()) {
        self.lexicon = lexicon
        self.normalizer = normalizer
        var patterns: [String] = []
        var owners: [Int] = []
        var weights: [Double] = []
        for (index, entry) in lexicon.entries.enumerated() {
            for (phrase, weight) in entry.weightedPhrases {
                patterns.append(normalizer.normalize(phrase))
                owners.append(index)
                weights.append(weight)
            }
        }
        cueAutomaton = KeywordAutomaton(patterns: patterns, caseInsensitiveASCII: true)
        cueEntry = owners
        cueWeight = weights
        var firstWithID: [String: Int] = [:]
        entryKey = lexicon.entries.indices.map { i in
            let id = lexicon.entries[i].id
            if let first = firstWithID[id] { return first }
            firstWithID[id] = i
            return i
        }

        let m = lexicon.modifiers
        var modifierPatterns: [String] = []
        var roles: [ModifierRole] = []
        for (list, role) in [
            (m.negations, ModifierRole.negation), (m.adjacentNegations, .adjacentNegation), (m.hedges, .hedge),
            (m.refutations, .refutation), (m.shadows, .shadow),
        ] {
            for phrase in list {
                modifierPatterns.append(normalizer.normalize(phrase))
                roles.append(role)
            }
        }
        modifierAutomaton = KeywordAutomaton(patterns: modifierPatterns, caseInsensitiveASCII: true)
        modifierKind = roles

        var pairWords: [String] = []
        var wordIndex: [String: Int] = [:]
        var pairRoles: [[(pair: Int, isHead: Bool)]] = []
        for (p, pair) in lexicon.clausePairs.enumerated() {
            for (list, isHead) in [(pair.heads, true), (pair.objects, false)] {
                for word in list.map(normalizer.normalize) {
                    let i = wordIndex[word] ?? pairWords.count
                    if i == pairWords.count {
                        wordIndex[word] = i
                        pairWords.append(word)
                        pairRoles.append([])
                    }
                    pairRoles[i].append((p, isHead))
                }
            }
        }
        pairAutomaton = KeywordAutomaton(patterns: pairWords, caseInsensitiveASCII: true)
        self.pairRoles = pairRoles
        pairEntry = lexicon.clausePairs.map { pair in firstWithID[pair.entry] }
    }

    public func classify(_ text: String) -> DisciplineClassification {
        classify(normalizer.normalizeWithOffsets(text))
    }

    public func classify(_ normalized: NormalizedText) -> DisciplineClassification {
        let scalars = normalized.scalars
        // Longest phrase wins at each position, so 收受礼金 is one cue, not 收受 and 礼金.
        let modifierMatches = modifierAutomaton.matches(in: normalized.text, mode: .leftmostLongest)
            .filter { modifierKind[$0.pattern] != .shadow }
        // A hedge or negation that holds a whole cue word (听村民说 around 村民) is the modifier:
        // the cue inside it is dropped.
        let matches = cueAutomaton.matches(in: normalized.text, mode: .leftmostLongest)
            .filter { c in !modifierMatches.contains { Self.strictlyContains($0.range, c.range) } }
        let modifiers = modifierMatches.filter { m in
            // A negation inside a cue (不如实报告, 未经批准) is part of the conduct, not a denial of it.
            !matches.contains { $0.range.overlaps(m.range) }
        }

        var cues: [ClassificationCue] = []
        var cueKeys: [Int] = []
        for match in matches {
            let entry = lexicon.entries[cueEntry[match.pattern]]
            if entry.category == .neutral { continue }
            cueKeys.append(entryKey[cueEntry[match.pattern]])
            let base = cueWeight[match.pattern]
            let (found, weight) = modified(base, at: match.range, category: entry.category, modifiers, normalized)
            cues.append(
                ClassificationCue(
                    entry: entry.id,
                    category: entry.category,
                    articles: entry.articles,
                    phrase: cueAutomaton.patterns[match.pattern],
                    text: normalized.originalString(of: match.range),
                    range: normalized.originalRange(of: match.range),
                    baseWeight: base,
                    weight: weight,
                    modifiers: found
                )
            )
        }
        let covered = matches.map { ($0.range, lexicon.entries[cueEntry[$0.pattern]].category) }
        let paired = clausePairCues(normalized, covered: covered, modifiers: modifiers)
        cues += paired.cues
        cueKeys += paired.keys
        let lexical = score(cues, entryKeys: cueKeys, normalizedText: scalars)
        guard let learned, !Self.isSure(lexical), let suggestion = learned.suggest(scalars),
            suggestion.probability >= Self.learnedThreshold
        else { return lexical }
        let extra = learnedCues(suggestion, normalized)
        var combined = score(
            cues + extra,
            entryKeys: cueKeys + extra.indices.map { lexicon.entries.count + $0 },
            normalizedText: scalars
        )
        combined.learned = suggestion
        return combined
    }

    /// This classifier with the layer learned from decisions beside the lexicon (nil: none).
    public func learning(from model: LearnedModel?) -> DisciplineClassifier {
        var copy = self
        copy.learned = model
        return copy
    }

    /// The lexicon is sure when one category's cues weigh as much as one unmistakable behaviour;
    /// then the learned layer stays silent. A no-substance weight is computed, not read, and
    /// does not count.
    static let sureWeight = 2.0
    /// The learned layer speaks from this (tempered) probability on.
    static let learnedThreshold = 0.5
    /// What the learned layer weighs at probability 1: one unmistakable behaviour.
    static let learnedWeight = 2.0

    private static func isSure(_ c: DisciplineClassification) -> Bool {
        (c.disciplines.first?.weight ?? 0) >= sureWeight
            || c.nonLead.contains { $0.kind != .noSubstance && $0.weight >= sureWeight }
    }

    /// The learned suggestion as cues (entry `learned.<category>`): its weightiest n-grams, sharing
    /// `learnedWeight × probability` in proportion to how much each weighed.
    private func learnedCues(_ s: LearnedSuggestion, _ normalized: NormalizedText) -> [ClassificationCue] {
        let total = s.grams.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return [] }
        return s.grams.map { g in
            let w = Self.learnedWeight * s.probability * g.weight / total
            return ClassificationCue(
                entry: "learned.\(s.category.code)",
                category: s.category,
                articles: [],
                phrase: g.gram,
                text: normalized.originalString(of: g.range),
                range: normalized.originalRange(of: g.range),
                baseWeight: w,
                weight: w,
                modifiers: []
            )
        }
    }

    /// Cues of the clause pairs: a head and an object of one pair in one clause, at most
    /// `clausePairReach` apart, once per pair and clause, where no lexicon match of the same
    /// category (`covered`, normalized ranges) already covers one of their words: the phrase said it first.
    private func clausePairCues(
        _ normalized: NormalizedText,
        covered: [(Range<Int>, ReportCategory)],
        modifiers: [KeywordMatch]
    ) -> (cues: [ClassificationCue], keys: [Int]) {
        guard !lexicon.clausePairs.isEmpty else { return ([], []) }
        let scalars = normalized.scalars
        let words = pairAutomaton.matches(in: normalized.text, mode: .leftmostLongest)
        guard words.count >= 2 else { return ([], []) }
        var clause = [Int](repeating: 0, count: scalars.count + 1)
        var k = 0
        for i in scalars.indices {
            clause[i] = k
            if Self.isClauseEnd(scalars[i]) { k += 1 }
        }
        var cues: [ClassificationCue] = []
        var keys: [Int] = []
        var done = Set<[Int]>()
        for head in words {
            for role in pairRoles[head.pattern] where role.isHead {
                guard let entryIndex = pairEntry[role.pair], !done.contains([role.pair, clause[head.range.lowerBound]]) else { continue }
                let pair = lexicon.clausePairs[role.pair]
                let object = words.first { o in
                    !o.range.overlaps(head.range) && clause[o.range.lowerBound] == clause[head.range.lowerBound]
                        && max(o.range.lowerBound, head.range.lowerBound) - min(o.range.upperBound, head.range.upperBound)
                            <= DisciplineLexicon.clausePairReach
                        && pairRoles[o.pattern].contains { $0.pair == role.pair && !$0.isHead }
                }
                guard let object else { continue }
                let span = min(head.range.lowerBound, object.range.lowerBound)..<max(head.range.upperBound, object.range.upperBound)
                let entry = lexicon.entries[entryIndex]
                if covered.contains(where: { $0.1 == entry.category && ($0.0.overlaps(head.range) || $0.0.overlaps(object.range)) }) { continue }
                done.insert([role.pair, clause[head.range.lowerBound]])
                let (mods, weight) = modified(pair.weight, at: span, category: entry.category, modifiers, normalized)
                cues.append(
                    ClassificationCue(
                        entry: entry.id,
                        category: entry.category,
                        articles: entry.articles,
                        phrase: pairAutomaton.patterns[head.pattern] + "…" + pairAutomaton.patterns[object.pattern],
                        text: normalized.originalString(of: span),
                        range: normalized.originalRange(of: span),
                        baseWeight: pair.weight,
                        weight: weight,
                        modifiers: mods
                    )
                )
                keys.append(entryKey[entryIndex])
            }
        }
        return (cues, keys)
    }

    /// The modifiers that apply to a cue at `range` (normalized offsets) and its weight after them.
    /// A demand or grievance is often an omission (没有给我办理): only hedges touch non-lead cues,
    /// negations and refutations deny conduct.
    private func modified(
        _ base: Double,
        at range: Range<Int>,
        category: ReportCategory,
        _ modifiers: [KeywordMatch],
        _ normalized: NormalizedText
    ) -> ([CueModifier], Double) {
        var found: [CueModifier] = []
        for m in modifiers {
            guard let kind = modifierEffect(m, on: range, normalized.scalars) else { continue }
            if case .nonLead = category, kind != .hedged { continue }
            found.append(CueModifier(kind: kind, phrase: modifierAutomaton.patterns[m.pattern], range: normalized.originalRange(of: m.range)))
        }
        var weight = base
        if found.contains(where: { $0.kind != .hedged }) { weight *= lexicon.negationFactor }
        if found.contains(where: { $0.kind == .hedged }) { weight *= lexicon.hedgeFactor }
        return (found, weight)
    }

    // Sentence and clause ends are switches, not hashed sets: every scalar of a text is tested.
    private static func isSentenceEnd(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "。", "！", "？", "!", "?", "\n", "；", ";": true
        default: false
        }
    }

    private static func isClauseEnd(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "，", ",", "：", ":": true
        default: isSentenceEnd(c)
        }
    }
    /// How far back a clause-level negation may sit (没有按时足额收受 stays in reach).
    private static let negationReach = 10
    /// How far back a hedge may sit within its sentence.
    private static let hedgeReach = 40
    /// How far after a cue a refutation may sit (，经调查核实不属实).
    private static let refutationReach = 24

    /// Whether modifier `m` applies to the cue at `cue` (normalized offsets), and how.
    private func modifierEffect(_ m: KeywordMatch, on cue: Range<Int>, _ scalars: [Unicode.Scalar]) -> CueModifier.Kind? {
        switch modifierKind[m.pattern] {
        case .adjacentNegation:
            return m.range.upperBound == cue.lowerBound ? .negated : nil
        case .negation:
            guard m.range.upperBound <= cue.lowerBound, cue.lowerBound - m.range.upperBound <= Self.negationReach else { return nil }
            return Self.none(of: Self.isClauseEnd, in: scalars[m.range.upperBound..<cue.lowerBound]) ? .negated : nil
        case .hedge:
            guard m.range.upperBound <= cue.lowerBound, cue.lowerBound - m.range.upperBound <= Self.hedgeReach else { return nil }
            return Self.none(of: Self.isSentenceEnd, in: scalars[m.range.upperBound..<cue.lowerBound]) ? .hedged : nil
        case .refutation:
            guard m.range.lowerBound >= cue.upperBound, m.range.lowerBound - cue.upperBound <= Self.refutationReach else { return nil }
            return Self.none(of: Self.isSentenceEnd, in: scalars[cue.upperBound..<m.range.lowerBound]) ? .refuted : nil
        case .shadow:
            return nil
        }
    }

    private static func strictlyContains(_ outer: Range<Int>, _ inner: Range<Int>) -> Bool {
        outer.lowerBound <= inner.lowerBound && inner.upperBound <= outer.upperBound && outer.count > inner.count
    }

    private static func none(of end: (Unicode.Scalar) -> Bool, in slice: ArraySlice<Unicode.Scalar>) -> Bool {
        !slice.contains(where: end)
    }

    /// Sums cue weights per category (each further occurrence of one entry decays), turns
    /// them into scores and article suggestions.
    /// `entryKeys[i]` is `entryKey` of the entry of `cues[i]`. The sums live in small arrays
    /// indexed by discipline and kind, not in dictionaries: hashing was most of this step.
    private func score(_ cues: [ClassificationCue], entryKeys: [Int], normalizedText scalars: [Unicode.Scalar]) -> DisciplineClassification {
        var entryCount = [Int](repeating: 0, count: lexicon.entries.count + cues.count)
        var disciplineTotals = [Double](repeating: 0, count: Discipline.allCases.count)
        var nonLeadTotals = [Double](repeating: 0, count: NonLeadKind.allCases.count)
        var articleWeights = [[ArticleSuggestion]](repeating: [], count: Discipline.allCases.count)
        // Strongest occurrence of an entry first, so the decay never hits the one that counts.
        let ordered = cues.indices.sorted { a, b in
            cues[a].weight != cues[b].weight ? cues[a].weight > cues[b].weight : a < b
        }
        for k in ordered {
            let cue = cues[k]
            let n = entryCount[entryKeys[k]]
            entryCount[entryKeys[k]] = n + 1
            var factor = 1.0
            for _ in 0..<n { factor *= lexicon.repeatDecay }
            let w = cue.weight * factor
            switch cue.category {
            case .discipline(let d):
                let slot = Self.order(d)
                disciplineTotals[slot] += w
                // The first article is the entry's best guess; others are alternatives.
                for (i, article) in cue.articles.enumerated() {
                    let add = i == 0 ? w : w * 0.5
                    if let j = articleWeights[slot].firstIndex(where: { $0.article == article }) {
                        articleWeights[slot][j] = ArticleSuggestion(article: article, weight: articleWeights[slot][j].weight + add)
                    } else {
                        articleWeights[slot].append(ArticleSuggestion(article: article, weight: 0 + add))
                    }
                }
            case .nonLead(let kind): nonLeadTotals[Self.order(kind)] += w
            case .neutral: break
            }
        }

        var disciplines: [DisciplineScore] = []
        for d in Discipline.allCases {
            let w = disciplineTotals[Self.order(d)]
            guard w > 0 else { continue }
            let articles = articleWeights[Self.order(d)]
                .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.article < $1.article }
            disciplines.append(
                DisciplineScore(
                    discipline: d,
                    score: Self.squash(w),
                    weight: w,
                    articles: Array(articles.prefix(3)),
                    cues: cues.filter { $0.category == .discipline(d) }
                )
            )
        }
        disciplines.sort { $0.weight != $1.weight ? $0.weight > $1.weight : Self.order($0.discipline) < Self.order($1.discipline) }

        let disciplineTotal = disciplines.reduce(0) { $0 + $1.weight }
        var nonLead: [NonLeadScore] = []
        for kind in NonLeadKind.allCases {
            var w = nonLeadTotals[Self.order(kind)]
            var note: String?
            if kind == .noSubstance {
                (w, note) = noSubstanceWeight(labels: w, disciplineTotal: disciplineTotal, anyCue: !cues.isEmpty, scalars)
            }
            guard w > 0 else { continue }
            nonLead.append(
                NonLeadScore(kind: kind, score: Self.squash(w), weight: w, cues: cues.filter { $0.category == .nonLead(kind) }, note: note)
            )
        }
        nonLead.sort { $0.weight != $1.weight ? $0.weight > $1.weight : Self.order($0.kind) < Self.order($1.kind) }
        return DisciplineClassification(disciplines: disciplines, nonLead: nonLead, cues: cues)
    }

    /// A label (贪官, 有问题) is no substance only while nothing specific stands beside it: named
    /// conduct or a date, amount or place shrinks it. A text with no cue at all and only a few
    /// words is no substance by itself.
    private func noSubstanceWeight(labels: Double, disciplineTotal: Double, anyCue: Bool, _ scalars: [Unicode.Scalar]) -> (Double, String?) {
        let specific = scalars.contains(where: Self.isSpecificMark)
        var w = labels / (1 + disciplineTotal)
        if specific { w *= 0.5 }
        var note: String?
        if w > 0 {
            note = specific ? "定性用语，虽有时间或数额 / labels, with some specifics" : "只有定性用语，没有具体事实 / labels without facts"
        }
        let content = scalars.reduce(0) { Self.isClauseEnd($1) || $1 == " " ? $0 : $0 + 1 }
        if !anyCue && content > 0 && content <= 30 {
            w += 1
            note = "没有指明任何行为 / no conduct named"
        }
        return (w, note)
    }

    /// Characters that mark a when, how much or where: digits and 年 月 日 元 万 号 点 时 次.
    private static func isSpecificMark(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "0"..."9", "年", "月", "日", "元", "万", "号", "点", "时", "次": true
        default: false
        }
    }

    private static func squash(_ w: Double) -> Double { 1 - exp(-w / 2) }

    private static func order(_ d: Discipline) -> Int { Discipline.allCases.firstIndex(of: d)! }
    private static func order(_ k: NonLeadKind) -> Int { NonLeadKind.allCases.firstIndex(of: k)! }
}
