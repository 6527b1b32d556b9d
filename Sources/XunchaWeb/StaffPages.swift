import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

/// The staff console: login, the inbox, a report with its audit trail, password change, and the
/// admin's inspections and accounts.
struct StaffPages: Sendable {
    let services: AppServices
    var desk: StaffDesk { StaffDesk(services: services) }
    var pages: Pages { services.pages }

    var routes: RouteCollection<AppRequestContext> {
        let r = RouteCollection(context: AppRequestContext.self)
        r.get("login", use: loginForm)
        r.post("login", use: login)
        r.post("logout", use: logout)
        r.get("password", use: passwordForm)
        r.post("password", use: changePassword)
        r.get("/", use: home)
        r.get("reports/:id", use: report)
        r.get("reports/:id/attachments/:ordinal", use: downloadAttachment)
        r.post("reports/:id/replies", use: reply)
        r.post("reports/:id/decision", use: decide)
        r.post("rescreen", use: rescreen)
        r.post("admin/inspections", use: createInspection)
        r.post("admin/inspections/announcement", use: prefillFromAnnouncement)
        r.post("admin/users", use: createUser)
        return r
    }

    private func sessionCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(name: StaffSessionMiddleware.cookieName, value: value, maxAge: maxAge, path: "/", httpOnly: true, sameSite: .strict)
    }

    /// Common frame values: who is logged in and the form token.
    func frame(_ request: Request, _ context: AppRequestContext) -> [String: Any] {
        var v: [String: Any] = ["csrf": CSRF.token(request, context).token]
        if let u = context.staff { v["me"] = ["name": u.displayName, "role": u.role.displayName, "admin": u.role == .admin] }
        return v
    }

    /// The page to show for an `APIError` met on a staff page: the login page when the session is
    /// gone, the password page while it must be changed, otherwise the message itself.
    func failure(_ error: APIError, _ request: Request, _ context: AppRequestContext) -> Response {
        switch error.code {
        case "unauthorized": return pages.redirect(to: "/staff/login")
        case "password_change_required": return pages.redirect(to: "/staff/password")
        default:
            return pages.render("staff/message", frame(request, context).merging(["message": error.messageZH]) { $1 }, status: error.status)
        }
    }

    @Sendable func loginForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let csrf = CSRF.token(request, context)
        return pages.render("staff/login", ["csrf": csrf.token], cookies: csrf.cookie.map { [$0] } ?? [])
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form: [String: String] = [:]
        do {
            form = try await RequestBody.form(request, context: context)
            try CSRF.check(form, request, context)
            let login = try await desk.login(username: form["username"] ?? "", password: form["password"] ?? "", context)
            let lifetime = Int(services.configuration.sessionLifetime)
            return pages.redirect(
                to: login.user.mustChangePassword ? "/staff/password" : "/staff",
                cookies: [sessionCookie(login.token, maxAge: lifetime)]
            )
        } catch let error as APIError {
            return pages.render(
                "staff/login",
                ["csrf": CSRF.token(request, context).token, "error": error.messageZH, "username": form["username"] ?? ""],
                status: error.status
            )
        }
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            try CSRF.check(try await RequestBody.form(request, context: context), request, context)
            try await desk.logout(context)
            return pages.redirect(to: "/staff/login", cookies: [sessionCookie("", maxAge: 0)])
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }

    @Sendable func passwordForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.staff else { return pages.redirect(to: "/staff/login") }
        return pages.render("staff/password", frame(request, context).merging(["mustChange": user.mustChangePassword]) { $1 })
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            let user = try desk.requireStaff(context)
            let form = try await RequestBody.form(request, context: context)
            try CSRF.check(form, request, context)
            if form["password"] != form["password_again"] {
                throw APIError(.unprocessableContent, code: "password_mismatch", zh: "两次输入的新密码不一致。", en: "passwords differ.")
            }
            try await desk.changePassword(user, current: form["current"] ?? "", new: form["password"] ?? "")
            // Changing the password ends every session, this one too: log in again with the new one.
            return pages.redirect(to: "/staff/login", cookies: [sessionCookie("", maxAge: 0)])
        } catch let error as APIError where error.code != "unauthorized" {
            let values = frame(request, context).merging(["error": error.messageZH, "mustChange": context.staff?.mustChangePassword ?? false]) { $1 }
            return pages.render("staff/password", values, status: error.status)
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await inboxPage(request, context)
    }

    /// The inbox (the admin's console for the admin); `extra` carries a notice onto it.
    func inboxPage(_ request: Request, _ context: AppRequestContext, extra: [String: Any] = [:]) async throws -> Response {
        do {
            let user = try desk.requireActiveStaff(context)
            if user.role == .admin { return try await adminPage(request, context) }
            let page = request.uri.queryParameters.get("page", as: Int.self) ?? 1
            let inbox = try await desk.inbox(user, page: page)
            let inspection = try await user.inspectionID.asyncMap { try await services.store.inspection(id: $0) } ?? nil
            var values = frame(request, context)
            values["inspection"] = inspection.map { View.inspection($0) }
            let summaries = try await desk.screeningSummaries(inbox.reports)
            values["reports"] = inbox.reports.map { report in
                var row = View.report(report)
                if let s = summaries[report.id] {
                    row["suggestion"] = s.suggestion.chineseName
                    row["suggestionCode"] = s.suggestion.rawValue
                    row["topDiscipline"] = s.topDiscipline?.chineseName ?? ""
                }
                return row
            }
            values["mayRescreen"] = user.inspectionID != nil
            values["hasReports"] = !inbox.reports.isEmpty
            values["total"] = inbox.total
            values["page"] = inbox.page
            values["pageCount"] = inbox.pageCount
            if inbox.page > 1 { values["previous"] = inbox.page - 1 }
            if inbox.page < inbox.pageCount { values["next"] = inbox.page + 1 }
            return pages.render("staff/inbox", values.merging(extra) { $1 })
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await reportPage(request, context)
    }

    /// The report page; `extra` and `status` carry a form's error back onto it.
    func reportPage(
        _ request: Request,
        _ context: AppRequestContext,
        extra: [String: Any] = [:],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        do {
            let user = try desk.requireReader(context)
            let found = try await desk.report(user, id: try context.parameters.require("id"))
            let names = Dictionary(try await services.store.users().map { ("user:\($0.id)", $0.displayName) }) { a, _ in a }
            var values = frame(request, context)
            values["report"] = View.report(found.report)
            values["channelDetails"] = try await channelValues(user, found.report)
            let files = try await desk.attachments(user, reportID: found.report.id)
            values["attachments"] = Self.attachmentRows(files, reportID: found.report.id)
            values["hasAttachments"] = !files.isEmpty
            values["trail"] = found.trail.map { e in View.audit(e).merging(names[e.actor].map { ["actor": $0] } ?? [:]) { $1 } }
            values.merge(try await replyValues(user, found.report, names: names)) { $1 }
            values.merge(try await screeningValues(user, found.report, names: names)) { $1 }
            return pages.render("staff/report", values.merging(extra) { $1 }, status: status)
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }

    func adminPage(
        _ request: Request,
        _ context: AppRequestContext,
        extra: [String: Any] = [:],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let inspections = try await services.store.inspections()
        let groups = Dictionary(inspections.map { ($0.id, $0.group) }) { a, _ in a }
        var values = frame(request, context)
        values["inspections"] = inspections.map { View.inspection($0) }
        values["users"] = try await services.store.users().map {
            [
                "username": $0.username, "name": $0.displayName, "role": $0.role.displayName,
                "inspection": $0.inspectionID.flatMap { groups[$0] } ?? "—",
                "pending": $0.mustChangePassword,
            ]
        }
        values["hasInspections"] = !inspections.isEmpty
        values["defaultScope"] = Inspection.standardScope
        return pages.render("staff/admin", values.merging(extra) { $1 }, status: status)
    }

    @Sendable func createInspection(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form: [String: String] = [:]
        do {
            let admin = try desk.requireAdmin(context)
            form = try await RequestBody.form(request, context: context)
            try CSRF.check(form, request, context)
            let inspection = try await desk.createInspection(admin, try InspectionForm.draft(from: form).inspection)
            return try await adminPage(request, context, extra: ["notice": "已创建巡察：\(inspection.group)"])
        } catch let error as APIError where error.status == .unprocessableContent {
            return try await adminPage(request, context, extra: ["inspectionError": error.messageZH, "inspectionForm": form], status: error.status)
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }

    @Sendable func createUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form: [String: String] = [:]
        do {
            let admin = try desk.requireAdmin(context)
            form = try await RequestBody.form(request, context: context)
            try CSRF.check(form, request, context)
            guard let role = StaffRole(rawValue: form["role"] ?? "") else {
                throw APIError(.unprocessableContent, code: "invalid_role", zh: "请选择角色。", en: "unknown role.", field: "role")
            }
            let created = try await desk.createStaff(
                admin,
                username: form["username"] ?? "",
                displayName: form["display_name"] ?? "",
                role: role,
                inspectionID: form["inspection_id"]
            )
            return try await adminPage(
                request,
                context,
                extra: ["created": ["username": created.user.username, "password": created.oneTimePassword]]
            )
        } catch let error as APIError where [.unprocessableContent, .conflict].contains(error.status) {
            return try await adminPage(request, context, extra: ["userError": error.messageZH, "userForm": form], status: error.status)
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let w): try await transform(w)
        case .none: nil
        }
    }
}
