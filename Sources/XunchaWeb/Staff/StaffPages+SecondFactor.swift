import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaStore

/// The login's second step, and the enrolment of a second factor: pages a session reaches after
/// its password and before it is whole (`AppRequestContext.pendingLogin`).
extension StaffPages {
    /// Where a login that the password opened goes next.
    static func nextStep(_ stage: StaffSession.Stage, mustChangePassword: Bool) -> String {
        switch stage {
        case .secondFactor: "/staff/login/code"
        case .enrolment: "/staff/enrol"
        case .full: mustChangePassword ? "/staff/password" : "/staff"
        }
    }

    @Sendable func codeForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let pending = context.pendingLogin, pending.session.stage == .secondFactor else { return pages.redirect(to: "/staff/login") }
        return pages.render("staff/login-code", CodePage(csrf: pending.session.csrfToken, username: pending.user.username))
    }

    @Sendable func code(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let pending = context.pendingLogin, pending.session.stage == .secondFactor else { return pages.redirect(to: "/staff/login") }
        do {
            if let refusal = context.form.refusal { throw refusal }
            try await desk.passSecondStep(pending, code: context.form["code"] ?? "", client: clientTag(context))
            return pages.redirect(to: "/staff")
        } catch {
            guard let answer = APIError.answering(error) else { throw error }
            var page = CodePage(csrf: pending.session.csrfToken, username: pending.user.username)
            page.error = answer.messageZH
            return pages.render("staff/login-code", page, status: answer.status)
        }
    }

    @Sendable func enrolForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let pending = context.pendingLogin, pending.session.stage == .enrolment else { return pages.redirect(to: "/staff/login") }
        return pages.render("staff/enrol", try EnrolPage(try await desk.enrolment(pending), pending))
    }

    @Sendable func enrol(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let pending = context.pendingLogin, pending.session.stage == .enrolment else { return pages.redirect(to: "/staff/login") }
        do {
            if let refusal = context.form.refusal { throw refusal }
            let codes = try await desk.confirmEnrolment(pending, code: context.form["code"] ?? "", client: clientTag(context))
            let whole = pending.session
            return pages.render(
                "staff/recovery-codes",
                // Shown once; every page is no-store, so no cache keeps them.
                RecoveryCodesPage(me: StaffFrame.Me(pending.user), csrf: whole.csrfToken, codes: codes)
            )
        } catch {
            guard let answer = APIError.answering(error) else { throw error }
            var page = try EnrolPage(try await desk.enrolment(pending), pending)
            page.error = answer.messageZH
            return pages.render("staff/enrol", page, status: answer.status)
        }
    }

    func clientTag(_ context: AppRequestContext) -> ClientTag? { context.client(services.desks.keys) }
}

struct CodePage {
    var csrf: String
    var username: String
    var error: String?
}

struct EnrolPage {
    var csrf: String
    var username: String
    /// The base32 secret in groups of four.
    var groups: [String]
    var qr: String
    var error: String?

    init(_ enrolment: StaffDesk.Enrolment, _ pending: StaffDesk.PendingLogin) throws {
        csrf = pending.session.csrfToken
        username = pending.user.username
        groups = enrolment.secret.grouped.split(separator: " ").map(String.init)
        qr = try QRCode(enrolment.address).svg(label: "两步验证二维码：用手机验证器扫描")
    }
}

struct RecoveryCodesPage {
    var me: StaffFrame.Me
    var csrf: String
    var codes: [String]
}
