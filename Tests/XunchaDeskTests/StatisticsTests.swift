import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

/// The statistics of an inspection against a fixture counted by hand: every key of
/// `xuncha stats --json`.
@Suite struct StatisticsTests {
    typealias W = WorkflowTests

    func report(_ w: WorkflowTests.World, _ channel: Channel, _ content: String, named: Bool = false, day: Int) async throws -> Report {
        // Days of March 2024 at 10:00 Beijing; 11 March is a Monday.
        let at = W.monday.addingTimeInterval(Double(day - 11) * 86400)
        let receipt = try await w.desks.intake.take(
            Submission(
                channel: channel,
                content: content,
                reporter: named ? ReporterIdentity(name: "赵六", phone: "13912345678") : ReporterIdentity(),
                inspectionID: W.inspection.id,
                receivedAt: at
            ),
            caller: .system,
            .init()
        )
        return try #require(try await w.store.report(id: receipt.reportID))
    }

    @Test func everyKeyAgainstAHandCountedInspection() async throws {
        try await W.withWorld(now: W.monday.addingTimeInterval(30 * 86400)) { w in
            let staff = w.desks.staff
            let leader = Caller.staff(W.leader)
            // Two about the director's gifts (the second a repeat), one about the deputy's banquets,
            // one with no substance, one a personal demand (out of scope), over two weeks.
            let gifts = try await report(w, .web, "市财政局党组书记、局长王建国2024年春节收受下属单位送的购物卡三万元，有转账记录。", named: true, day: 11)
            let again = try await report(w, .letter, "再次反映：市财政局党组书记、局长王建国2024年春节收受下属单位送的购物卡三万元，有转账记录。", day: 12)
            let banquets = try await report(w, .phone, "市财政局副局长李明多次用公款在高档酒店宴请朋友，每次花费数千元。", day: 13)
            let nothing = try await report(w, .email, "我要反映问题。", day: 19)
            let neighbour = try await report(w, .visit, "本人退休待遇核定有误，多次找单位未解决，希望巡察组帮助协调补发。", named: true, day: 20)
            _ = try await staff.propose(leader, reportID: gifts.id, DecisionInput(outcome: "accept"))
            _ = try await staff.propose(leader, reportID: again.id, DecisionInput(outcome: "duplicate", reason: "同一事项", duplicateOf: "001"))
            _ = try await staff.propose(leader, reportID: banquets.id, DecisionInput(outcome: "accept"))
            _ = try await staff.propose(leader, reportID: neighbour.id, DecisionInput(outcome: "refer", reason: "个人诉求", recipient: "市财政局"))
            _ = nothing

            let s = try await staff.statistics(leader)
            #expect(s.inspection == W.inspection.id)
            #expect(s.reports == 5 && s.threads == 4)
            #expect(s.byChannel == ["web": 1, "phone": 1, "letter": 1, "visit": 1, "email": 1])
            #expect(s.named == 2 && s.anonymous == 3)
            #expect(s.first == 4 && s.repeat == 1)
            #expect(s.inScope == 3 && s.outOfScope == 1 && s.noSubstance == 1)
            #expect(s.byDiscipline == ["political": 0, "organizational": 0, "integrity": 3, "mass": 0, "work": 0, "life": 0])
            #expect(s.byRank == ["leadership_member": 3, "subordinate_principal": 0, "key_post_leader": 0, "other": 2])
            #expect(s.byDisposition == ["accept": 2, "refer": 1, "file": 0, "duplicate": 1, "reject": 0, "undecided": 1])
            #expect(s.referrals.count == 1 && s.referrals.byRecipient == ["市财政局": 1] && s.referrals.closed == 0)
            // Decided on 10 April, due five working days later: not yet overdue on the day.
            #expect(s.referrals.overdue == 0)
            #expect(s.referrals.outcomes.true == 0 && s.referrals.outcomes.partlyTrue == 0 && s.referrals.outcomes.untrue == 0)
            #expect(s.leads.count == 2 && s.leads.persons == 2 && s.leads.handedOver == 0)
            #expect(s.byWeek.first?.weekStart == "2024-02-26", "the week of 1 March, the period's first day")
            #expect(s.byWeek.first { $0.weekStart == "2024-03-11" }?.reports == 3)
            #expect(s.byWeek.first { $0.weekStart == "2024-03-18" }?.reports == 2)
            #expect(s.byWeek.map(\.reports).reduce(0, +) == 5)
            #expect(s.byWeek.last?.weekStart == "2024-05-27")
            #expect(s.summaryZH.first == "共受理信访举报5件次（4件），其中来信1件次、来电1件次、来访1件次、网上1件次、电子邮件1件次；实名2件次，匿名3件次；重复件1件次。")

            // The JSON has exactly the keys of `xuncha stats --json`.
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(s)) as? [String: Any])
            #expect(
                Set(object.keys) == [
                    "inspection", "reports", "threads", "by_channel", "named", "anonymous", "first", "repeat", "in_scope", "out_of_scope",
                    "no_substance", "by_discipline", "by_rank", "by_disposition", "referrals", "leads", "by_week",
                ]
            )
            #expect(Set((object["referrals"] as? [String: Any])?.keys ?? [:].keys) == ["count", "by_recipient", "closed", "overdue", "outcomes"])
            #expect(
                Set(((object["referrals"] as? [String: Any])?["outcomes"] as? [String: Any])?.keys ?? [:].keys) == ["true", "partly_true", "untrue"]
            )
            #expect(Set((object["leads"] as? [String: Any])?.keys ?? [:].keys) == ["count", "persons", "handed_over"])
            #expect(Set(((object["by_week"] as? [[String: Any]])?.first ?? [:]).keys) == ["week_start", "reports"])

            // Members see their inspection's; the admin the office's; a liaison nothing.
            #expect(try await staff.statistics(.staff(W.member)).reports == 5)
            await #expect(throws: DeskError.self) { _ = try await staff.statistics(.staff(W.outsider), inspectionID: W.inspection.id) }
            #expect(try await staff.statistics(.commandLine("t")).inspection == "")

            // The referral sent and answered: its finding and closure are counted as recorded.
            let referral = try #require(try await w.store.referrals(reportID: neighbour.id).first)
            _ = try await staff.sendReferral(leader, id: referral.id, ReferralSendInput())
            _ = try await staff.recordFeedback(leader, id: referral.id, ReferralFeedbackInput(finding: "部分属实", closure: "concluded", content: "已补发。"))
            let answered = try await staff.statistics(leader).referrals
            #expect(answered.closed == 1 && answered.overdue == 0)
            #expect(answered.outcomes.true == 0 && answered.outcomes.partlyTrue == 1 && answered.outcomes.untrue == 0)
            #expect(try await staff.statistics(leader).summaryZH.contains("转办1件，已办结1件、阶段性办结0件，办结率100%；反馈属实0件、部分属实1件、不属实0件；逾期0件。"))
        }
    }
}
