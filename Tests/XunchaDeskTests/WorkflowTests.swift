import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

/// The group's work after screening at the desk: register numbers, proposals the leader approves
/// or returns, leads gathering accepted reports by person, referrals with the reporter masked
/// out, repeats joining threads, reopening, assignment and the clocks.
@Suite struct WorkflowTests {
    static let inspection = Inspection(
        id: "insp-w",
        group: "市委第四巡察组",
        units: ["市财政局"],
        periodStart: CivilDate(year: 2024, month: 3, day: 1)!,
        periodEnd: CivilDate(year: 2024, month: 5, day: 31)!,
        deadline: CivilDate(year: 2024, month: 5, day: 31)!,
        repliesEnabled: true
    )
    static let other = Inspection(
        id: "insp-other",
        group: "市委第五巡察组",
        units: ["市教育局"],
        periodStart: CivilDate(year: 2024, month: 3, day: 1)!,
        periodEnd: CivilDate(year: 2024, month: 5, day: 31)!,
        deadline: CivilDate(year: 2024, month: 5, day: 31)!
    )
    /// Monday 11 March 2024, 10:00 in Beijing.
    static let monday = Date(timeIntervalSince1970: 1_710_122_400)
    static let leader = StaffUser(id: "l1", username: "zuzhang", displayName: "组长甲", role: .leader, inspectionID: "insp-w", mustChangePassword: false)
    static let member = StaffUser(id: "m1", username: "zuyuan", displayName: "组员乙", role: .member, inspectionID: "insp-w", mustChangePassword: false)
    static let outsider = StaffUser(
        id: "o1",
        username: "wuzu",
        displayName: "五组组员",
        role: .member,
        inspectionID: "insp-other",
        mustChangePassword: false
    )
    static let director = RosterPerson(name: "王建国", unit: "市财政局", post: "党组书记、局长")
    static let deputy = RosterPerson(name: "李明", unit: "市财政局", post: "副局长")

    /// A store with the two inspections, their staff and the roster, and desks on a clock `now`.
    struct World {
        let installation: TemporaryInstallation
        let store: SQLStore
        let desks: DeskServices

        init(now: Date = WorkflowTests.monday) async throws {
            installation = try TemporaryInstallation()
            store = try await installation.open()
            try await store.createInspection(WorkflowTests.inspection, actor: .system, at: now)
            try await store.createInspection(WorkflowTests.other, actor: .system, at: now)
            for user in [WorkflowTests.leader, WorkflowTests.member, WorkflowTests.outsider] {
                try await store.createUser(user, passwordHash: "-", actor: .system, at: now)
            }
            try await store.replaceRoster(
                inspectionID: WorkflowTests.inspection.id,
                people: [WorkflowTests.director, WorkflowTests.deputy],
                source: "t",
                actor: .system,
                at: now
            )
            desks = installation.desks(store, now: { now })
        }

        func submit(
            _ content: String,
            reporter: ReporterIdentity = ReporterIdentity(),
            inspectionID: String? = WorkflowTests.inspection.id,
            at: Date = WorkflowTests.monday
        )
            async throws -> Report
        {
            let receipt = try await desks.intake.take(
                Submission(channel: .web, content: content, reporter: reporter, inspectionID: inspectionID, receivedAt: at),
                caller: .system,
                .init(issueQueryCode: true)
            )
            return try #require(try await store.report(id: receipt.reportID))
        }

        func close() async throws {
            try await store.close()
            installation.remove()
        }
    }

    /// Runs `body` on a new world and closes its store whatever happens: an open SQLite
    /// connection must be closed before it is released.
    static func withWorld(now: Date = monday, _ body: (World) async throws -> Void) async throws {
        let w = try await World(now: now)
        do {
            try await body(w)
            try await w.close()
        } catch {
            try? await w.close()
            throw error
        }
    }

    @Test func reportsAreNumberedPerInspectionInArrivalOrderAndClaimedOnesNext() async throws {
        try await Self.withWorld { w in
            let first = try await w.submit("市财政局局长王建国收受购物卡。")
            let second = try await w.submit("市财政局副局长李明违规公款吃喝。", at: Self.monday.addingTimeInterval(60))
            let elsewhere = try await w.submit("市教育局某校长违规收费。", inspectionID: Self.other.id)
            #expect(first.number == "市四巡〔2024〕第001号")
            #expect(second.number == "市四巡〔2024〕第002号")
            #expect(elsewhere.number == "市五巡〔2024〕第001号")
            // Sent with no inspection while two are open: no number until the leader claims it.
            let loose = try await w.submit("反映有人违规。", inspectionID: nil)
            #expect(loose.number == nil)
            await #expect(throws: DeskError.self) { try await w.desks.staff.claim(.staff(Self.member), reportID: loose.id) }
            try await w.desks.staff.claim(.staff(Self.leader), reportID: loose.id)
            #expect(try await w.store.report(id: loose.id)?.number == "市四巡〔2024〕第003号")
            await #expect(throws: DeskError.self) { try await w.desks.staff.claim(.staff(Self.leader), reportID: loose.id) }
        }
    }

    @Test func aMembersProposalChangesNothingUntilTheLeaderApprovesIt() async throws {
        try await Self.withWorld { w in
            let report = try await w.submit("市财政局局长王建国2024年春节收受下属单位购物卡三万元，有转账记录。")
            let staff = w.desks.staff
            let proposed = try await staff.propose(.staff(Self.member), reportID: report.id, DecisionInput(outcome: "accept"))
            #expect(proposed.state == .proposed)
            #expect(try await w.store.report(id: report.id)?.status == .received)
            // A member approves nothing, not even their own proposal.
            await #expect(throws: DeskError.self) { _ = try await staff.approve(.staff(Self.member), reportID: report.id, ReviewInput()) }
            let approved = try await staff.approve(.staff(Self.leader), reportID: report.id, ReviewInput(reason: "同意"))
            #expect(approved.state == .approved && approved.reviewedBy == "user:l1" && approved.reviewComment == "同意")
            #expect(try await w.store.report(id: report.id)?.status == .accepted)
            // The lead is about the director, from the roster, and being the unit's principal it is the leader's alone.
            let leadID = try #require(approved.leadID)
            let lead = try #require(try await w.store.lead(id: leadID))
            #expect(lead.subject.name == "王建国" && lead.number == "市四巡线〔2024〕第01号" && lead.reportIDs == [report.id])
            #expect(lead.aboutPrincipal)
            #expect(try await staff.leads(.staff(Self.member)).isEmpty)
            #expect(try await staff.leads(.staff(Self.leader)).map(\.id) == [lead.id])
            // Once in force, no member overrules it: the leader must reopen first.
            let refused = await #expect(throws: DeskError.self) {
                _ = try await staff.propose(.staff(Self.member), reportID: report.id, DecisionInput(outcome: "file", reason: "已有类似"))
            }
            #expect(refused?.code == "decision_in_force")
            let trail = try await w.store.auditEvents(subject: .report, id: report.id).map(\.action)
            // Approving opens the identity, as the system, to mask it out of the lead's summary.
            #expect(
                trail.suffix(3) == [
                    AuditAction.decisionProposed.rawValue, AuditAction.reportIdentityViewed.rawValue, AuditAction.decisionApproved.rawValue,
                ]
            )
        }
    }

    @Test func acceptedReportsAboutOnePersonGatherInOneLead() async throws {
        try await Self.withWorld { w in
            let first = try await w.submit("反映市财政局副局长李明违规公款吃喝。")
            let second = try await w.submit("李明副局长让下属报销私人旅游费用。", at: Self.monday.addingTimeInterval(600))
            let staff = w.desks.staff
            let a = try await staff.propose(.staff(Self.leader), reportID: first.id, DecisionInput(outcome: "accept"))
            let b = try await staff.propose(.staff(Self.leader), reportID: second.id, DecisionInput(outcome: "accept"))
            #expect(a.state == .approved, "the leader's own proposal is approved as it is made")
            #expect(a.leadID == b.leadID)
            let leadID = try #require(a.leadID)
            let lead = try #require(try await w.store.lead(id: leadID))
            #expect(lead.reportIDs == [first.id, second.id] && !lead.aboutPrincipal)
            #expect(try await staff.leads(.staff(Self.member)).count == 1)
        }
    }

    @Test func reportsThatNameNobodyAreNotGatheredIntoOneLead() async throws {
        try await Self.withWorld { w in
            let first = try await w.submit("单位有人收受红包。")
            let second = try await w.submit("单位有人公款吃喝。", at: Self.monday.addingTimeInterval(60))
            let a = try await w.desks.staff.propose(.staff(Self.leader), reportID: first.id, DecisionInput(outcome: "accept", reason: "待核实"))
            let b = try await w.desks.staff.propose(.staff(Self.leader), reportID: second.id, DecisionInput(outcome: "accept", reason: "待核实"))
            #expect(a.leadID != nil && b.leadID != nil && a.leadID != b.leadID)
        }
    }

    @Test func aLeadIsAboutThePersonNamedNotTheRosterPersonOfTheSamePost() async throws {
        try await Self.withWorld { w in
            let director = try await w.submit("市财政局局长王建国收受购物卡。")
            let named = try await w.submit("市财政局局长张某某收受装修公司红包。", at: Self.monday.addingTimeInterval(60))
            let onTheForm = try await w.desks.intake.take(
                Submission(
                    channel: .web,
                    content: "市财政局局长违规公款吃喝。",
                    subjects: [Subject(name: "赵某某", unit: "市财政局", post: "局长")],
                    inspectionID: Self.inspection.id,
                    receivedAt: Self.monday.addingTimeInterval(120)
                ),
                caller: .system,
                .init(issueQueryCode: true)
            )
            var subjects: [String] = []
            for id in [director.id, named.id, onTheForm.reportID] {
                let decision = try await w.desks.staff.propose(.staff(Self.leader), reportID: id, DecisionInput(outcome: "accept", reason: "待核实"))
                let leadID = try #require(decision.leadID)
                subjects.append(try #require(try await w.store.lead(id: leadID)).subject.name)
            }
            #expect(subjects == ["王建国", "张某某", "赵某某"])
        }
    }

    @Test func aReturnNeedsAReasonAndTheMemberProposesAgain() async throws {
        try await Self.withWorld { w in
            let report = try await w.submit("反映市财政局某科室工作作风问题。")
            let staff = w.desks.staff
            _ = try await staff.propose(.staff(Self.member), reportID: report.id, DecisionInput(outcome: "file", reason: "一般工作作风问题"))
            let noReason = await #expect(throws: DeskError.self) {
                _ = try await staff.returnProposal(.staff(Self.leader), reportID: report.id, ReviewInput(reason: "  "))
            }
            #expect(noReason?.code == "reason_required")
            let returned = try await staff.returnProposal(.staff(Self.leader), reportID: report.id, ReviewInput(reason: "请核实是否涉及领导班子成员"))
            #expect(returned.state == .returned)
            let again = try await staff.propose(
                .staff(Self.member),
                reportID: report.id,
                DecisionInput(outcome: "refer", reason: "属一般工作问题", recipient: "市财政局")
            )
            #expect(again.state == .proposed && again.ordinal == 1)
            #expect(try await w.store.decisions(reportID: report.id).map(\.state) == [.returned, .proposed])
        }
    }

    @Test func aReferralIsDraftedWithTheReporterMaskedOutAndDueInFiveWorkingDays() async throws {
        try await Self.withWorld { w in
            let report = try await w.submit(
                "我叫赵秀英，电话13912345678，住幸福小区3栋2单元501室。反映市财政局办公室违规发放补贴。",
                reporter: ReporterIdentity(name: "赵秀英", phone: "13912345678")
            )
            let staff = w.desks.staff
            let noRecipient = await #expect(throws: DeskError.self) {
                _ = try await staff.propose(.staff(Self.leader), reportID: report.id, DecisionInput(outcome: "refer", reason: "一般问题"))
            }
            #expect(noRecipient?.code == "recipient_required")
            _ = try await staff.propose(.staff(Self.leader), reportID: report.id, DecisionInput(outcome: "refer", reason: "一般问题", recipient: "市财政局"))
            let referral = try #require(try await w.store.referrals(reportID: report.id).first)
            #expect(referral.state == .draft && referral.recipient == "市财政局" && referral.number == "市四巡转〔2024〕第01号")
            for secret in ["赵秀英", "13912345678", "3栋2单元501室"] {
                #expect(!referral.content.contains(secret), "\(secret) would leave with the referral")
            }
            #expect(referral.content.contains("违规发放补贴"))
            // Monday 11 March + 5 working days = Monday 18 March.
            #expect(referral.sendDue == CivilDate(year: 2024, month: 3, day: 18))
            // Reopening cancels the unsent referral and the report waits for a new decision.
            try await staff.reopen(.staff(Self.leader), reportID: report.id, ReviewInput(reason: "需补充核实"))
            #expect(try await w.store.referrals(reportID: report.id).first?.state == .cancelled)
            #expect(try await w.store.report(id: report.id)?.status == .received)
            await #expect(throws: DeskError.self) { try await staff.reopen(.staff(Self.member), reportID: report.id, ReviewInput(reason: "x")) }
        }
    }

    @Test func aRepeatJoinsTheThreadOfTheReportItRepeats() async throws {
        try await Self.withWorld { w in
            let first = try await w.submit("反映市财政局副局长李明违规公款吃喝。")
            let repeatReport = try await w.submit("再次反映：市财政局副局长李明违规公款吃喝。", at: Self.monday.addingTimeInterval(3600))
            let staff = w.desks.staff
            let unknown = await #expect(throws: DeskError.self) {
                _ = try await staff.propose(
                    .staff(Self.leader),
                    reportID: repeatReport.id,
                    DecisionInput(outcome: "duplicate", reason: "同一事项", duplicateOf: "第099号")
                )
            }
            #expect(unknown?.code == "unknown_earlier_report")
            let itself = await #expect(throws: DeskError.self) {
                _ = try await staff.propose(
                    .staff(Self.leader),
                    reportID: repeatReport.id,
                    DecisionInput(outcome: "duplicate", reason: "同一事项", duplicateOf: "002")
                )
            }
            #expect(itself?.code == "duplicate_of_itself")
            let d = try await staff.propose(
                .staff(Self.leader),
                reportID: repeatReport.id,
                DecisionInput(outcome: "duplicate", reason: "同一事项", duplicateOf: "001")
            )
            #expect(d.duplicateOf == first.id)
            #expect(try await w.store.report(id: repeatReport.id)?.threadID == first.id)
            // 件 counts threads, 件次 reports: two reports, one matter.
            #expect(try await w.store.reports(inThread: first.id).map(\.id) == [first.id, repeatReport.id])
            try await staff.reopen(.staff(Self.leader), reportID: repeatReport.id, ReviewInput(reason: "不是同一事项"))
            #expect(try await w.store.report(id: repeatReport.id)?.threadID == repeatReport.id)
        }
    }

    @Test func decisionsOnAnotherInspectionsReportsAreRefused() async throws {
        try await Self.withWorld { w in
            let report = try await w.submit("反映市财政局局长王建国收受礼金。")
            let staff = w.desks.staff
            let notFound = await #expect(throws: DeskError.self) {
                _ = try await staff.propose(.staff(Self.outsider), reportID: report.id, DecisionInput(outcome: "accept"))
            }
            #expect(notFound?.kind == .notFound)
            let loose = try await w.submit("反映有人违规。", inspectionID: nil)
            let unassigned = await #expect(throws: DeskError.self) {
                _ = try await staff.propose(.staff(Self.member), reportID: loose.id, DecisionInput(outcome: "file"))
            }
            #expect(unassigned?.code == "not_your_inspection")
            // Assignment: the leader only, to staff of the report's own inspection.
            await #expect(throws: DeskError.self) {
                try await staff.assign(.staff(Self.member), reportID: report.id, AssignmentInput(assigneeId: "m1"))
            }
            let foreign = await #expect(throws: DeskError.self) {
                try await staff.assign(.staff(Self.leader), reportID: report.id, AssignmentInput(assigneeId: "o1"))
            }
            #expect(foreign?.code == "unknown_assignee")
            try await staff.assign(.staff(Self.leader), reportID: report.id, AssignmentInput(assigneeId: "m1"))
            #expect(try await w.store.report(id: report.id)?.assigneeID == "m1")
            // The member's inbox shows what they handle first.
            let later = try await w.submit("反映市财政局某科长迟到早退。", at: Self.monday.addingTimeInterval(7200))
            let inbox = try await staff.inbox(.staff(Self.member))
            #expect(inbox.reports.first?.id == report.id)
            #expect(inbox.reports.map(\.id).contains(later.id))
        }
    }

    @Test func aNamedReportsClockRunsFifteenWorkingDaysUntilTheGroupReplies() async throws {
        // Received Monday 11 March 2024; 15 working days later is Monday 1 April.
        try await Self.withWorld { early in
            let report = try await early.submit("反映市财政局局长王建国收受礼金。", reporter: ReporterIdentity(name: "赵六", phone: "13912345678"))
            let file = try await early.desks.staff.report(.staff(Self.leader), id: report.id)
            let clock = try #require(file.clocks.first)
            #expect(clock.deadline.kind == .acknowledge && clock.deadline.due == CivilDate(year: 2024, month: 4, day: 1))
            #expect(clock.standing == .open(workdaysLeft: 15))
        }
        // On 3 April the same clock is two working days overdue and on the leader's agenda.
        try await Self.withWorld(now: Date(timeIntervalSince1970: 1_712_109_600)) { late in
            let again = try await late.submit("反映市财政局局长王建国收受礼金。", reporter: ReporterIdentity(name: "赵六", phone: "13912345678"))
            let agenda = try await late.desks.staff.agenda(.staff(Self.leader))
            #expect(agenda.clocks.map(\.reportID) == [again.id])
            #expect(agenda.clocks.first?.standing == .overdue(workdays: 2))
        }
    }
}
