import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

/// The console's side of screening: the suggestion and its reasons on the report page, the
/// confirm-or-overrule form, and screening the inspection's reports again.
extension StaffPages {
    func screeningValues(_ user: StaffUser, _ report: Report, names: [String: String]) async throws -> [String: Any] {
        let found = try await desk.screening(user, reportID: report.id)
        var values: [String: Any] = [
            "dispositions": found.dispositions.map { View.disposition($0, names: names) },
            "hasDispositions": !found.dispositions.isEmpty,
            "mayDecide": desk.mayDecide(user, report),
            "decisionAction": "/staff/reports/\(report.id)/decision",
            "outcomes": View.outcomeChoices(suggested: found.screening?.record.suggestion),
        ]
        if let stored = found.screening {
            values["screening"] = View.screening(stored)
            values["report"] = View.reportWithEvidence(report, stored)
        }
        return values
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form: [String: String] = [:]
        do {
            let user = try desk.requireReader(context)
            form = try await RequestBody.form(request, context: context)
            try CSRF.check(form, request, context)
            let id = try context.parameters.require("id")
            let d = try await desk.decide(user, reportID: id, outcome: form["outcome"] ?? "", comment: form["comment"] ?? "")
            return try await reportPage(request, context, extra: ["decisionNotice": "已记录处理决定：\(d.outcome.chineseName)。"])
        } catch let error as APIError where error.status == .unprocessableContent || error.code == "not_your_inspection" {
            var extra: [String: Any] = ["decisionError": error.messageZH, "decisionComment": form["comment"] ?? ""]
            // Keep the member's choice selected, so that adding the missing reason is all it takes.
            if let user = context.staff, let id = context.parameters.get("id"),
                let screening = try? await desk.screening(user, reportID: id).screening
            {
                extra["outcomes"] = View.outcomeChoices(
                    suggested: screening.record.suggestion,
                    chosen: SuggestionKind(rawValue: form["outcome"] ?? "")
                )
            }
            return try await reportPage(request, context, extra: extra, status: error.status)
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }

    @Sendable func rescreen(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            let user = try desk.requireReader(context)
            let form = try await RequestBody.form(request, context: context)
            try CSRF.check(form, request, context)
            let tally = try await desk.rescreen(user)
            let total = tally.values.reduce(0, +)
            let parts = SuggestionKind.allCases.filter { tally[$0, default: 0] > 0 }.map { "\($0.chineseName)\(tally[$0]!)件" }
            let summary = "已重新初筛\(total)件" + (parts.isEmpty ? "。" : "：" + parts.joined(separator: "，") + "。")
            return try await inboxPage(request, context, extra: ["notice": summary])
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }
}
