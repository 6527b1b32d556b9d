import Foundation
import HTTPTypes
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaStore

/// The first and last thing every request meets. On the way in it learns who the client is: the
/// peer's address, or, when the peer is a proxy the operator trusts (`serve --trusted-proxy`),
/// the address that proxy appended to X-Forwarded-For and whether it was reached over TLS. On the
/// way out every answer, pages, JSON and errors alike, gets the headers that keep it out of caches
/// and frames, and its cookies are marked Secure when the client came over TLS.
struct EdgeMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let peer = context.clientAddress, trustedProxies.contains(peer) {
            // The proxy appends the address it saw last; anything before it the client may have written.
            if let forwarded = request.headers[values: .init("X-Forwarded-For")!].last?.split(separator: ",").last {
                context.clientAddress = forwarded.trimmingCharacters(in: .whitespaces)
            }
            context.overTLS = request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
        }
        context.browserCookie = request.cookies[CSRF.cookieName]?.value
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        Self.harden(&response.headers, overTLS: context.overTLS)
        return response
    }

    /// Headers every answer carries unless its route chose otherwise (the stylesheet may be cached).
    static func harden(_ headers: inout HTTPFields, overTLS: Bool) {
        let defaults: [(HTTPField.Name, String)] = [
            // Answers can hold a report, a query code or an identity: no cache may keep them.
            (.cacheControl, "no-store"),
            (.xContentTypeOptions, "nosniff"),
            (.init("Referrer-Policy")!, "no-referrer"),
            (.contentSecurityPolicy, "default-src 'none'; frame-ancestors 'none'"),
        ]
        for (name, value) in defaults where headers[name] == nil { headers[name] = value }
        guard overTLS else { return }
        headers[.strictTransportSecurity] = "max-age=31536000"
        let cookies = headers[values: .setCookie].map { $0.lowercased().contains("; secure") ? $0 : $0 + "; Secure" }
        headers[values: .setCookie] = cookies
    }
}

extension AppRequestContext {
    /// The client as the throttle tells clients apart.
    func client(_ keys: Keys) -> ClientTag { ClientTag(address: clientAddress, browser: browserCookie, keys: keys) }
}
