import Foundation
import Hummingbird
import XunchaCore
import XunchaIntake
import XunchaStore

/// 名册: the admin sees an inspection's roster, uploads a file, reads the preview and confirms.
/// The file goes from the preview to the confirmation in the confirmation form itself
/// (`RosterFileCarry`), so nothing is kept or written before the admin confirms.
extension StaffPages {
    var rosterRoutes: RouteCollection<AppRequestContext> {
        let r = RouteCollection(context: AppRequestContext.self)
        r.get("admin/inspections/:id/roster", use: rosterPage)
        r.post("admin/inspections/:id/roster/preview", use: previewRoster)
        r.post("admin/inspections/:id/roster", use: confirmRoster)
        return r
    }

    static let rosterPageSize = 50
    /// The upload: the file with the form token and the multipart framing.
    static let maxRosterUploadBytes = StaffDesk.maxRosterFileBytes + 64 * 1024
    /// The confirmation: the same file in base64, a third larger.
    static let maxRosterConfirmBytes = StaffDesk.maxRosterFileBytes / 3 * 4 + 64 * 1024

    /// Failures of a file or a form shown on the roster page with its upload form, so the admin can
    /// pick another file; the rest (no session, no permission, no such inspection, a bad token)
    /// get the message page.
    private static let uploadFailures: [HTTPResponse.Status] = [.badRequest, .contentTooLarge, .unsupportedMediaType, .unprocessableContent]

    @Sendable func rosterPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            let (user, inspection) = try await rosterTarget(context)
            return try await rosterPage(request, context, user, inspection)
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }

    @Sendable func previewRoster(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            let (user, inspection) = try await rosterTarget(context)
            do {
                let form = try await MultipartForm.read(request, context: context, limit: Self.maxRosterUploadBytes)
                try CSRF.check(form.fields, request, context)
                guard let file = form.files.first else {
                    throw APIError(.unprocessableContent, code: "roster_no_file", zh: "请选择要上传的名册文件。", en: "no file chosen.", field: "file")
                }
                let carry = RosterFileCarry(filename: file.filename, bytes: Array(file.data))
                let preview = try desk.previewRoster(user, inspection: inspection, bytes: carry.bytes)
                let status: HTTPResponse.Status = preview.isImportable ? .ok : .unprocessableContent
                return try await previewPage(request, context, user, inspection, preview, carry, status: status)
            } catch let error as APIError where Self.uploadFailures.contains(error.status) {
                return try await rosterPage(request, context, user, inspection, error: Self.uploadMessage(error), status: error.status)
            }
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }

    @Sendable func confirmRoster(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            let (user, inspection) = try await rosterTarget(context)
            do {
                let form = try await MultipartForm.read(request, context: context, limit: Self.maxRosterConfirmBytes)
                try CSRF.check(form.fields, request, context)
                let carry = try RosterFileCarry(fields: form.fields)
                // Read again, against the inspection as it is now: the page the admin confirmed proves nothing.
                let preview = try desk.previewRoster(user, inspection: inspection, bytes: carry.bytes)
                let existing = try await desk.roster(user, inspection: inspection).count
                if !preview.isImportable || form.fields[RosterFileCarry.replacesField] != String(existing) {
                    let why = preview.isImportable ? "名册在预览之后已被修改（现有 \(existing) 人），请核对后重新确认。" : "名册有错误，未导入任何人员。"
                    let status: HTTPResponse.Status = preview.isImportable ? .conflict : .unprocessableContent
                    return try await previewPage(request, context, user, inspection, preview, carry, error: why, status: status)
                }
                let rescreened = try await desk.importRoster(user, inspection: inspection, preview: preview, source: carry.filename)
                let notice = "已导入名册“\(carry.filename)”：\(preview.people.count) 人，替换原有 \(existing) 人；已按新名册重新初筛 \(rescreened) 件反映。"
                return try await rosterPage(request, context, user, inspection, notice: notice)
            } catch let error as APIError where Self.uploadFailures.contains(error.status) {
                return try await rosterPage(request, context, user, inspection, error: Self.uploadMessage(error), status: error.status)
            }
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }

    /// The body limit's own message speaks of attachments; a roster file has its own limit.
    private static func uploadMessage(_ error: APIError) -> String {
        error.code == "body_too_large" ? StaffDesk.rosterTooLarge.messageZH : error.messageZH
    }

    /// The admin and the inspection of the URL; anyone else, or no such inspection, goes no further.
    private func rosterTarget(_ context: AppRequestContext) async throws -> (StaffUser, Inspection) {
        let user = try desk.requireAdmin(context)
        return (user, try await desk.rosterInspection(user, id: try context.parameters.require("id")))
    }

    /// The inspection's roster, a page of its people, and the upload form.
    private func rosterPage(
        _ request: Request,
        _ context: AppRequestContext,
        _ user: StaffUser,
        _ inspection: Inspection,
        notice: String? = nil,
        error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let people = try await desk.roster(user, inspection: inspection)
        let pageCount = max(1, (people.count + Self.rosterPageSize - 1) / Self.rosterPageSize)
        let page = min(max(1, request.uri.queryParameters.get("page", as: Int.self) ?? 1), pageCount)
        let first = (page - 1) * Self.rosterPageSize
        var values = frame(request, context)
        values["inspection"] = View.inspection(inspection)
        values["inspectionID"] = inspection.id
        values["total"] = people.count
        values["hasPeople"] = !people.isEmpty
        values["roleCounts"] = RosterView.roleCounts(RosterPreview.roleCounts(people))
        values["people"] = people[first..<min(people.count, first + Self.rosterPageSize)].enumerated().map { n, p in
            RosterView.person(p).merging(["ordinal": first + n + 1]) { $1 }
        }
        values["page"] = page
        values["pageCount"] = pageCount
        if page > 1 { values["previous"] = page - 1 }
        if page < pageCount { values["next"] = page + 1 }
        values["maxMB"] = StaffDesk.maxRosterFileBytes / 1_048_576
        if let last = try await lastImport(inspection) { values["lastImport"] = last }
        if let notice { values["notice"] = notice }
        if let error { values["error"] = error }
        return pages.render("staff/roster", values, status: status)
    }

    /// When and by whom the roster was last replaced, from the audit trail.
    private func lastImport(_ inspection: Inspection) async throws -> [String: Any]? {
        let events = try await services.store.auditEvents(subjectType: "inspection", subjectID: inspection.id)
        guard let event = events.last(where: { $0.action == "roster.imported" }) else { return nil }
        let names = Dictionary(try await services.store.users().map { ("user:\($0.id)", $0.displayName) }) { a, _ in a }
        return ["at": View.time(event.at), "actor": names[event.actor] ?? (event.actor.hasPrefix("cli:") ? "命令行导入" : event.actor)]
    }

    /// What the file would import, and the confirmation form that carries it when it can be imported.
    private func previewPage(
        _ request: Request,
        _ context: AppRequestContext,
        _ user: StaffUser,
        _ inspection: Inspection,
        _ preview: RosterPreview,
        _ carry: RosterFileCarry,
        error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let existing = try await desk.roster(user, inspection: inspection).count
        var values = frame(request, context)
        values["inspection"] = View.inspection(inspection)
        values["inspectionID"] = inspection.id
        values["preview"] = RosterView.preview(preview)
        values["filename"] = carry.filename
        values["size"] = AttachmentPolicy.megabytesOrKB(carry.bytes.count)
        values["existing"] = existing
        values["hasExisting"] = existing > 0
        values["carry"] = carry.fields.merging([RosterFileCarry.replacesField: String(existing)]) { $1 }.sorted { $0.key < $1.key }
            .map { ["name": $0.key, "value": $0.value] }
        if let error { values["error"] = error }
        return pages.render("staff/roster-preview", values, status: status)
    }
}
