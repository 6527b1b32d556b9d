import Foundation
import XunchaCore
import XunchaDesk
import XunchaStore

/// How a referral's clock reads on the list and on its page: the due date, where today stands
/// (剩3个工作日, 已逾期2个工作日), and whether it needs attention or is overdue.
struct ReferralClockView {
    var name: String
    var due: String
    var standing: String
    var attention: Bool
    var overdue: Bool

    init(_ c: StaffDesk.Clock) {
        name = c.deadline.kind == .referralSend ? "发出期限" : "反馈期限"
        due = c.deadline.due.map(View.day) ?? "—"
        standing = Deadline.chinese(c.standing)
        attention = c.standing.needsAttention
        overdue = c.standing.isOverdue
    }
}

/// The inspection's referrals (a liaison's: its own sent ones), each with its clock.
struct ReferralListPage {
    struct Row {
        var href: String
        var number: String
        var reportNumber: String?
        var reportHref: String?
        var recipient: String
        var state: String
        var stateCode: String
        var sent: String?
        var clock: ReferralClockView?
        var finding: String?
    }

    var me: StaffFrame.Me?
    var csrf: String
    var group: String?
    var forLiaison: Bool
    var recipient: String?
    var rows: [Row]
    var hasRows: Bool
    var overdue: Int
    var hasOverdue: Bool

    init(_ list: StaffDesk.ReferralList, context: StaffRequestContext) {
        me = StaffFrame.Me(context.user)
        csrf = context.session.csrfToken
        group = list.inspection?.group
        forLiaison = list.forLiaison
        recipient = list.forLiaison ? context.user.recipient : nil
        rows = list.rows.map { row in
            let r = row.referral
            return Row(
                href: "/staff/referrals/\(r.id)",
                number: r.number,
                reportNumber: list.forLiaison ? nil : (row.reportNumber ?? "（未编号）"),
                reportHref: list.forLiaison ? nil : "/staff/reports/\(r.reportID)",
                recipient: r.recipient,
                state: r.state.chineseName,
                stateCode: r.state.rawValue,
                sent: r.sentAt.map(View.time),
                clock: row.clock.map(ReferralClockView.init),
                finding: ReferralPage.findingText(r)
            )
        }
        hasRows = !rows.isEmpty
        overdue = rows.filter { $0.clock?.overdue == true }.count
        hasOverdue = overdue > 0
    }
}

/// One referral's page. Staff: the text to send, every mask with what it removed and why, the
/// report's text beside it with the masks marked, the forms to correct and send it, the
/// feedback and the trail. A liaison: the text as sent, the due date and the feedback form only.
struct ReferralPage {
    struct MaskLine {
        var n: Int
        var kind: String
        var removed: String
        var replacement: String
        var reason: String
    }

    struct Choice {
        var code: String
        var name: String
        var checked: Bool
    }

    var me: StaffFrame.Me?
    var csrf: String
    var notice: String?
    var forLiaison: Bool
    var id: String
    var number: String
    var group: String
    var reportNumber: String?
    var reportHref: String?
    var recipient: String
    var state: String
    var stateCode: String
    var decidedAt: String
    var sendDue: String?
    var sent: String?
    var feedbackDue: String?
    var clock: ReferralClockView?
    var content: String
    var edited: Bool
    var isDraft: Bool
    var masks: [MaskLine]
    var hasMasks: Bool
    var draftKept: Bool
    var original: [ReportView.Piece]
    var mayEdit: Bool
    var editAction: String
    var sendAction: String
    var form: [String: String] = [:]
    /// The summary at the top of the page of what was refused below.
    var errors = FormErrors()
    var sendError: String? { didSet { errors = .beside(sendError, "send-error") } }
    var defaultFeedbackWorkdays: Int
    var answered: Bool
    var finding: String?
    var feedback: String?
    var feedbackAt: String?
    var mayRecordFeedback: Bool
    var feedbackAction: String
    var findings: [Choice]
    var closures: [Choice]
    var feedbackDraft: String?
    var feedbackError: String? { didSet { errors = .beside(feedbackError, "feedback-error") } }
    var letterHref: String
    var trail: [TrailLine]
    var hasTrail: Bool

    init(_ file: StaffDesk.ReferralFile, me: StaffUser, csrf: String) {
        let r = file.referral
        self.me = StaffFrame.Me(me)
        self.csrf = csrf
        forLiaison = file.forLiaison
        id = r.id
        number = r.number
        group = file.inspection?.group ?? ""
        reportNumber = file.report.map { $0.number ?? "（未编号）" }
        reportHref = file.report.map { "/staff/reports/\($0.id)" }
        recipient = r.recipient
        state = r.state.chineseName
        stateCode = r.state.rawValue
        decidedAt = View.time(r.decidedAt)
        sendDue = r.sendDue.map(View.day)
        sent = r.sentAt.map { "\(View.time($0))" + (file.forLiaison ? "" : " · \(file.name(of: r.sentBy ?? ""))") }
        feedbackDue = r.feedbackDue.map(View.day)
        clock = file.clock.map(ReferralClockView.init)
        content = r.content
        edited = file.edited
        isDraft = r.state == .draft
        let draft = file.forLiaison ? nil : file.draft
        let scalars = draft.map { Array($0.original.unicodeScalars) } ?? []
        masks = (draft?.masks ?? []).enumerated().map { n, m in
            MaskLine(
                n: n + 1,
                kind: m.kind.chineseName,
                removed: String(
                    String.UnicodeScalarView(scalars[min(m.original.lowerBound, scalars.count)..<min(m.original.upperBound, scalars.count)])
                ),
                replacement: m.replacement,
                reason: m.reasonZH
            )
        }
        hasMasks = !masks.isEmpty
        draftKept = draft != nil
        original = draft.map { ReportView.highlighted($0.original, spans: $0.masks.map(\.original)) } ?? []
        mayEdit = file.mayEdit
        editAction = "/staff/referrals/\(r.id)/edit"
        sendAction = "/staff/referrals/\(r.id)/send"
        form = ["content": r.content, "recipient": r.recipient, "feedback_due": ""]
        defaultFeedbackWorkdays = file.inspection?.effectiveLimits.referralFeedbackWorkdays ?? WorkflowLimits.standard.referralFeedbackWorkdays
        answered = r.state == .answered
        finding = Self.findingText(r)
        feedback = r.feedback.isEmpty ? nil : r.feedback
        feedbackAt = r.feedbackAt.map { "\(View.time($0))" + (file.forLiaison ? "" : " · \(file.name(of: r.feedbackBy ?? ""))") }
        mayRecordFeedback = file.mayRecordFeedback
        feedbackAction = "/staff/referrals/\(r.id)/feedback"
        findings = ReferralFinding.allCases.map { Choice(code: $0.rawValue, name: $0.chineseName, checked: false) }
        closures = ReferralClosure.allCases.map { Choice(code: $0.rawValue, name: $0.chineseName, checked: false) }
        letterHref = "/staff/referrals/\(r.id)/letter"
        trail = file.trail.map { TrailLine($0, name: file.name(of:)) }
        hasTrail = !trail.isEmpty
    }

    /// 属实 · 已办结, as the list and the page show a recorded feedback.
    static func findingText(_ r: Referral) -> String? {
        guard r.state == .answered else { return nil }
        return [r.recordedFinding?.chineseName, r.recordedClosure?.chineseName].compactMap { $0 }.joined(separator: " · ")
    }

    /// The send form as it was sent, after it was refused.
    mutating func keep(_ fields: [String: String], error: String) {
        for key in ["content", "recipient", "feedback_due"] { if let v = fields[key] { form[key] = v } }
        sendError = error
    }

    /// The feedback form as it was sent, after it was refused.
    mutating func keepFeedback(_ fields: [String: String], error: String) {
        let finding = ReferralFinding(reading: fields["finding"] ?? "")
        let closure = ReferralClosure(reading: fields["closure"] ?? "")
        for i in findings.indices { findings[i].checked = findings[i].code == finding?.rawValue }
        for i in closures.indices { closures[i].checked = closures[i].code == closure?.rawValue }
        feedbackDraft = fields["content"]
        feedbackError = error
    }
}

/// The referral letter (转办函), printed on A4 and sent with the masked text: the group as
/// sender, the number, the date, the recipient, the text, the due date of the feedback, the
/// closing and the seal. Nothing of the reporter: the text is the one the member reviewed.
struct ReferralLetterPage {
    var group: String
    var number: String
    var recipient: String
    var date: String
    var due: String
    var paragraphs: [String]
    var draft: Bool
    var phones: String?
    var backHref: String

    init(_ file: StaffDesk.ReferralFile) {
        let r = file.referral
        group = file.inspection?.group ?? "巡察组"
        number = r.number
        recipient = r.recipient
        let blank = "＿＿＿＿年＿＿月＿＿日"
        date = r.sentAt.map { View.day(CivilDate(beijingDayOf: $0)) } ?? blank
        due = r.feedbackDue.map(View.day) ?? blank
        paragraphs = r.content.split(separator: "\n", omittingEmptySubsequences: true).map { TextLimits.trimmed(String($0)) }.filter { !$0.isEmpty }
        draft = r.state == .draft
        let phones = file.inspection?.phones ?? []
        self.phones = phones.isEmpty ? nil : phones.joined(separator: "、")
        backHref = "/staff/referrals/\(r.id)"
    }
}

extension TrailLine {
    init(_ e: AuditEvent, name: (String) -> String) {
        seq = e.seq
        at = View.time(e.at)
        actor = name(e.actor)
        action = e.knownAction?.chineseName ?? e.action
        hash = String(e.hash.prefix(12))
    }
}
