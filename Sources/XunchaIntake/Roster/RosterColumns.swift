import XunchaText

/// The columns a roster file may have, and the headers people actually write for them.
public enum RosterColumn: String, Sendable, Hashable, Codable, CaseIterable {
    case name, unit, post, role, aliases
    /// The inspected unit a row's unit belongs under (上级单位), for next-level units the scope does not list yet.
    case parentUnit = "parent_unit"

    /// Headers, compared after `normalizeHeader`: simplified, half-width, lower case, no spaces,
    /// no required-field marks (*, （必填）).
    static let headers: [RosterColumn: [String]] = [
        .name: ["姓名", "名字", "人员姓名", "干部姓名", "name", "fullname", "full_name", "personname"],
        .unit: ["单位", "工作单位", "所在单位", "单位名称", "部门", "所在部门", "unit", "department", "organization", "organisation", "org"],
        .post: ["职务", "职位", "岗位", "现任职务", "现职务", "职务职级", "post", "position", "title", "job", "jobtitle"],
        .role: ["角色", "类别", "人员类别", "巡察角色", "范围角色", "role", "category", "scoperole"],
        .parentUnit: ["上级单位", "所属单位", "上级部门", "主管单位", "主管部门", "上级", "parentunit", "parent_unit", "parent"],
        .aliases: ["别名", "曾用名", "其他称呼", "小名", "化名", "aliases", "alias", "othernames", "nickname"],
    ]

    private static let byHeader: [String: RosterColumn] = {
        var map: [String: RosterColumn] = [:]
        for (column, names) in headers { for name in names { map[name] = column } }
        return map
    }()

    /// The column a header cell names, nil for columns the roster does not use (序号, 备注 …).
    public static func column(forHeader header: String) -> RosterColumn? {
        byHeader[normalizeHeader(header)]
    }

    static func normalizeHeader(_ header: String) -> String {
        var h = TextNormalizer().normalize(header).lowercased()
        for mark in ["(必填)", "(选填)", "(可选)", "*"] { h = h.replacingOccurrences(of: mark, with: "") }
        return h.filter { !$0.isWhitespace }
    }
}
