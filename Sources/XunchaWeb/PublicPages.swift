import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

/// The public pages: what the inspection takes and how to reach it, the report form, the query
/// code shown once, and the status page. Plain forms, no JavaScript, fit for a phone.
struct PublicPages: Sendable {
    let services: AppServices
    var desk: ReporterDesk { ReporterDesk(services: services) }
    var pages: Pages { services.pages }

    var routes: RouteCollection<AppRequestContext> {
        let r = RouteCollection(context: AppRequestContext.self)
        r.get("/", use: home)
        r.post("report", use: submit)
        r.get("status", use: statusForm)
        r.post("status", use: status)
        r.post("status/add", use: add)
        r.post("status/attach", use: attach)
        return r
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let csrf = CSRF.token(request, context)
        return try await homePage(csrf: csrf.token, cookies: csrf.cookie.map { [$0] } ?? [])
    }

    private func homePage(
        csrf: String,
        form: [String: String] = [:],
        error: String? = nil,
        status: HTTPResponse.Status = .ok,
        cookies: [Cookie] = []
    ) async throws -> Response {
        let inspections = try await desk.visibleInspections()
        let chosen = form["inspection_id"]
        var values: [String: Any] = [
            "csrf": csrf,
            "inspections": inspections.enumerated().map { i, inspection in
                View.inspection(inspection, now: services.now()).merging(["selected": chosen == inspection.id || (chosen == nil && i == 0)]) { $1 }
            },
            "several": inspections.count > 1,
            "none": inspections.isEmpty,
            "form": form,
            "maxLength": Submission.maxContentLength,
        ]
        if let error { values["error"] = error }
        return pages.render("public/home", values, status: status, cookies: cookies)
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form: [String: String]
        do {
            form = try await RequestBody.form(request, context: context)
        } catch let error as APIError {
            return message(error, request, context)
        }
        do {
            try CSRF.check(form, request, context)
        } catch let error as APIError {
            // Usually an expired page or a cleared cookie: give the form back with what was typed
            // and a fresh token, so one more press sends it. Another site never sees this page.
            let csrf = CSRF.token(request, context)
            return try await homePage(
                csrf: csrf.token,
                form: form.filter { $0.key != CSRF.fieldName },
                error: error.messageZH,
                status: error.status,
                cookies: csrf.cookie.map { [$0] } ?? []
            )
        }
        let submission = Submission(
            channel: .web,
            content: form["content"] ?? "",
            subjects: [Subject(name: form["subject_name"] ?? "", unit: form["subject_unit"] ?? "", post: form["subject_post"] ?? "")],
            reporter: ReporterIdentity(form: form),
            inspectionID: form["inspection_id"].flatMap { $0.isEmpty ? nil : $0 },
            receivedAt: services.now()
        )
        do {
            let receipt = try await desk.submit(submission)
            return pages.render(
                "public/received",
                ["code": receipt.queryCode?.grouped ?? "", "csrf": CSRF.token(request, context).token],
                status: .created
            )
        } catch let error as APIError {
            // The reporter's words come back in the form: nothing they typed is lost to an error.
            return try await homePage(
                csrf: CSRF.token(request, context).token,
                form: form,
                error: error.messageZH,
                status: error.status
            )
        }
    }

    @Sendable func statusForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let csrf = CSRF.token(request, context)
        return pages.render("public/status", ["csrf": csrf.token], cookies: csrf.cookie.map { [$0] } ?? [])
    }

    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await withCode(request, context) { form, code in
            (try await desk.open(code: code, context), nil)
        }
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await withCode(request, context) { form, code in
            (try await desk.add(code: code, content: form["content"] ?? "", context), "补充内容已收到。")
        }
    }

    /// Both status forms carry the code in the POST body (never the URL), and both answer with
    /// the status page; a failure shows the form again with its message.
    private func withCode(
        _ request: Request,
        _ context: AppRequestContext,
        _ action: ([String: String], String) async throws -> (Report, String?)
    ) async throws -> Response {
        let csrf = CSRF.token(request, context).token
        var form: [String: String] = [:]
        do {
            form = try await RequestBody.form(request, context: context)
            try CSRF.check(form, request, context)
            let code = form["query_code"] ?? ""
            let (report, notice) = try await action(form, code)
            var values = try await foundValues(report, csrf: csrf, code: code)
            if let notice { values["notice"] = notice }
            return pages.render("public/status", values)
        } catch let error as APIError where error.code == APIError.queryCodeChangeRequired.code {
            return newCodePage(request, context, code: form["query_code"] ?? "", error: nil, status: .ok)
        } catch let error as APIError {
            var values: [String: Any] = ["csrf": csrf, "error": error.messageZH]
            // A wrong addition keeps the code and the text so the reporter can correct and resend.
            if error.field == "content" {
                values["code"] = form["query_code"] ?? ""
                values["draft"] = form["content"] ?? ""
            }
            return pages.render("public/status", values, status: error.status)
        }
    }

    /// The status page's values for a report the code opened.
    func foundValues(_ report: Report, csrf: String, code: String) async throws -> [String: Any] {
        var values: [String: Any] = [
            "csrf": csrf, "code": code, "found": true, "statusText": report.status.displayName,
            "description": report.status.publicDescription, "receivedAt": View.time(report.receivedAt),
            "additions": report.additions.map { ["at": View.time($0.addedAt), "content": $0.content] },
            "hasAdditions": !report.additions.isEmpty,
        ]
        values.merge(try await desk.replyValues(report)) { $1 }
        return values
    }

    func message(_ error: APIError, _ request: Request, _ context: AppRequestContext) -> Response {
        pages.render("public/message", ["title": "无法提交", "message": error.messageZH], status: error.status)
    }
}
