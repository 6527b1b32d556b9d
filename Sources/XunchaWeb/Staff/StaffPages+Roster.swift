import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaIntake
import XunchaStore

/// 名册: the admin sees an inspection's roster, uploads a file, reads the preview and confirms.
/// The file goes from the preview to the confirmation in the confirmation form itself
/// (`RosterFileCarry`), so nothing is kept or written before the admin confirms.
extension StaffPages {
    struct Roster: Sendable {
        let services: AppServices
        var desk: AdminDesk { services.desks.admin }
        var pages: Pages { services.pages }

        static let pageSize = 50
        /// The upload: the file with the form token and the multipart framing.
        static let maxUploadBytes = AdminDesk.maxRosterFileBytes + 64 * 1024
        /// The confirmation: the same file in base64, a third larger.
        static let maxConfirmBytes = AdminDesk.maxRosterFileBytes / 3 * 4 + 64 * 1024

        /// Failures of a file or a form shown on the roster page with its upload form, so the
        /// admin can pick another file; the rest get the error page.
        private static let uploadFailures: [HTTPResponse.Status] = [.badRequest, .contentTooLarge, .unsupportedMediaType, .unprocessableContent]

        @Sendable func page(_ request: Request, context: StaffRequestContext) async throws -> Response {
            try await rosterPage(request, context, try await target(context))
        }

        @Sendable func preview(_ request: Request, context: StaffRequestContext) async throws -> Response {
            let inspection = try await target(context)
            do {
                if let refusal = context.form.refusal { throw refusal }
                guard let file = context.form.files.first else {
                    throw DeskError(.invalid, code: "roster_no_file", zh: "请选择要上传的名册文件。", en: "no file chosen.", field: "file")
                }
                let carry = RosterFileCarry(filename: file.filename, bytes: Array(file.data))
                let preview = try await desk.previewRoster(context.caller, inspection: inspection, bytes: carry.bytes)
                return try await previewPage(context, inspection, preview, carry, status: preview.isImportable ? .ok : .unprocessableContent)
            } catch {
                guard let answer = APIError.answering(error), Self.uploadFailures.contains(answer.status) else { throw error }
                return try await rosterPage(request, context, inspection, error: Self.uploadMessage(answer), status: answer.status)
            }
        }

        @Sendable func confirm(_ request: Request, context: StaffRequestContext) async throws -> Response {
            let inspection = try await target(context)
            do {
                if let refusal = context.form.refusal { throw refusal }
                let carry = try RosterFileCarry(fields: context.form.fields)
                let choices = RosterUnitChoiceFields.read(context.form.fields, units: inspection.units)
                // Read again, against the inspection as it is now: the page the admin confirmed proves nothing.
                let preview = try await desk.previewRoster(context.caller, inspection: inspection, bytes: carry.bytes, choices: choices)
                if context.form[RosterUnitChoiceFields.settleField] != nil {
                    let status: HTTPResponse.Status = preview.isImportable ? .ok : .unprocessableContent
                    return try await previewPage(context, inspection, preview, carry, choices: choices, status: status)
                }
                let existing = try await desk.roster(context.caller, inspection: inspection).count
                if !preview.isImportable || context.form[RosterFileCarry.replacesField] != String(existing) {
                    let why = preview.isImportable ? "名册在预览之后已被修改（现有 \(existing) 人），请核对后重新确认。" : "名册有错误，未导入任何人员。"
                    let status: HTTPResponse.Status = preview.isImportable ? .conflict : .unprocessableContent
                    return try await previewPage(context, inspection, preview, carry, choices: choices, error: why, status: status)
                }
                let tally = try await desk.importRoster(context.caller, inspection: inspection, preview: preview, source: carry.filename)
                let rescreened = tally.values.reduce(0, +)
                let notice = "已导入名册“\(carry.filename)”：\(preview.people.count) 人，替换原有 \(existing) 人；已按新名册重新初筛 \(rescreened) 件反映。"
                return try await rosterPage(request, context, inspection, notice: notice)
            } catch {
                guard let answer = APIError.answering(error), Self.uploadFailures.contains(answer.status) else { throw error }
                return try await rosterPage(request, context, inspection, error: Self.uploadMessage(answer), status: answer.status)
            }
        }

        /// The body limit's own message speaks of attachments; a roster file has its own limit.
        private static func uploadMessage(_ error: APIError) -> String {
            error.code == "body_too_large" ? AdminDesk.rosterTooLarge.messageZH : error.messageZH
        }

        private func target(_ context: StaffRequestContext) async throws -> Inspection {
            try await desk.rosterInspection(context.caller, id: try context.parameters.require("id"))
        }

        /// The inspection's roster, a page of its people, and the upload form.
        private func rosterPage(
            _ request: Request,
            _ context: StaffRequestContext,
            _ inspection: Inspection,
            notice: String? = nil,
            error: String? = nil,
            status: HTTPResponse.Status = .ok
        ) async throws -> Response {
            let people = try await desk.roster(context.caller, inspection: inspection)
            let pageCount = max(1, (people.count + Self.pageSize - 1) / Self.pageSize)
            let page = min(max(1, request.uri.queryParameters.get("page", as: Int.self) ?? 1), pageCount)
            let first = (page - 1) * Self.pageSize
            let last = try await desk.lastRosterImport(context.caller, inspection: inspection)
            let model = RosterPage(
                me: StaffFrame.Me(context.user),
                csrf: context.session.csrfToken,
                inspection: InspectionView(inspection),
                inspectionID: inspection.id,
                total: people.count,
                hasPeople: !people.isEmpty,
                roleCounts: RosterView.roleCounts(RosterPreview.roleCounts(people)),
                people: people[first..<min(people.count, first + Self.pageSize)].enumerated().map { n, p in
                    var view = RosterView.Person(p)
                    view.ordinal = first + n + 1
                    return view
                },
                page: page,
                pageCount: pageCount,
                previous: page > 1 ? page - 1 : nil,
                next: page < pageCount ? page + 1 : nil,
                maxMB: AdminDesk.maxRosterFileBytes / 1_048_576,
                lastImport: last.map { RosterPage.LastImport(at: View.time($0.at), actor: $0.by) },
                notice: notice,
                errors: .beside(error, "roster-error"),
                error: error
            )
            return pages.render("staff/roster", model, status: status)
        }

        /// What the file would import, and the confirmation form that carries it when it can be imported.
        private func previewPage(
            _ context: StaffRequestContext,
            _ inspection: Inspection,
            _ preview: RosterPreview,
            _ carry: RosterFileCarry,
            choices: [String: RosterUnitChoice] = [:],
            error: String? = nil,
            status: HTTPResponse.Status = .ok
        ) async throws -> Response {
            let existing = try await desk.roster(context.caller, inspection: inspection).count
            let chosen = RosterUnitChoiceFields.hidden(choices, units: inspection.units)
            let model = RosterPreviewPage(
                me: StaffFrame.Me(context.user),
                csrf: context.session.csrfToken,
                inspection: InspectionView(inspection),
                inspectionID: inspection.id,
                preview: RosterView.Preview(preview),
                filename: carry.filename,
                size: AttachmentPolicy.megabytesOrKB(carry.bytes.count),
                existing: existing,
                hasExisting: existing > 0,
                carry: carry.fields.merging(chosen) { $1 }.merging([RosterFileCarry.replacesField: String(existing)]) { $1 }
                    .sorted { $0.key < $1.key }.map { RosterPreviewPage.Hidden(name: $0.key, value: $0.value) },
                unsettled: RosterView.UnsettledUnit.list(preview.unsettledUnits, inspectionUnits: inspection.units, first: choices.count),
                hasUnsettled: !preview.unsettledUnits.isEmpty,
                errors: .beside(error, "roster-error"),
                error: error
            )
            return pages.render("staff/roster-preview", model, status: status)
        }
    }
}

struct RosterPage {
    struct LastImport {
        var at: String
        var actor: String
    }

    var me: StaffFrame.Me?
    var csrf: String
    var inspection: InspectionView
    var inspectionID: String
    var total: Int
    var hasPeople: Bool
    var roleCounts: [RosterView.RoleCount]
    var people: [RosterView.Person]
    var page: Int
    var pageCount: Int
    var previous: Int?
    var next: Int?
    var maxMB: Int
    var lastImport: LastImport?
    var notice: String?
    /// The summary at the top of the page of what was refused below.
    var errors = FormErrors()
    var error: String? { didSet { errors = .beside(error, "roster-error") } }
}

struct RosterPreviewPage {
    struct Hidden {
        var name: String
        var value: String
    }

    var me: StaffFrame.Me?
    var csrf: String
    var inspection: InspectionView
    var inspectionID: String
    var preview: RosterView.Preview
    var filename: String
    var size: String
    var existing: Int
    var hasExisting: Bool
    var carry: [Hidden]
    /// Units the scope does not know, each with its choice; carried with the file to the next preview.
    var unsettled: [RosterView.UnsettledUnit]
    var hasUnsettled: Bool
    /// The summary at the top of the page of what was refused below.
    var errors = FormErrors()
    var error: String? { didSet { errors = .beside(error, "roster-error") } }
}
