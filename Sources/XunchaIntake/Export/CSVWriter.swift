/// Rows of strings as CSV bytes that Excel opens correctly on a Chinese Windows: UTF-8 with a
/// byte order mark (without it Excel reads the bytes as GBK and shows mojibake), CRLF after every
/// row, fields quoted as RFC 4180 says.
///
/// Formula injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
/// written with a leading apostrophe (`=SUM(A1)` → `'=SUM(A1)`), so that a spreadsheet shows it as
/// text instead of running it: reports quote what people wrote, and an export must not turn a
/// reporter's `=HYPERLINK(...)` into a live formula on a staff member's computer. The apostrophe is
/// part of the cell's text: Excel and LibreOffice show it when they open the CSV, and a negative
/// number such as `-5` or a telephone number such as `+86 10 …` is written `'-5`, `'+86 10 …`. A
/// program that reads the CSV back gets the apostrophe too. Export numbers that must stay numbers
/// as XLSX (`XLSXWriter`).
public enum CSVWriter {
    /// UTF-8's byte order mark, EF BB BF.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The byte order mark and every row, each ended by CRLF. No rows give the mark alone; an
    /// empty row (no cells, or one empty cell) is an empty line.
    public static func bytes(_ rows: [[String]]) -> [UInt8] {
        var bytes = byteOrderMark
        bytes.reserveCapacity(rows.count * 32)
        for row in rows { appendRow(row, to: &bytes) }
        return bytes
    }

    /// Appends one row and its CRLF, for callers that write a large export in pieces (the byte
    /// order mark is theirs to write first).
    public static func appendRow(_ row: [String], to bytes: inout [UInt8]) {
        for (index, cell) in row.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(cell, to: &bytes)
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// One cell as written in the file: the apostrophe before a formula start, then quoted when it
    /// holds a quote, a comma, CR or LF (its quotes doubled).
    public static func field(_ cell: String) -> String {
        var bytes: [UInt8] = []
        appendField(cell, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a spreadsheet could take the cell for a formula: its first character is one of
    /// `=`, `+`, `-`, `@`, tab, CR.
    public static func startsLikeFormula(_ cell: String) -> Bool {
        guard let first = cell.utf8.first else { return false }
        return formulaStarts.contains(first)
    }

    private static let formulaStarts: Set<UInt8> = [
        UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D,
    ]

    private static func appendField(_ cell: String, to bytes: inout [UInt8]) {
        let utf8 = cell.utf8
        let guarded = startsLikeFormula(cell)
        let quoted = utf8.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: ",") || $0 == 0x0D || $0 == 0x0A }
        if quoted { bytes.append(UInt8(ascii: "\"")) }
        if guarded { bytes.append(UInt8(ascii: "'")) }
        if quoted {
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        } else {
            bytes.append(contentsOf: utf8)
        }
    }
}
