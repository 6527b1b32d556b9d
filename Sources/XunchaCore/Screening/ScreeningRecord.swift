import Foundation

/// A screening as it is kept and shown: the suggestion, the scores with their cues, the subjects
/// and the reasons, with the rules version that made it. One shape serves the store (as JSON),
/// the API, the console and `xuncha screen`; numbers are rounded to three places so that the
/// same screening always writes the same bytes.
public struct ScreeningRecord: Codable, Sendable, Hashable {
    public struct Cue: Codable, Sendable, Hashable {
        public let entry: String
        public let text: String
        public let start: Int
        public let end: Int
        public let weight: Double
        public let modifiers: [String]
    }

    public struct DisciplineScore: Codable, Sendable, Hashable {
        public let code: String
        public let score: Double
        public let articles: [Int]
        public let cues: [Cue]

        public var discipline: Discipline? { Discipline(rawValue: code) }
    }

    public struct NonLeadScore: Codable, Sendable, Hashable {
        public let code: String
        public let score: Double
    }

    public struct Candidate: Codable, Sendable, Hashable {
        public let rosterIndex: Int
        public let name: String
        public let unit: String
        public let post: String
        public let role: String
        public let confidence: Double
        public let basis: String

        enum CodingKeys: String, CodingKey {
            case rosterIndex = "roster_index"
            case name, unit, post, role, confidence, basis
        }
    }

    public struct Subject: Codable, Sendable, Hashable {
        public let kind: String
        public let pattern: String
        public let text: String
        public let start: Int
        public let end: Int
        public let name: String?
        public let post: String?
        public let unit: String?
        public let role: String?
        public let candidates: [Candidate]
        public let confidence: Double
    }

    public let suggestion: SuggestionKind
    public let acceptAsLead: Bool
    public let recipient: ReferralRecipient?
    public let disciplines: [DisciplineScore]
    public let nonLead: [NonLeadScore]
    public let subjects: [Subject]
    public let reasons: [ScreeningReason]
    public let decidingRule: String?
    public let rulesVersion: String

    enum CodingKeys: String, CodingKey {
        case suggestion
        case acceptAsLead = "accept_as_lead"
        case recipient
        case disciplines
        case nonLead = "non_lead"
        case subjects, reasons
        case decidingRule = "deciding_rule"
        case rulesVersion = "rules_version"
    }

    /// The best-scoring discipline, if any cue pointed at one.
    public var topDiscipline: Discipline? { disciplines.first?.discipline }

    /// The category screening read: the top discipline unless a non-lead kind scored higher
    /// (the classifier's `primary`); what a decision's category starts from.
    public var screenedCategory: ReportCategory? {
        let d = disciplines.first
        let n = nonLead.first
        if let n, let kind = NonLeadKind(rawValue: n.code), n.score > (d?.score ?? 0) { return .nonLead(kind) }
        return d?.discipline.map { .discipline($0) }
    }

    /// The further disciplines screening read as conduct (from the weight of one typical behaviour).
    public var screenedAlsoDisciplines: [Discipline] {
        let floor = rounded(1 - exp(-Screener.conductWeight / 2))
        return disciplines.filter { $0.score >= floor }.compactMap(\.discipline).filter { screenedCategory != .discipline($0) }
    }

    public init(_ s: Screening) {
        suggestion = s.suggestion
        acceptAsLead = s.acceptAsLead
        recipient = s.recipient
        disciplines = s.classification.disciplines.map { d in
            DisciplineScore(
                code: d.discipline.rawValue,
                score: rounded(d.score),
                articles: d.articles.map(\.article),
                cues: d.cues.map {
                    Cue(
                        entry: $0.entry,
                        text: $0.text,
                        start: $0.range.lowerBound,
                        end: $0.range.upperBound,
                        weight: rounded($0.weight),
                        modifiers: $0.modifiers.map(\.kind.rawValue)
                    )
                }
            )
        }
        nonLead = s.classification.nonLead.map { NonLeadScore(code: $0.kind.rawValue, score: rounded($0.score)) }
        subjects = s.subjects.findings.map { f in
            Subject(
                kind: f.kind.rawValue,
                pattern: f.pattern.rawValue,
                text: f.text,
                start: f.range.lowerBound,
                end: f.range.upperBound,
                name: f.name,
                post: f.post,
                unit: f.unit,
                role: f.role?.role.rawValue,
                candidates: f.candidates.map {
                    Candidate(
                        rosterIndex: $0.rosterIndex,
                        name: $0.person.name,
                        unit: $0.person.unit,
                        post: $0.person.post,
                        role: $0.person.role.role.rawValue,
                        confidence: rounded($0.confidence),
                        basis: $0.basis
                    )
                },
                confidence: rounded(f.confidence)
            )
        }
        reasons = s.reasons
        decidingRule = s.decidingRule
        rulesVersion = s.rulesVersion
    }

    /// Every span of the original text that some reason or cue points at, sorted and merged, for
    /// highlighting: the words the screening read as conduct, subjects, dates and evidence.
    public var evidenceSpans: [Range<Int>] {
        var spans = reasons.flatMap { $0.evidence.compactMap(\.range) }
        spans += disciplines.flatMap { $0.cues.map { $0.start..<$0.end } }
        spans += subjects.map { $0.start..<$0.end }
        spans.sort { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        var merged: [Range<Int>] = []
        for span in spans where !span.isEmpty {
            if let last = merged.last, span.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                merged.append(span)
            }
        }
        return merged
    }
}

private func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
