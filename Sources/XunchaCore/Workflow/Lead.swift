import Foundation

/// A problem lead (问题线索): the accepted reports about one person, gathered so that the group
/// works on the person's problems once, however many reports name them. Numbered per inspection.
public struct Lead: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable, CaseIterable {
        /// Being worked on by the group.
        case open
        /// In a handover archive given to its recipient.
        case handedOver = "handed_over"
        /// Closed out (销号): the recipient's result is in.
        case closed

        public var chineseName: String {
            switch self {
            case .open: "办理中"
            case .handedOver: "已移交"
            case .closed: "已销号"
            }
        }
    }

    public var id: String
    public var inspectionID: String
    public var sequence: Int
    /// `市四巡线〔2023〕第01号`.
    public var number: String
    /// The person the lead is about, as the roster or the report names them.
    public var subject: Subject
    public var summary: String
    /// Where the lead goes at handover (`LeadKind`'s raw value).
    public var kind: String
    /// About the inspected unit's principal: handled by the leader alone and handed over sealed.
    public var aboutPrincipal: Bool
    public var state: State
    public var createdAt: Date
    public var createdBy: String
    /// The reports gathered in it, oldest first.
    public var reportIDs: [String]
    /// What its receiver did with it after the handover, once they reported back.
    public var outcome: LeadOutcome?

    public init(
        id: String,
        inspectionID: String,
        sequence: Int,
        number: String,
        subject: Subject,
        summary: String,
        kind: String,
        aboutPrincipal: Bool,
        state: State,
        createdAt: Date,
        createdBy: String,
        reportIDs: [String] = [],
        outcome: LeadOutcome? = nil
    ) {
        self.id = id
        self.inspectionID = inspectionID
        self.sequence = sequence
        self.number = number
        self.subject = subject
        self.summary = summary
        self.kind = kind
        self.aboutPrincipal = aboutPrincipal
        self.state = state
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.reportIDs = reportIDs
        self.outcome = outcome
    }

    /// Lead numbers have their own series: the register prefix with 线 (市四巡线〔2023〕第01号).
    public static let series = "线"

    /// Whether two ways of writing a person name the same person for gathering: the same name,
    /// ignoring spaces and the width of characters.
    public static func samePerson(_ a: String, _ b: String) -> Bool {
        let x = TextLimits.trimmed(a).filter { !$0.isWhitespace }
        let y = TextLimits.trimmed(b).filter { !$0.isWhitespace }
        return !x.isEmpty && x == y
    }
}

/// A referral (转办): a report's content, with everything that identifies the reporter removed,
/// sent to the unit or department that owns the matter, with a due date for its feedback.
public struct Referral: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable, CaseIterable {
        /// Made when the decision to refer was approved; the member reviews the masked text.
        case draft
        /// Sent; waiting for the receiver's feedback.
        case sent
        /// The receiver reported back.
        case answered
        /// The decision to refer was reopened before the referral was sent.
        case cancelled

        public var chineseName: String {
            switch self {
            case .draft: "待发出"
            case .sent: "已发出，待反馈"
            case .answered: "已反馈"
            case .cancelled: "已撤销"
            }
        }
    }

    public var id: String
    public var inspectionID: String
    public var sequence: Int
    /// `市四巡转〔2023〕第01号`.
    public var number: String
    public var reportID: String
    public var recipient: String
    /// The report's text as it will be sent: the reporter masked out (`ReferralRedactor`).
    public var content: String
    public var state: State
    public var decidedAt: Date
    /// The last day to send it (the decision plus the inspection's working days), if the calendar covers it.
    public var sendDue: CivilDate?
    public var sentAt: Date?
    public var sentBy: String?
    public var feedbackDue: CivilDate?
    /// 属实 / 部分属实 / 不属实, and 已办结 / 阶段性办结, as the receiver reported.
    public var finding: String?
    public var closure: String?
    public var feedback: String
    public var feedbackAt: Date?
    public var feedbackBy: String?

    public init(
        id: String,
        inspectionID: String,
        sequence: Int,
        number: String,
        reportID: String,
        recipient: String,
        content: String,
        state: State,
        decidedAt: Date,
        sendDue: CivilDate?,
        sentAt: Date? = nil,
        sentBy: String? = nil,
        feedbackDue: CivilDate? = nil,
        finding: String? = nil,
        closure: String? = nil,
        feedback: String = "",
        feedbackAt: Date? = nil,
        feedbackBy: String? = nil
    ) {
        self.id = id
        self.inspectionID = inspectionID
        self.sequence = sequence
        self.number = number
        self.reportID = reportID
        self.recipient = recipient
        self.content = content
        self.state = state
        self.decidedAt = decidedAt
        self.sendDue = sendDue
        self.sentAt = sentAt
        self.sentBy = sentBy
        self.feedbackDue = feedbackDue
        self.finding = finding
        self.closure = closure
        self.feedback = feedback
        self.feedbackAt = feedbackAt
        self.feedbackBy = feedbackBy
    }

    /// Referral numbers have their own series: 市四巡转〔2023〕第01号.
    public static let series = "转"
}
