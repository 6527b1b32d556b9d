import Foundation
import XunchaCore
import XunchaDesk
import XunchaStore

struct LoginPage {
    var csrf: String
    var error: String?
    var username = ""
}

struct PasswordPage {
    var me: StaffFrame.Me?
    var csrf: String
    var mustChange: Bool
    var error: String?

    init(_ context: StaffRequestContext) {
        me = StaffFrame.Me(context.user)
        csrf = context.session.csrfToken
        mustChange = context.user.mustChangePassword
    }
}

/// The inbox: a page of the inspection's reports, newest first, with each one's suggestion.
struct InboxPage {
    struct Row {
        var id: String
        var receivedAt: String
        var channel: String
        var realName: Bool
        var unassigned: Bool
        var status: String
        var suggestion: String?
        var suggestionCode: String?
        var topDiscipline: String?
        var subjects: [ReportView.SubjectLine]
        var snippet: String
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
    var previous: Int?
    var next: Int?
    var mayRescreen: Bool

    init(_ inbox: StaffDesk.Inbox, context: StaffRequestContext, notice: String?) {
        me = StaffFrame.Me(context.user)
        csrf = context.session.csrfToken
        self.notice = notice
        inspection = inbox.inspection.map { InspectionView($0) }
        reports = inbox.reports.map { r in
            let view = ReportView(r)
            let s = inbox.summaries[r.id]
            return Row(
                id: r.id,
                receivedAt: view.receivedAt,
                channel: view.channel,
                realName: r.isRealName,
                unassigned: r.inspectionID == nil,
                status: view.status,
                suggestion: s?.suggestion.chineseName,
                suggestionCode: s?.suggestion.rawValue,
                topDiscipline: s?.topDiscipline?.chineseName,
                subjects: view.subjects,
                snippet: r.snippet
            )
        }
        hasReports = !reports.isEmpty
        total = inbox.total
        page = inbox.page
        pageCount = inbox.pageCount
        previous = inbox.page > 1 ? inbox.page - 1 : nil
        next = inbox.page < inbox.pageCount ? inbox.page + 1 : nil
        mayRescreen = context.user.may(.rescreen, inspectionID: context.user.inspectionID)
    }
}
