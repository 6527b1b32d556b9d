import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaIntake
import XunchaStore

/// The admin's console: inspections (typed in, or read from a pasted announcement and checked
/// field by field against the sentence each came from) and staff accounts. The admin reads no
/// report.
extension StaffPages {
    struct Admin: Sendable {
        let services: AppServices
        var desk: AdminDesk { services.desks.admin }
        var pages: Pages { services.pages }

        func page(
            _ context: StaffRequestContext,
            status: HTTPResponse.Status = .ok,
            _ edit: (inout AdminPage) -> Void = { _ in }
        ) async throws -> Response {
            let inspections = try await desk.inspections(context.caller)
            let groups = Dictionary(inspections.map { ($0.id, $0.group) }) { a, _ in a }
            var page = AdminPage(
                me: StaffFrame.Me(context.user),
                csrf: context.session.csrfToken,
                inspections: inspections.map { InspectionView($0) },
                users: try await desk.staff(context.caller).map {
                    AdminPage.UserLine(
                        id: $0.id,
                        username: $0.username,
                        name: $0.displayName,
                        role: $0.role.displayName,
                        inspection: $0.inspectionID.flatMap { groups[$0] } ?? "—",
                        recipient: $0.recipient,
                        pending: $0.mustChangePassword,
                        awaitingLeader: $0.access != .confirmed,
                        resettable: $0.id != context.user.id
                    )
                }
            )
            page.hasInspections = !inspections.isEmpty
            edit(&page)
            // The account form comes back with the role and inspection chosen.
            let role = page.userForm["role"] ?? StaffRole.member.rawValue
            page.roles = [StaffRole.member, .deputy, .leader, .liaison, .admin].map {
                AdminPage.Option(value: $0.rawValue, label: $0.displayName, selected: $0.rawValue == role)
            }
            page.inspectionOptions = inspections.map {
                AdminPage.Option(value: $0.id, label: $0.group, selected: $0.id == page.userForm["inspection_id"])
            }
            return pages.render("staff/admin", page, status: status)
        }

        @Sendable func createInspection(_ request: Request, context: StaffRequestContext) async throws -> Response {
            let form = context.form.fields
            try desk.authorize(context.caller, .manageInspections)
            do {
                let inspection = try await desk.createInspection(context.caller, try InspectionForm.input(from: form))
                return try await page(context) { $0.notice = "已创建巡察：\(inspection.group)" }
            } catch {
                guard let answer = APIError.answering(error), answer.status == .unprocessableContent else { throw error }
                return try await page(context, status: answer.status) {
                    $0.inspectionError = answer.messageZH
                    $0.inspectionForm = form
                }
            }
        }

        @Sendable func createUser(_ request: Request, context: StaffRequestContext) async throws -> Response {
            let form = context.form.fields
            try desk.authorize(context.caller, .manageAccounts)
            do {
                let created = try await desk.createStaff(context.caller, try FormDecoding.decode(StaffAccountInput.self, from: form))
                return try await page(context) {
                    $0.created = .init(
                        username: created.user.username,
                        password: created.oneTimePassword,
                        needsLeader: created.user.access != .confirmed
                    )
                }
            } catch {
                guard let answer = APIError.answering(error), [.unprocessableContent, .conflict].contains(answer.status) else { throw error }
                return try await page(context, status: answer.status) {
                    $0.userError = answer.messageZH
                    $0.userForm = form
                }
            }
        }

        /// A new one-time password for a forgotten password; the account starts over (and waits
        /// for its leader's confirmation, if it is an inspection's).
        @Sendable func resetUser(_ request: Request, context: StaffRequestContext) async throws -> Response {
            let reset = try await desk.resetAccount(context.caller, userID: try context.parameters.require("id"))
            return try await page(context) {
                $0.created = .init(
                    username: reset.user.username,
                    password: reset.oneTimePassword,
                    reset: true,
                    needsLeader: reset.user.access != .confirmed
                )
            }
        }

        /// The admin pastes a launch announcement and gets the create-inspection form filled in
        /// from it, each field with the sentence it came from, to confirm or correct before
        /// creating anything.
        @Sendable func prefillFromAnnouncement(_ request: Request, context: StaffRequestContext) async throws -> Response {
            let text = context.form["announcement"] ?? ""
            try desk.authorize(context.caller, .manageInspections)
            let parsed = AnnouncementParser().parse(page: text)
            guard !parsed.isEmpty else {
                return try await page(context, status: .unprocessableContent) {
                    $0.announcementError = "没有在粘贴的文字中找到巡察公告内容（巡察组、巡察期间或受理截止时间）。"
                    $0.announcementText = text
                }
            }
            let pick = min(max(0, Int(context.form["pick"] ?? "") ?? 0), parsed.inspections.count - 1)
            let prefill = AnnouncementPrefill.values(parsed, pick: pick)
            return try await page(context) {
                $0.prefill(prefill)
                $0.inspectionForm["announcement_text"] = text
                $0.announcementText = text
            }
        }
    }
}

/// The admin's page.
struct AdminPage {
    struct UserLine {
        var id: String
        var username: String
        var name: String
        var role: String
        var inspection: String
        var recipient: String?
        var pending: Bool
        /// Waits for a leader of its inspection to confirm it (the two-person rule).
        var awaitingLeader: Bool
        var resettable: Bool
    }

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Created {
        var username: String
        var password: String
        /// A reset, not a new account.
        var reset = false
        /// An inspection's account, which its leader must confirm before it sees anything.
        var needsLeader = false
    }

    /// The create-inspection form filled in from an announcement.
    struct Prefill {
        struct Group {
            var index: Int
            var group: String
            var current: Bool
        }

        var form: [String: String]
        var evidence: [String: String]
        var notes: [String]
        var groups: [Group]
    }

    var me: StaffFrame.Me?
    var csrf: String
    var inspections: [InspectionView]
    var hasInspections = false
    var users: [UserLine]
    var defaultScope = Inspection.standardScope
    var notice: String?
    var created: Created?
    /// The summary at the top of the page of what was refused below.
    var errors = FormErrors()
    var announcementError: String? { didSet { errors = .beside(announcementError, "announcement-error") } }
    var announcementText: String?
    var inspectionError: String? { didSet { errors = .beside(inspectionError, "inspection-error") } }
    var inspectionForm: [String: String] = [:]
    var inspectionEvidence: [String: String] = [:]
    var prefilled = false
    var prefillNotes: [String] = []
    var prefillSeveral = false
    var prefillGroups: [Prefill.Group] = []
    var userError: String? { didSet { errors = .beside(userError, "user-error") } }
    var userForm: [String: String] = [:]
    var roles: [Option] = []
    var inspectionOptions: [Option] = []

    mutating func prefill(_ p: Prefill) {
        inspectionForm = p.form
        inspectionEvidence = p.evidence
        prefilled = true
        prefillNotes = p.notes
        prefillGroups = p.groups
        prefillSeveral = p.groups.count > 1
    }
}

/// What the admin page shows for a parsed announcement: the form's values in the shapes
/// `InspectionForm` reads back, the sentence behind each, the flags, and the other groups.
enum AnnouncementPrefill {
    static func values(_ a: Announcement, pick: Int) -> AdminPage.Prefill {
        let i = a.inspections[pick]
        func lines(_ items: [Found<String>]) -> String { items.map(\.value).joined(separator: "\n") }
        // InspectionForm reads `工作日 8:00-12:00`; hours without times (工作日工作时间) need the
        // admin to fill them in, so they are left out of the box and said in the evidence.
        let hours = i.phoneHours.compactMap { h -> String? in
            guard let from = h.value.from, let to = h.value.to else { return nil }
            let days = ["workdays": "工作日", "daily": "每天", "daily_except_holidays": "每天（节假日除外）"][h.value.days.rawValue] ?? "工作日"
            return "\(days) \(from)-\(to)"
        }
        let form: [String: String] = [
            "group": i.group?.value ?? "",
            "leader": i.leader?.value ?? "",
            "units": lines(i.units),
            "period_start": i.periodStart?.value.iso ?? "",
            "period_end": i.periodEnd?.value.iso ?? "",
            "deadline": i.deadline?.value.iso ?? "",
            "deadline_time": i.deadlineTime?.value.description ?? "",
            "phones": lines(i.phones),
            "phone_hours": hours.joined(separator: "\n"),
            "emails": lines(i.emails),
            "postal_boxes": lines(i.postalBoxes),
            "other_channels": lines(i.otherChannels),
            "scope": i.scope?.value ?? "",
        ]
        func sentence(_ evidence: [Evidence]) -> String? {
            var seen: [Range<Int>] = []
            for e in evidence where !seen.contains(e.sentence) { seen.append(e.sentence) }
            guard !seen.isEmpty else { return nil }
            return seen.map { a.originalText($0) }.joined(separator: " … ")
        }
        var evidence: [String: String] = [:]
        evidence["group"] = sentence([i.group?.evidence].compactMap { $0 })
        evidence["leader"] = sentence([i.leader?.evidence].compactMap { $0 })
        evidence["units"] = sentence(i.units.map(\.evidence))
        evidence["period"] = sentence([i.periodStart?.evidence, i.periodEnd?.evidence].compactMap { $0 })
        evidence["deadline"] = sentence([i.deadline?.evidence, i.deadlineTime?.evidence].compactMap { $0 })
        evidence["phones"] = sentence(i.phones.map(\.evidence))
        evidence["phone_hours"] = sentence(i.phoneHours.map(\.evidence))
        evidence["emails"] = sentence(i.emails.map(\.evidence))
        evidence["postal_boxes"] = sentence(i.postalBoxes.map(\.evidence))
        evidence["other_channels"] = sentence(i.otherChannels.map(\.evidence))
        evidence["scope"] = sentence([i.scope?.evidence].compactMap { $0 })
        var notes = i.flags.map(\.messageZH)
        if i.phoneHours.contains(where: { $0.value.from == nil }) { notes.append("公告只写了「工作时间」，请补充具体的电话受理时间。") }
        if i.deadline == nil { notes.append("公告未写受理截止时间，默认为巡察结束日期。") }
        if i.periodStart == nil { notes.append("公告中没有找到带年份的巡察起止日期，请填写。") }
        return AdminPage.Prefill(
            form: form,
            evidence: evidence,
            notes: notes,
            groups: a.inspections.enumerated().map { n, g in AdminPage.Prefill.Group(index: n, group: g.group?.value ?? "（未命名）", current: n == pick) }
        )
    }
}
