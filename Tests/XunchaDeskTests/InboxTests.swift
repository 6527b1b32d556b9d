import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

/// The inbox's search, filters, sorts and pages, on real SQLite with its full-text index.
@Suite struct InboxTests {
    typealias W = WorkflowTests

    func input(_ fields: [String: String]) -> InboxInput {
        var i = InboxInput()
        i.q = fields["q"]
        i.status = fields["status"]
        i.suggestion = fields["suggestion"]
        i.decision = fields["decision"]
        i.discipline = fields["discipline"]
        i.channel = fields["channel"]
        i.assignee = fields["assignee"]
        i.subject = fields["subject"]
        i.named = fields["named"]
        i.from = fields["from"]
        i.to = fields["to"]
        i.overdue = fields["overdue"]
        i.sort = fields["sort"]
        i.dir = fields["dir"]
        i.page = fields["page"].flatMap { Int($0) }
        return i
    }

    @Test func keywordsAreFoundThroughTheIndexAndEveryFilterNarrows() async throws {
        try await W.withWorld(now: W.monday.addingTimeInterval(30 * 86400)) { w in
            func add(_ channel: Channel, _ text: String, named: Bool = false, day: Int) async throws -> Report {
                let receipt = try await w.desks.intake.take(
                    Submission(
                        channel: channel,
                        content: text,
                        reporter: named ? ReporterIdentity(name: "赵六", phone: "13912345678") : ReporterIdentity(),
                        inspectionID: W.inspection.id,
                        receivedAt: W.monday.addingTimeInterval(Double(day - 11) * 86400)
                    ),
                    caller: .system,
                    .init()
                )
                return try #require(try await w.store.report(id: receipt.reportID))
            }
            let gifts = try await add(.web, "市财政局局长王建国收受红包两万元。", named: true, day: 11)
            let traditional = try await add(.letter, "李明副局長收受紅包。", day: 12)
            let banquet = try await add(.phone, "李明副局长违规公款吃喝，100%属实。", day: 13)
            let staff = w.desks.staff
            let leader = Caller.staff(W.leader)
            func ids(_ fields: [String: String], as caller: Caller = .staff(W.leader)) async throws -> [String] {
                try await staff.inbox(caller, input(fields)).reports.map(\.id)
            }
            // 红包 finds 收受红包, and the traditional 紅包 too; 收受红包 only where the words stand together.
            #expect(Set(try await ids(["q": "红包"])) == [gifts.id, traditional.id])
            #expect(try await ids(["q": "紅包"]).count == 2)
            #expect(try await ids(["q": "收受红包 王建国"]) == [gifts.id])
            #expect(try await ids(["q": "吃喝 红包"]).isEmpty)
            // A single character, or a keyword with LIKE's own signs, is matched as written.
            #expect(try await ids(["q": "喝"]) == [banquet.id])
            #expect(try await ids(["q": "100%"]) == [banquet.id])
            #expect(try await ids(["q": "_"]).isEmpty)
            #expect(try await ids(["channel": "phone"]) == [banquet.id])
            #expect(try await ids(["named": "1"]) == [gifts.id])
            #expect(Set(try await ids(["subject": "李明"])) == [traditional.id, banquet.id])
            #expect(try await ids(["from": "2024-03-12", "to": "2024-03-12"]) == [traditional.id])
            _ = try await staff.propose(.staff(W.member), reportID: banquet.id, DecisionInput(outcome: "accept"))
            _ = try await staff.propose(leader, reportID: gifts.id, DecisionInput(outcome: "accept"))
            #expect(try await ids(["decision": "pending"]) == [banquet.id])
            #expect(try await ids(["decision": "accept"]) == [gifts.id])
            #expect(try await ids(["decision": "none"]) == [traditional.id])
            try await staff.assign(leader, reportID: traditional.id, AssignmentInput(assigneeId: W.member.id))
            #expect(try await ids(["assignee": "me"], as: .staff(W.member)) == [traditional.id])
            #expect(Set(try await ids(["assignee": "none"])) == [gifts.id, banquet.id])
            // Sorting by number either way; the default puts a member's own first.
            #expect(try await ids(["sort": "number", "dir": "asc"]) == [gifts.id, traditional.id, banquet.id])
            #expect(try await ids(["sort": "number", "dir": "desc"]) == [banquet.id, traditional.id, gifts.id])
            #expect(try await ids([:], as: .staff(W.member)).first == traditional.id)
            // The named report has waited more than 15 working days for a reply: overdue.
            #expect(try await ids(["overdue": "1"]) == [gifts.id])
            // Values a filter does not take are refused by name.
            let refused = await #expect(throws: DeskError.self) { _ = try await staff.inbox(leader, input(["decision": "maybe"])) }
            #expect(refused?.field == "decision")
            let reversed = await #expect(throws: DeskError.self) {
                _ = try await staff.inbox(leader, input(["from": "2024-03-20", "to": "2024-03-01"]))
            }
            #expect(reversed?.code == "dates_reversed")
        }
    }

    @Test func theLastPageIsTheSameReadFromEitherEnd() async throws {
        try await W.withWorld { w in
            for i in 0..<(StaffDesk.pageSize * 2 + 7) {
                _ = try await w.desks.intake.take(
                    Submission(channel: .web, content: "第\(i)件反映", inspectionID: W.inspection.id, receivedAt: W.monday.addingTimeInterval(Double(i))),
                    caller: .system,
                    .init()
                )
            }
            var all: [String] = []
            for page in 1...3 { all += try await w.desks.staff.inbox(.staff(W.leader), input(["page": String(page)])).reports.compactMap(\.number) }
            #expect(all.count == StaffDesk.pageSize * 2 + 7)
            #expect(all == all.sorted(by: >), "newest first, no report on two pages")
            #expect(Set(all).count == all.count)
            // A page past the end (an old bookmark) shows the last one.
            let past = try await w.desks.staff.inbox(.staff(W.leader), input(["page": "99"]))
            #expect(past.page == 3 && past.reports.count == 7)
            #expect(past.reports.last?.number == "市四巡〔2024〕第001号")
        }
    }
}
