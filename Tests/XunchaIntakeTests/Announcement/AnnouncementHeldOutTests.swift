import Foundation
import Testing
import XunchaCore

@testable import XunchaIntake

/// Announcements written for this set and not read while the rules were written (two groups with
/// their own channels, six groups in a numbered list, a meeting's news without a period, 进驻时间为…,
/// a period in a later sentence, a township with its villages): the parser's field F1 on them.
@Suite("Announcements held out from development")
struct AnnouncementHeldOutTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/announcements-heldout").path

    @Test func fieldF1IsAtLeastNinetyFivePercent() throws {
        let evaluation = try AnnouncementEvaluation.run(directory: Self.directory)
        #expect(evaluation.files.count == 6)
        #expect(evaluation.f1 >= 0.95, "field F1 \(evaluation.f1)")
    }

    /// A second set of ten, written on 2026-12-02 by someone who had not read the parser: 95.9 when
    /// first measured, before the rule on standing channels (12388) that it showed was missing.
    static let second = URL(fileURLWithPath: directory).deletingLastPathComponent().appendingPathComponent("announcements-heldout-2").path

    @Test func theSecondSetStaysAtNinetyFivePercent() throws {
        let evaluation = try AnnouncementEvaluation.run(directory: Self.second)
        #expect(evaluation.files.count == 10)
        #expect(evaluation.f1 >= 0.95, "field F1 \(evaluation.f1)")
    }

    @Test func theMeetingsNewsNamesItsUnitAndNoWordsOfTheNews() {
        let text = "市委第五巡察组召开巡察市供销合作社动员会。会议要求，要扎实配合巡察工作。巡察期间设立值班电话：0833-2460505。"
        let parsed = AnnouncementParser().parse(text)
        #expect(parsed.inspections.first?.units.map(\.value) == ["市供销合作社"])
    }

    @Test func twoGroupsAtDifferentUnitsKeepTheirOwnUnitsAndChannels() throws {
        let text = try String(contentsOfFile: Self.directory + "/01.txt", encoding: .utf8)
        let groups = AnnouncementParser().parse(text).inspections
        #expect(groups.map { $0.group?.value } == ["县委第一巡察组", "县委第二巡察组"])
        #expect(groups.map { $0.units.map(\.value) } == [["县林业局"], ["县文化旅游广电局"]])
        #expect(groups.map { $0.phones.map(\.value) } == [["0745-6621001"], ["0745-6621002"]])
        #expect(groups.allSatisfy { $0.deadline?.value == CivilDate(parsing: "2025-05-14") })
    }
}
