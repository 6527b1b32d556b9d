import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The first worksheet of an XLSX workbook as table records: the shared strings, the workbook's
/// first sheet (through its relationships, else `xl/worksheets/sheet1.xml`), each cell by its
/// reference so that empty cells Excel leaves out keep the columns in place.
enum XLSXSheet {
    /// The largest part read from a workbook; a roster's XML is far smaller, a zip bomb is not.
    static let maxPartSize: UInt64 = 64 << 20

    static func records(bytes: [UInt8]) throws(RosterFileError) -> [TableRecord] {
        do {
            return try ZipBytes.reading(bytes) { archive in try records(in: archive) }
        } catch let error as RosterFileError {
            throw error
        } catch {
            throw .malformedXLSX("不是有效的 zip 文件 / not a readable zip file")
        }
    }

    private static func records(in archive: Archive) throws(RosterFileError) -> [TableRecord] {
        var strings: [String] = []
        if let shared = try part("xl/sharedStrings.xml", in: archive) { strings = try SharedStrings.parse(shared) }
        guard let sheet = try part(firstSheetPath(in: archive), in: archive) else {
            throw .malformedXLSX("工作簿中没有工作表 / no worksheet in the workbook")
        }
        return try SheetCells.parse(sheet, strings: strings)
    }

    /// A part's bytes, nil when the workbook has no such part.
    static func part(_ path: String, in archive: Archive) throws(RosterFileError) -> Data? {
        guard let entry = archive[path] else { return nil }
        guard entry.uncompressedSize <= maxPartSize else { throw .malformedXLSX("\(path) 过大 / \(path) is too large") }
        var data = Data()
        do {
            _ = try archive.extract(entry) { data.append($0) }
        } catch {
            throw .malformedXLSX("\(path) 无法解压 / \(path) cannot be decompressed")
        }
        // Excel writes its parts in UTF-8; an element name with bytes that are not UTF-8 stops
        // the process inside Foundation's XMLParser on Linux, so such a part is refused first.
        guard String(validating: data, as: UTF8.self) != nil else {
            throw .malformedXLSX("\(path) 不是 UTF-8 编码 / \(path) is not UTF-8")
        }
        // A processing instruction without data (<?x?>) stops the process inside Foundation's
        // XMLParser on Linux too (it reads its data through a null pointer). Excel writes none
        // but the XML declaration at the start, so any other one is refused before parsing.
        guard !hasProcessingInstruction(data) else {
            throw .malformedXLSX("\(path) 含有处理指令 / \(path) holds a processing instruction")
        }
        return data
    }

    /// Whether `<?` occurs anywhere but as the XML declaration (`<?xml `) at the very start,
    /// after an optional byte order mark.
    static func hasProcessingInstruction(_ data: Data) -> Bool {
        let bytes = [UInt8](data)
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let declaration = Array("<?xml ".utf8)
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "?"),
                !(i == start && bytes[i...].starts(with: declaration))
            {
                return true
            }
            i += 1
        }
        return false
    }

    /// The first `<sheet>` of xl/workbook.xml resolved through xl/_rels/workbook.xml.rels.
    static func firstSheetPath(in archive: Archive) throws(RosterFileError) -> String {
        let fallback = "xl/worksheets/sheet1.xml"
        guard let workbook = try part("xl/workbook.xml", in: archive), let rels = try part("xl/_rels/workbook.xml.rels", in: archive),
            let id = XMLAttributes.first(element: "sheet", attribute: "r:id", in: workbook),
            let target = XMLAttributes.all(element: "Relationship", in: rels).first(where: { $0["Id"] == id })?["Target"]
        else { return fallback }
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        return "xl/" + target
    }
}

/// Collects attributes of elements by name, for the small lookups in workbook.xml and its rels.
private final class XMLAttributes: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []

    init(element: String) { self.element = element }

    static func all(element: String, in data: Data) -> [[String: String]] {
        let collector = XMLAttributes(element: element)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        _ = parser.parse()
        return collector.found
    }

    static func first(element: String, attribute: String, in data: Data) -> String? {
        all(element: element, in: data).first?[attribute]
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        if name == element || name.hasSuffix(":" + element) { found.append(attributes) }
    }
}

/// xl/sharedStrings.xml: one string per `<si>`, its `<t>` runs joined, phonetic runs (`<rPh>`) left out.
private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false
    var phonetic = 0
    var complete = false

    static func parse(_ data: Data) throws(RosterFileError) -> [String] {
        let delegate = SharedStrings()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        // A truncated document can parse "successfully" on some platforms: require the closing tag.
        guard parser.parse(), parser.parserError == nil, delegate.complete else {
            throw .malformedXLSX("sharedStrings.xml 无法解析 / sharedStrings.xml is not well-formed XML")
        }
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "rPh": phonetic += 1
        case "t": inText = phonetic == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "sst": complete = true
        case "rPh": phonetic -= 1
        case "t": inText = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

/// A worksheet's rows: each `<c>` placed by its reference (B3 → column 1), its value from the
/// shared strings (t="s"), an inline string (t="inlineStr"), or the `<v>` text as written.
private final class SheetCells: NSObject, XMLParserDelegate {
    let strings: [String]
    var records: [TableRecord] = []
    var row: [Int: String] = [:]
    var rowNumber = 0
    var column = 0
    var cellType = ""
    var value = ""
    var inValue = false
    var badIndex = false
    var complete = false

    init(strings: [String]) { self.strings = strings }

    /// The last row a worksheet can have.
    static let maxRow = 1_048_576

    static func parse(_ data: Data, strings: [String]) throws(RosterFileError) -> [TableRecord] {
        let delegate = SheetCells(strings: strings)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse(), parser.parserError == nil, delegate.complete else {
            throw .malformedXLSX("工作表 XML 无法解析 / the worksheet is not well-formed XML")
        }
        if delegate.badIndex { throw .malformedXLSX("单元格引用了不存在的共享字符串 / a cell refers to a missing shared string") }
        return delegate.records
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch name {
        case "row":
            // A row number Excel cannot write counts on from the row before.
            rowNumber = attributes["r"].flatMap(Int.init).flatMap { (1...Self.maxRow).contains($0) ? $0 : nil } ?? rowNumber + 1
            row = [:]
            column = 0
        case "c":
            if let reference = attributes["r"], let index = Self.columnIndex(reference) { column = index }
            cellType = attributes["t"] ?? ""
            value = ""
        case "v", "t":
            inValue = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t":
            inValue = false
        case "c":
            if cellType == "s" {
                if let i = Int(value.trimmingCharacters(in: .whitespaces)), strings.indices.contains(i) {
                    row[column] = strings[i]
                } else {
                    badIndex = true
                }
            } else {
                row[column] = value
            }
            column += 1
        case "row":
            let width = (row.keys.max() ?? -1) + 1
            records.append(TableRecord(line: rowNumber, cells: (0..<width).map { row[$0] ?? "" }))
        case "worksheet":
            complete = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { value += string }
    }

    /// "B3" → 1, "AA10" → 26; nil without letters.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard (65...90).contains(scalar.value) else { break }
            // Excel's columns end at XFD: a fourth letter is no reference (and could overflow).
            if letters == 3 { return nil }
            index = index * 26 + Int(scalar.value) - 64
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }
}
