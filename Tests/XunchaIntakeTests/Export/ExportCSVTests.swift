import Foundation
import Testing

@testable import XunchaIntake

/// The CSV after its byte order mark, as text.
private func text(_ bytes: [UInt8]) -> String {
    #expect(Array(bytes.prefix(3)) == CSVWriter.byteOrderMark)
    return String(decoding: bytes.dropFirst(3), as: UTF8.self)
}

@Suite struct ExportCSVTests {
    @Test func byteOrderMarkThenRowsEachEndedByCRLF() {
        let bytes = CSVWriter.bytes([["序号", "姓名"], ["1", "王建国"]])
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(text(bytes) == "序号,姓名\r\n1,王建国\r\n")
    }

    @Test func noRowsIsTheMarkAloneAndAnEmptyRowAnEmptyLine() {
        #expect(CSVWriter.bytes([]) == CSVWriter.byteOrderMark)
        #expect(text(CSVWriter.bytes([["a"], [], [""], ["", ""], ["b"]])) == "a\r\n\r\n\r\n,\r\nb\r\n")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("line 1\r\nline 2", "\"line 1\r\nline 2\""),
        ("lf\nonly", "\"lf\nonly\""),
        ("cr\ronly", "\"cr\ronly\""),
        ("  spaces kept  ", "  spaces kept  "),
        ("单位：县财政局，2024年", "单位：县财政局，2024年"),  // full-width comma needs no quotes
        ("中文,逗号", "\"中文,逗号\""),
    ])
    func quotingAsRFC4180Says(cell: String, written: String) {
        #expect(CSVWriter.field(cell) == written)
    }

    @Test(arguments: [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+1", "'+1"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\tindented", "'\tindented"),
        ("\r\n=1", "\"'\r\n=1\""),
        ("=HYPERLINK(\"http://x\",\"点我\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""),
        ("=1,2", "\"'=1,2\""),
        ("a=1", "a=1"),
        ("'=already", "'=already"),
        ("＝全角等号", "＝全角等号"),
        (" =1", " =1"),
    ])
    func formulaStartsGetAnApostrophe(cell: String, written: String) {
        #expect(CSVWriter.field(cell) == written)
        let guarded = cell.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
        #expect(CSVWriter.startsLikeFormula(cell) == guarded)
    }

    @Test func chineseAndEmojiAreUTF8() {
        let row = ["举报人", "反映县财政局王某某违规发放津贴补贴", "𠮷野家", "👍"]
        let bytes = CSVWriter.bytes([row])
        #expect(Array(bytes.dropFirst(3)) == Array((row.joined(separator: ",") + "\r\n").utf8))
    }

    @Test func readsBackWithTheRosterCSVReader() {
        let rows = [
            ["姓名", "单位", "内容"],
            ["王建国", "县财政局", "多行\r\n内容，含\"引号\"和,逗号"],
            ["李红梅", "", "=1+1"],
        ]
        let records = CSVTable.records(text(CSVWriter.bytes(rows)))
        #expect(records.map(\.cells) == [rows[0], rows[1], ["李红梅", "", "'=1+1"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func appendRowWritesWhatBytesWrites() {
        let rows = [["a", "b,c"], ["=d"]]
        var bytes = CSVWriter.byteOrderMark
        for row in rows { CSVWriter.appendRow(row, to: &bytes) }
        #expect(bytes == CSVWriter.bytes(rows))
    }

    @Test func aHundredThousandRowsInReasonableTime() {
        let rows = (0..<100_000).map { i in
            ["\(i)", "县财政局第\(i % 37)科室", "反映\"问题\"，编号 \(i)", i % 10 == 0 ? "-\(i)" : "正常"]
        }
        let start = ContinuousClock.now
        let bytes = CSVWriter.bytes(rows)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(10), "took \(elapsed)")
        let lines = text(bytes).components(separatedBy: "\r\n")
        #expect(lines.count == 100_001)  // the last CRLF leaves an empty piece
        #expect(lines[10] == "10,县财政局第10科室,\"反映\"\"问题\"\"，编号 10\",'-10")
        #expect(lines.last == "")
    }
}
