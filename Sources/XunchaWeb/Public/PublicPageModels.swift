import Foundation
import XunchaCore
import XunchaDesk

/// An inspection as the public pages show it: who sent the group where, whether it takes
/// reports now (`intake`, said first), and how to reach it, phone numbers and addresses as
/// links a phone can follow. Empty lists stay nil so their rows are left out.
struct InspectionView {
    struct Link {
        var text: String
        var href: String
    }

    var id: String
    var group: String
    var issuer: String?
    var leader: String
    var units: String
    var period: String
    var deadline: String
    var scope: String
    var repliesEnabled: Bool
    var replyNote: String
    var phones: [Link]
    var hasPhones: Bool
    var emails: [Link]
    var hasEmails: Bool
    var postalBoxes: String?
    var otherChannels: [String]
    var hasOtherChannels: Bool
    var phoneHours: String?
    /// nil on the console's pages, which do not say it.
    var intake: IntakeNotice?
    var hasAnnouncement: Bool
    var announcement: [String]
    var href: String
    var selected = false

    init(_ i: Inspection, now: Date? = nil) {
        id = i.id
        group = i.group
        issuer = i.issuer
        leader = i.leader
        units = i.units.joined(separator: "、")
        period = "\(View.day(i.periodStart))至\(View.day(i.periodEnd))"
        deadline = View.day(i.deadline) + (i.deadlineTime.map { " \($0)" } ?? "")
        scope = i.scope
        repliesEnabled = i.repliesEnabled
        replyNote =
            i.repliesEnabled
            ? "巡察组可能通过查询页面答复您，请凭查询码查看。"
            : "本轮巡察不逐件答复反映人。每件反映都会登记办理，您可以凭查询码查看办理状态。"
        phones = i.phones.map { Link(text: $0, href: "tel:" + $0.filter { $0.isASCII && ($0.isNumber || $0 == "+") }) }
        hasPhones = !phones.isEmpty
        emails = i.emails.map { Link(text: $0, href: "mailto:" + $0) }
        hasEmails = !emails.isEmpty
        postalBoxes = i.postalBoxes.isEmpty ? nil : i.postalBoxes.joined(separator: "、")
        otherChannels = i.otherChannels.map(Self.chinesePunctuation)
        hasOtherChannels = !otherChannels.isEmpty
        phoneHours = i.phoneHours.isEmpty ? nil : i.phoneHours.map(\.displayText).joined(separator: "，")
        intake = now.map { IntakeNotice(i, now: $0) }
        announcement = (i.announcement ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        hasAnnouncement = !announcement.isEmpty
        href = "/inspections/\(i.id)"
    }

    /// Channels typed or pasted with half-width brackets and runs of spaces read as Chinese:
    /// 意见箱 (设在一楼大厅) → 意见箱（设在一楼大厅）.
    static func chinesePunctuation(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）")
        out = out.replacingOccurrences(of: #"\s*（\s*"#, with: "（", options: .regularExpression)
        out = out.replacingOccurrences(of: #"\s*）"#, with: "）", options: .regularExpression)
        return out.replacingOccurrences(of: #"\s{2,}"#, with: " ", options: .regularExpression)
    }
}

/// The public pages' frame: who runs the site (the header's issuing body, the footer's 主办单位),
/// from the inspection the page is about, or the one the home page shows first.
struct PublicFrame {
    var issuer: String?
    var organiser: String

    init(_ inspections: [Inspection]) {
        let first = inspections.first
        issuer = first.map { i in [i.issuer, i.group].compactMap { $0 }.joined(separator: " ") }
        organiser =
            inspections.isEmpty
            ? "巡察信访受理平台"
            : inspections.map { i in i.issuer.map { "\(i.group)（\($0)派出）" } ?? i.group }.joined(separator: "、")
    }
}

/// The home page: whether each inspection takes reports now, where to report, what to know
/// before reporting (举报须知), and the report form (with what was typed, after an error).
struct HomePage {
    var csrf: String
    var frame: PublicFrame
    var inspections: [InspectionView]
    var several: Bool
    var none: Bool
    /// Said above the form when no inspection shown takes reports now.
    var formNote: String?
    var form: ReportForm
    var errors: FormErrors
    var maxLength = Submission.maxContentLength
}

/// The report form's boxes: empty at first; after an error, what was typed and what is wrong.
struct ReportForm {
    /// A problem's field, as the desks name it, to the id of its box.
    static let fieldIDs = [
        "content": "content", "subjects": "subject_name", "subjects.name": "subject_name", "subjects.unit": "subject_unit",
        "subjects.post": "subject_post", "reporter.name": "reporter_name", "reporter.phone": "reporter_phone",
        "reporter.id_number": "reporter_id_number", "reporter.address": "reporter_address", "reporter.email": "reporter_email",
        "inspection_id": "inspection_id", "inspectionId": "inspection_id",
    ]

    var content: FieldView
    var subjectName: FieldView
    var subjectUnit: FieldView
    var subjectPost: FieldView
    var reporterName: FieldView
    var reporterPhone: FieldView
    var reporterIDNumber: FieldView
    var reporterAddress: FieldView
    var reporterEmail: FieldView

    init(_ fields: [String: String] = [:], errors: FormErrors = FormErrors()) {
        let form = FormValues(fields: fields)
        let subject = form.subject(0)
        let reporter = form.reporter
        content = errors.field("content", value: form["content"], hint: true)
        subjectName = errors.field("subject_name", value: subject.name)
        subjectUnit = errors.field("subject_unit", value: subject.unit)
        subjectPost = errors.field("subject_post", value: subject.post)
        reporterName = errors.field("reporter_name", value: reporter.name)
        reporterPhone = errors.field("reporter_phone", value: reporter.phone)
        reporterIDNumber = errors.field("reporter_id_number", value: reporter.idNumber, hint: true)
        reporterAddress = errors.field("reporter_address", value: reporter.address)
        reporterEmail = errors.field("reporter_email", value: reporter.email)
    }
}

/// The query code, shown once (from its one-time slot), in groups of four that never break,
/// with what happens to the report when it came outside the period.
struct ReceivedPage {
    var frame: PublicFrame
    var groups: [String]
    var code: String
    var note: String?
    /// The slot was taken already (a reload, or the back button): the code is not shown again.
    var gone: Bool
    /// The code as a small text file the browser saves (a `data:` link: it never reaches a
    /// server, so the code still travels in no request).
    var textFile: String

    init(code: String?, note: String?, frame: PublicFrame) {
        self.frame = frame
        self.code = code ?? ""
        let digits = Array((code ?? "").filter(\.isNumber))
        groups = stride(from: 0, to: digits.count, by: 4).map { String(digits[$0..<min($0 + 4, digits.count)]) }
        self.note = note
        gone = code == nil
        let text = "巡察信访查询码：\(groups.joined(separator: " "))\r\n请妥善保存，凭查询码在网站「查询办理情况」页面查看办理状态、补充材料。查询码遗失后无法找回，请勿告诉他人。\r\n"
        textFile = "data:text/plain;charset=utf-8," + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }
}

/// An inspection's own page at a stable address: the announcement as published, whether it
/// takes reports now, and its channels.
struct InspectionPage {
    var frame: PublicFrame
    var inspection: InspectionView
}

/// The open inspections, each linked to its own page.
struct InspectionsPage {
    var frame: PublicFrame
    var open: [InspectionView]
    var others: [InspectionView]
    var hasOpen: Bool
    var hasOthers: Bool
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
    var outsidePeriod: String?
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
        outsidePeriod = view.outsidePeriod
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
    /// A proposed code, grouped for copying, and what the confirming form carries back with it.
    var proposed: String?
    var confirmation: String?
}
