import Foundation

/// One value in a ledger, kept typed so that every form of the ledger shows it its own way: the
/// page and the CSV as text, the workbook as a date or a number Excel computes with.
public enum LedgerCell: Sendable, Hashable {
    case text(String)
    case day(CivilDate)
    /// A moment, shown to the minute in Beijing time.
    case moment(Date)
    case count(Int)
    case empty

    /// `2026-03-01`, `2026-03-01 14:05`, the number, the text.
    public var text: String {
        switch self {
        case .text(let text): text
        case .day(let day): day.iso
        case .moment(let moment): "\(CivilDate(beijingDayOf: moment).iso) \(ClockTime(beijingOf: moment))"
        case .count(let n): String(n)
        case .empty: ""
        }
    }
}

/// A column of a ledger: its heading, and whether it says who a reporter is (kept out unless the
/// caller may see identities and asked for them).
public struct LedgerColumn: Sendable, Hashable {
    public var title: String
    public var holdsIdentity: Bool
    /// Long text (what was reported, a measure): the print view gives it the room.
    public var isLong: Bool

    public init(_ title: String, holdsIdentity: Bool = false, isLong: Bool = false) {
        self.title = title
        self.holdsIdentity = holdsIdentity
        self.isLong = isLong
    }
}

/// A register or ledger as a table: the same rows for the page, the print view, the workbook and
/// the CSV file, so the four never disagree.
public struct Ledger: Sendable, Hashable {
    public var kind: LedgerKind
    /// The group whose ledger it is, for the heading: `市委第四巡察组`.
    public var group: String
    public var columns: [LedgerColumn]
    public var rows: [[LedgerCell]]
    public var withIdentities: Bool

    public init(kind: LedgerKind, group: String, columns: [LedgerColumn], rows: [[LedgerCell]], withIdentities: Bool) {
        self.kind = kind
        self.group = group
        self.columns = columns
        self.rows = rows
        self.withIdentities = withIdentities
    }

    /// `市委第四巡察组来信登记簿`.
    public var title: String { group + kind.chineseName }

    /// The rows within `range` (a page), their 序号 as in the whole ledger.
    public func window(_ range: Range<Int>) -> Ledger {
        var cut = self
        cut.rows = Array(rows[range.clamped(to: rows.indices)])
        return cut
    }

    /// The rows as text, the header first: what the CSV file and the page hold.
    public var textTable: [[String]] { [columns.map(\.title)] + rows.map { $0.map(\.text) } }

    /// Builds a ledger from its columns and one row per record, leaving the identity columns out
    /// when identities are not to be shown: a row maker sees the column set it fills, so it never
    /// reads an identity that is not asked for.
    static func make<Record>(
        _ kind: LedgerKind,
        group: String,
        columns: [(LedgerColumn, (Record) -> LedgerCell)],
        records: [Record],
        withIdentities: Bool,
        firstOrdinal: Int = 1
    ) -> Ledger {
        let kept = columns.filter { withIdentities || !$0.0.holdsIdentity }
        let rows = records.enumerated().map { index, record in [LedgerCell.count(firstOrdinal + index)] + kept.map { $0.1(record) } }
        return Ledger(
            kind: kind,
            group: group,
            columns: [LedgerColumn("序号")] + kept.map(\.0),
            rows: rows,
            withIdentities: withIdentities
        )
    }
}

extension LedgerCell {
    /// Text, or no cell for an empty or missing text.
    static func of(_ value: String?) -> LedgerCell {
        guard let value, !value.isEmpty else { return .empty }
        return .text(value)
    }

    static func of(_ value: CivilDate?) -> LedgerCell { value.map(LedgerCell.day) ?? .empty }
    static func of(_ value: Date?) -> LedgerCell { value.map(LedgerCell.moment) ?? .empty }
}
