import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

/// The reporter's addition with files: a multipart form on the status page, kept through the
/// sealed attachment store and listed for staff with the report's other files.
extension PublicPages {
    /// The upload's own body limit (the text forms keep theirs).
    static let maxUploadBytes = 20 * 1_048_576

    @Sendable func attach(_ request: Request, context: AppRequestContext) async throws -> Response {
        let csrf = CSRF.token(request, context).token
        let form: MultipartForm
        do {
            form = try await MultipartForm.read(request, context: context, limit: Self.maxUploadBytes)
        } catch let error as APIError {
            return message(error, request, context)
        }
        let code = form.fields["query_code"] ?? ""
        let content = form.fields["content"] ?? ""
        do {
            try CSRF.check(form.fields, request, context)
            let report = try await desk.addWithFiles(code: code, content: content, files: form.files, context)
            var values = try await foundValues(report.report, csrf: csrf, code: code)
            values["notice"] = report.files == 0 ? "补充内容已收到。" : "补充材料已收到（附件\(report.files)个）。"
            return pages.render("public/status", values)
        } catch let error as APIError where error.code == APIError.queryCodeChangeRequired.code {
            return pages.render("public/status", ["csrf": csrf, "error": error.messageZH], status: error.status)
        } catch let error as APIError {
            var values: [String: Any] = ["csrf": csrf, "error": error.messageZH]
            // The code opened the report: give the form back with what was typed (files must be chosen again).
            if ["content", "attachments"].contains(error.field), let report = try? await desk.open(code: code, context) {
                values = try await foundValues(report, csrf: csrf, code: code)
                values["error"] = error.field == "attachments" ? error.messageZH + "请重新选择附件。" : error.messageZH
                values["draft"] = content
            }
            return pages.render("public/status", values, status: error.status)
        }
    }
}

extension ReporterDesk {
    /// An addition with files: the text (if any) and the files are checked first, so a refused file
    /// adds nothing; then the text, then the files, each with its audit event.
    func addWithFiles(
        code: String,
        content: String,
        files: [NewAttachment],
        _ context: AppRequestContext
    ) async throws -> (
        report: Report, files: Int
    ) {
        let report = try await open(code: code, context)
        let hasText = !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        guard hasText || !files.isEmpty else {
            throw APIError(.unprocessableContent, code: "empty_content", zh: "请填写补充内容或选择附件。", en: "content or a file is required.", field: "content")
        }
        do {
            if hasText { _ = try ReportAddition.validated(content) }
            let store = services.attachments
            let existing = try await store.list(reportID: report.id)
            let verdict = store.policy.admit(files, existingCount: existing.count, existingBytes: existing.reduce(0) { $0 + $1.size })
            if let refused = verdict.refused.first { throw refused.error }
            if hasText { try await services.intake.add(to: report.id, content: content, at: services.now(), actor: "public") }
            let saved = try await store.add(files, to: report.id, actor: "public", at: services.now())
            return (try await services.store.report(id: report.id) ?? report, saved.count)
        } catch let error as InputError {
            throw APIError(.unprocessableContent, error)
        }
    }
}
