/// What kind of organisation a next-level unit is: the kinds inspections name under an
/// inspected unit (its 内设机构, 直属单位, the townships of a county, the villages and communities
/// of a township, the schools of an education bureau, the companies of a state holding).
public enum UnitKind: String, Codable, Sendable, Hashable, CaseIterable {
    case department
    case affiliatedUnit = "affiliated_unit"
    case township
    case villageOrCommunity = "village_or_community"
    case school
    case company

    public var chineseName: String {
        switch self {
        case .department: "内设部门"
        case .affiliatedUnit: "直属单位"
        case .township: "乡镇（街道）"
        case .villageOrCommunity: "村（社区）"
        case .school: "学校"
        case .company: "企业"
        }
    }

    /// A kind as staff or a script write it: the code, the Chinese name, or a short form.
    public static func read(_ text: String) -> UnitKind? {
        let key = text.filter { !$0.isWhitespace && !"（）()".contains($0) }.lowercased()
        if key.isEmpty { return nil }
        if let kind = UnitKind(rawValue: key) { return kind }
        return words.first { $0.words.contains(key) }?.kind
    }

    /// The refusal of a kind that `read` does not know, for the unit written as `unit`.
    public static func unknown(_ kind: String, unit: String) -> InputError {
        InputError(
            code: "unknown_unit_kind",
            zh: "“\(unit)”的类别“\(kind)”无法识别（可填：\(allCases.map(\.chineseName).joined(separator: "、"))）。",
            en: "\"\(unit)\": unknown unit kind \"\(kind)\" (use \(allCases.map(\.rawValue).joined(separator: ", "))).",
            field: "next_level"
        )
    }

    private static let words: [(kind: UnitKind, words: [String])] = [
        (.department, ["内设部门", "内设机构", "部门", "科室", "股室", "department"]),
        (.affiliatedUnit, ["直属单位", "下属单位", "二级机构", "事业单位", "站所", "affiliated", "affiliatedunit"]),
        (.township, ["乡镇街道", "乡镇", "街道", "镇", "乡", "township"]),
        (.villageOrCommunity, ["村社区", "村", "社区", "行政村", "居委会", "village", "community"]),
        (.school, ["学校", "学区", "school"]),
        (.company, ["企业", "公司", "company"]),
    ]

    /// The kind a unit's name suggests, read from its end (城关镇 a township, 城关中学 a school,
    /// 半泾村 a village); a name that says nothing is taken for a directly affiliated unit.
    public static func guess(name: String) -> UnitKind {
        let n = name.filter { !$0.isWhitespace }
        let stem = n.hasSuffix("党委") || n.hasSuffix("党组") ? String(n.dropLast(2)) : n
        func ends(_ endings: [String]) -> Bool { endings.contains { stem.hasSuffix($0) } }
        if ends(["村", "社区", "村委会", "居委会", "村民委员会", "居民委员会", "村党支部", "社区党支部", "村党总支", "社区党委"]) {
            return .villageOrCommunity
        }
        if ends(["镇", "乡", "街道", "街道办", "街道办事处", "街道党工委", "镇政府", "乡政府"]) { return .township }
        if ends(["学校", "大学", "中学", "小学", "学区", "幼儿园", "学院", "职校", "完小", "中心校", "一中", "二中", "三中"]) { return .school }
        if ends(["公司", "集团", "企业", "厂"]) { return .company }
        if ends(["科", "股", "室", "处", "办", "办公室", "部"]) { return .department }
        return .affiliatedUnit
    }
}
