import Foundation
import Hummingbird
import NIOCore
import XunchaCore
import XunchaDesk
import XunchaStore

/// The per-request context of every route. The client's address is held in memory for the
/// request only, to tell clients apart for throttling; it is never stored or logged (invariant 2).
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The staff account behind the request's session cookie or bearer token, if any.
    public var staff: StaffUser?
    public var session: StaffSession?
    /// A login the password opened, waiting for its second factor (or its enrolment): it reaches
    /// only those pages.
    public var pendingLogin: StaffDesk.PendingLogin?
    /// How the session reached us: a cookie needs a CSRF token on every change, a bearer token does not.
    public var sessionFromCookie = false
    /// A page form's fields and files, read and checked by `FormMiddleware` before the handler runs.
    public var form = SubmittedForm()
    /// The client's address: the peer's, or the one a trusted proxy forwarded (`EdgeMiddleware`).
    var clientAddress: String?
    /// The public form cookie of a browser, which tells apart people behind one address.
    var browserCookie: String?
    /// Whether a trusted proxy says the client reached it over TLS (cookies are then Secure).
    var overTLS = false

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The default body limit: the longest report (20,000 characters, up to 4 bytes each) with its
    /// fields. Routes that take files set their own.
    public var maxUploadSize: Int { 128 * 1024 }

    public var requestDecoder: JSONDecoder { APICoding.decoder }
    public var responseEncoder: JSONEncoder { APICoding.encoder }

    /// Who is asking, as the desks take it.
    var caller: Caller { staff.map(Caller.staff) ?? .reporter(nil) }
}

/// The context of the staff console's and the staff API's routes: a logged-in account is certain
/// here, so handlers need not ask. Requests without one never reach them (401, or the login page).
public struct StaffRequestContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let user: StaffUser
    public let session: StaffSession
    public let sessionFromCookie: Bool
    public var form: SubmittedForm

    public init(context: AppRequestContext) throws {
        guard let user = context.staff, let session = context.session else { throw DeskError.unauthenticated }
        coreContext = context.coreContext
        self.user = user
        self.session = session
        sessionFromCookie = context.sessionFromCookie
        form = context.form
    }

    public var maxUploadSize: Int { 128 * 1024 }
    public var requestDecoder: JSONDecoder { APICoding.decoder }
    public var responseEncoder: JSONEncoder { APICoding.encoder }

    var caller: Caller { .staff(user) }
}

/// A form as the browser sent it: text fields and, for multipart forms, files.
public struct SubmittedForm: Sendable {
    public var fields: [String: String] = [:]
    public var files: [NewAttachment] = []
    /// Why the form cannot be acted on (unreadable, too large, a wrong form token), on routes
    /// whose handler answers that itself (it keeps what was typed); elsewhere the middleware refuses.
    var refusal: APIError?

    subscript(_ name: String) -> String? { fields[name] }
}

/// A context whose POST forms `FormMiddleware` reads and checks.
protocol FormContext: RequestContext {
    var form: SubmittedForm { get set }
    /// The logged-in session's form token; without a session, the double-submit cookie's.
    var sessionCSRFToken: String? { get }
}

extension AppRequestContext: FormContext {
    var sessionCSRFToken: String? { session?.csrfToken ?? pendingLogin?.session.csrfToken }
}

extension StaffRequestContext: FormContext {
    var sessionCSRFToken: String? { session.csrfToken }
}
