import Crypto
import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

/// What staff can do, shared by the console and the API; every permission check lives here.
struct StaffDesk: Sendable {
    let services: AppServices
    static let pageSize = 50

    struct Login: Sendable {
        var token: String
        var session: StaffSession
        var user: StaffUser
    }

    func login(username: String, password: String, _ context: AppRequestContext) async throws -> Login {
        let tag = try await services.checkThrottle("login", context)
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard let found = try await services.store.userCredentials(username: name),
            try await services.verifyPassword(password, hash: found.passwordHash)
        else {
            try await services.penalise(tag)
            throw APIError(.unauthorized, code: "bad_credentials", zh: "用户名或密码不正确。", en: "wrong username or password.")
        }
        await services.throttle.recordSuccess(tag)
        let token = CSRF.randomToken()
        let session = StaffSession(
            tokenHash: StaffSessionMiddleware.tokenHash(token),
            userID: found.user.id,
            csrfToken: CSRF.randomToken(),
            expiresAt: services.now().addingTimeInterval(services.configuration.sessionLifetime)
        )
        try await services.store.createSession(session, at: services.now())
        return Login(token: token, session: session, user: found.user)
    }

    func logout(_ context: AppRequestContext) async throws {
        if let session = context.session { try await services.store.deleteSession(tokenHash: session.tokenHash, at: services.now()) }
    }

    func requireStaff(_ context: AppRequestContext) throws -> StaffUser {
        guard let user = context.staff else { throw APIError.unauthorized }
        return user
    }

    /// Staff who must change an issued password may do nothing else first.
    func requireActiveStaff(_ context: AppRequestContext) throws -> StaffUser {
        let user = try requireStaff(context)
        if user.mustChangePassword {
            throw APIError(.forbidden, code: "password_change_required", zh: "请先修改初始密码。", en: "change your one-time password first.")
        }
        return user
    }

    func requireReader(_ context: AppRequestContext) throws -> StaffUser {
        let user = try requireActiveStaff(context)
        guard user.role.canReadReports else { throw APIError.forbidden }
        return user
    }

    func requireAdmin(_ context: AppRequestContext) throws -> StaffUser {
        let user = try requireActiveStaff(context)
        guard user.role.canManageAccounts else { throw APIError.forbidden }
        return user
    }

    struct Inbox: Sendable {
        var reports: [Report]
        var total: Int
        var page: Int
        var pageCount: Int
    }

    func inbox(_ user: StaffUser, page: Int) async throws -> Inbox {
        let total = try await services.store.reportCount(inspectionID: user.inspectionID ?? "", includeUnassigned: true)
        let pageCount = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        let page = min(max(1, page), pageCount)
        let reports = try await services.store.reports(
            inspectionID: user.inspectionID ?? "",
            includeUnassigned: true,
            limit: Self.pageSize,
            offset: (page - 1) * Self.pageSize
        )
        return Inbox(reports: reports, total: total, page: page, pageCount: pageCount)
    }

    func report(_ user: StaffUser, id: String) async throws -> (report: Report, trail: [AuditEvent]) {
        guard let report = try await services.store.report(id: id), user.mayRead(report) else { throw APIError.notFound }
        return (report, try await services.store.auditEvents(subjectType: "report", subjectID: id))
    }

    func createInspection(_ user: StaffUser, _ draft: Inspection) async throws -> Inspection {
        guard user.role.canManageInspections else { throw APIError.forbidden }
        var inspection: Inspection
        do {
            inspection = try draft.validated()
        } catch {
            throw APIError(.unprocessableContent, error)
        }
        inspection.id = UUID().uuidString.lowercased()
        try await services.store.createInspection(inspection, actor: "user:\(user.id)", at: services.now())
        return inspection
    }

    /// Creates a staff account with a one-time password the new user must change at first login.
    func createStaff(
        _ admin: StaffUser,
        username: String,
        displayName: String,
        role: StaffRole,
        inspectionID: String?
    ) async throws -> (user: StaffUser, oneTimePassword: String) {
        guard admin.role.canManageAccounts else { throw APIError.forbidden }
        let name: String
        do {
            name = try StaffUser.validatedUsername(username)
        } catch {
            throw APIError(.unprocessableContent, error)
        }
        let inspection = inspectionID.flatMap { $0.isEmpty ? nil : $0 }
        if role != .admin {
            guard let inspection, try await services.store.inspection(id: inspection) != nil else {
                throw APIError(
                    .unprocessableContent,
                    code: "inspection_required",
                    zh: "组长和组员必须指定所在的巡察。",
                    en: "leaders and members need an existing inspection_id.",
                    field: "inspection_id"
                )
            }
        }
        let display = displayName.trimmingCharacters(in: .whitespaces)
        let user = StaffUser(
            id: UUID().uuidString.lowercased(),
            username: name,
            displayName: display.isEmpty ? name : String(display.prefix(50)),
            role: role,
            inspectionID: role == .admin ? nil : inspection,
            mustChangePassword: true
        )
        let password = Self.oneTimePassword()
        do {
            try await services.store.createUser(
                user,
                passwordHash: try await services.hashPassword(password),
                actor: "user:\(admin.id)",
                at: services.now()
            )
        } catch StoreError.duplicateUsername {
            throw APIError(.conflict, code: "username_taken", zh: "该用户名已被使用。", en: "username already taken.", field: "username")
        }
        return (user, password)
    }

    func changePassword(_ user: StaffUser, current: String, new: String) async throws {
        guard let found = try await services.store.userCredentials(username: user.username),
            try await services.verifyPassword(current, hash: found.passwordHash)
        else {
            throw APIError(.unprocessableContent, code: "bad_credentials", zh: "当前密码不正确。", en: "current password is wrong.", field: "current")
        }
        let checked: String
        do {
            checked = try StaffUser.validatedPassword(new)
        } catch {
            throw APIError(.unprocessableContent, error)
        }
        if checked == current {
            throw APIError(
                .unprocessableContent,
                code: "same_password",
                zh: "新密码不能与原密码相同。",
                en: "new password equals the old one.",
                field: "password"
            )
        }
        try await services.store.setPassword(
            userID: user.id,
            passwordHash: try await services.hashPassword(checked),
            mustChange: false,
            actor: "user:\(user.id)",
            at: services.now()
        )
    }

    /// Twenty characters from an alphabet without look-alikes (0/O, 1/l/I), easy to type once.
    static func oneTimePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet.randomElement(using: &rng)! })
    }
}
