import Foundation
import XunchaCore
import XunchaDesk
import XunchaStore

struct LoginPage {
    var csrf: String
    var error: String?
    /// Why the login page is shown again (the password was just changed).
    var notice: String?
    var username = ""
}

struct PasswordPage {
    var me: StaffFrame.Me?
    var csrf: String
    var mustChange: Bool
    /// The summary at the top of the page of what was refused below.
    var errors = FormErrors()
    var error: String? { didSet { errors = .beside(error, "password-error") } }

    init(_ context: StaffRequestContext) {
        me = StaffFrame.Me(context.user)
        csrf = context.session.csrfToken
        mustChange = context.user.mustChangePassword
    }
}

/// The inbox: a page of the inspection's reports, newest first (a member's own first), each with
/// its number, subjects, suggestion, decision, member handling it and any clock that needs
/// attention; above it, what waits for the leader.
struct InboxPage {
    struct Row {
        var id: String
        var number: String?
        var receivedAt: String
        var channel: String
        var realName: Bool
        var unassigned: Bool
        var status: String
        var suggestion: String?
        var suggestionCode: String?
        var topDiscipline: String?
        var decision: String?
        var decisionPending: Bool
        var assignee: String?
        var mine: Bool
        var clock: String?
        var overdue: Bool
        var subjects: [ReportView.SubjectLine]
        var snippet: String
    }

    struct AgendaLine {
        var href: String
        var label: String
        var detail: String
        var overdue: Bool
    }

    var me: StaffFrame.Me?
    var csrf: String
    var notice: String?
    var inspection: InspectionView?
    var reports: [Row]
    var hasReports: Bool
    var total: Int
    var page: Int
    var pageCount: Int
    var previousHref: String?
    var nextHref: String?
    var firstHref: String?
    var lastHref: String?
    var mayRescreen: Bool
    var agenda: [AgendaLine]
    var hasAgenda: Bool
    var filters: InboxFilters

    init(_ inbox: StaffDesk.Inbox, agenda: StaffDesk.Agenda?, filters: InboxFilters, context: StaffRequestContext, notice: String?) {
        self.filters = filters
        me = StaffFrame.Me(context.user)
        csrf = context.session.csrfToken
        self.notice = notice
        inspection = inbox.inspection.map { InspectionView($0) }
        reports = inbox.reports.map { r in
            let view = ReportView(r)
            let s = inbox.summaries[r.id]
            let d = inbox.decisions[r.id]
            let clock = inbox.clocks[r.id]?.first
            return Row(
                id: r.id,
                number: r.number,
                receivedAt: view.receivedAt,
                channel: view.channel,
                realName: r.isRealName,
                unassigned: r.inspectionID == nil,
                status: view.status,
                suggestion: s?.suggestion.chineseName,
                suggestionCode: s?.suggestion.rawValue,
                topDiscipline: s?.topDiscipline?.chineseName,
                decision: d.map { "\($0.outcome.chineseName)（\($0.state.chineseName)）" },
                decisionPending: d?.state == .proposed,
                assignee: r.assigneeID.flatMap { inbox.names[$0] },
                mine: r.assigneeID == context.user.id,
                clock: clock.map { "\($0.deadline.kind.chineseName)：\(Deadline.chinese($0.standing))" },
                overdue: clock?.standing.isOverdue ?? false,
                subjects: view.subjects,
                snippet: r.snippet
            )
        }
        hasReports = !reports.isEmpty
        total = inbox.total
        page = inbox.page
        pageCount = inbox.pageCount
        previousHref = inbox.page > 1 ? filters.pageHref(inbox.page - 1) : nil
        nextHref = inbox.page < inbox.pageCount ? filters.pageHref(inbox.page + 1) : nil
        firstHref = inbox.page > 2 ? filters.pageHref(1) : nil
        lastHref = inbox.page < inbox.pageCount - 1 ? filters.pageHref(inbox.pageCount) : nil
        mayRescreen = context.user.may(.rescreen, inspectionID: context.user.inspectionID)
        self.agenda =
            (agenda?.awaitingApproval ?? []).map {
                AgendaLine(href: "/staff/reports/\($0.id)#decisions", label: $0.number ?? $0.snippet, detail: "处理意见待审批", overdue: false)
            }
            + (agenda?.identityRequests ?? []).map {
                AgendaLine(href: "/staff/reports/\($0.id)#identity-requests", label: $0.number ?? $0.snippet, detail: "查看反映人身份的申请待审批", overdue: false)
            }
            + (agenda?.clocks ?? []).map { c in
                AgendaLine(
                    href: c.referral.map { "/staff/referrals/\($0.id)" } ?? "/staff/reports/\(c.reportID)#work",
                    label: (agenda?.numbers[c.reportID]).map { $0 } ?? c.reportID,
                    detail: "\(c.deadline.kind.chineseName)\(c.referral.map { "（\($0.number)）" } ?? "")：\(Deadline.chinese(c.standing))",
                    overdue: c.standing.isOverdue
                )
            }
        if agenda?.more == true {
            self.agenda.append(AgendaLine(href: "/staff?overdue=1", label: "更多", detail: "只列出最紧迫的事项；全部逾期事项见“逾期”筛选，待审批的见“处理决定：待审批”。", overdue: false))
        }
        hasAgenda = !self.agenda.isEmpty
    }
}
