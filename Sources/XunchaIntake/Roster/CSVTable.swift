/// One record of a table file: its cells and the line (CSV) or row (XLSX) it starts on, 1-based,
/// so that errors point where a person looks in the file.
public struct TableRecord: Sendable, Hashable {
    public var line: Int
    public var cells: [String]

    public init(line: Int, cells: [String]) {
        self.line = line
        self.cells = cells
    }
}

/// RFC 4180 CSV: fields separated by commas, records by CRLF or LF (or a lone CR); a field in
/// double quotes may hold commas, line breaks and doubled quotes. Lenient where Excel and people
/// are: a quote inside an unquoted field is kept as text, text after a closing quote is appended,
/// an unterminated quote runs to the end of the file. A tab-separated file (Excel's "Unicode
/// text") is read with tabs when its first line has tabs and no commas.
public enum CSVTable {
    public static func records(_ text: String) -> [TableRecord] {
        let scalars = Array(text.unicodeScalars)
        let separator: Unicode.Scalar = {
            let firstLine = scalars.prefix { $0 != "\n" && $0 != "\r" }
            return firstLine.contains("\t") && !firstLine.contains(",") ? "\t" : ","
        }()
        var records: [TableRecord] = []
        var cells: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var i = 0
        func endField() {
            cells.append(String(field))
            field = String.UnicodeScalarView()
        }
        func endRecord() {
            endField()
            records.append(TableRecord(line: recordLine, cells: cells))
            cells = []
        }
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" || (c == "\r" && (i + 1 >= scalars.count || scalars[i + 1] != "\n")) { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
            } else if c == separator {
                endField()
            } else if c == "\r" || c == "\n" {
                if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !cells.isEmpty || inQuotes { endRecord() }
        return records
    }
}
