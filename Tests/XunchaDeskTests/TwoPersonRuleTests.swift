import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

/// The two-person rule (docs/security.md): whom the admin creates sees nothing of an inspection
/// until a confirmed leader of it confirms them; the first leader is confirmed only at the server.
@Suite struct TwoPersonRuleTests {
    /// An installation with an inspection, its admin and a report in it.
    struct World {
        let installation: TemporaryInstallation
        let store: SQLStore
        let desks: DeskServices
        let admin: Caller
        let inspectionID: String

        static func make() async throws -> World {
            let installation = try TemporaryInstallation()
            let store = try await installation.open()
            let desks = installation.desks(store)
            let adminUser = try await desks.admin.createStaff(.system, StaffAccountInput(username: "root", role: "admin")).user
            var ready = adminUser
            ready.mustChangePassword = false
            let inspection = DemoData.inspection
            try await desks.admin.createInspection(.system, keeping: inspection)
            for submission in DemoData.submissions(inspectionID: inspection.id).prefix(1) {
                _ = try await desks.intake.take(submission, caller: .system, ReportIntake.Extras(issueQueryCode: false))
            }
            return World(installation: installation, store: store, desks: desks, admin: .staff(ready), inspectionID: inspection.id)
        }

        /// An account the admin creates, as it acts once its one-time password is changed.
        func create(_ username: String, _ role: StaffRole, inspection: String? = nil) async throws -> StaffUser {
            var user = try await desks.admin.createStaff(
                admin,
                StaffAccountInput(username: username, role: role.rawValue, inspectionId: inspection ?? inspectionID)
            ).user
            user.mustChangePassword = false
            return user
        }

        /// The account as the store has it now, acting after its password change.
        func reload(_ user: StaffUser) async throws -> StaffUser {
            var fresh = try #require(try await store.user(id: user.id))
            fresh.mustChangePassword = false
            return fresh
        }

        func close() async throws {
            try await store.close()
            installation.remove()
        }
    }

    @Test func anAccountTheAdminCreatesSeesNothingUntilItsLeaderConfirmsIt() async throws {
        let w = try await World.make()
        let staff = w.desks.staff
        let leader = try await w.create("leader1", .leader)
        let member = try await w.create("member1", .member)
        #expect(leader.access == .pending && member.access == .pending)
        // Pending: no inbox, no report, no leads, no ledger, no statistics, no colleagues.
        for caller in [Caller.staff(leader), .staff(member)] {
            await #expect(throws: DeskError.accessPending) { _ = try await staff.inbox(caller) }
            let reportID = try #require(try await w.store.inbox(InboxQuery(inspectionID: w.inspectionID)).reports.first?.id)
            await #expect(throws: DeskError.accessPending) { _ = try await staff.report(caller, id: reportID) }
            await #expect(throws: DeskError.accessPending) { _ = try await staff.leads(caller) }
            await #expect(throws: DeskError.accessPending) { _ = try await staff.statistics(caller) }
            #expect(try await staff.colleagues(caller).isEmpty)
        }
        // The admin cannot confirm anyone, nor see the list.
        await #expect(throws: DeskError.self) { try await staff.confirmAccess(w.admin, userID: member.id) }
        await #expect(throws: DeskError.self) { _ = try await staff.team(w.admin) }
        // A pending leader cannot confirm anyone, themselves included.
        await #expect(throws: DeskError.accessPending) { try await staff.confirmAccess(.staff(leader), userID: member.id) }
        await #expect(throws: DeskError.accessPending) { try await staff.confirmAccess(.staff(leader), userID: leader.id) }

        // The operator at the server confirms the first leader; the leader, the member.
        try await staff.confirmByOperator(.commandLine("ops"), username: "leader1")
        let confirmedLeader = try await w.reload(leader)
        #expect(confirmedLeader.access == .confirmed)
        let team = try await staff.team(.staff(confirmedLeader))
        #expect(team.confirmed.map(\.username) == ["leader1"])
        #expect(team.pending.map(\.username) == ["member1"])
        try await staff.confirmAccess(.staff(confirmedLeader), userID: member.id)
        let confirmedMember = try await w.reload(member)
        #expect(try await staff.inbox(.staff(confirmedMember)).reports.count == 1)

        // Revoked, the member sees nothing again; a leader cannot revoke themselves.
        try await staff.revokeAccess(.staff(confirmedLeader), userID: member.id)
        await #expect(throws: DeskError.accessPending) { _ = try await staff.inbox(.staff(try await w.reload(member))) }
        await #expect(throws: DeskError.self) { try await staff.revokeAccess(.staff(confirmedLeader), userID: leader.id) }

        // Every confirmation and revocation is in the trail, by whom.
        let trail = try await w.store.auditEvents(afterSeq: 0, limit: 1000)
        let events = trail.filter { [.staffAccessConfirmed, .staffAccessRevoked].contains($0.knownAction) }
        #expect(events.map(\.knownAction) == [.staffAccessConfirmed, .staffAccessConfirmed, .staffAccessRevoked])
        #expect(events.map(\.actor) == ["cli:ops", "user:\(leader.id)", "user:\(leader.id)"])
        try await w.close()
    }

    @Test func theOperatorConfirmsOnlyTheFirstLeaderOfAnInspection() async throws {
        let w = try await World.make()
        let staff = w.desks.staff
        _ = try await w.create("leader1", .leader)
        let second = try await w.create("leader2", .leader)
        let member = try await w.create("member1", .member)
        // Not a member, not an unknown name, not from a staff account.
        await #expect(throws: DeskError.self) { try await staff.confirmByOperator(.commandLine("ops"), username: "member1") }
        await #expect(throws: DeskError.self) { try await staff.confirmByOperator(.commandLine("ops"), username: "nobody") }
        await #expect(throws: DeskError.self) { try await staff.confirmByOperator(w.admin, username: "leader1") }
        try await staff.confirmByOperator(.commandLine("ops"), username: "LEADER1")
        // Once there is a confirmed leader, the leader confirms the second.
        let refused = await #expect(throws: DeskError.self) { try await staff.confirmByOperator(.commandLine("ops"), username: "leader2") }
        #expect(refused?.code == "leader_exists")
        let leader = try #require(try await w.store.users().first { $0.username == "leader1" })
        var acting = leader
        acting.mustChangePassword = false
        try await staff.confirmAccess(.staff(acting), userID: second.id)
        // A leader of another inspection cannot confirm across.
        var other = DemoData.inspection
        other.id = "other-inspection"
        try await w.desks.admin.createInspection(.system, keeping: other)
        let foreign = try await w.create("leader9", .leader, inspection: other.id)
        try await staff.confirmByOperator(.commandLine("ops"), username: "leader9")
        await #expect(throws: DeskError.notFound) { try await staff.confirmAccess(.staff(try await w.reload(foreign)), userID: member.id) }
        try await w.close()
    }

    @Test func theAdminsResetMakesAnAccountPendingAndEndsItsSessions() async throws {
        let w = try await World.make()
        let staff = w.desks.staff
        let leader = try await w.create("leader1", .leader)
        let member = try await w.create("member1", .member)
        try await staff.confirmByOperator(.commandLine("ops"), username: "leader1")
        try await staff.confirmAccess(.staff(try await w.reload(leader)), userID: member.id)
        let session = StaffSession(tokenHash: "t", userID: member.id, csrfToken: "c", expiresAt: Date().addingTimeInterval(3600))
        try await w.store.createSession(session, at: Date())

        let reset = try await w.desks.admin.resetAccount(w.admin, userID: member.id)
        #expect(reset.user.access == .pending && reset.user.mustChangePassword)
        let stored = try #require(try await w.store.user(id: member.id))
        #expect(stored.access == .pending && stored.mustChangePassword)
        #expect(try await w.store.session(tokenHash: "t") == nil)
        // The new one-time password works; the admin knows it, and still sees nothing.
        #expect(try await w.desks.staff.login(LoginInput(username: "member1", password: reset.oneTimePassword), client: nil).user.id == member.id)
        await #expect(throws: DeskError.accessPending) { _ = try await staff.inbox(.staff(try await w.reload(member))) }
        // Only the admin resets, and not their own account.
        await #expect(throws: DeskError.self) { _ = try await w.desks.admin.resetAccount(.staff(try await w.reload(leader)), userID: member.id) }
        guard case .staff(let admin) = w.admin else { return }
        await #expect(throws: DeskError.self) { _ = try await w.desks.admin.resetAccount(w.admin, userID: admin.id) }
        let trail = try await w.store.auditEvents(afterSeq: 0, limit: 1000)
        #expect(trail.contains { $0.knownAction == .staffPasswordReset && $0.subjectID == member.id })
        try await w.close()
    }
}
