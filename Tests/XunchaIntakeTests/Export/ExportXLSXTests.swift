import Foundation
import Testing
import XunchaCore
import ZIPFoundation

@testable import XunchaIntake

/// Parts of a workbook as text, and its sheets read back by the roster's XLSX reader.
struct Workbook {
    let bytes: [UInt8]

    init(_ sheets: [XLSXWorksheet]) throws {
        bytes = try XLSXWriter().bytes(sheets)
    }

    func part(_ path: String) throws -> String {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        let entry = try #require(archive[path], "no \(path)")
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    var partPaths: [String] {
        get throws { try Archive(data: Data(bytes), accessMode: .read).map(\.path) }
    }

    /// The first sheet's rows as `XLSXSheet` reads them.
    func records() throws -> [TableRecord] {
        try XLSXSheet.records(bytes: bytes)
    }

    /// Sheet `number` (1-based) read by `XLSXSheet`: its XML and the shared strings put in a
    /// workbook of their own, where the reader looks for the first sheet.
    func records(sheet number: Int) throws -> [TableRecord] {
        let single = try Archive(data: Data(), accessMode: .create)
        for (path, text) in [
            ("xl/worksheets/sheet1.xml", try part("xl/worksheets/sheet\(number).xml")), ("xl/sharedStrings.xml", try part("xl/sharedStrings.xml")),
        ] {
            let data = Data(text.utf8)
            try single.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        return try XLSXSheet.records(bytes: Array(try #require(single.data)))
    }
}

private func date(_ iso: String) throws -> CivilDate { try CivilDate(iso: iso) }

@Suite struct ExportXLSXTests {
    @Test func everyCellReadsBackWithTheRosterReader() throws {
        let sheet = XLSXWorksheet(
            name: "问题线索",
            header: ["序号", "被反映人", "单位", "金额（万元）", "受理日期", "内容"],
            rows: [
                [.integer(1), .text("王建国"), .text("县财政局"), .decimal(Decimal(string: "12.50")!), .date(try date("2024-03-05")), .text("违规发放津贴补贴")],
                [.integer(2), .text("李红梅"), .empty, .decimal(Decimal(string: "-0.125")!), .date(try date("2024-12-31")), .text("多行\n内容")],
                [.integer(-3), .text(""), .text("县教育局"), .empty, .empty, .empty],
                [.integer(Int.max), .text("110101199003077777"), .text("=1+1")],
            ]
        )
        let records = try Workbook([sheet]).records()
        #expect(records.map(\.line) == [1, 2, 3, 4, 5])
        #expect(
            records.map(\.cells) == [
                ["序号", "被反映人", "单位", "金额（万元）", "受理日期", "内容"],
                // Dates are date cells: Excel's serial day numbers under a yyyy-mm-dd format.
                ["1", "王建国", "县财政局", "12.5", "45356", "违规发放津贴补贴"],
                ["2", "李红梅", "", "-0.125", "45657", "多行\n内容"],
                ["-3", "", "县教育局"],
                ["9223372036854775807", "110101199003077777", "=1+1"],
            ]
        )
    }

    @Test func timesAreDateTimeCellsToTheMinute() throws {
        let nineThirty = try #require(ClockTime(hour: 9, minute: 30))
        let book = try Workbook([
            XLSXWorksheet(
                name: "来电",
                header: ["收到时间"],
                rows: [
                    [.dateTime(try date("2024-03-05"), nineThirty)], [.dateTime(try date("2024-03-05"), try #require(ClockTime(hour: 0, minute: 0)))],
                ]
            )
        ])
        let xml = try book.part("xl/worksheets/sheet1.xml")
        // 9:30 is 570 of the day's 1,440 minutes; the style shows yyyy-mm-dd hh:mm.
        #expect(xml.contains("<c r=\"A2\" s=\"5\"><v>45356.3958333333</v></c>"))
        #expect(xml.contains("<c r=\"A3\" s=\"5\"><v>45356</v></c>"))
        let styles = try book.part("xl/styles.xml")
        #expect(styles.contains("<numFmt numFmtId=\"165\" formatCode=\"yyyy\\-mm\\-dd\\ hh:mm\"/>"))
        #expect(styles.contains("<cellXfs count=\"6\">"))
    }

    @Test func numbersAreNumbersAndLongIntegersAndTextAreText() throws {
        let book = try Workbook([
            XLSXWorksheet(name: "a", header: ["n"], rows: [[.integer(123_456_789_012_345)], [.integer(1_234_567_890_123_456)], [.text("42")]])
        ])
        let xml = try book.part("xl/worksheets/sheet1.xml")
        #expect(xml.contains("<c r=\"A2\" s=\"3\"><v>123456789012345</v></c>"))  // 15 digits: a number
        #expect(xml.contains("<c r=\"A3\" s=\"2\" t=\"s\">"))  // 16 digits would lose the last one
        #expect(xml.contains("<c r=\"A4\" s=\"2\" t=\"s\">"))
        #expect(try book.records().map(\.cells) == [["n"], ["123456789012345"], ["1234567890123456"], ["42"]])
    }

    @Test func xmlSpecialCharactersAreEscapedAndForbiddenOnesLeftOut() throws {
        let cells = [
            "<script>alert('x')</script>", "A&B \"quoted\" 'single'", "]]> end", "  spaces both ends  ", "tab\there",
            "null\u{0}bell\u{7}vt\u{B}ff\u{C}esc\u{1B}end", "noncharacter\u{FFFE}\u{FFFF}", "cr\r\nlf and lone\rcr", "😀𠮷",
            "&amp; stays as typed",
        ]
        let book = try Workbook([XLSXWorksheet(name: "<特殊>&\"字符\"", header: ["<&>"], rows: cells.map { [.text($0)] })])
        let expected = [
            "<script>alert('x')</script>", "A&B \"quoted\" 'single'", "]]> end", "  spaces both ends  ", "tab\there",
            "nullbellvtffescend", "noncharacter", "cr\nlf and lone\ncr", "😀𠮷", "&amp; stays as typed",
        ]
        #expect(try book.records().map(\.cells) == [["<&>"]] + expected.map { [$0] })
        let strings = try book.part("xl/sharedStrings.xml")
        #expect(strings.contains("&lt;script&gt;alert('x')&lt;/script&gt;"))
        #expect(strings.contains("]]&gt; end"))
        #expect(!strings.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
        #expect(try book.part("xl/workbook.xml").contains("name=\"&lt;特殊&gt;&amp;&quot;字符&quot;\""))
    }

    @Test func excelsUnderscoreCodesAreEscapedSoTheTextStaysAsTyped() throws {
        #expect(SharedStringTable.escapingUnderscoreCodes("a_x0041_b") == "a_x005F_x0041_b")
        #expect(SharedStringTable.escapingUnderscoreCodes("_x000D_") == "_x005F_x000D_")
        #expect(SharedStringTable.escapingUnderscoreCodes("_x00G1_ _x01_ x_y") == "_x00G1_ _x01_ x_y")
        // Text that needs nothing comes back as it is; anything else as the scalar-by-scalar escape.
        for text in ["收受红包，金额较大。", "ＡＢ（全角）\u{FFFD}", "a\tb\nc", "a&b<c>\"d\"", "x\r\ny", "\u{1}bell", "non\u{FFFE}char\u{FFFF}", "\u{EFBF}"] {
            for attribute in [false, true] {
                var expected = ""
                for scalar in text.unicodeScalars {
                    switch scalar {
                    case "&": expected += "&amp;"
                    case "<": expected += "&lt;"
                    case ">": expected += "&gt;"
                    case "\"": expected += "&quot;"
                    case "\r": expected += "&#13;"
                    case "\n" where attribute: expected += "&#10;"
                    case "\t" where attribute: expected += "&#9;"
                    default: if XMLText.isAllowed(scalar) { expected.unicodeScalars.append(scalar) }
                    }
                }
                #expect(XMLText.escaped(text, attribute: attribute) == expected, "\(text.debugDescription)")
            }
        }
        let book = try Workbook([XLSXWorksheet(name: "a", header: [], rows: [[.text("编号_x0041_")]])])
        #expect(try book.part("xl/sharedStrings.xml").contains(">编号_x005F_x0041_</t>"))
    }

    @Test func canonicallyEquivalentTextKeepsItsOwnCodePoints() throws {
        let composed = "\u{E9}"
        let decomposed = "e\u{301}"
        let records = try Workbook([XLSXWorksheet(name: "a", header: [], rows: [[.text(composed), .text(decomposed)]])]).records()
        #expect(records[0].cells.map { Array($0.unicodeScalars) } == [Array(composed.unicodeScalars), Array(decomposed.unicodeScalars)])
    }

    @Test func textLongerThanExcelAllowsIsCutWithANote() throws {
        let long = String(repeating: "举报", count: 20_000)
        let cell = try Workbook([XLSXWorksheet(name: "a", header: [], rows: [[.text(long)]])]).records()[0].cells[0]
        #expect(cell.utf16.count <= XLSXWriter.maxCellLength)
        #expect(cell.hasSuffix(XLSXWriter.truncationNote))
        #expect(long.hasPrefix(String(cell.dropLast(XLSXWriter.truncationNote.count))))
    }

    @Test(arguments: [
        ("县财政局问题线索汇总表（2024年第一轮巡察，含已办结和正在办理的全部线索）", "县财政局问题线索汇总表（2024年第一轮巡察，含已办结和正在办"),
        ("a/b\\c:d*e?f[g]h", "a／b＼c：d＊e？f［g］h"),
        ("'引号'", "引号"),
        ("  ", "工作表1"),
        ("换行\n制表\t", "换行制表"),
        ("History", "History_"),
        ("𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷", "𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷"),  // 15 surrogate pairs fit, half of the 16th would not
    ])
    func sheetNamesAreMadeFitForExcel(name: String, written: String) {
        #expect(XLSXWriter.sheetNames([name]) == [written])
        #expect(written.utf16.count <= 31)
    }

    @Test func repeatedSheetNamesGetANumberIgnoringCase() throws {
        let long = String(repeating: "长", count: 40)
        let names = XLSXWriter.sheetNames(["线索", "线索", "Sheet", "sheet", "", long, long])
        #expect(names == ["线索", "线索（2）", "Sheet", "sheet（2）", "工作表5", String(repeating: "长", count: 31), String(repeating: "长", count: 28) + "（2）"])
        let sheets = ["线索", "线索", long].map { XLSXWorksheet(name: $0, header: ["h"], rows: []) }
        let workbook = try Workbook(sheets).part("xl/workbook.xml")
        #expect(workbook.contains("<sheet name=\"线索（2）\" sheetId=\"2\" r:id=\"rId2\"/>"))
        #expect(workbook.contains("<sheet name=\"\(String(repeating: "长", count: 31))\" sheetId=\"3\" r:id=\"rId3\"/>"))
    }

    @Test func severalSheetsEachReadBack() throws {
        let sheets = [
            XLSXWorksheet(name: "线索", header: ["编号", "内容"], rows: [[.text("X-1"), .text("共用的文字")]]),
            XLSXWorksheet(name: "人员", header: ["姓名"], rows: [[.text("王建国")], [.text("共用的文字")]], orientation: .landscape),
            XLSXWorksheet(name: "空表", header: [], rows: []),
        ]
        let book = try Workbook(sheets)
        #expect(try book.records(sheet: 1).map(\.cells) == [["编号", "内容"], ["X-1", "共用的文字"]])
        #expect(try book.records(sheet: 2).map(\.cells) == [["姓名"], ["王建国"], ["共用的文字"]])
        #expect(try book.records(sheet: 3).isEmpty)
        let strings = try book.part("xl/sharedStrings.xml")
        #expect(strings.contains("count=\"7\" uniqueCount=\"6\""))
        let contentTypes = try book.part("[Content_Types].xml")
        for n in 1...3 { #expect(contentTypes.contains("/xl/worksheets/sheet\(n).xml")) }
        let rels = try book.part("xl/_rels/workbook.xml.rels")
        #expect(
            rels.contains(
                "Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet3.xml\""
            )
        )
        #expect(rels.contains("Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\""))
        // Only the first sheet is selected, only sheets with a header get the print titles.
        #expect(try book.part("xl/worksheets/sheet1.xml").contains("tabSelected=\"1\""))
        #expect(try !book.part("xl/worksheets/sheet2.xml").contains("tabSelected"))
        let workbook = try book.part("xl/workbook.xml")
        #expect(workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">'人员'!$1:$1</definedName>"))
        #expect(!workbook.contains("localSheetId=\"2\""))
    }

    @Test func zeroRowsIsTheHeaderAloneAndNoHeaderNoRowsAnEmptySheet() throws {
        let headerOnly = try Workbook([XLSXWorksheet(name: "空", header: ["姓名", "单位"], rows: [])])
        #expect(try headerOnly.records().map(\.cells) == [["姓名", "单位"]])
        #expect(try headerOnly.part("xl/worksheets/sheet1.xml").contains("<autoFilter ref=\"A1:B1\"/>"))
        let empty = try Workbook([XLSXWorksheet(name: "空", header: [], rows: [])])
        #expect(try empty.records().isEmpty)
        let xml = try empty.part("xl/worksheets/sheet1.xml")
        #expect(xml.contains("<sheetData/>"))
        #expect(!xml.contains("<cols>") && !xml.contains("autoFilter") && !xml.contains("pane"))
        #expect(try !empty.part("xl/workbook.xml").contains("definedName"))
        #expect(try empty.part("xl/sharedStrings.xml").contains("count=\"0\" uniqueCount=\"0\"></sst>"))
    }

    @Test func theLayoutAndPrintSetup() throws {
        let sheet = XLSXWorksheet(
            name: "巡察组's 表",
            header: ["编号", "反映问题内容摘要", "note"],
            rows: [[.integer(1), .text("反映某单位负责人在工程项目中收受好处费"), .text("ok")]],
            orientation: .landscape,
            fitsColumnsToPageWidth: true
        )
        let book = try Workbook([sheet])
        #expect(
            try book.partPaths == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
            ]
        )
        let xml = try book.part("xl/worksheets/sheet1.xml")
        #expect(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(xml.contains("<autoFilter ref=\"A1:C2\"/>"))
        #expect(xml.contains("<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"))
        #expect(xml.contains("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"))
        #expect(xml.contains("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"))
        #expect(xml.contains("<c r=\"A1\" s=\"1\" t=\"s\">"))  // the header's bold style
        // 19 Chinese characters are 38 digit widths, plus 2; the header 编号 (4) plus the filter button (3), plus 2.
        #expect(xml.contains("<col min=\"2\" max=\"2\" width=\"40\" customWidth=\"1\"/>"))
        #expect(xml.contains("<col min=\"1\" max=\"1\" width=\"9\" customWidth=\"1\"/>"))
        let workbook = try book.part("xl/workbook.xml")
        #expect(workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'巡察组''s 表'!$1:$1</definedName>"))
        #expect(workbook.contains("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">'巡察组''s 表'!$A$1:$C$2</definedName>"))
        let styles = try book.part("xl/styles.xml")
        #expect(styles.contains("<font><b/>"))
        #expect(styles.contains("wrapText=\"1\""))
        let portrait = try Workbook([XLSXWorksheet(name: "a", header: ["h"], rows: [])]).part("xl/worksheets/sheet1.xml")
        #expect(portrait.contains("<pageSetup paperSize=\"9\" orientation=\"portrait\"/>"))
    }

    @Test func columnWidthsStayBetweenBounds() {
        #expect(WorksheetXML.displayWidth("abc") == 3)
        #expect(WorksheetXML.displayWidth("县财政局") == 8)
        #expect(WorksheetXML.displayWidth("全角ＡＢ，。") == 12)
        #expect(WorksheetXML.displayWidth("短\n长一些的行") == 10)
        #expect(XLSXWriter.columnName(0) == "A")
        #expect(XLSXWriter.columnName(25) == "Z")
        #expect(XLSXWriter.columnName(26) == "AA")
        #expect(XLSXWriter.columnName(16_383) == "XFD")
    }

    @Test func manyRowsReadBack() throws {
        let newYear = try date("2024-01-01")
        let rows: [[XLSXCell]] = (0..<20_000).map { i in
            [
                .integer(i), .text("被反映人\(i % 500)"), .text("县直单位\(i % 40)"), .decimal(Decimal(i) / 100),
                .date(newYear.adding(days: i % 366)), .text("内容 \(i)"),
            ]
        }
        let start = ContinuousClock.now
        let book = try Workbook([XLSXWorksheet(name: "大表", header: ["序号", "姓名", "单位", "金额", "日期", "内容"], rows: rows)])
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(30), "took \(elapsed)")
        let records = try book.records()
        #expect(records.count == 20_001)
        #expect(records[12_346].cells == ["12345", "被反映人345", "县直单位25", "123.45", "45559", "内容 12345"])
        #expect(records.last?.line == 20_001)
    }

    @Test func theSameSheetsGiveTheSameBytes() throws {
        let sheets = [
            XLSXWorksheet(name: "线索", header: ["a", "b"], rows: [[.text("x"), .integer(1)], [.date(try date("2024-02-29")), .text("x")]])
        ]
        let first = try XLSXWriter().bytes(sheets)
        #expect(try XLSXWriter().bytes(sheets) == first)
        #expect(try XLSXWriter(modificationDate: Date(timeIntervalSince1970: 1_700_000_000)).bytes(sheets) != first)
    }

    @Test func whatExcelCannotHoldIsRefused() throws {
        #expect(throws: XLSXWriterError.noSheets) { try XLSXWriter().bytes([]) }
        let wide = XLSXWorksheet(name: "宽", header: Array(repeating: "列", count: 16_385), rows: [])
        #expect(throws: XLSXWriterError.tooManyColumns(sheet: "宽", columns: 16_385)) { try XLSXWriter().bytes([wide]) }
        let long = XLSXWorksheet(name: "长", header: ["h"], rows: Array(repeating: [], count: 1_048_576))
        #expect(throws: XLSXWriterError.tooManyRows(sheet: "长", rows: 1_048_577)) { try XLSXWriter().bytes([long]) }
        #expect(XLSXWriterError.tooManyRows(sheet: "长", rows: 1_048_577).messageZH.contains("1048576"))
    }
}
