import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk

/// The referrals' pages: the list (a liaison's home), one referral with its review and forms,
/// and the letter to print. Forms answer with the referral's page by GET when they worked, or
/// the page with the form as it was sent and the reason when they did not.
extension StaffPages {
    struct Referrals: Sendable {
        let services: AppServices
        var desk: StaffDesk { services.desks.staff }
        var pages: Pages { services.pages }

        /// The form that edits and sends a draft is multipart (its text may be long; a URL-encoded
        /// body triples every Chinese character): the longest text and its fields.
        static let maxFormBytes = 256 * 1024

        @Sendable func list(_ request: Request, context: StaffRequestContext) async throws -> Response {
            let list = try await desk.referralList(context.caller)
            return pages.render("staff/referrals", ReferralListPage(list, context: context))
        }

        @Sendable func page(_ request: Request, context: StaffRequestContext) async throws -> Response {
            var page = try await referralPage(context)
            page.notice = request.uri.queryParameters.get("done").flatMap(Done.init(rawValue:))?.notice
            return pages.render("staff/referral", page)
        }

        @Sendable func letter(_ request: Request, context: StaffRequestContext) async throws -> Response {
            let file = try await desk.referral(context.caller, id: try context.parameters.require("id"))
            return pages.render("staff/referral-letter", ReferralLetterPage(file))
        }

        @Sendable func edit(_ request: Request, context: StaffRequestContext) async throws -> Response {
            try await acting(context, feedbackForm: false) { id in
                _ = try await desk.editReferral(context.caller, id: id, try FormDecoding.decode(ReferralEditInput.self, from: context.form.fields))
                return .edited
            }
        }

        @Sendable func send(_ request: Request, context: StaffRequestContext) async throws -> Response {
            try await acting(context, feedbackForm: false) { id in
                _ = try await desk.sendReferral(context.caller, id: id, try FormDecoding.decode(ReferralSendInput.self, from: context.form.fields))
                return .sent
            }
        }

        @Sendable func feedback(_ request: Request, context: StaffRequestContext) async throws -> Response {
            try await acting(context, feedbackForm: true) { id in
                _ = try await desk.recordFeedback(
                    context.caller,
                    id: id,
                    try FormDecoding.decode(ReferralFeedbackInput.self, from: context.form.fields)
                )
                return .answered
            }
        }

        func referralPage(_ context: StaffRequestContext) async throws -> ReferralPage {
            let file = try await desk.referral(context.caller, id: try context.parameters.require("id"))
            return ReferralPage(file, me: context.user, csrf: context.session.csrfToken)
        }

        /// What a form did, said on the page it leads back to.
        enum Done: String {
            case edited, sent, answered

            var notice: String {
                switch self {
                case .edited: "已保存修改。"
                case .sent: "转办件已发出，请打印转办函。"
                case .answered: "已登记反馈。"
                }
            }
        }

        /// Runs one form's action on the referral of the URL. Done: back to the page by GET.
        /// Refused for its input or because the referral changed meanwhile (or the form could not
        /// be read): the page, the form as it was sent, the reason beside it.
        private func acting(_ context: StaffRequestContext, feedbackForm: Bool, _ action: (String) async throws -> Done) async throws -> Response {
            let id = try context.parameters.require("id")
            do {
                if let refusal = context.form.refusal { throw refusal }
                let done = try await action(id)
                return pages.redirect(to: "/staff/referrals/\(id)?done=\(done.rawValue)")
            } catch {
                guard let answer = APIError.answering(error),
                    [.unprocessableContent, .conflict, .contentTooLarge, .badRequest].contains(answer.status)
                else { throw error }
                var page = try await referralPage(context)
                if feedbackForm {
                    page.keepFeedback(context.form.fields, error: answer.messageZH)
                } else {
                    page.keep(context.form.fields, error: answer.messageZH)
                }
                return pages.render("staff/referral", page, status: answer.status)
            }
        }
    }
}
