import Foundation
import XunchaText

/// What the group should do with a report (DOMAIN.md §2, §5).
public enum SuggestionKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// 受理: a lead for this inspection.
    case accept
    /// 转办: pass to the inspected unit or a competent department.
    case refer
    /// 存查: keep on file, no action.
    case file
    /// 重复件: a repeat of an earlier report, registered and counted, not handled twice.
    case duplicate
    /// 不予受理: no substance.
    case reject

    public var chineseName: String {
        switch self {
        case .accept: "受理"
        case .refer: "转办"
        case .file: "存查"
        case .duplicate: "重复件"
        case .reject: "不予受理"
        }
    }
}

/// Who a referred report should go to.
public struct ReferralRecipient: Codable, Sendable, Hashable {
    /// Stable code: `inspected_unit`, `court`, `arbitration`, `administrative_review`, `public_security`,
    /// `human_resources`, `competent_department`, `discipline_inspection_organ`.
    public let code: String
    /// The recipient as staff write it (县财政局, 人民法院).
    public let nameZH: String

    public init(code: String, nameZH: String) {
        self.code = code
        self.nameZH = nameZH
    }

    enum CodingKeys: String, CodingKey {
        case code
        case nameZH = "name_zh"
    }
}

/// One piece of evidence behind a reason: a span of the text as written, a roster entry, a
/// reception or calendar fact, an earlier report, or a named value (score, recipient, version).
public struct ReasonEvidence: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        case textSpan = "text_span"
        case rosterEntry = "roster_entry"
        case receptionFact = "reception_fact"
        case earlierReport = "earlier_report"
        case value
    }

    public var kind: Kind
    /// What the evidence shows: the words as written, or the value.
    public var text: String?
    /// Unicode-scalar offsets in the original text (text spans only).
    public var start: Int?
    public var end: Int?
    /// What the span or value is (`cue:integrity.gifts`, `subject`, `date`, `money`, `deadline`, `score`).
    public var key: String?
    /// Index in the screener's roster (roster entries only).
    public var rosterIndex: Int?
    public var person: RosterPerson?

    public init(
        kind: Kind,
        text: String? = nil,
        range: Range<Int>? = nil,
        key: String? = nil,
        rosterIndex: Int? = nil,
        person: RosterPerson? = nil
    ) {
        self.kind = kind
        self.text = text
        self.start = range?.lowerBound
        self.end = range?.upperBound
        self.key = key
        self.rosterIndex = rosterIndex
        self.person = person
    }

    public var range: Range<Int>? {
        guard let start, let end else { return nil }
        return start..<end
    }

    enum CodingKeys: String, CodingKey {
        case kind, text, start, end, key
        case rosterIndex = "roster_index"
        case person
    }

    static func span(_ key: String, _ text: String, _ range: Range<Int>) -> ReasonEvidence {
        ReasonEvidence(kind: .textSpan, text: text, range: range, key: key)
    }

    static func value(_ key: String, _ text: String) -> ReasonEvidence {
        ReasonEvidence(kind: .value, text: text, key: key)
    }
}

/// One step of the screening: the rule that spoke, what it says in Chinese, and its evidence.
public struct ScreeningReason: Codable, Sendable, Hashable {
    /// Stable code `family.outcome` (`substance.complete`, `subject.in_scope`); see docs/screening-rules.md.
    public let rule: String
    public let messageZH: String
    public let evidence: [ReasonEvidence]
    /// True for the reason that decided the suggestion (and for the final `suggestion.*` reason).
    public let decisive: Bool

    public init(rule: String, messageZH: String, evidence: [ReasonEvidence] = [], decisive: Bool = false) {
        self.rule = rule
        self.messageZH = messageZH
        self.evidence = evidence
        self.decisive = decisive
    }

    /// The family of the rule: `reception`, `repeat`, `category`, `substance`, `subject`, `suggestion`.
    public var family: String { String(rule.prefix { $0 != "." }) }

    enum CodingKeys: String, CodingKey {
        case rule
        case messageZH = "message_zh"
        case evidence
        case decisive
    }
}

/// An earlier report that a new one nearly repeats.
public struct EarlierReportMatch: Codable, Sendable, Hashable {
    public let reportID: String
    /// 0…1, how alike the two texts are (the index decides how it measures).
    public let similarity: Double
    public let receivedAt: Date?

    public init(reportID: String, similarity: Double, receivedAt: Date? = nil) {
        self.reportID = reportID
        self.similarity = similarity
        self.receivedAt = receivedAt
    }
}

/// The repeat hook: an index of earlier reports that answers whether a text nearly repeats one.
/// `FiledEarlierReports` holds those a store found for one report; `NoEarlierReports` knows none.
public protocol EarlierReports: Sendable {
    func nearDuplicate(of text: NormalizedText) -> EarlierReportMatch?
}

/// No earlier reports: nothing is ever a repeat.
public struct NoEarlierReports: EarlierReports {
    public init() {}
    public func nearDuplicate(of text: NormalizedText) -> EarlierReportMatch? { nil }
}

/// How a report arrived, for the reception window. Everything optional: without an inspection
/// and a moment the window is not judged.
public struct ScreeningArrival: Sendable, Hashable {
    public var channel: Channel
    public var receivedAt: Date?
    public var postmark: CivilDate?
    /// When a call started or a visit took place, if staff wrote it down: the moment the reception
    /// window judges, rather than when the report was registered.
    public var heldAt: Date?

    public init(channel: Channel = .web, receivedAt: Date? = nil, postmark: CivilDate? = nil, heldAt: Date? = nil) {
        self.channel = channel
        self.receivedAt = receivedAt
        self.postmark = postmark
        self.heldAt = heldAt
    }

    /// The moment the reception window judges: the call's start, the visit, or the receipt.
    public var judgedMoment: Date? { heldAt ?? receivedAt }
}

/// The screener's answer for one report: the suggestion, its reasons in rule order, and the
/// parts they were drawn from.
public struct Screening: Sendable, Hashable {
    public let suggestion: SuggestionKind
    /// For `refer` only.
    public let recipient: ReferralRecipient?
    /// In rule order (reception, repeat, category, substance, subject, suggestion).
    public let reasons: [ScreeningReason]
    public let classification: DisciplineClassification
    public let subjects: SubjectAnalysis
    public let extraction: Extraction
    public let reception: ReceptionVerdict?
    public let repeatMatch: EarlierReportMatch?
    public let rulesVersion: String

    /// 受理 as a lead for this inspection.
    public var acceptAsLead: Bool { suggestion == .accept }

    /// The rule that decided (`substance.no_conduct`, `subject.in_scope` …).
    public var decidingRule: String? { reasons.first { $0.decisive && $0.family != "suggestion" }?.rule }
}
