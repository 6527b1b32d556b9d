import Foundation
import XunchaCore
import XunchaDesk

/// The decisions on a report as its page shows them: every one with its state and who acted,
/// the proposal form (while no decision is in force), and the leader's forms to approve or return
/// a proposal and to reopen a decision. The form preselects what is being decided (the pending
/// proposal, else the suggestion), never silently the suggestion over a decision.
struct DecisionPanel {
    struct Line {
        var outcome: String
        var outcomeCode: String
        var state: String
        var stateCode: String
        var verdict: String
        var detail: String?
        var reason: String?
        /// 问题类别：廉洁纪律（另涉及群众纪律）, what the approval covers.
        var category: String?
        var proposed: String
        var reviewed: String?
        var reviewComment: String?
        var reopened: String?
    }

    struct Outcome {
        var code: String
        var name: String
        var selected: Bool
        var suggested: Bool
    }

    struct CategoryChoice {
        var code: String
        var name: String
        var selected: Bool
        var screened: Bool
    }

    struct AlsoChoice {
        var index: Int
        var code: String
        var name: String
        var checked: Bool
    }

    struct LeadChoice {
        var id: String
        var label: String
        var selected: Bool
    }

    var lines: [Line]
    var hasLines: Bool
    var inForce: Line?
    var pending: Line?
    var mayPropose: Bool
    var mayApprove: Bool
    var action: String
    var approveAction: String
    var returnAction: String
    var reopenAction: String
    var outcomes: [Outcome]
    var categories: [CategoryChoice]
    var alsoChoices: [AlsoChoice]
    var reason: String?
    var recipient: String
    var duplicateOf: String
    var leads: [LeadChoice]
    var leadSubject: Subject
    var error: String?
    var reviewError: String?

    init(_ file: StaffDesk.ReportFile) {
        let r = file.report
        let decisions = file.decisions
        let numbers = Dictionary(file.threadReports.map { ($0.id, $0.number ?? $0.id) }) { a, _ in a }
        let leads = Dictionary(file.openLeads.map { ($0.id, $0.number) }) { a, _ in a }
        func line(_ d: Decision) -> Line {
            var detail: String?
            switch d.outcome {
            case .refer: detail = d.recipient.map { "转：\($0)" }
            case .duplicate: detail = d.duplicateOf.map { "与\(numbers[$0] ?? $0)重复" }
            case .accept: detail = d.leadID.map { "并入线索\(leads[$0] ?? file.lead?.number ?? "")" }
            case .file, .reject: detail = nil
            }
            return Line(
                outcome: d.outcome.chineseName,
                outcomeCode: d.outcome.rawValue,
                state: d.state.chineseName,
                stateCode: d.state.rawValue,
                verdict: d.suggestion.map { d.confirmsSuggestion ? "与初筛建议一致" : "改变初筛建议（原建议：\($0.chineseName)）" } ?? "",
                detail: detail,
                reason: d.reason.isEmpty ? nil : d.reason,
                category: d.category.map { c in
                    "问题类别：\(c.chineseName)" + (d.alsoDisciplines.isEmpty ? "" : "（另涉及\(d.alsoDisciplines.map(\.chineseName).joined(separator: "、"))）")
                },
                proposed: "\(View.time(d.proposedAt)) · \(file.name(of: d.proposedBy))提出",
                reviewed: d.reviewedAt.map { "\(View.time($0)) · \(file.name(of: d.reviewedBy ?? ""))\(d.state == .returned ? "退回" : "批准")" },
                reviewComment: d.reviewComment.isEmpty ? nil : d.reviewComment,
                reopened: d.reopenedAt.map { "\(View.time($0)) · \(file.name(of: d.reopenedBy ?? ""))重新打开：\(d.reopenReason)" }
            )
        }
        lines = decisions.map(line)
        hasLines = !lines.isEmpty
        inForce = decisions.inForce.map(line)
        pending = decisions.pending.map(line)
        mayPropose = file.mayDecide
        mayApprove = file.mayApprove
        action = "/staff/reports/\(r.id)/decision"
        approveAction = "/staff/reports/\(r.id)/decision/approve"
        returnAction = "/staff/reports/\(r.id)/decision/return"
        reopenAction = "/staff/reports/\(r.id)/decision/reopen"
        let suggestion = file.screening?.record.suggestion
        let current = decisions.pending
        outcomes = Self.outcomes(suggested: suggestion, chosen: current?.outcome)
        let screened = file.screening?.record.screenedCategory
        categories = Self.categories(screened: screened, chosen: current?.category ?? screened)
        alsoChoices = Self.also(current?.alsoDisciplines ?? file.screening?.record.screenedAlsoDisciplines ?? [])
        reason = current?.reason
        recipient = current?.recipient ?? file.screening?.record.recipient?.nameZH ?? ""
        duplicateOf = current?.duplicateOf.flatMap { numbers[$0] } ?? file.repeatOf?.number ?? ""
        leadSubject = file.proposedLeadSubject
        self.leads =
            [LeadChoice(id: "", label: "按被反映人自动归并（无则新建线索）", selected: current?.leadID == nil)]
            + file.openLeads.map { LeadChoice(id: $0.id, label: "\($0.number) \($0.subject.name)", selected: current?.leadID == $0.id) }
    }

    /// The outcomes staff choose from: the suggestion named as such; selected is what is being
    /// decided (a pending proposal, or the choice the form came back with), else the suggestion.
    static func outcomes(suggested: SuggestionKind?, chosen: SuggestionKind? = nil) -> [Outcome] {
        SuggestionKind.allCases.map {
            Outcome(code: $0.rawValue, name: $0.chineseName, selected: $0 == (chosen ?? suggested), suggested: $0 == suggested)
        }
    }

    /// The categories a member chooses from, the screened one named as such; "未定" when none.
    static func categories(screened: ReportCategory?, chosen: ReportCategory?) -> [CategoryChoice] {
        [CategoryChoice(code: "", name: "未定", selected: chosen == nil, screened: false)]
            + LearnedModel.categories.map { c in CategoryChoice(code: c.code, name: c.chineseName, selected: c == chosen, screened: c == screened) }
    }

    static func also(_ checked: [Discipline]) -> [AlsoChoice] {
        Discipline.allCases.enumerated().map { i, d in AlsoChoice(index: i, code: d.rawValue, name: d.chineseName, checked: checked.contains(d)) }
    }

    /// The form as it was sent, after it was refused: the staff member's choices kept.
    mutating func keep(_ input: DecisionInput?, error: String) {
        self.error = error
        guard let input else { return }
        let suggested = outcomes.first(where: \.suggested).flatMap { SuggestionKind(rawValue: $0.code) }
        outcomes = Self.outcomes(suggested: suggested, chosen: SuggestionKind(rawValue: input.outcome))
        reason = input.reason
        let screened = categories.first(where: \.screened).flatMap { ReportCategory(code: $0.code) }
        categories = Self.categories(screened: screened, chosen: input.category.flatMap(ReportCategory.init(code:)))
        alsoChoices = Self.also(input.alsoDisciplines.compactMap(Discipline.init(rawValue:)))
        recipient = input.recipient ?? recipient
        duplicateOf = input.duplicateOf ?? duplicateOf
        if let subject = input.leadSubject { leadSubject = subject }
        for i in leads.indices { leads[i].selected = leads[i].id == (input.lead ?? "") }
    }
}

/// The group's work on a report: its number and thread, the member handling it, the clocks, the
/// notes, its lead and referrals, and the leader's forms to claim and assign it.
struct WorkPanel {
    struct Colleague {
        var id: String
        var name: String
        var selected: Bool
    }

    struct ClockLine {
        var name: String
        var due: String
        var standing: String
        var attention: Bool
        var overdue: Bool
    }

    struct NoteLine {
        var at: String
        var author: String
        var content: String
    }

    struct ReferralLine {
        var number: String
        var recipient: String
        var state: String
        var href: String
    }

    var number: String?
    var assignee: String?
    var thread: [String]
    var inThread: Bool
    var clocks: [ClockLine]
    var hasClocks: Bool
    var notes: [NoteLine]
    var mayNote: Bool
    var noteAction: String
    var mayAssign: Bool
    var assignAction: String
    var colleagues: [Colleague]
    var mayClaim: Bool
    var claimAction: String
    var lead: String?
    var leadHref: String?
    var referrals: [ReferralLine]
    var hasReferrals: Bool
    var noteError: String?

    init(_ file: StaffDesk.ReportFile) {
        let r = file.report
        number = r.number
        assignee = r.assigneeID.map { file.name(of: AuditActor.user(id: $0).stored) }
        thread = file.threadReports.filter { $0.id != r.id }.map { $0.number ?? $0.id }
        inThread = !thread.isEmpty
        clocks = file.clocks.map { c in
            ClockLine(
                name: c.deadline.kind.chineseName + (c.referral.map { "（\($0.number)）" } ?? ""),
                due: c.deadline.due.map(View.day) ?? "—",
                standing: Deadline.chinese(c.standing),
                attention: c.standing.needsAttention,
                overdue: c.standing.isOverdue
            )
        }
        hasClocks = !clocks.isEmpty
        notes = file.notes.map {
            NoteLine(at: View.time($0.writtenAt), author: file.name(of: AuditActor.user(id: $0.authorID).stored), content: $0.content)
        }
        mayNote = file.mayDecide || file.mayApprove
        noteAction = "/staff/reports/\(r.id)/notes"
        mayAssign = file.mayAssign
        assignAction = "/staff/reports/\(r.id)/assignee"
        colleagues = file.colleagues.map { Colleague(id: $0.id, name: "\($0.displayName)（\($0.role.displayName)）", selected: $0.id == r.assigneeID) }
        mayClaim = file.mayClaim
        claimAction = "/staff/reports/\(r.id)/claim"
        lead = file.lead.map { "\($0.number) \($0.subject.name)" }
        leadHref = file.lead.map { "/staff/leads/\($0.id)" }
        referrals = file.referrals.map {
            ReferralLine(
                number: $0.number,
                recipient: $0.recipient,
                state: $0.state.chineseName + (ReferralPage.findingText($0).map { "（\($0)）" } ?? ""),
                href: "/staff/referrals/\($0.id)"
            )
        }
        hasReferrals = !referrals.isEmpty
    }
}
