import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

extension APIError {
    /// A staff-issued code opens nothing until the reporter has chosen their own.
    static let queryCodeChangeRequired = APIError(
        .forbidden,
        code: "query_code_change_required",
        zh: "这是工作人员代为生成的查询码，请先设置您自己的16位数字查询码。",
        en: "this query code was issued by staff; choose a new one first.",
        field: "new_query_code"
    )
}

extension ReporterDesk {
    /// Replaces a staff-issued code with the reporter's own 16 digits (typed twice) and opens the
    /// report with it. The old code stops working at once.
    func changeIssuedCode(code text: String, newCode: String, again: String, _ context: AppRequestContext) async throws -> Report {
        let report = try await open(code: text, context, allowingIssuedCode: true)
        guard try await services.store.channelRecord(reportID: report.id)?.queryCodeMustChange == true else {
            throw APIError(
                .unprocessableContent,
                code: "query_code_already_changed",
                zh: "该查询码无需修改。",
                en: "this query code needs no change.",
                field: "query_code"
            )
        }
        let chosen: QueryCode
        do {
            chosen = try QueryCode(parsing: newCode)
        } catch {
            var e = error
            e.field = "new_query_code"
            throw APIError(.unprocessableContent, e)
        }
        if (try? QueryCode(parsing: again)) != chosen {
            throw APIError(
                .unprocessableContent,
                code: "query_code_mismatch",
                zh: "两次输入的新查询码不一致。",
                en: "the new query code and its repetition differ.",
                field: "new_query_code_again"
            )
        }
        if chosen == (try? QueryCode(parsing: text)) {
            throw APIError(
                .unprocessableContent,
                code: "query_code_unchanged",
                zh: "新查询码不能与工作人员给您的查询码相同。",
                en: "the new query code must differ from the issued one.",
                field: "new_query_code"
            )
        }
        do {
            try await services.intake.changeQueryCode(reportID: report.id, to: chosen, at: services.now())
        } catch let error as InputError {
            throw APIError(.unprocessableContent, error)
        }
        return try await services.store.report(id: report.id) ?? report
    }
}

extension PublicPages {
    var queryCodeRoutes: RouteCollection<AppRequestContext> {
        let r = RouteCollection(context: AppRequestContext.self)
        r.post("status/code", use: changeCode)
        return r
    }

    /// The page that asks for a new code of the reporter's own before anything is shown.
    func newCodePage(_ request: Request, _ context: AppRequestContext, code: String, error: String?, status: HTTPResponse.Status) -> Response {
        var values: [String: Any] = ["csrf": CSRF.token(request, context).token, "code": code]
        if let error { values["error"] = error }
        return pages.render("public/newcode", values, status: status)
    }

    @Sendable func changeCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form: [String: String] = [:]
        do {
            form = try await RequestBody.form(request, context: context)
            try CSRF.check(form, request, context)
            let report = try await desk.changeIssuedCode(
                code: form["query_code"] ?? "",
                newCode: form["new_query_code"] ?? "",
                again: form["new_query_code_again"] ?? "",
                context
            )
            let values: [String: Any] = [
                "csrf": CSRF.token(request, context).token, "code": form["new_query_code"] ?? "", "found": true,
                "notice": "查询码已修改，请牢记您的新查询码；原查询码已失效。",
                "statusText": report.status.displayName, "description": report.status.publicDescription,
                "receivedAt": View.time(report.receivedAt),
                "additions": report.additions.map { ["at": View.time($0.addedAt), "content": $0.content] },
                "hasAdditions": !report.additions.isEmpty,
            ]
            return pages.render("public/status", values)
        } catch let error as APIError where error.status == .unprocessableContent && error.field != "query_code" {
            return newCodePage(request, context, code: form["query_code"] ?? "", error: error.messageZH, status: error.status)
        } catch let error as APIError {
            return pages.render("public/status", ["csrf": CSRF.token(request, context).token, "error": error.messageZH], status: error.status)
        }
    }
}
