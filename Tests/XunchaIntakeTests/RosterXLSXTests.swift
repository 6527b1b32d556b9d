import Foundation
import Testing
import XunchaCore

@testable import XunchaIntake

/// Workbooks written by Fixtures/make-roster-xlsx.py.
@Suite struct RosterXLSXTests {
    func read(_ name: String) throws -> RosterPreview {
        let bytes = try Data(contentsOf: MailFixture.folder.appendingPathComponent(name))
        return try RosterReader(units: ["县财政局"]).read(bytes: Array(bytes))
    }

    @Test func theWorkbooksFirstSheetWithSharedAndInlineStringsAndMissingCells() throws {
        let p = try read("roster.xlsx")
        #expect(p.format == "XLSX")
        #expect(!p.isImportable)  // 李红梅 has no unit
        #expect(p.people.map(\.name) == ["王建国", "李红梅"])  // the phonetic run is left out
        #expect(p.people[0].aliases == ["老王", "王局"])
        #expect(p.people[0].role.role == .leadershipMember)
        #expect(p.people[1].unit == "")
        #expect(p.people[1].post == "财务股股长")
        #expect(p.people[1].role.role == .keyPostLeader)
        #expect(p.rows.map(\.line) == [3, 5])
        #expect(p.rows[1].errors == [.unknownUnit("")])
        #expect(p.ignoredHeaders == ["序号"])
    }

    @Test func malformedWorkbooksGiveAClearError() throws {
        for name in ["roster-truncated.xlsx", "roster-no-sheet.xlsx", "roster-bad-xml.xlsx"] {
            #expect(
                performing: { try read(name) },
                throws: { error in
                    guard case .malformedXLSX(let why) = error as? RosterFileError else { return false }
                    return !why.isEmpty
                }
            )
        }
        #expect(throws: RosterFileError.self) { try RosterReader().read(bytes: [0x50, 0x4B, 0x03, 0x04, 0, 0]) }
    }
}
