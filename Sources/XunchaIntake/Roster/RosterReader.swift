import Foundation
import XunchaCore
import XunchaText

/// Reads a roster file (CSV in any encoding Excel writes, or XLSX) into a preview: every row as a
/// `RosterPerson` with its inferred scope role, and every row's errors. Nothing here writes.
public struct RosterReader: Sendable {
    /// The inspection's units; when not nil, every row's unit must be one of them.
    public var units: [String]?
    public var rules: ScopeRoleRules

    public init(units: [String]? = nil, rules: ScopeRoleRules = .standard) {
        self.units = units
        self.rules = rules
    }

    /// How many rows from the top may hold a title before the header row.
    static let headerSearchRows = 10

    /// Reads a file's bytes; an XLSX workbook is told by its zip signature, an old .xls by its OLE one.
    public func read(bytes: [UInt8]) throws(RosterFileError) -> RosterPreview {
        guard !bytes.isEmpty else { throw .emptyFile }
        // The OLE signature of .xls: people pick "Excel" files without knowing there are two kinds.
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { throw .legacyXLS }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return try preview(records: try XLSXSheet.records(bytes: bytes), format: RosterPreview.xlsxFormat)
        }
        guard let text = RosterText(bytes: bytes) else { throw .unreadableEncoding }
        return try preview(records: CSVTable.records(text.text), format: RosterPreview.csvFormat(text.encoding))
    }

    /// Reads records already split into cells (a CSV's, a worksheet's).
    public func preview(records: [TableRecord], format: String) throws(RosterFileError) -> RosterPreview {
        let nonEmpty = records.filter { $0.cells.contains { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }
        var headerIndex: Int?
        var columns: [RosterColumn: Int] = [:]
        for (i, record) in nonEmpty.prefix(Self.headerSearchRows).enumerated() {
            var found: [RosterColumn: Int] = [:]
            for (c, cell) in record.cells.enumerated() {
                if let column = RosterColumn.column(forHeader: cell), found[column] == nil { found[column] = c }
            }
            if found[.name] != nil {
                headerIndex = i
                columns = found
                break
            }
        }
        guard let headerIndex else { throw .noNameColumn }
        let header = nonEmpty[headerIndex].cells
        let dataRows = nonEmpty.dropFirst(headerIndex + 1)
        guard !dataRows.isEmpty else { throw .noRows }

        let knownUnits = units.map { $0.map(Self.unitKey).filter { !$0.isEmpty } }
        var firstLine: [String: Int] = [:]
        var rows: [RosterRow] = []
        for record in dataRows {
            func cell(_ column: RosterColumn) -> String {
                guard let c = columns[column], c < record.cells.count else { return "" }
                return record.cells[c].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            var errors: [RosterRowError] = []
            let name = Self.cleanName(cell(.name))
            let unit = Self.collapseSpaces(cell(.unit))
            let post = Self.collapseSpaces(cell(.post))
            let roleText = cell(.role)
            var role: ScopeRole?
            if !roleText.isEmpty {
                role = Self.role(from: roleText)
                if role == nil { errors.append(.unreadableRole(roleText)) }
            }
            if name.isEmpty { errors.append(.missingName) }
            if let knownUnits, !Self.unitMatches(unit, knownUnits) { errors.append(.unknownUnit(unit)) }
            if !name.isEmpty {
                let key = name + "\u{1F}" + Self.unitKey(unit)
                if let first = firstLine[key] {
                    errors.append(.duplicatePerson(firstLine: first))
                } else {
                    firstLine[key] = record.line
                }
            }
            let person =
                name.isEmpty
                ? nil : RosterPerson(name: name, unit: unit, post: post, aliases: Self.aliases(cell(.aliases), name: name), role: role, rules: rules)
            rows.append(RosterRow(line: record.line, person: person, errors: errors))
        }
        let used = Set(columns.values)
        return RosterPreview(
            format: format,
            columns: columns.mapValues { header[$0] },
            ignoredHeaders: header.enumerated().filter { !used.contains($0.offset) && !$0.element.isEmpty }.map(\.element),
            rows: rows
        )
    }

    /// Excel users pad two-character names to line up (王　芳): Chinese names lose every space,
    /// other names keep single spaces between words.
    static func cleanName(_ name: String) -> String {
        if name.unicodeScalars.contains(where: { (0x3400...0x9FFF).contains($0.value) }) {
            return name.filter { !$0.isWhitespace }
        }
        return collapseSpaces(name)
    }

    static func collapseSpaces(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Aliases split on 、，,；; (and line breaks), without empties, repeats or the name itself.
    static func aliases(_ text: String, name: String) -> [String] {
        var seen: Set<String> = [name]
        var out: [String] = []
        for part in text.split(whereSeparator: { $0.isNewline || "、，,；;".contains($0) }) {
            let alias = cleanName(String(part))
            if !alias.isEmpty, seen.insert(alias).inserted { out.append(alias) }
        }
        return out
    }

    /// A unit compared with the inspection's units: simplified, half-width, without spaces.
    static func unitKey(_ unit: String) -> String {
        TextNormalizer().normalize(unit).filter { !$0.isWhitespace }
    }

    /// A row's unit belongs to the inspection when it is one of its units, a part of one written
    /// with the unit's name in front (县财政局城关财政所 under 县财政局), or one written without its
    /// place in front (财政局 for 县财政局; three characters at least, so 局 alone matches nothing).
    static func unitMatches(_ unit: String, _ known: [String]) -> Bool {
        let key = unitKey(unit)
        guard !key.isEmpty else { return false }
        return known.contains { key == $0 || key.hasPrefix($0) || (key.count >= 3 && $0.hasSuffix(key)) }
    }

    /// The role column: a role's code, its Chinese name, or a short form.
    static func role(from text: String) -> ScopeRole? {
        let key = RosterColumn.normalizeHeader(text).replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        if let role = ScopeRole(rawValue: key) { return role }
        return roleWords[key]
    }

    private static let roleWords: [String: ScopeRole] = {
        var map: [String: ScopeRole] = [:]
        let table: [(ScopeRole, [String])] = [
            (.leadershipMember, ["领导班子成员", "领导班子", "班子成员", "班子", "领导", "leadership", "leadershipmember", "leader"]),
            (
                .subordinatePrincipal,
                ["下一级党组织主要负责人", "下级党组织主要负责人", "下一级主要负责人", "下级主要负责人", "下属单位主要负责人", "主要负责人", "subordinateprincipal", "principal"]
            ),
            (.keyPostLeader, ["重要岗位领导干部", "重要岗位", "关键岗位", "重要岗位干部", "keypostleader", "keypost", "key_post"]),
            (.other, ["其他", "其他人员", "一般", "一般干部", "其它", "none", "other", "-"]),
        ]
        for (role, words) in table { for w in words { map[w] = role } }
        return map
    }()
}
