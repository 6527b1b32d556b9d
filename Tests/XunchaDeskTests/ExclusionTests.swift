import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

/// 回避 (docs/security.md): a member a report names never sees it, its thread, its lead or its
/// referrals; the leader sees who is kept away and why, declares more and lifts a namesake's.
@Suite struct ExclusionTests {
    struct Team {
        let w: TwoPersonRuleTests.World
        let leader: Caller
        let member: Caller
        let memberID: String

        static func make(memberName: String = "周明远") async throws -> Team {
            let w = try await TwoPersonRuleTests.World.make()
            let staff = w.desks.staff
            let leader = try await w.create("leader1", .leader)
            var member = try await w.desks.admin.createStaff(
                w.admin,
                StaffAccountInput(username: "member1", displayName: memberName, role: "member", inspectionId: w.inspectionID)
            ).user
            member.mustChangePassword = false
            try await staff.confirmByOperator(.commandLine("ops"), username: "leader1")
            let confirmedLeader = try await w.reload(leader)
            try await staff.confirmAccess(.staff(confirmedLeader), userID: member.id)
            return Team(w: w, leader: .staff(confirmedLeader), member: .staff(try await w.reload(member)), memberID: member.id)
        }

        func submit(_ content: String) async throws -> String {
            let submission = Submission(channel: .web, content: content, inspectionID: w.inspectionID, receivedAt: Date())
            return try await w.desks.intake.take(submission, caller: .system, ReportIntake.Extras(issueQueryCode: false)).reportID
        }
    }

    @Test func aMemberTheReportNamesNeverSeesItAndTheLeaderSeesWhy() async throws {
        let t = try await Team.make()
        let staff = t.w.desks.staff
        let named = try await t.submit("反映巡察组借调人员周明远曾在被巡察单位任职期间违规收受礼金，请组织核查。")
        let other = try await t.submit("反映该局办公室主任违规使用公车接送家属，时间是今年三月以来。")

        let inbox = try await staff.inbox(t.member).reports.map(\.id)
        #expect(!inbox.contains(named) && inbox.contains(other))
        await #expect(throws: DeskError.notFound) { _ = try await staff.report(t.member, id: named) }
        await #expect(throws: DeskError.notFound) { _ = try await staff.openAttachment(t.member, reportID: named, ordinal: 0) }

        let file = try await staff.report(t.leader, id: named)
        #expect(file.exclusions == [ReportExclusion(reportID: named, userID: t.memberID, kind: .named, reason: "周明远")])
        #expect(file.exclusions[0].chineseReason.contains("反映中出现其姓名（周明远）"))
        #expect(!file.colleagues.contains { $0.id == t.memberID }, "a kept-away member is not offered for assignment")
        let refused = await #expect(throws: DeskError.self) {
            try await staff.assign(t.leader, reportID: named, AssignmentInput(assigneeId: t.memberID))
        }
        #expect(refused?.code == "assignee_excluded")

        // A namesake: the leader lifts it, with a reason, and the member sees the report again.
        _ = try await staff.decideExclusion(t.leader, reportID: named, ExclusionInput(userId: t.memberID, reason: "同名，非本人", lift: true))
        #expect(try await staff.report(t.member, id: named).report.id == named)
        #expect(try await staff.inbox(t.member).reports.map(\.id).contains(named))

        // Declared on a report that does not name the member: kept away, and no longer its handler.
        try await staff.assign(t.leader, reportID: other, AssignmentInput(assigneeId: t.memberID))
        let after = try await staff.decideExclusion(t.leader, reportID: other, ExclusionInput(userId: t.memberID, reason: "与被反映人系亲属"))
        #expect(after.map(\.kind) == [.declared])
        #expect(try await t.w.store.report(id: other)?.assigneeID == nil)
        await #expect(throws: DeskError.notFound) { _ = try await staff.report(t.member, id: other) }

        let trail = try await t.w.store.auditEvents(subject: .report, id: other).map(\.knownAction)
        #expect(trail.contains(.exclusionDeclared) && trail.last == .reportAssigned)
        #expect(try await t.w.store.auditEvents(subject: .report, id: named).map(\.knownAction).contains(.exclusionLifted))
        try await t.w.close()
    }

    @Test func anAccountMadeAfterTheReportIsKeptAwayFromItToo() async throws {
        let t = try await Team.make(memberName: "示例组员")
        let staff = t.w.desks.staff
        let named = try await t.submit("反映有人说吴海燕在工程验收中收受好处费，具体情况请核实。")
        var late = try await t.w.desks.admin.createStaff(
            t.w.admin,
            StaffAccountInput(username: "member2", displayName: "吴海燕", role: "member", inspectionId: t.w.inspectionID)
        ).user
        late.mustChangePassword = false
        guard case .staff(let leader) = t.leader else { return }
        try await staff.confirmAccess(.staff(leader), userID: late.id)
        let caller = Caller.staff(try await t.w.reload(late))
        await #expect(throws: DeskError.notFound) { _ = try await staff.report(caller, id: named) }
        #expect(try await staff.report(t.member, id: named).report.id == named)
        try await t.w.close()
    }

    @Test func onlyTheLeaderDecidesAndOnlyForItsOwnMembersWithAReason() async throws {
        let t = try await Team.make()
        let staff = t.w.desks.staff
        let report = try await t.submit("反映该局财务科长报销不实，多次虚开发票。")
        await #expect(throws: DeskError.forbidden) {
            _ = try await staff.decideExclusion(t.member, reportID: report, ExclusionInput(userId: t.memberID, reason: "理由"))
        }
        let empty = await #expect(throws: DeskError.self) {
            _ = try await staff.decideExclusion(t.leader, reportID: report, ExclusionInput(userId: t.memberID, reason: "  "))
        }
        #expect(empty?.code == "reason_required")
        let long = await #expect(throws: DeskError.self) {
            _ = try await staff.decideExclusion(
                t.leader,
                reportID: report,
                ExclusionInput(userId: t.memberID, reason: String(repeating: "长", count: Decision.maxReasonLength + 1))
            )
        }
        #expect(long?.field == "reason")
        let stranger = await #expect(throws: DeskError.self) {
            _ = try await staff.decideExclusion(t.leader, reportID: report, ExclusionInput(userId: "nobody", reason: "理由"))
        }
        #expect(stranger?.code == "unknown_member")
        let notExcluded = await #expect(throws: DeskError.self) {
            _ = try await staff.decideExclusion(t.leader, reportID: report, ExclusionInput(userId: t.memberID, reason: "理由", lift: true))
        }
        #expect(notExcluded?.code == "not_excluded")
        #expect(try await staff.report(t.leader, id: report).exclusions.isEmpty)
        try await t.w.close()
    }
}
