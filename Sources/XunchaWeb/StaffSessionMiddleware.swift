import Crypto
import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

/// Finds the staff member behind a request, from the session cookie (browsers) or a bearer token
/// (API clients). Only a hash of the token is kept in storage.
struct StaffSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "xuncha_session"
    let services: AppServices

    static func tokenHash(_ token: String) -> String { SHA256.hash(data: Data(token.utf8)).hexString }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var token: String?
        if let auth = request.headers[.authorization], auth.hasPrefix("Bearer ") {
            token = String(auth.dropFirst("Bearer ".count))
        } else if let cookie = request.cookies[Self.cookieName]?.value {
            token = cookie
            context.sessionFromCookie = true
        }
        if let token, let session = try await services.store.session(tokenHash: Self.tokenHash(token)),
            session.expiresAt > services.now(), let user = try await services.store.user(id: session.userID)
        {
            context.staff = user
            context.session = session
        } else {
            context.sessionFromCookie = false
        }
        return try await next(request, context)
    }
}
