import Foundation
import XunchaCore
import XunchaStore

/// The two-person rule: who of an inspection sees its reports. The admin creates accounts; a
/// confirmed leader of the same inspection confirms them (and may revoke them); a leader of an
/// inspection that has no confirmed leader yet is confirmed by the operator at the server, who
/// holds the data folder and its key file (`xuncha user confirm`). So the web admin alone never
/// gives anyone, themselves included, a sight of a report.
extension StaffDesk {
    /// The accounts of the leader's inspection: who sees its reports, and who waits.
    public struct Team: Sendable {
        public var inspection: Inspection?
        public var confirmed: [StaffUser]
        public var pending: [StaffUser]
    }

    public func team(_ caller: Caller) async throws -> Team {
        let own = try leaderInspection(caller)
        let accounts = try await store.users().filter { $0.inspectionID == own }
        return Team(
            inspection: try await store.inspection(id: own),
            confirmed: accounts.filter { $0.access == .confirmed },
            pending: accounts.filter { $0.access != .confirmed }
        )
    }

    /// A leader confirms an account of their own inspection; the trail records it.
    @discardableResult
    public func confirmAccess(_ caller: Caller, userID: String) async throws -> StaffUser {
        try await changeAccess(caller, userID: userID, to: .confirmed)
    }

    /// A leader takes an account's sight of the inspection away (it stays, pending); not their own,
    /// so an inspection does not lose its last leader by a slip.
    @discardableResult
    public func revokeAccess(_ caller: Caller, userID: String) async throws -> StaffUser {
        try await changeAccess(caller, userID: userID, to: .pending)
    }

    private func changeAccess(_ caller: Caller, userID: String, to access: StaffAccess) async throws -> StaffUser {
        var account = try await teamAccount(caller, userID: userID)
        if access == .pending, case .staff(let me) = caller, me.id == account.id {
            throw DeskError(.conflict, code: "cannot_revoke_self", zh: "不能撤销自己的查阅权限。", en: "you cannot revoke your own access.")
        }
        guard account.access != access else { return account }
        try await store.setAccess(userID: account.id, access: access, actor: caller.auditActor, at: services.now())
        account.access = access
        return account
    }

    /// The operator at the server confirms the first leader of an inspection. Once an inspection
    /// has a confirmed leader, that leader confirms everyone else (leaders too).
    @discardableResult
    public func confirmByOperator(_ caller: Caller, username: String) async throws -> StaffUser {
        guard case .commandLine = caller else { throw DeskError.forbidden }
        try authorize(caller, .confirmAccess, inspectionID: nil)
        let name = TextLimits.trimmed(username).lowercased()
        guard var account = try await store.users().first(where: { $0.username == name }) else {
            throw DeskError(.notFound, code: "no_such_user", zh: "没有这个用户名。", en: "no account with that username.")
        }
        guard account.role == .leader, let inspectionID = account.inspectionID else {
            throw DeskError(
                .invalid,
                code: "operator_confirms_leaders_only",
                zh: "命令行只能确认尚无组长的巡察的组长；其他账号由组长在“查阅权限”页面确认。",
                en: "the command line confirms only the first leader of an inspection; its leader confirms the others."
            )
        }
        guard account.access != .confirmed else { return account }
        let leaders = try await store.users().filter { $0.inspectionID == inspectionID && $0.role == .leader && $0.access == .confirmed }
        guard leaders.isEmpty else {
            throw DeskError(
                .conflict,
                code: "leader_exists",
                zh: "该巡察已有确认的组长（\(leaders.map(\.username).joined(separator: "、"))），请由其在“查阅权限”页面确认。",
                en: "the inspection has a confirmed leader, who confirms other accounts."
            )
        }
        try await store.setAccess(userID: account.id, access: .confirmed, actor: caller.auditActor, at: services.now())
        account.access = .confirmed
        return account
    }

    /// The inspection whose accounts the caller, a confirmed leader, looks after.
    private func leaderInspection(_ caller: Caller) throws(DeskError) -> String {
        try DeskError.unlessReady(caller)
        guard case .staff(let user) = caller, let own = user.inspectionID else { throw DeskError.forbidden }
        try authorize(caller, .confirmAccess, inspectionID: own)
        return own
    }

    /// An account of the leader's own inspection; any other is "not found".
    private func teamAccount(_ caller: Caller, userID: String) async throws -> StaffUser {
        let own = try leaderInspection(caller)
        guard let account = try await store.user(id: userID), account.inspectionID == own, account.role != .admin else {
            throw DeskError.notFound
        }
        return account
    }
}
