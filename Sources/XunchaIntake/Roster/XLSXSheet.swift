/// Placeholder until XLSX reading lands: every workbook is refused with a clear error.
enum XLSXSheet {
    static func records(bytes: [UInt8]) throws(RosterFileError) -> [TableRecord] {
        throw .malformedXLSX("XLSX 尚不支持，请另存为 CSV / XLSX is not supported yet, save as CSV")
    }
}
