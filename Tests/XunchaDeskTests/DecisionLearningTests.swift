import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

/// Staff confirm or correct a report's category with their decision; the leader's approval covers
/// it; it is stored and audited; and approved categories teach the learned layer, which the next
/// arrivals are screened with.
@Suite struct DecisionLearningTests {
    typealias W = WorkflowTests

    @Test func aDecisionKeepsTheScreenedCategoryUnlessTheMemberCorrectsIt() async throws {
        try await W.withWorld { w in
            let staff = w.desks.staff
            let gifts = try await w.submit("市财政局局长王建国2024年春节收受下属单位购物卡三万元，有转账记录。")
            let kept = try await staff.propose(.staff(W.member), reportID: gifts.id, DecisionInput(outcome: "accept"))
            #expect(kept.category == .discipline(.integrity))

            let errand = try await w.submit("市财政局副局长李明让科里的年轻人每天下班去他家接孩子、做饭。", at: W.monday.addingTimeInterval(60))
            let corrected = try await staff.propose(
                .staff(W.member),
                reportID: errand.id,
                DecisionInput(outcome: "accept", reason: "占用下属为家务服务", category: "mass", alsoDisciplines: ["integrity", "mass", "integrity"])
            )
            // The main discipline is not "also", and each further one counts once.
            #expect(corrected.category == .discipline(.mass) && corrected.alsoDisciplines == [.integrity])
            let approved = try await staff.approve(.staff(W.leader), reportID: errand.id, ReviewInput())
            #expect(approved.category == .discipline(.mass) && approved.alsoDisciplines == [.integrity])
            #expect(try await w.store.decisions(reportID: errand.id).inForce?.category == .discipline(.mass))
            let proposed = try await w.store.auditEvents(subject: .report, id: errand.id)
                .first { $0.action == AuditAction.decisionProposed.rawValue }
            #expect(proposed?.detail.contains("[category mass + integrity]") == true, "\(proposed?.detail ?? "")")
            #expect(try await w.store.decidedExamples().map(\.category) == [.discipline(.mass)])
        }
    }

    @Test(arguments: [
        ("neutral", "invalid_category"), ("贪污", "invalid_category"), ("integrity; DROP TABLE", "invalid_category"),
        (String(repeating: "x", count: 5_000), "invalid_category"),
    ])
    func aCategoryMustBeOneOfTheList(category: String, code: String) async throws {
        try await W.withWorld { w in
            let report = try await w.submit("市财政局副局长李明违规公款吃喝。")
            let refused = await #expect(throws: DeskError.self) {
                _ = try await w.desks.staff.propose(.staff(W.member), reportID: report.id, DecisionInput(outcome: "accept", category: category))
            }
            #expect(refused?.code == code)
            #expect(try await w.store.decisions(reportID: report.id).isEmpty)
        }
    }

    @Test(arguments: [["neutral"], ["political", "bogus"], Array(repeating: "mass", count: 7), [""]])
    func furtherDisciplinesMustBeDisciplines(also: [String]) async throws {
        try await W.withWorld { w in
            let report = try await w.submit("市财政局副局长李明违规公款吃喝。")
            let refused = await #expect(throws: DeskError.self) {
                _ = try await w.desks.staff.propose(
                    .staff(W.member),
                    reportID: report.id,
                    DecisionInput(outcome: "accept", category: "integrity", alsoDisciplines: also)
                )
            }
            #expect(refused?.code == "invalid_also_disciplines")
        }
    }

    /// Until there are enough approved decisions nothing is learned; once there are, a report in
    /// wording the lexicon does not know is screened with the category staff gave similar ones.
    @Test func approvedCategoriesTeachTheNextScreenings() async throws {
        try await W.withWorld { w in
            let staff = w.desks.staff
            let learning = try #require(w.desks.learning)
            let before = await learning.settled()?.exampleCount
            #expect(before == nil)
            let errands = [
                "市财政局副局长李明让科里的年轻人每天下班去他家接孩子放学。",
                "李明副局长安排办公室两个干事轮流去他家给老人做饭。",
                "李明让单位司机每天早上先送他老婆去菜市场，再送孩子上学。",
                "副局长李明叫局里的协管员周末去他老家帮忙收玉米。",
                "李明让财务科的同志帮他家里打扫卫生、洗衣服，已经一年多。",
                "李明家里装修，让后勤科的人上班时间去盯工地。",
            ]
            let others = [
                ("请问巡察组的接待时间是几点到几点？", "consultation"), ("单位拖欠我三个月工资，要求补发。", "personal_demand"),
                ("法院的判决我不服，要求重审。", "litigation"), ("窗口工作人员态度恶劣，对群众大声呵斥。", "service_complaint"),
            ]
            var at = W.monday
            for (text, category) in errands.map({ ($0, "mass") }) + others {
                at = at.addingTimeInterval(600)
                let report = try await w.submit(text, at: at)
                _ = try await staff.propose(.staff(W.leader), reportID: report.id, DecisionInput(outcome: "file", reason: "存查", category: category))
            }
            let learned = await learning.settled()?.exampleCount
            #expect(learned == 10)

            let next = try await w.submit("市财政局副局长李明让新来的科员每天去他家给孩子辅导作业。", at: at.addingTimeInterval(600))
            let record = try #require(try await w.store.screening(reportID: next.id)?.record)
            #expect(record.topDiscipline == .mass, "\(record.reasons.map(\.messageZH))")
            let category = try #require(record.reasons.first { $0.family == "category" })
            #expect(category.messageZH.contains("据本组已处置的相似信访件判断"))
            let similar = category.evidence.filter { $0.key == Screener.similarDecidedKey }.compactMap(\.text)
            #expect(!similar.isEmpty && similar.allSatisfy { $0.hasPrefix("市四巡〔2024〕第") })
            #expect(record.disciplines.first?.cues.contains { $0.entry == "learned.mass" } == true)
        }
    }

    /// The demo plays on its own clock without the learned layer, so it is the same every time.
    @Test func theDemoClockScreensWithTheLexiconAlone() async throws {
        try await W.withWorld { w in
            #expect(w.desks.learning != nil)
            #expect(w.desks.onClock { W.monday }.learning == nil)
        }
    }
}
