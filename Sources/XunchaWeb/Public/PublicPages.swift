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

    /// Refusals of the form itself that the report form answers by coming back filled in.
    static let refusalsAnsweredWithTheForm: Set<String> = [APIError.badCSRF.code, "body_too_large"]

    /// What the public is told about a refused form: the page they see is already filled in
    /// again, so the advice is to press once more, never to refresh (which would send it again).
    static func publicMessage(_ refusal: APIError) -> String {
        refusal.code == APIError.badCSRF.code ? "页面已过期。您填写的内容已保留在下面，请核对后再次点击提交。" : refusal.messageZH
    }

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
        errors: FormErrors = FormErrors(),
        status: HTTPResponse.Status = .ok,
        cookies: [Cookie] = []
    ) async throws -> Response {
        let inspections = try await desk.visibleInspections()
        let chosen = input?["inspection_id"]
        let views = inspections.enumerated().map { i, inspection in
            var view = InspectionView(inspection, now: services.now)
            view.selected = chosen == inspection.id || (chosen == nil && i == 0)
            return view
        }
        let page = HomePage(
            csrf: csrf,
            frame: PublicFrame(inspections),
            inspections: views,
            several: inspections.count > 1,
            none: inspections.isEmpty,
            formNote: views.contains { $0.intake?.isOpen == true } ? nil : views.first?.intake.map { "\($0.title)。\($0.detail)" },
            form: ReportForm(input ?? [:], errors: errors),
            errors: errors
        )
        return pages.render("public/home", page, status: status, cookies: cookies)
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = context.form.fields
        if let refusal = context.form.refusal {
            guard Self.refusalsAnsweredWithTheForm.contains(refusal.code) else { throw refusal }
            // Usually an expired page or a cleared cookie, or a text longer than the form takes:
            // give the form back with what was typed and a fresh token, so one more press sends
            // it. Another site never sees this page.
            let csrf = CSRF.token(request, session: nil)
            return try await homePage(
                csrf: csrf.token,
                input: input,
                errors: FormErrors([(refusal.field, Self.publicMessage(refusal))], fieldIDs: ReportForm.fieldIDs),
                status: refusal.status,
                cookies: csrf.cookie.map { [$0] } ?? []
            )
        }
        let csrf = CSRF.token(request, session: nil).token
        do {
            let report = try FormDecoding.decode(ReportInput.self, from: input)
            let receipt = try await desk.submit(report, client: client(context))
            let inspection = try await desk.inspection(id: receipt.inspectionID ?? "")
            let note = inspection.map { IntakeNotice($0, now: services.now) }?.receiptNote
            // POST, redirect, GET: the code waits in a one-time slot, so a reload shows no form
            // to send again and the code never travels in a URL.
            let token = try await services.desks.received.keep(code: receipt.queryCode?.grouped ?? "", note: note)
            return pages.redirect(to: Self.receivedPath, cookies: [Self.receivedCookie(token)])
        } catch {
            // The reporter's words come back in the form with every problem at once: nothing
            // they typed is lost to an error.
            guard let answer = APIError.answering(error) else { throw error }
            let problems = answer.status == .unprocessableContent ? Self.everyProblem(input, now: services.now) : []
            let errors =
                problems.isEmpty
                ? FormErrors([(answer.field, answer.messageZH)], fieldIDs: ReportForm.fieldIDs)
                : FormErrors(problems, fieldIDs: ReportForm.fieldIDs)
            var page = try await homePage(csrf: csrf, input: input, errors: errors, status: answer.status)
            if let retry = answer.headers[.retryAfter] { page.headers[.retryAfter] = retry }
            return page
        }
    }

    /// Every problem of a report form, as Core finds them (the desk stops at the first).
    static func everyProblem(_ fields: [String: String], now: Date) -> [InputError] {
        guard let input = try? FormDecoding.decode(ReportInput.self, from: fields), let submission = try? input.submission(receivedAt: now) else {
            return []
        }
        return submission.problems
    }

    static let receivedCookieName = "xuncha_received"
    static let receivedPath = "/received"

    static func receivedCookie(_ token: String, maxAge: Int = Int(ReceivedSlots.lifetime)) -> Cookie {
        Cookie(name: receivedCookieName, value: token, maxAge: maxAge, path: receivedPath, httpOnly: true, sameSite: .strict)
    }

    /// The page after a report: its code from the one-time slot, and the cookie cleared. A
    /// reload finds the slot empty and says so, without sending anything again.
    @Sendable func received(_ request: Request, context: AppRequestContext) async throws -> Response {
        var slot: ReceivedSlots.Slot?
        if let token = request.cookies[Self.receivedCookieName]?.value { slot = try await services.desks.received.take(token) }
        let frame = PublicFrame(try await desk.visibleInspections())
        return pages.render(
            "public/received",
            ReceivedPage(code: slot?.code, note: slot?.note, frame: frame),
            cookies: [Self.receivedCookie("", maxAge: 0)]
        )
    }

    /// The inspections the public can reach, the open ones first, each with its own page.
    @Sendable func inspections(_ request: Request, context: AppRequestContext) async throws -> Response {
        let all = try await desk.publicInspections()
        let views = all.map { InspectionView($0, now: services.now) }
        let open = views.filter { $0.intake?.stage != .closed }
        let others = views.filter { $0.intake?.stage == .closed }
        let page = InspectionsPage(frame: PublicFrame(all), open: open, others: others, hasOpen: !open.isEmpty, hasOthers: !others.isEmpty)
        return pages.render("public/inspections", page)
    }

    /// One inspection at a stable address: its announcement, its state, its channels.
    @Sendable func inspection(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let inspection = try await desk.inspection(id: try context.parameters.require("id")) else {
            throw APIError(.notFound, code: "not_found", zh: "没有找到这轮巡察。请从巡察列表进入。", en: "no such inspection.")
        }
        return pages.render(
            "public/inspection",
            InspectionPage(frame: PublicFrame([inspection]), inspection: InspectionView(inspection, now: services.now))
        )
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
        if let refusal = context.form.refusal, !Self.refusalsAnsweredWithTheForm.contains(refusal.code) { throw refusal }
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

    /// The two steps of replacing a staff-issued code: a new code proposed and typed back, then
    /// the status with it. A wrong copy shows the same code again; an expired one starts over.
    @Sendable func changeCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let csrf = CSRF.token(request, session: nil).token
        let code = context.form["query_code"] ?? ""
        var input: QueryCodeChangeInput?
        do {
            if let refusal = context.form.refusal { throw refusal }
            let decoded = try FormDecoding.decode(QueryCodeChangeInput.self, from: context.form.fields)
            input = decoded
            switch try await desk.changeIssuedCode(decoded, client: client(context)) {
            case .proposed(let proposed, let confirmation):
                return pages.render("public/newcode", NewCodePage(csrf: csrf, code: code, proposed: proposed.grouped, confirmation: confirmation))
            case .replaced(let replaced, let status):
                let notice = "新查询码 \(replaced.grouped) 已启用，原查询码已失效。请妥善保管新查询码。"
                return pages.render("public/status", StatusPage(csrf: csrf, code: replaced.digits, status, notice: notice))
            }
        } catch {
            guard let answer = APIError.answering(error) else { throw error }
            if answer.field == "new_query_code", let input, let shown = await desk.proposedCode(input, client: client(context)) {
                let page = NewCodePage(csrf: csrf, code: code, error: answer.messageZH, proposed: shown.grouped, confirmation: input.confirmation)
                return pages.render("public/newcode", page, status: answer.status)
            }
            if answer.status == .unprocessableContent && answer.field != "query_code" {
                return pages.render("public/newcode", NewCodePage(csrf: csrf, code: code, error: answer.messageZH), status: answer.status)
            }
            return pages.render("public/status", StatusPage(csrf: csrf, error: answer.messageZH), status: answer.status)
        }
    }
}
