import Crypto
import Foundation
import Hummingbird

/// Every form carries a token an attacker's page cannot know. Staff forms use their session's
/// token; public forms use a random value also set in a SameSite=Strict cookie (double submit),
/// so the public form works without JavaScript and without an account.
enum CSRF {
    static let cookieName = "xuncha_csrf"
    static let fieldName = "csrf"

    static func randomToken() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The token to put in a form, and the cookie to set when the visitor has none yet.
    static func token(_ request: Request, _ context: AppRequestContext) -> (token: String, cookie: Cookie?) {
        if let session = context.session { return (session.csrfToken, nil) }
        if let existing = request.cookies[cookieName]?.value, existing.count >= 32 { return (existing, nil) }
        let fresh = randomToken()
        return (fresh, Cookie(name: cookieName, value: fresh, path: "/", httpOnly: true, sameSite: .strict))
    }

    static func check(_ form: [String: String], _ request: Request, _ context: AppRequestContext) throws {
        let expected = context.session?.csrfToken ?? request.cookies[cookieName]?.value
        guard let expected, let sent = form[fieldName], constantTimeEqual(expected, sent) else { throw APIError.badCSRF }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
