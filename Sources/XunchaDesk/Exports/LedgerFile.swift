import Foundation
import XunchaCore
import XunchaIntake

/// The two file forms of a ledger.
public enum LedgerFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// An Excel workbook: dates as dates, the header bold, frozen and printed on every page.
    case xlsx
    /// UTF-8 with a byte order mark, so that Excel on Chinese Windows opens it as such.
    case csv

    public var contentType: String {
        switch self {
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: "text/csv; charset=utf-8"
        }
    }
}

/// A ledger written as a file.
public struct LedgerFile: Sendable {
    public var filename: String
    public var format: LedgerFormat
    public var bytes: [UInt8]
    public var rows: Int

    public init(_ ledger: Ledger, format: LedgerFormat, madeOn day: CivilDate) throws {
        self.format = format
        filename = ledger.kind.fileStem(madeOn: day) + "." + format.rawValue
        rows = ledger.rows.count
        switch format {
        case .xlsx: bytes = try XLSXWriter().bytes([Self.worksheet(ledger)])
        case .csv: bytes = CSVWriter.bytes(ledger.textTable)
        }
    }

    /// The ledger's sheet: landscape, all columns on the width of the page, as it is printed.
    static func worksheet(_ ledger: Ledger) -> XLSXWorksheet {
        XLSXWorksheet(
            name: ledger.kind.chineseName,
            header: ledger.columns.map(\.title),
            rows: ledger.rows.map { $0.map(cell) },
            orientation: .landscape,
            fitsColumnsToPageWidth: true
        )
    }

    static func cell(_ cell: LedgerCell) -> XLSXCell {
        switch cell {
        case .text(let text): .text(text)
        case .day(let day): .date(day)
        case .moment(let moment): .dateTime(CivilDate(beijingDayOf: moment), ClockTime(beijingOf: moment))
        case .count(let n): .integer(n)
        case .empty: .empty
        }
    }
}
