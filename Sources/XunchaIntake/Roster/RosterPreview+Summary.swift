import XunchaCore

/// What a person is shown of a roster file before it is imported, the same in `xuncha roster
/// import` and the console: the format in words, the columns in roster order, the first rows and
/// every error, so that both tell the same story about the same file.
extension RosterPreview {
    /// Rows shown before the import; errors are always listed in full.
    public static let sampleSize = 10

    public var sampleRows: ArraySlice<RosterRow> { rows.prefix(Self.sampleSize) }

    /// The recognised columns in roster order (name, unit, post, role, aliases), each with the
    /// header cell it was read from.
    public var recognisedColumns: [(column: RosterColumn, header: String)] {
        RosterColumn.allCases.compactMap { column in columns[column].map { (column, $0) } }
    }

    /// Every error of every row in file order; a row may have several.
    public var errorLines: [(line: Int, error: RosterRowError)] {
        rows.flatMap { row in row.errors.map { (row.line, $0) } }
    }

    /// How the file was read, for staff who know "Excel" and "CSV" but not encodings by name.
    public var formatZH: String {
        if format == Self.xlsxFormat { return "Excel 工作簿（XLSX），读取第一个工作表" }
        let encodings: [RosterText.Encoding] = [.utf8, .utf8BOM, .gb18030, .utf16LE, .utf16BE]
        guard let encoding = encodings.first(where: { Self.csvFormat($0) == format }) else { return format }
        return switch encoding {
        case .utf8: "CSV 文本，UTF-8 编码"
        case .utf8BOM: "CSV 文本，UTF-8 编码（带 BOM，即 Excel 的“CSV UTF-8”）"
        case .gb18030: "CSV 文本，GBK/GB18030 编码（中文版 Excel 默认的 CSV）"
        case .utf16LE, .utf16BE: "Unicode 文本，UTF-16 编码（Excel 的“Unicode 文本”）"
        }
    }

    static let xlsxFormat = "XLSX"

    /// The `format` of a CSV read in `encoding`.
    static func csvFormat(_ encoding: RosterText.Encoding) -> String { "CSV " + encoding.rawValue }
}

extension RosterColumn {
    /// The column's usual header, as the preview names it.
    public var chineseName: String {
        switch self {
        case .name: "姓名"
        case .unit: "单位"
        case .post: "职务"
        case .role: "角色"
        case .aliases: "别名"
        case .parentUnit: "上级单位"
        }
    }
}

extension ScopeRoleInference {
    /// Whether the roster gave the role or it was inferred from the post, with the rule's reason.
    public var sourceZH: String {
        (rule == Self.overrideRule ? "名册指定" : "按职务推断：\(explanation)") + (unitLevel.map { "（\($0)）" } ?? "")
    }
}
