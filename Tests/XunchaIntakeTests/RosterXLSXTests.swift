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

    /// A workbook of one worksheet and its shared strings, made here.
    func workbook(sheet: String) throws -> [UInt8] {
        try ExportZip.bytes([(path: "xl/worksheets/sheet1.xml", bytes: Array(sheet.utf8))], modificationDate: ExportZip.defaultModificationDate)
    }

    /// Found by fuzzing (Fuzz/regressions/roster): a cell reference of many letters and a row
    /// number of Int.max overflowed and stopped the process instead of being read or refused.
    @Test func referencesBeyondExcelsSheetAreNoReferences() throws {
        func row(_ attributes: String, _ cells: [String]) -> String {
            "<row\(attributes)>" + cells.map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined() + "</row>"
        }
        let header = row(" r=\"1\"", ["姓名", "单位"])
        let wideCell =
            #"<row r="2"><c r="ZZZZZZZZZZZZZZZZ2" t="inlineStr"><is><t>王建国</t></is></c><c r="B2" t="inlineStr"><is><t>县财政局</t></is></c></row>"#
        let p = try RosterReader().read(bytes: try workbook(sheet: "<worksheet><sheetData>\(header)\(wideCell)</sheetData></worksheet>"))
        #expect(p.people.map(\.name) == ["王建国"])
        #expect(p.rows.map(\.line) == [2])
        let lastRow = "<row r=\"9223372036854775807\"/>" + row("", ["李红梅", "县财政局"])
        let q = try RosterReader().read(bytes: try workbook(sheet: "<worksheet><sheetData>\(header)\(lastRow)</sheetData></worksheet>"))
        #expect(q.people.map(\.name) == ["李红梅"])
        #expect(q.rows.map(\.line) == [3])
    }

    /// Found by fuzzing (Fuzz/regressions/roster): an element name with a byte that is not UTF-8
    /// stopped the process inside Foundation's XMLParser; such a workbook is refused instead.
    @Test func aPartThatIsNotUTF8IsRefused() throws {
        let sheet = Array("<worksheet><sheetData><row><c><v>2</v><".utf8) + [0xFF] + Array("/c></row></sheetData></worksheet>".utf8)
        let zip = try ExportZip.bytes([(path: "xl/worksheets/sheet1.xml", bytes: sheet)], modificationDate: ExportZip.defaultModificationDate)
        let path = "xl/worksheets/sheet1.xml"
        #expect(throws: RosterFileError.malformedXLSX("\(path) 不是 UTF-8 编码 / \(path) is not UTF-8")) { try RosterReader().read(bytes: zip) }
    }

    /// Found by fuzzing (after 342,841 inputs): a processing instruction without data stopped the
    /// process inside Foundation's XMLParser. Only the XML declaration at the start is allowed.
    @Test(arguments: ["<?x?>", "<?pi data?>", " <?xml version=\"1.0\"?>"])
    func aProcessingInstructionIsRefusedNotFatal(instruction: String) throws {
        let sheet = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\(instruction)<worksheet><sheetData/></worksheet>".utf8)
        let zip = try ExportZip.bytes([(path: "xl/worksheets/sheet1.xml", bytes: sheet)], modificationDate: ExportZip.defaultModificationDate)
        let path = "xl/worksheets/sheet1.xml"
        #expect(throws: RosterFileError.malformedXLSX("\(path) 含有处理指令 / \(path) holds a processing instruction")) {
            try RosterReader().read(bytes: zip)
        }
        #expect(XLSXSheet.hasProcessingInstruction(Data("\u{FEFF}<?xml version=\"1.0\"?><a/>".utf8)) == false)
    }

    /// Found by fuzzing: an entry whose local header lies past the end of the bytes stopped the
    /// process inside ZIPFoundation's in-memory reader (a range with its bounds reversed).
    @Test func anEntryPointingPastTheEndIsRefusedNotFatal() throws {
        var zip = try ExportZip.bytes(
            [(path: "xl/worksheets/sheet1.xml", bytes: Array("<worksheet/>".utf8))],
            modificationDate: ExportZip.defaultModificationDate
        )
        let central = try #require((0..<(zip.count - 4)).first { zip[$0..<($0 + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02]) })
        let pastTheEnd = UInt32(zip.count + 4096)
        for k in 0..<4 { zip[central + 42 + k] = UInt8(truncatingIfNeeded: pastTheEnd >> (8 * UInt32(k))) }
        #expect(throws: RosterFileError.self) { try RosterReader().read(bytes: zip) }
        #expect(!ArchiveVerifier.verify(bytes: zip).isOK)
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
