import Foundation
import XunchaCore
import XunchaDesk

/// An inspection as the public page shows it. Empty lists stay nil so their rows are left out,
/// and when the group publishes a phone line the page says whether it answers right now.
struct InspectionView {
    var id: String
    var group: String
    var leader: String
    var units: String
    var period: String
    var deadline: String
    var scope: String
    var repliesEnabled: Bool
    var phones: String?
    var emails: String?
    var postalBoxes: String?
    var otherChannels: String?
    var phoneHours: String?
    var phoneNow: String?
    var phoneOpen = false
    var selected = false

    init(_ i: Inspection, now: Date? = nil) {
        id = i.id
        group = i.group
        leader = i.leader
        units = i.units.joined(separator: "、")
        period = "\(View.day(i.periodStart))至\(View.day(i.periodEnd))"
        deadline = View.day(i.deadline) + (i.deadlineTime.map { " \($0)" } ?? "")
        scope = i.scope
        repliesEnabled = i.repliesEnabled
        func joined(_ items: [String], _ separator: String) -> String? { items.isEmpty ? nil : items.joined(separator: separator) }
        phones = joined(i.phones, "、")
        emails = joined(i.emails, "、")
        postalBoxes = joined(i.postalBoxes, "、")
        otherChannels = joined(i.otherChannels, "；")
        phoneHours = joined(i.phoneHours.map(\.displayText), "，")
        if let now, !i.phones.isEmpty {
            let opening = ReceptionWindow(inspection: i, calendar: .official).nextOpening(of: .phone, after: now)
            phoneNow = opening.phoneMessageZH
            phoneOpen = opening.isOpenNow
        }
    }
}

/// The home page: where to report, and the report form (with what was typed, after an error).
struct HomePage {
    var csrf: String
    var inspections: [InspectionView]
    var several: Bool
    var none: Bool
    var input: ReportFormValues
    var maxLength = Submission.maxContentLength
    var error: String?
}

/// What the report form shows in its boxes: nothing at first, what was typed after an error.
struct ReportFormValues {
    var content = ""
    var subject = Subject(name: "", unit: "", post: "")
    var reporter = ReporterIdentity()

    init() {}

    init(_ fields: [String: String]) {
        let form = FormValues(fields: fields)
        content = form["content"]
        subject = form.subject(0)
        reporter = form.reporter
    }
}

/// The query code, shown once.
struct ReceivedPage {
    var code: String
    var csrf: String
}

/// The status page: the form asking for the code, or the report's status with the form to add to it.
struct StatusPage {
    struct Line {
        var at: String
        var content: String
    }

    var csrf: String
    var found = false
    /// The code the page's addition form carries (never in a URL).
    var code: String?
    var notice: String?
    var error: String?
    var draft: String?
    var receivedAt = ""
    var statusText = ""
    var description = ""
    var additions: [Line] = []
    var hasAdditions = false
    var repliesEnabled = false
    var replies: [Line] = []
    var hasReplies = false

    init(csrf: String, error: String? = nil) {
        self.csrf = csrf
        self.error = error
    }

    init(csrf: String, code: String, _ view: ReportStatusView, notice: String? = nil) {
        self.csrf = csrf
        self.code = code
        self.notice = notice
        found = true
        receivedAt = View.time(view.receivedAt)
        statusText = view.status.displayName
        description = view.status.publicDescription
        additions = view.additions.map { Line(at: View.time($0.addedAt), content: $0.content) }
        hasAdditions = !additions.isEmpty
        repliesEnabled = view.repliesEnabled
        replies = view.replies.map { Line(at: View.time($0.writtenAt), content: $0.content) }
        hasReplies = !replies.isEmpty
    }
}

/// The page asking a reporter to replace a staff-issued code with their own.
struct NewCodePage {
    var csrf: String
    var code: String
    var error: String?
}
