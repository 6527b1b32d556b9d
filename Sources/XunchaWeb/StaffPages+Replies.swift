import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

/// The reply form on a report's page (inspections with replies enabled only) and its handler.
extension StaffPages {
    func replyValues(_ user: StaffUser, _ report: Report, names: [String: String]) async throws -> [String: Any] {
        let replies = try await desk.replies(user, reportID: report.id)
        return [
            "mayReply": try await desk.mayReply(user, report),
            "replies": replies.map { ["at": View.time($0.writtenAt), "author": names["user:\($0.authorID)"] ?? "—", "content": $0.content] },
            "hasReplies": !replies.isEmpty,
            "replyAction": "/staff/reports/\(report.id)/replies",
        ]
    }

    @Sendable func reply(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form: [String: String] = [:]
        do {
            let user = try desk.requireReader(context)
            form = try await RequestBody.form(request, context: context)
            try CSRF.check(form, request, context)
            let report = try await desk.reply(user, reportID: try context.parameters.require("id"), content: form["content"] ?? "")
            // After a POST, the page by GET: a reload does not send the reply twice.
            return pages.redirect(to: "/staff/reports/\(report.id)#replies")
        } catch let error as APIError where error.field == "content" {
            return try await reportPage(
                request,
                context,
                extra: ["replyError": error.messageZH, "replyDraft": form["content"] ?? ""],
                status: error.status
            )
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }
}
