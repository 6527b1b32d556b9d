import Foundation
import Testing

@testable import XunchaCore

/// What the statistics say of leads handed over and referrals closed for now: per receiver in 件
/// and 人, in the summary sentences, and kept out of the fixed JSON of `xuncha stats --json`.
@Suite struct StatisticsSummaryTests {
    static func lead(_ name: String, _ kind: LeadKind, _ state: Lead.State) -> Lead {
        Lead(
            id: UUID().uuidString,
            inspectionID: "i",
            sequence: 1,
            number: "n",
            subject: Subject(name: name),
            summary: "",
            kind: kind.rawValue,
            aboutPrincipal: false,
            state: state,
            createdAt: Date(timeIntervalSince1970: 0),
            createdBy: "user:l1"
        )
    }

    @Test func leadsHandedOverAreCountedPerReceiverInCasesAndPersons() throws {
        var counts = StatisticsCounts()
        counts.leads = [
            Self.lead("王建国", .discipline, .handedOver), Self.lead("王 建国", .discipline, .closed), Self.lead("李明", .discipline, .handedOver),
            Self.lead("张华", .organization, .handedOver), Self.lead("赵强", .immediateFix, .handedOver), Self.lead("孙丽", .discipline, .open),
        ]
        var referral = Referral(
            id: "f",
            inspectionID: "i",
            sequence: 1,
            number: "n",
            reportID: "r",
            recipient: "市财政局",
            content: "",
            state: .answered,
            decidedAt: Date(timeIntervalSince1970: 0),
            sendDue: nil
        )
        referral.closure = "阶段性办结"
        counts.referrals = [referral]
        let s = InspectionStatistics(inspection: "i", counts: counts, period: nil, today: CivilDate(year: 2024, month: 6, day: 1)!)
        #expect(s.leads.count == 6 && s.leads.persons == 5 && s.leads.handedOver == 5)
        #expect(
            s.leads.handedOverByRecipient == [
                "纪委监委": .init(leads: 3, persons: 2), "组织部": .init(leads: 1, persons: 1), "被巡察党组织（立行立改）": .init(leads: 1, persons: 1),
            ]
        )
        #expect(s.referrals.closedForNow == 1 && s.referrals.closed == 0)
        #expect(s.summaryZH.contains { $0.contains("已办结0件、阶段性办结1件") })
        #expect(
            s.summaryZH.last == "形成问题线索6件，涉及5人，已移交5件，其中移交纪委监委3件、涉及2人；移交组织部1件、涉及1人；移交被巡察党组织（立行立改）1件、涉及1人。"
        )
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(s)) as? [String: Any])
        #expect(Set((object["leads"] as? [String: Any])?.keys ?? [:].keys) == ["count", "persons", "handed_over"])
        #expect((object["referrals"] as? [String: Any])?["closed_for_now"] == nil)
    }
}
