import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaStore

/// Finds the staff member behind a request, from the session cookie (browsers) or a bearer token
/// (API clients), through the desk; the store keeps only a hash of the token.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "xuncha_session"
    let desk: StaffDesk

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var token: String?
        var fromCookie = false
        if let auth = request.headers[.authorization], auth.hasPrefix("Bearer ") {
            token = String(auth.dropFirst("Bearer ".count))
        } else if let cookie = request.cookies[Self.cookieName]?.value {
            token = cookie
            fromCookie = true
        }
        if let token, let found = try await desk.session(token: token) {
            context.sessionFromCookie = fromCookie
            if found.session.stage == .full {
                context.staff = found.user
                context.session = found.session
            } else {
                context.pendingLogin = StaffDesk.PendingLogin(user: found.user, session: found.session)
            }
        }
        return try await next(request, context)
    }

    static func cookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(name: cookieName, value: value, maxAge: maxAge, path: "/", httpOnly: true, sameSite: .strict)
    }
}
