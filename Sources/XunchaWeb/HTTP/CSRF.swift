import Foundation
import Hummingbird
import XunchaDesk

/// Every form carries a token an attacker's page cannot know. Staff forms use their session's
/// token; public forms use a random value also set in a SameSite=Strict cookie (double submit),
/// so the public form works without JavaScript and without an account. `FormMiddleware` checks it.
enum CSRF {
    static let cookieName = "xuncha_csrf"
    static let fieldName = "csrf"

    /// The token to put in a form, and the cookie to set when the visitor has none yet.
    static func token(_ request: Request, session: String?) -> (token: String, cookie: Cookie?) {
        if let session { return (session, nil) }
        if let existing = request.cookies[cookieName]?.value, existing.count >= 32 { return (existing, nil) }
        let fresh = StaffDesk.randomToken()
        return (fresh, Cookie(name: cookieName, value: fresh, path: "/", httpOnly: true, sameSite: .strict))
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
