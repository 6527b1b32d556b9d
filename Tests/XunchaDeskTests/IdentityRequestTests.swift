import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

/// Seeing a named reporter (docs/security.md): a member asks with a reason, the leader approves,
/// the member sees the identity once, under their own name; every step is in the trail.
@Suite struct IdentityRequestTests {
    @Test func anApprovedRequestOpensTheIdentityOnceForItsMember() async throws {
        let t = try await ExclusionTests.Team.make(memberName: "示例组员")
        let staff = t.w.desks.staff
        let submission = Submission(
            channel: .web,
            content: "反映该局办公室主任违规报销，请核查。",
            reporter: ReporterIdentity(name: "赵示例", phone: "13700000000"),
            inspectionID: t.w.inspectionID,
            receivedAt: Date()
        )
        let report = try await t.w.desks.intake.take(submission, caller: .system, ReportIntake.Extras(issueQueryCode: false)).reportID

        await #expect(throws: DeskError.forbidden) { _ = try await staff.revealIdentity(t.member, reportID: report) }
        let noReason = await #expect(throws: DeskError.self) {
            _ = try await staff.requestIdentity(t.member, reportID: report, IdentityRequestInput(reason: " "))
        }
        #expect(noReason?.code == "reason_required")
        let request = try await staff.requestIdentity(t.member, reportID: report, IdentityRequestInput(reason: "需电话回访核实细节"))
        #expect(request.state == .pending)
        let twice = await #expect(throws: DeskError.self) {
            _ = try await staff.requestIdentity(t.member, reportID: report, IdentityRequestInput(reason: "再次申请"))
        }
        #expect(twice?.code == "identity_request_changed")
        #expect(try await staff.report(t.member, id: report).mayRequestIdentity == false)
        // Still not before the leader's approval; and only the leader approves.
        await #expect(throws: DeskError.forbidden) { _ = try await staff.revealIdentity(t.member, reportID: report) }
        await #expect(throws: DeskError.forbidden) {
            _ = try await staff.decideIdentityRequest(t.member, reportID: report, requestID: request.id, IdentityDecisionInput(approve: true))
        }
        let approved = try await staff.decideIdentityRequest(
            t.leader,
            reportID: report,
            requestID: request.id,
            IdentityDecisionInput(approve: true, note: "同意回访")
        )
        #expect(approved.state == .approved && approved.note == "同意回访")

        let seen = try await staff.revealIdentity(t.member, reportID: report)
        #expect(seen.identity?.phone == "13700000000" && seen.viewedBy == "示例组员")
        await #expect(throws: DeskError.forbidden) { _ = try await staff.revealIdentity(t.member, reportID: report) }
        #expect(try await t.w.store.identityRequests(reportID: report).map(\.state) == [.used])
        // Used, the member may ask again.
        #expect(try await staff.report(t.member, id: report).mayRequestIdentity)

        let trail = try await t.w.store.auditEvents(subject: .report, id: report)
        let steps = trail.compactMap(\.knownAction).filter {
            [.identityRequested, .identityRequestApproved, .reportIdentityViewed].contains($0)
        }
        #expect(steps == [.identityRequested, .identityRequestApproved, .reportIdentityViewed])
        #expect(trail.last?.detail == "identity request \(request.id)")
        try await t.w.close()
    }

    @Test func aRefusedRequestOpensNothingAndIsDecidedOnce() async throws {
        let t = try await ExclusionTests.Team.make(memberName: "示例组员")
        let staff = t.w.desks.staff
        let report = try await t.submit("反映该局基建科长在工程验收中收受好处。")
        let request = try await staff.requestIdentity(t.member, reportID: report, IdentityRequestInput(reason: "核实"))
        let refused = try await staff.decideIdentityRequest(t.leader, reportID: report, requestID: request.id, IdentityDecisionInput(approve: false))
        #expect(refused.state == .refused)
        await #expect(throws: DeskError.forbidden) { _ = try await staff.revealIdentity(t.member, reportID: report) }
        let again = await #expect(throws: DeskError.self) {
            _ = try await staff.decideIdentityRequest(t.leader, reportID: report, requestID: request.id, IdentityDecisionInput(approve: true))
        }
        #expect(again?.code == "identity_request_changed")
        let other = try await t.submit("反映该局车队队长公车私用。")
        await #expect(throws: DeskError.notFound) {
            _ = try await staff.decideIdentityRequest(t.leader, reportID: other, requestID: request.id, IdentityDecisionInput(approve: true))
        }
        try await t.w.close()
    }
}
