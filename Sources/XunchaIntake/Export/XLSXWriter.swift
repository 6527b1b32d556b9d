import Foundation
import XunchaCore

/// One cell of an exported worksheet.
public enum XLSXCell: Sendable, Hashable {
    /// Text, kept as text even when it looks like a number or a formula (an ID card number stays
    /// 18 digits, `=1+1` stays `=1+1`). Characters XML 1.0 forbids (C0 controls but tab and line
    /// breaks) are left out, CR and CRLF become LF (Excel's line break in a cell), and text longer
    /// than Excel's 32,767 characters is cut with a note saying so.
    case text(String)
    /// A number. Beyond 15 digits Excel would round it (it keeps doubles), so such a value is written
    /// as text.
    case integer(Int)
    /// A number written with its decimal digits as they are (`Decimal.description`); NaN is left empty.
    case decimal(Decimal)
    /// A date: a real date cell (a serial number shown as `yyyy-mm-dd`), so that Excel sorts,
    /// filters and computes with it.
    case date(CivilDate)
    /// A day and a time of day: a date-time cell shown as `yyyy-mm-dd hh:mm`.
    case dateTime(CivilDate, ClockTime)
    /// No cell.
    case empty
}

/// How a worksheet is printed.
public enum XLSXPageOrientation: String, Sendable, Hashable {
    case portrait
    case landscape
}

/// A worksheet to export: a name, one header row, and the rows under it.
public struct XLSXWorksheet: Sendable, Hashable {
    /// As the tab should read; `XLSXWriter.sheetNames` says how it is made fit for Excel.
    public var name: String
    /// The header row, bold, frozen, filtered and printed at the top of every page. Empty: the
    /// sheet has no header row, and none of those.
    public var header: [String]
    public var rows: [[XLSXCell]]
    public var orientation: XLSXPageOrientation
    /// Print all columns on the width of one page (as many pages down as it takes).
    public var fitsColumnsToPageWidth: Bool

    public init(
        name: String,
        header: [String],
        rows: [[XLSXCell]],
        orientation: XLSXPageOrientation = .portrait,
        fitsColumnsToPageWidth: Bool = false
    ) {
        self.name = name
        self.header = header
        self.rows = rows
        self.orientation = orientation
        self.fitsColumnsToPageWidth = fitsColumnsToPageWidth
    }
}

public enum XLSXWriterError: Error, Sendable, Equatable {
    /// A workbook must hold at least one worksheet.
    case noSheets
    /// More rows (header included) than Excel's 1,048,576.
    case tooManyRows(sheet: String, rows: Int)
    /// More columns than Excel's 16,384.
    case tooManyColumns(sheet: String, columns: Int)
    /// The zip library failed to write the workbook in memory (never seen: a bug or no memory left).
    case unwritable(String)

    public var messageZH: String {
        switch self {
        case .noSheets: "工作簿中至少要有一张工作表"
        case .tooManyRows(let sheet, let rows): "工作表“\(sheet)”有 \(rows) 行，超过 Excel 的上限 1048576 行，请分成多个文件导出"
        case .tooManyColumns(let sheet, let columns): "工作表“\(sheet)”有 \(columns) 列，超过 Excel 的上限 16384 列"
        case .unwritable: "无法生成 Excel 文件，请重试或联系管理员"
        }
    }

    public var messageEN: String {
        switch self {
        case .noSheets: "a workbook needs at least one worksheet"
        case .tooManyRows(let sheet, let rows): "worksheet \(sheet) has \(rows) rows, more than Excel's 1,048,576"
        case .tooManyColumns(let sheet, let columns): "worksheet \(sheet) has \(columns) columns, more than Excel's 16,384"
        case .unwritable(let why): "the workbook could not be written: \(why)"
        }
    }
}

/// Worksheets into an Excel workbook (.xlsx, Office Open XML SpreadsheetML) with the parts Excel
/// and LibreOffice need and nothing else: `[Content_Types].xml`, `_rels/.rels`, `xl/workbook.xml`
/// and its relationships, `xl/styles.xml`, `xl/sharedStrings.xml`, one `xl/worksheets/sheetN.xml`
/// a sheet. Each sheet has column widths from its content (a Chinese character counts twice a
/// Latin one), its header row bold on grey, frozen and filtered, text cells wrapped, and a print
/// setup: A4, the orientation asked for, the header row repeated on every page (the
/// `_xlnm.Print_Titles` name), gridlines, and 第 N 页，共 M 页 in the footer.
///
/// The same worksheets give the same bytes: no clock is read, every zip entry carries
/// `modificationDate`.
public struct XLSXWriter: Sendable {
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384
    /// The most characters (UTF-16 code units) a cell can hold in Excel.
    public static let maxCellLength = 32_767
    /// The longest sheet name Excel accepts, in characters (UTF-16 code units).
    public static let maxSheetNameLength = 31
    /// Appended to text cut at `maxCellLength`.
    public static let truncationNote = "……（超过 Excel 单元格 32767 字符上限，以下内容已截断）"
    /// 1980-01-01 00:00:00, the time on every zip entry unless another is given.
    public static let defaultModificationDate = ExportZip.defaultModificationDate

    public var modificationDate: Date

    public init(modificationDate: Date = XLSXWriter.defaultModificationDate) {
        self.modificationDate = modificationDate
    }

    /// The workbook's bytes.
    public func bytes(_ sheets: [XLSXWorksheet]) throws(XLSXWriterError) -> [UInt8] {
        guard !sheets.isEmpty else { throw .noSheets }
        let names = Self.sheetNames(sheets.map(\.name))
        for (sheet, name) in zip(sheets, names) {
            let rowCount = sheet.rows.count + (sheet.header.isEmpty ? 0 : 1)
            guard rowCount <= Self.maxRows else { throw .tooManyRows(sheet: name, rows: rowCount) }
            let columnCount = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
            guard columnCount <= Self.maxColumns else { throw .tooManyColumns(sheet: name, columns: columnCount) }
        }
        var strings = SharedStringTable()
        var parts: [(path: String, bytes: [UInt8])] = [
            ("[Content_Types].xml", Array(Self.contentTypes(sheetCount: sheets.count).utf8)),
            ("_rels/.rels", Array(Self.packageRelationships.utf8)),
            ("xl/workbook.xml", Array(Self.workbook(sheets: sheets, names: names).utf8)),
            ("xl/_rels/workbook.xml.rels", Array(Self.workbookRelationships(sheetCount: sheets.count).utf8)),
            ("xl/styles.xml", Array(Self.styles.utf8)),
        ]
        for (index, sheet) in sheets.enumerated() {
            let xml = WorksheetXML(sheet: sheet, selected: index == 0).xml(strings: &strings)
            parts.append(("xl/worksheets/sheet\(index + 1).xml", Array(xml.utf8)))
        }
        parts.append(("xl/sharedStrings.xml", Array(strings.xml.utf8)))
        do {
            return try ExportZip.bytes(parts, modificationDate: modificationDate)
        } catch {
            throw .unwritable(String(describing: error))
        }
    }

    /// The names as the workbook holds them, in order: characters Excel refuses in a sheet name
    /// (`[ ] : * ? / \`) replaced by their full-width forms (［ ］ ： ＊ ？ ／ ＼), control characters
    /// dropped, spaces and apostrophes trimmed from both ends, cut to 31 characters, an empty name
    /// made 工作表N, "History" (reserved by Excel) made "History_", and a name already taken
    /// (Excel ignores case) given a suffix （2）, （3）….
    public static func sheetNames(_ names: [String]) -> [String] {
        var taken: Set<String> = []
        var result: [String] = []
        for (index, name) in names.enumerated() {
            var base = cleanedSheetName(name)
            if base.isEmpty { base = "工作表\(index + 1)" }
            if base.lowercased() == "history" { base += "_" }
            var candidate = base
            var number = 2
            while taken.contains(candidate.lowercased()) {
                let suffix = "（\(number)）"
                candidate = prefix(base, utf16Length: maxSheetNameLength - suffix.utf16.count) + suffix
                number += 1
            }
            taken.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    static func cleanedSheetName(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar {
            case "[": scalars.append("［")
            case "]": scalars.append("］")
            case ":": scalars.append("：")
            case "*": scalars.append("＊")
            case "?": scalars.append("？")
            case "/": scalars.append("／")
            case "\\": scalars.append("＼")
            default:
                if XMLText.isAllowed(scalar), scalar.properties.generalCategory != .control { scalars.append(scalar) }
            }
        }
        let trimmed = String(scalars).trimmingCharacters(in: CharacterSet.whitespaces.union(["'"]))
        return prefix(trimmed, utf16Length: maxSheetNameLength).trimmingCharacters(in: CharacterSet.whitespaces.union(["'"]))
    }

    /// The longest prefix of whole characters within `utf16Length` code units.
    static func prefix(_ text: String, utf16Length: Int) -> String {
        var length = 0
        var end = text.startIndex
        for index in text.indices {
            let next = text.index(after: index)
            let count = text.utf16.distance(from: index, to: next)
            guard length + count <= utf16Length else { break }
            length += count
            end = next
        }
        return String(text[..<end])
    }

    /// A sheet name quoted for a formula or a defined name: `'名单'`, an apostrophe doubled.
    static func quotedSheetName(_ name: String) -> String {
        "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// "A", "Z", "AA" for columns 0, 25, 26.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [UInt8] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(remainder))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    static let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypes(sheetCount: Int) -> String {
        var xml = xmlDeclaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml +=
            "<Override PartName=\"/xl/workbook.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for index in 1...sheetCount {
            xml +=
                "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        xml +=
            "<Override PartName=\"/xl/styles.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        xml +=
            "<Override PartName=\"/xl/sharedStrings.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        xml += "</Types>"
        return xml
    }

    static let packageRelationships =
        xmlDeclaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationshipType)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    /// rId1…rIdN the worksheets, then styles and shared strings.
    static func workbookRelationships(sheetCount: Int) -> String {
        var xml = xmlDeclaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in 1...sheetCount {
            xml += "<Relationship Id=\"rId\(index)\" Type=\"\(relationshipType)/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationshipType)/styles\" Target=\"styles.xml\"/>"
        xml += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(relationshipType)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        xml += "</Relationships>"
        return xml
    }

    static func workbook(sheets: [XLSXWorksheet], names: [String]) -> String {
        var xml = xmlDeclaration
        xml += "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
        xml += "<workbookPr/><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, name) in names.enumerated() {
            xml += "<sheet name=\"\(XMLText.escaped(name, attribute: true))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets>"
        var definedNames = ""
        for (index, (sheet, name)) in zip(sheets, names).enumerated() where !sheet.header.isEmpty {
            let quoted = XMLText.escaped(quotedSheetName(name))
            let lastColumn = columnName(WorksheetXML.columnCount(sheet) - 1)
            let lastRow = sheet.rows.count + 1
            definedNames +=
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">"
                + "\(quoted)!$A$1:$\(lastColumn)$\(lastRow)</definedName>"
            definedNames += "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">\(quoted)!$1:$1</definedName>"
        }
        if !definedNames.isEmpty { xml += "<definedNames>" + definedNames + "</definedNames>" }
        xml += "</workbook>"
        return xml
    }

    /// Style indexes in `cellXfs`.
    enum Style: Int {
        case normal = 0
        /// Bold on light grey, centred, wrapped.
        case header = 1
        /// Wrapped, at the top of the cell.
        case wrappedText = 2
        /// At the top of the cell, for numbers beside wrapped text.
        case top = 3
        /// A date shown as `yyyy-mm-dd`, at the top of the cell.
        case date = 4
        /// A date and time shown as `yyyy-mm-dd hh:mm`, at the top of the cell.
        case dateTime = 5
    }

    /// 等线 11 (Excel's default on Chinese Windows; other systems put their own CJK font in its place).
    static let styles =
        xmlDeclaration
        + "<styleSheet xmlns=\"\(mainNamespace)\">"
        + "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/>"
        + "<numFmt numFmtId=\"165\" formatCode=\"yyyy\\-mm\\-dd\\ hh:mm\"/></numFmts>"
        + "<fonts count=\"2\">"
        + "<font><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font>"
        + "</fonts>"
        + "<fills count=\"3\">"
        + "<fill><patternFill patternType=\"none\"/></fill>"
        + "<fill><patternFill patternType=\"gray125\"/></fill>"
        + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9D9D9\"/><bgColor indexed=\"64\"/></patternFill></fill>"
        + "</fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"6\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyAlignment=\"1\">"
        + "<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">"
        + "<alignment vertical=\"top\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">"
        + "<alignment vertical=\"top\"/></xf>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyAlignment=\"1\">"
        + "<alignment vertical=\"top\"/></xf>"
        + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyAlignment=\"1\">"
        + "<alignment vertical=\"top\"/></xf>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"
}

/// Shared strings in the order of first use. Keyed by the exact UTF-8 bytes: Swift's `==` takes
/// canonically equivalent strings as equal, and a cell must keep the very code points it was given.
struct SharedStringTable {
    /// A string's bytes as the key: strings Swift calls equal but written differently stay apart.
    /// Hashed as one block of bytes (the array's own hashing feeds the hasher a byte at a time).
    private struct Key: Hashable {
        let bytes: [UInt8]
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    private var indexes: [Key: Int] = [:]
    private var strings: [String] = []
    private(set) var references = 0

    mutating func index(_ text: String) -> Int {
        references += 1
        let key = Key(bytes: Array(text.utf8))
        if let index = indexes[key] { return index }
        indexes[key] = strings.count
        strings.append(text)
        return strings.count - 1
    }

    var xml: String {
        var xml = XLSXWriter.xmlDeclaration
        xml += "<sst xmlns=\"\(XLSXWriter.mainNamespace)\" count=\"\(references)\" uniqueCount=\"\(strings.count)\">"
        for text in strings {
            xml += "<si><t xml:space=\"preserve\">"
            xml += XMLText.escaped(Self.escapingUnderscoreCodes(text))
            xml += "</t></si>"
        }
        xml += "</sst>"
        return xml
    }

    /// Excel reads `_xHHHH_` in a string as the character U+HHHH (that is how it stores control
    /// characters); text that holds such a sequence literally has its underscore written `_x005F_`.
    static func escapingUnderscoreCodes(_ text: String) -> String {
        // Bytes, not Foundation's `contains`, which searches with locale-aware comparison (a fifth
        // of a 100,000-row export's time).
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 7)
        for (i, byte) in utf8.enumerated() {
            if byte == UInt8(ascii: "_"), i + 6 < utf8.count, utf8[i + 1] == UInt8(ascii: "x") || utf8[i + 1] == UInt8(ascii: "X"),
                utf8[(i + 2)...(i + 5)].allSatisfy(isHexDigit), utf8[i + 6] == UInt8(ascii: "_")
            {
                out.append(contentsOf: "_x005F".utf8)
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}

/// One worksheet's XML.
struct WorksheetXML {
    let sheet: XLSXWorksheet
    let selected: Bool

    /// Excel's column widths are in widths of the digit 0 of the default font; a CJK character
    /// takes about two. Widths are kept between these, longer text wraps.
    static let minimumWidth = 6
    static let maximumWidth = 50
    /// Digits Excel keeps exactly; a longer integer is written as text.
    static let maxExactDigits = 15

    static func columnCount(_ sheet: XLSXWorksheet) -> Int {
        max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
    }

    /// A cell's text as written: forbidden characters out, line breaks as LF, at most 32,767 UTF-16 units.
    static func cellText(_ text: String) -> String {
        var text = XMLText.strippingForbidden(text)
        if text.utf8.contains(UInt8(ascii: "\r")) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        if text.utf16.count > XLSXWriter.maxCellLength {
            let note = XLSXWriter.truncationNote
            text = XLSXWriter.prefix(text, utf16Length: XLSXWriter.maxCellLength - note.utf16.count) + note
        }
        return text
    }

    /// Display width in digit widths: East Asian wide and full-width characters count two, the
    /// widest line counts.
    static func displayWidth(_ text: String) -> Int {
        var widest = 0
        var current = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                widest = max(widest, current)
                current = 0
            } else {
                current += isWide(scalar) ? 2 : 1
            }
        }
        return max(widest, current)
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default: false
        }
    }

    /// What a cell becomes: its `<c>` attributes and value, and its display width.
    enum Written {
        case none
        case text(String)
        case number(String)
        /// Excel's serial day number (days since 1899-12-30), with the time as the fraction of a
        /// day when there is one, and the style that shows it.
        case date(String, XLSXWriter.Style)
    }

    /// Day 0 of Excel's date serial numbers (1900 date system, counting its phantom 29 February 1900).
    static let excelEpoch = CivilDate(year: 1899, month: 12, day: 30)!

    static func written(_ cell: XLSXCell) -> Written {
        switch cell {
        case .empty: return .none
        case .text(let text):
            let text = cellText(text)
            return text.isEmpty ? .none : .text(text)
        case .integer(let value):
            let digits = String(value)
            return digits.count - (value < 0 ? 1 : 0) > maxExactDigits ? .text(digits) : .number(digits)
        case .decimal(let value):
            return value.isNaN ? .none : .number(value.description)
        case .date(let date):
            return .date(String(date.dayNumber - Self.excelEpoch.dayNumber), .date)
        case .dateTime(let date, let time):
            // Minutes as a fraction of the day, to ten places: exact to well under a second.
            let fraction = (Decimal(time.minutes) / 1440).rounded(places: 10)
            return .date((Decimal(date.dayNumber - Self.excelEpoch.dayNumber) + fraction).description, .dateTime)
        }
    }

    func xml(strings: inout SharedStringTable) -> String {
        let columns = Self.columnCount(sheet)
        let hasHeader = !sheet.header.isEmpty
        let headerRows = hasHeader ? 1 : 0
        let lastRow = sheet.rows.count + headerRows
        var widths = [Int](repeating: 0, count: columns)
        var data = ""
        data.reserveCapacity(sheet.rows.count * max(columns, 1) * 24)

        if hasHeader {
            data += "<row r=\"1\">"
            for (column, title) in sheet.header.enumerated() {
                let text = Self.cellText(title)
                // Room for the filter button beside the title.
                widths[column] = max(widths[column], Self.displayWidth(text) + 3)
                guard !text.isEmpty else { continue }
                data +=
                    "<c r=\"\(XLSXWriter.columnName(column))1\" s=\"\(XLSXWriter.Style.header.rawValue)\" t=\"s\">"
                    + "<v>\(strings.index(text))</v></c>"
            }
            data += "</row>"
        }
        for (offset, row) in sheet.rows.enumerated() {
            let rowNumber = offset + 1 + headerRows
            var cells = ""
            for (column, cell) in row.enumerated() {
                let reference = XLSXWriter.columnName(column) + String(rowNumber)
                switch Self.written(cell) {
                case .none: continue
                case .text(let text):
                    widths[column] = max(widths[column], Self.displayWidth(text))
                    cells +=
                        "<c r=\"\(reference)\" s=\"\(XLSXWriter.Style.wrappedText.rawValue)\" t=\"s\">"
                        + "<v>\(strings.index(text))</v></c>"
                case .number(let digits):
                    widths[column] = max(widths[column], digits.utf8.count)
                    cells += "<c r=\"\(reference)\" s=\"\(XLSXWriter.Style.top.rawValue)\"><v>\(digits)</v></c>"
                case .date(let serial, let style):
                    widths[column] = max(widths[column], style == .date ? 10 : 16)
                    cells += "<c r=\"\(reference)\" s=\"\(style.rawValue)\"><v>\(serial)</v></c>"
                }
            }
            if !cells.isEmpty { data += "<row r=\"\(rowNumber)\">" + cells + "</row>" }
        }

        var xml = XLSXWriter.xmlDeclaration
        xml += "<worksheet xmlns=\"\(XLSXWriter.mainNamespace)\" xmlns:r=\"\(XLSXWriter.relationshipNamespace)\">"
        if sheet.fitsColumnsToPageWidth { xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" }
        let lastColumnName = XLSXWriter.columnName(max(columns, 1) - 1)
        xml += "<dimension ref=\"A1:\(lastColumnName)\(max(lastRow, 1))\"/>"
        xml += "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
        if hasHeader {
            xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            xml += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
        }
        xml += "</sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"14.25\"/>"
        if columns > 0 {
            xml += "<cols>"
            for (index, width) in widths.enumerated() {
                let clamped = min(max(width + 2, Self.minimumWidth), Self.maximumWidth)
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(clamped)\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += data.isEmpty ? "<sheetData/>" : "<sheetData>" + data + "</sheetData>"
        if hasHeader { xml += "<autoFilter ref=\"A1:\(lastColumnName)\(lastRow)\"/>" }
        xml += "<printOptions gridLines=\"1\"/>"
        xml += "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        let fit = sheet.fitsColumnsToPageWidth ? " fitToWidth=\"1\" fitToHeight=\"0\"" : ""
        xml += "<pageSetup paperSize=\"9\" orientation=\"\(sheet.orientation.rawValue)\"\(fit)/>"
        xml += "<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"
        xml += "</worksheet>"
        return xml
    }
}

extension Decimal {
    /// Rounded half away from zero to `places` decimal places.
    func rounded(places: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, places, .plain)
        return result
    }
}
