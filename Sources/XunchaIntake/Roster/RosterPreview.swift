import XunchaCore

/// What is wrong with one row of a roster file. Any of them stops the whole import.
public enum RosterRowError: Sendable, Hashable, Codable {
    case missingName
    /// The unit is not one of the inspection's units (empty when the row has no unit at all).
    case unknownUnit(String)
    /// The same name in the same unit as the row on `firstLine`.
    case duplicatePerson(firstLine: Int)
    /// The role column holds something that is no scope role.
    case unreadableRole(String)

    public var messageZH: String {
        switch self {
        case .missingName: "缺少姓名"
        case .unknownUnit(let unit) where unit.isEmpty: "缺少单位"
        case .unknownUnit(let unit): "单位“\(unit)”不是本次巡察的被巡察单位或其下一级单位（请选择它属于哪个被巡察单位，或不在巡察范围、不导入）"
        case .duplicatePerson(let line): "与第 \(line) 行重复（同一单位同名）"
        case .unreadableRole(let role): "无法识别的角色“\(role)”（可填：领导班子成员、下一级党组织主要负责人、重要岗位领导干部、其他）"
        }
    }

    public var messageEN: String {
        switch self {
        case .missingName: "no name"
        case .unknownUnit(let unit) where unit.isEmpty: "no unit"
        case .unknownUnit(let unit): "unit \"\(unit)\" is neither an inspected unit nor a next-level one (choose its parent, or out of scope)"
        case .duplicatePerson(let line): "same name and unit as line \(line)"
        case .unreadableRole(let role):
            "unreadable role \"\(role)\" (use leadership_member, subordinate_principal, key_post_leader or other)"
        }
    }
}

/// One data row of a roster file: the person it describes (when it has a name) and its errors.
public struct RosterRow: Sendable, Hashable {
    /// The line (CSV) or row (XLSX) in the file, 1-based.
    public var line: Int
    /// Nil when the row has no name.
    public var person: RosterPerson?
    public var errors: [RosterRowError]
    public var settlement: RosterUnitSettlement = .unchecked

    public var isExcluded: Bool { settlement == .excluded }
}

/// What a roster file would import, shown before anything is written.
public struct RosterPreview: Sendable {
    /// "UTF-8", "GB18030", "XLSX" …: how the file was read.
    public var format: String
    /// The header cell each recognised column was read from.
    public var columns: [RosterColumn: String]
    /// Header cells that name no roster column (序号, 备注 …), ignored.
    public var ignoredHeaders: [String]
    public var rows: [RosterRow]
    /// Next-level units the import adds to the scope (from the 上级单位 column or staff's choices).
    public var newNextLevel: [NextLevelUnit] = []
    /// Units nothing placed in the scope: each needs a choice before anything is imported.
    public var unsettledUnits: [String] = []

    /// The people of the rows, in file order, but for rows whose unit was chosen as out of
    /// scope; to be imported only when `isImportable`.
    public var people: [RosterPerson] { rows.filter { !$0.isExcluded }.compactMap(\.person) }
    public var rowsWithErrors: [RosterRow] { rows.filter { !$0.errors.isEmpty } }
    /// True when the file has people and no row has an error: a file is imported whole or not at all.
    public var isImportable: Bool { !rows.isEmpty && rowsWithErrors.isEmpty }

    /// How many people per role, every role listed.
    public var roleCounts: [(role: ScopeRole, count: Int)] { Self.roleCounts(people) }

    /// How many of `people` per role, every role listed: for a file's people or a stored roster.
    public static func roleCounts(_ people: [RosterPerson]) -> [(role: ScopeRole, count: Int)] {
        ScopeRole.allCases.map { role in (role, people.filter { $0.role.role == role }.count) }
    }
}

/// A file that cannot be read as a roster at all (as opposed to a roster with bad rows).
public enum RosterFileError: Error, Sendable, Equatable {
    /// Zero bytes: an export that failed, or the wrong file picked.
    case emptyFile
    /// An Excel 97–2003 workbook (.xls, an OLE compound file): read only after saving as XLSX or CSV.
    case legacyXLS
    /// Not text in UTF-8, UTF-16 (with BOM) or GB18030, and not an XLSX workbook.
    case unreadableEncoding
    /// No header row with a name column (姓名 / name) near the top of the file.
    case noNameColumn
    /// A header row but no data rows under it.
    case noRows
    /// An XLSX (zip) file that does not hold a readable first worksheet.
    case malformedXLSX(String)

    public var messageZH: String {
        switch self {
        case .emptyFile: "文件是空的（0 字节），请检查是否选错了文件"
        case .legacyXLS: "这是旧版 Excel 文件（.xls），请在 Excel 中“另存为” Excel 工作簿（.xlsx）或 CSV 后再导入"
        case .unreadableEncoding: "无法读取文件：不是 UTF-8、UTF-16 或 GBK 编码的 CSV，也不是 XLSX 工作簿"
        case .noNameColumn: "不是名册：前 10 行中没有“姓名”列（可用表头：姓名、单位、职务、角色、别名）"
        case .noRows: "名册没有人员行"
        case .malformedXLSX(let why): "XLSX 文件已损坏或格式不对：\(why)"
        }
    }

    public var messageEN: String {
        switch self {
        case .emptyFile: "the file is empty"
        case .legacyXLS: "an Excel 97-2003 workbook (.xls): save it as .xlsx or CSV first"
        case .unreadableEncoding: "cannot read the file: not CSV in UTF-8, UTF-16 or GBK, and not an XLSX workbook"
        case .noNameColumn: "not a roster: no name column (姓名 / name) in the first 10 rows"
        case .noRows: "the roster has no people"
        case .malformedXLSX(let why): "malformed XLSX: \(why)"
        }
    }
}
