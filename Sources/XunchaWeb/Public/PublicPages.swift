import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaStore

/// The public pages: what the inspection takes and how to reach it, the report form, the query
/// code shown once, and the status page. Plain forms, no JavaScript, fit for a phone. Forms
/// reach the handlers read and checked (`FormMiddleware`); a refused form comes back with what
/// was typed.
struct PublicPages: Sendable {
    let services: AppServices
    var desk: ReporterDesk { services.desks.reporters }
    var pages: Pages { services.pages }

    /// The reporter's addition with files: its own body limit (the text forms keep theirs).
    static let maxUploadBytes = 20 * 1_048_576

    private func client(_ context: AppRequestContext) -> ClientTag {
        context.client(services.desks.keys)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let csrf = CSRF.token(request, session: nil)
        return try await homePage(csrf: csrf.token, cookies: csrf.cookie.map { [$0] } ?? [])
    }

    private func homePage(
        csrf: String,
        input: [String: String]? = nil,
        error: String? = nil,
        status: HTTPResponse.Status = .ok,
        cookies: [Cookie] = []
    ) async throws -> Response {
        let inspections = try await desk.visibleInspections()
        let chosen = input?["inspection_id"]
        let page = HomePage(
            csrf: csrf,
            inspections: inspections.enumerated().map { i, inspection in
                var view = InspectionView(inspection, now: services.now)
                view.selected = chosen == inspection.id || (chosen == nil && i == 0)
                return view
            },
            several: inspections.count > 1,
            none: inspections.isEmpty,
            input: input.map(ReportFormValues.init) ?? ReportFormValues(),
            error: error
        )
        return pages.render("public/home", page, status: status, cookies: cookies)
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = context.form.fields
        if let refusal = context.form.refusal {
            guard refusal.code == APIError.badCSRF.code else { throw refusal }
            // Usually an expired page or a cleared cookie: give the form back with what was typed
            // and a fresh token, so one more press sends it. Another site never sees this page.
            let csrf = CSRF.token(request, session: nil)
            return try await homePage(
                csrf: csrf.token,
                input: input,
                error: refusal.messageZH,
                status: refusal.status,
                cookies: csrf.cookie.map { [$0] } ?? []
            )
        }
        let csrf = CSRF.token(request, session: nil).token
        do {
            let receipt = try await desk.submit(try FormDecoding.decode(ReportInput.self, from: context.form.fields), client: client(context))
            return pages.render("public/received", ReceivedPage(code: receipt.queryCode?.grouped ?? "", csrf: csrf), status: .created)
        } catch {
            // The reporter's words come back in the form: nothing they typed is lost to an error.
            guard let answer = APIError.answering(error) else { throw error }
            return try await homePage(csrf: csrf, input: input, error: answer.messageZH, status: answer.status)
        }
    }

    @Sendable func statusForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let csrf = CSRF.token(request, session: nil)
        return pages.render("public/status", StatusPage(csrf: csrf.token), cookies: csrf.cookie.map { [$0] } ?? [])
    }

    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await withCode(request, context) { code in
            (try await desk.status(code: code, client: client(context)), nil)
        }
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await withCode(request, context) { code in
            let input = AdditionInput(queryCode: code, content: context.form["content"] ?? "")
            return (try await desk.add(input, client: client(context)).status, "补充内容已收到。")
        }
    }

    @Sendable func attach(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let refusal = context.form.refusal, refusal.code != APIError.badCSRF.code { throw refusal }
        return try await withCode(request, context) { code in
            let input = AdditionInput(queryCode: code, content: context.form["content"] ?? "", acceptsFiles: true)
            let added = try await desk.add(input, files: context.form.files, client: client(context))
            return (added.status, added.files == 0 ? "补充内容已收到。" : "补充材料已收到（附件\(added.files)个）。")
        }
    }

    /// The status forms carry the code in the POST body (never the URL), and all answer with the
    /// status page; a failure shows the form again with its message, and a refused addition keeps
    /// the code and the text so the reporter can correct and resend.
    private func withCode(
        _ request: Request,
        _ context: AppRequestContext,
        _ action: (String) async throws -> (ReportStatusView, String?)
    ) async throws -> Response {
        let csrf = CSRF.token(request, session: nil).token
        let code = context.form["query_code"] ?? ""
        do {
            if let refusal = context.form.refusal { throw refusal }
            let (view, notice) = try await action(code)
            return pages.render("public/status", StatusPage(csrf: csrf, code: code, view, notice: notice))
        } catch {
            guard let answer = APIError.answering(error) else { throw error }
            if answer.code == ReporterDesk.queryCodeChangeRequired.code {
                return pages.render("public/newcode", NewCodePage(csrf: csrf, code: code))
            }
            var page = StatusPage(csrf: csrf, error: answer.messageZH)
            if ["content", "attachments"].contains(answer.field), let view = try? await desk.status(code: code, client: client(context)) {
                page = StatusPage(csrf: csrf, code: code, view)
                page.error = answer.field == "attachments" ? answer.messageZH + "请重新选择附件。" : answer.messageZH
                page.draft = context.form["content"]
            }
            return pages.render("public/status", page, status: answer.status)
        }
    }

    /// Replaces a staff-issued code with the reporter's own and shows the status with it.
    @Sendable func changeCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let csrf = CSRF.token(request, session: nil).token
        let code = context.form["query_code"] ?? ""
        do {
            if let refusal = context.form.refusal { throw refusal }
            let input = try FormDecoding.decode(QueryCodeChangeInput.self, from: context.form.fields)
            let view = try await desk.changeIssuedCode(input, client: client(context))
            let page = StatusPage(csrf: csrf, code: input.newQueryCode, view, notice: "查询码已修改，请牢记您的新查询码；原查询码已失效。")
            return pages.render("public/status", page)
        } catch {
            guard let answer = APIError.answering(error) else { throw error }
            if answer.status == .unprocessableContent && answer.field != "query_code" {
                return pages.render("public/newcode", NewCodePage(csrf: csrf, code: code, error: answer.messageZH), status: answer.status)
            }
            return pages.render("public/status", StatusPage(csrf: csrf, error: answer.messageZH), status: answer.status)
        }
    }
}
