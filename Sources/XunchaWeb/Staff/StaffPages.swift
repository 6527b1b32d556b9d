import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaStore

/// The staff console: login, the inbox, a report with its screening, decisions, replies and
/// audit trail, and password change. Forms reach the handlers read and checked
/// (`FormMiddleware`); refusals the handler does not answer itself become the error page
/// (`PageErrorMiddleware`).
struct StaffPages: Sendable {
    let services: AppServices
    var desk: StaffDesk { services.desks.staff }
    var pages: Pages { services.pages }

    @Sendable func loginForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let csrf = CSRF.token(request, session: context.session?.csrfToken)
        var page = LoginPage(csrf: csrf.token)
        if request.uri.queryParameters["changed"] != nil { page.notice = "密码已修改，请用新密码重新登录。" }
        return pages.render("staff/login", page, cookies: csrf.cookie.map { [$0] } ?? [])
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let username = context.form["username"] ?? ""
        do {
            if let refusal = context.form.refusal { throw refusal }
            let input = try FormDecoding.decode(LoginInput.self, from: context.form.fields)
            let login = try await desk.login(input, client: context.client(services.desks.keys))
            return pages.redirect(
                to: Self.nextStep(login.session.stage, mustChangePassword: login.user.mustChangePassword),
                cookies: [SessionMiddleware.cookie(login.token, maxAge: Int(services.configuration.desk.sessionLifetime))]
            )
        } catch {
            guard let answer = APIError.answering(error) else { throw error }
            let csrf = CSRF.token(request, session: context.session?.csrfToken).token
            return pages.render("staff/login", LoginPage(csrf: csrf, error: answer.messageZH, username: username), status: answer.status)
        }
    }

    @Sendable func logout(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await desk.logout(context.session)
        return pages.redirect(to: "/staff/login", cookies: [SessionMiddleware.cookie("", maxAge: 0)])
    }

    @Sendable func passwordForm(_ request: Request, context: StaffRequestContext) async throws -> Response {
        pages.render("staff/password", PasswordPage(context))
    }

    @Sendable func changePassword(_ request: Request, context: StaffRequestContext) async throws -> Response {
        do {
            try await desk.changePassword(context.user, try FormDecoding.decode(PasswordChangeInput.self, from: context.form.fields))
            // Changing the password ends every session, this one too: log in again with the new one.
            return pages.redirect(to: "/staff/login?changed=1", cookies: [SessionMiddleware.cookie("", maxAge: 0)])
        } catch {
            guard let answer = APIError.answering(error) else { throw error }
            var page = PasswordPage(context)
            page.error = answer.messageZH
            return pages.render("staff/password", page, status: answer.status)
        }
    }

    /// The inbox; the admin's console for the admin; a liaison's referrals for a liaison.
    @Sendable func home(_ request: Request, context: StaffRequestContext) async throws -> Response {
        if context.user.role == .admin, !context.user.mustChangePassword {
            return try await StaffPages.Admin(services: services).page(context)
        }
        if !context.user.mustChangePassword, context.user.access != .confirmed {
            let waiting = MessagePage(
                title: "等待组长确认",
                message: DeskError.accessPending.messageZH,
                me: StaffFrame.Me(context.user),
                csrf: context.session.csrfToken
            )
            return pages.render("staff/message", waiting)
        }
        if context.user.role == .liaison { return pages.redirect(to: "/staff/referrals") }
        return try await inboxPage(request, context)
    }

    /// The inbox; `notice` says what was just done.
    func inboxPage(_ request: Request, _ context: StaffRequestContext, notice: String? = nil) async throws -> Response {
        let input = try Self.queryInput(InboxInput.self, request)
        let inbox = try await desk.inbox(context.caller, input)
        let agenda = context.user.inspectionID == nil ? nil : try await desk.agenda(context.caller)
        let colleagues = try await services.desks.staff.colleagues(context.caller)
        return pages.render(
            "staff/inbox",
            InboxPage(inbox, agenda: agenda, filters: InboxFilters(input, colleagues: colleagues), context: context, notice: notice)
        )
    }

    /// A view's filters from the page's address (the inbox's, a ledger's); a value a filter does
    /// not take is refused by name.
    static func queryInput<T: Decodable>(_ type: T.Type, _ request: Request) throws -> T {
        var fields: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { fields[String(key)] = String(value) }
        return try FormDecoding.decode(T.self, from: fields)
    }

    @Sendable func report(_ request: Request, context: StaffRequestContext) async throws -> Response {
        var page = try await reportPage(context)
        page.notice = request.uri.queryParameters.get("done").flatMap(Done.init(rawValue:))?.notice
        return pages.render("staff/report", page)
    }

    func reportPage(_ context: StaffRequestContext) async throws -> ReportPage {
        let file = try await desk.report(context.caller, id: try context.parameters.require("id"))
        return ReportPage(file, me: context.user, csrf: context.session.csrfToken)
    }

    @Sendable func reply(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        do {
            try await desk.reply(context.caller, reportID: id, try FormDecoding.decode(ReplyInput.self, from: context.form.fields))
            // After a POST, the page by GET: a reload does not send the reply twice.
            return pages.redirect(to: "/staff/reports/\(id)#replies")
        } catch {
            guard let answer = APIError.answering(error), answer.field == "content" else { throw error }
            var page = try await reportPage(context)
            page.replyError = answer.messageZH
            page.errors = FormErrors(answer.messageZH, fieldID: "reply-content")
            page.replyDraft = context.form["content"]
            return pages.render("staff/report", page, status: answer.status)
        }
    }

    /// The leader opens the reporter's identity; the page shows it once, and the trail records it.
    @Sendable func revealIdentity(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let revealed = try await desk.revealIdentity(context.caller, reportID: try context.parameters.require("id"))
        var page = try await reportPage(context)
        page.revealed = ReportPage.RevealedView(revealed)
        return pages.render("staff/report", page)
    }

    @Sendable func rescreen(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let tally = try await desk.rescreen(context.caller)
        let total = tally.values.reduce(0, +)
        let parts = SuggestionKind.allCases.filter { tally[$0, default: 0] > 0 }.map { "\($0.chineseName)\(tally[$0]!)件" }
        return try await inboxPage(request, context, notice: "已重新初筛\(total)件" + (parts.isEmpty ? "。" : "：" + parts.joined(separator: "，") + "。"))
    }

    @Sendable func downloadAttachment(_ request: Request, context: StaffRequestContext) async throws -> Response {
        guard let ordinal = Int(try context.parameters.require("ordinal")) else { throw DeskError.notFound }
        let found = try await desk.openAttachment(context.caller, reportID: try context.parameters.require("id"), ordinal: ordinal)
        return Download.response(found.info, found.data)
    }
}
