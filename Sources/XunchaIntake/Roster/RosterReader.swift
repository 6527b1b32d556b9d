import Foundation
import XunchaCore
import XunchaText

/// Reads a roster file (CSV in any encoding Excel writes, or XLSX) into a preview: every row as a
/// `RosterPerson` with its inferred scope role, and every row's errors. Nothing here writes.
public struct RosterReader: Sendable {
    /// The inspection's scope; when not nil, every row's unit must be placed in it, by the file's
    /// 上级单位 column or by a choice staff made in the preview (`choices`).
    public var scope: InspectionScope?
    /// What staff chose for units the scope does not know, by the unit as written.
    public var choices: [String: RosterUnitChoice]
    public var rules: ScopeRoleRules

    public init(scope: InspectionScope?, choices: [String: RosterUnitChoice] = [:], rules: ScopeRoleRules = .standard) {
        self.scope = scope
        self.choices = choices
        self.rules = rules
    }

    /// A reader for an inspection whose scope is its units alone.
    public init(units: [String]? = nil, rules: ScopeRoleRules = .standard) {
        self.init(scope: units.map { InspectionScope(units: $0) }, rules: rules)
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

        var settling = UnitSettling(scope: scope, choices: choices)
        for record in dataRows {
            func cell(_ column: RosterColumn) -> String {
                guard let c = columns[column], c < record.cells.count else { return "" }
                return Self.collapseSpaces(record.cells[c].trimmingCharacters(in: .whitespacesAndNewlines))
            }
            settling.learn(unit: cell(.unit), parent: cell(.parentUnit))
        }
        var firstLine: [String: Int] = [:]
        var rows: [RosterRow] = []
        var pending: [(name: String, unit: String, post: String, aliases: [String], role: ScopeRole?)] = []
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
            let settlement = settling.settle(unit: unit, parent: Self.collapseSpaces(cell(.parentUnit)))
            if case .unknown(let what) = settlement { errors.append(.unknownUnit(what)) }
            if !name.isEmpty {
                let key = name + "\u{1F}" + InspectionScope.key(unit)
                if let first = firstLine[key] {
                    errors.append(.duplicatePerson(firstLine: first))
                } else {
                    firstLine[key] = record.line
                }
            }
            rows.append(RosterRow(line: record.line, person: nil, errors: errors, settlement: settlement))
            pending.append((name, unit, post, Self.aliases(cell(.aliases), name: name), role))
        }
        // Roles are read once every row is settled: a unit made next-level by a later row's
        // 上级单位 is next-level for the earlier rows too.
        let placer = settling.extendedScope.map(UnitPlacer.init)
        for (i, p) in pending.enumerated() where !p.name.isEmpty {
            rows[i].person = RosterPerson(name: p.name, unit: p.unit, post: p.post, aliases: p.aliases, role: p.role, rules: rules, placer: placer)
        }
        let used = Set(columns.values)
        return RosterPreview(
            format: format,
            columns: columns.mapValues { header[$0] },
            ignoredHeaders: header.enumerated().filter { !used.contains($0.offset) && !$0.element.isEmpty }.map(\.element),
            rows: rows,
            newNextLevel: settling.added,
            unsettledUnits: settling.unsettled
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
