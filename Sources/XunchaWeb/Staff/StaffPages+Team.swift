import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaStore

/// The leader's list of who sees the inspection's reports (the two-person rule): the confirmed
/// accounts, those that wait, and the buttons that confirm or revoke them.
extension StaffPages {
    @Sendable func team(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await teamPage(context, notice: request.uri.queryParameters.get("done").flatMap(TeamPage.Done.init(rawValue:))?.notice)
    }

    @Sendable func confirmAccess(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await desk.confirmAccess(context.caller, userID: try context.parameters.require("id"))
        // After a POST, the page by GET: a reload confirms nothing twice.
        return pages.redirect(to: "/staff/team?done=confirmed")
    }

    @Sendable func revokeAccess(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await desk.revokeAccess(context.caller, userID: try context.parameters.require("id"))
        return pages.redirect(to: "/staff/team?done=revoked")
    }

    func teamPage(_ context: StaffRequestContext, notice: String?) async throws -> Response {
        let team = try await desk.team(context.caller)
        return pages.render("staff/team", TeamPage(team, me: context.user, csrf: context.session.csrfToken, notice: notice))
    }
}

struct TeamPage {
    enum Done: String {
        case confirmed, revoked
        var notice: String {
            switch self {
            case .confirmed: "已确认。该账号现在可以查看本巡察的反映。"
            case .revoked: "已撤销。该账号不能再查看本巡察的任何内容，直到重新确认。"
            }
        }
    }

    struct Line {
        var id: String
        var username: String
        var name: String
        var role: String
        var recipient: String?
        var firstLogin: Bool
        var me: Bool
    }

    var me: StaffFrame.Me
    var csrf: String
    var group: String
    var notice: String?
    var confirmed: [Line]
    var pending: [Line]
    // Stored, not computed: templates read a model's stored properties.
    var pendingCount: Int
    var hasPending: Bool
    var confirmedCount: Int

    init(_ team: StaffDesk.Team, me user: StaffUser, csrf: String, notice: String?) {
        me = StaffFrame.Me(user)
        self.csrf = csrf
        self.notice = notice
        group = team.inspection?.group ?? ""
        func line(_ account: StaffUser) -> Line {
            Line(
                id: account.id,
                username: account.username,
                name: account.displayName,
                role: account.role.displayName,
                recipient: account.recipient,
                firstLogin: account.mustChangePassword,
                me: account.id == user.id
            )
        }
        confirmed = team.confirmed.map(line)
        pending = team.pending.map(line)
        pendingCount = pending.count
        hasPending = !pending.isEmpty
        confirmedCount = confirmed.count
    }
}
