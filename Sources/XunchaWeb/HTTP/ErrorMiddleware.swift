import Foundation
import HTTPTypes
import Hummingbird
import XunchaCore
import XunchaDesk

/// Desk errors into HTTP, in one place: the status each kind of refusal gets, the JSON body of
/// the API, and the page a person sees.
extension APIError {
    init(_ error: DeskError) {
        let status: HTTPResponse.Status =
            switch error.kind {
            case .notFound: .notFound
            case .forbidden, .passwordChangeRequired: .forbidden
            case .unauthenticated: .unauthorized
            case .invalid: .unprocessableContent
            case .tooLarge: .contentTooLarge
            case .conflict: .conflict
            case .throttled: .tooManyRequests
            case .damaged: .internalServerError
            case .busy: .serviceUnavailable
            }
        self.init(status, code: error.code, zh: error.messageZH, en: error.messageEN, field: error.field)
        switch error.kind {
        case .throttled(let seconds), .busy(let seconds): headers[.retryAfter] = String(seconds)
        default: break
        }
    }

    /// Any failure a handler meets, as the client is told it; nil for failures that are not the
    /// client's to know about (a bug, a broken disk), which the framework answers with a bare 500.
    static func answering(_ error: any Error) -> APIError? {
        switch error {
        case let e as APIError: e
        case let e as DeskError: APIError(e)
        case let e as InputError: APIError(.unprocessableContent, e)
        default: nil
        }
    }
}

/// The JSON API: every refusal as `{"error": {"code", "message_zh", "message_en", "field"}}`.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            guard let answer = APIError.answering(error) else { throw error }
            throw answer
        }
    }
}

/// The pages: no session leads to the login page, an issued password to the password page, any
/// other refusal to a page that says what went wrong (the public's or the console's).
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    enum Audience {
        case citizen
        case staff
    }

    let pages: Pages
    let audience: Audience

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            guard let answer = APIError.answering(error) else { throw error }
            switch (audience, answer.code) {
            case (.staff, DeskError.unauthenticated.code):
                // A login the password opened goes on to its second step.
                let next = context.pendingLogin.map { StaffPages.nextStep($0.session.stage, mustChangePassword: false) }
                return pages.redirect(to: next ?? "/staff/login")
            case (.staff, DeskError.passwordChangeRequired.code): return pages.redirect(to: "/staff/password")
            case (.staff, _):
                let page = MessagePage(
                    title: "无法完成",
                    message: answer.messageZH,
                    me: context.staff.map(StaffFrame.Me.init),
                    csrf: context.session?.csrfToken ?? ""
                )
                return pages.render("staff/message", page, status: answer.status)
            case (.citizen, _):
                return pages.render("public/message", MessagePage(title: "无法提交", message: answer.messageZH), status: answer.status)
            }
        }
    }
}

/// A page that only says something: what went wrong, or what was done.
struct MessagePage {
    var title: String
    var message: String
    var me: StaffFrame.Me? = nil
    var csrf = ""
}

/// Changes the API accepts with a session cookie must carry the session's CSRF token in a header;
/// bearer tokens cannot be sent by another site, so they need none.
struct APICSRFMiddleware: RouterMiddleware {
    typealias Context = StaffRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method != .get && request.method != .head && context.sessionFromCookie {
            guard let sent = request.headers[HTTPField.Name("X-CSRF-Token")!], CSRF.constantTimeEqual(sent, context.session.csrfToken) else {
                throw APIError.badCSRF
            }
        }
        return try await next(request, context)
    }
}
