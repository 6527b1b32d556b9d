import XunchaText

/// Roles read with the unit's level: the post table (ScopeRoleRules+Standard.swift) assumes the
/// person belongs to the inspected unit; when the scope says the unit is a next-level one, its
/// principal is 下一级党组织主要负责人 whatever the title (主任, 书记, 校长, 总经理), and everyone
/// else there, deputies included, is not in that role.
extension ScopeRoleRules {
    public func infer(post: String, override: ScopeRole? = nil, placement: UnitPlacement?) -> ScopeRoleInference {
        var inference: ScopeRoleInference
        if override == nil, case .nextLevel(let unit) = placement {
            inference = Self.nextLevelRole(post: TextNormalizer().normalize(post).filter { !$0.isWhitespace }, kind: unit.kind)
        } else {
            inference = infer(post: post, override: override)
            if override == nil, case .inspected(let unit) = placement, Self.isOwnPrincipal(inference, post: post, unit: unit) {
                inference = ScopeRoleInference(
                    role: .leadershipMember,
                    rule: "inspected.ownPrincipal",
                    matched: inference.matched,
                    explanation: "被巡察单位本身（乡镇、村、学校、医院等）的书记、行政正副职，是领导班子成员"
                )
            }
        }
        inference.unitLevel = placement?.descriptionZH
        return inference
    }

    /// The table reads 镇长, 村支书 and 院长 (and their deputies) as people of next-level units;
    /// when the inspected unit is itself the township, village, school, hospital or station the
    /// title heads, and the post names no other unit (城关财政所所长), they are its leadership.
    static func isOwnPrincipal(_ inference: ScopeRoleInference, post: String, unit: String) -> Bool {
        let deputy = inference.rule == "subordinate.deputy"
        guard inference.role == .subordinatePrincipal || deputy, let matched = inference.matched.last else { return false }
        let title = deputy ? matched.replacingOccurrences(of: "副", with: "") : matched
        let name = InspectionScope.key(unit)
        let kind = UnitKind.guess(name: name)
        let rest = post.replacingOccurrences(of: matched, with: "")
        if rest.contains(where: { "所站校院园厂馆场队镇乡村社".contains($0) }) { return false }
        if ["镇", "乡", "街道"].contains(where: title.contains) { return kind == .township }
        if ["村", "社区", "居委会", "支部", "支书", "总支"].contains(where: title.contains) { return kind == .villageOrCommunity }
        let ends: [String: String] = ["院长": "院", "校长": "校学", "所长": "所", "站长": "站", "园长": "园", "厂长": "厂", "馆长": "馆", "场长": "场", "队长": "队"]
        guard let key = ends.keys.first(where: title.hasSuffix), let first = ends[key], let last = name.last else { return false }
        return first.contains(last) || (key == "校长" && kind == .school)
    }

    public static let outsideRule = "unit.outside"

    /// A person written beside a unit that is in no part of the scope (某某局副局长张伟 in a
    /// report to the group inspecting another unit).
    public static func outsideScope(unit: String) -> ScopeRoleInference {
        ScopeRoleInference(
            role: .other,
            rule: outsideRule,
            matched: [unit],
            explanation: "所在单位“\(unit)”不是本次巡察的被巡察单位或其下一级单位",
            unitLevel: "巡察范围以外的单位\(unit)"
        )
    }

    /// Titles of a unit's principal. 科长/股长/处长 head a next-level unit only when it is a
    /// department; elsewhere they head an office inside it.
    static let principalTitles = [
        "党委书记", "党工委书记", "党组书记", "党支部书记", "党总支书记", "书记", "支书", "主任", "局长", "站长", "所长", "校长", "院长", "园长",
        "镇长", "乡长", "厂长", "馆长", "场长", "队长", "董事长", "总经理", "经理", "部长", "主席", "行长", "社长", "负责人",
    ]
    static let departmentTitles = ["科长", "股长", "处长"]
    /// 书记 and 主任 that are not the unit's own: the discipline body's, an office's.
    static let notPrincipal = ["纪委书记", "纪工委书记", "纪检书记", "办公室主任", "室主任", "科主任", "股主任", "委员"]

    static func nextLevelRole(post: String, kind: UnitKind) -> ScopeRoleInference {
        let scalars = Array(post.unicodeScalars)
        let titles = principalTitles + (kind == .department ? departmentTitles : [])
        var cleaned = post
        for word in notPrincipal { cleaned = cleaned.replacingOccurrences(of: word, with: "・") }
        let cleanedScalars = Array(cleaned.unicodeScalars)
        for title in titles {
            let t = Array(title.unicodeScalars)
            var i = 0
            while i + t.count <= cleanedScalars.count {
                if Array(cleanedScalars[i..<(i + t.count)]) == t, i == 0 || cleanedScalars[i - 1] != "副" {
                    return ScopeRoleInference(
                        role: .subordinatePrincipal,
                        rule: "nextLevel.principal",
                        matched: [title],
                        explanation: "下一级单位的主要负责人，是下一级党组织主要负责人"
                    )
                }
                i += 1
            }
        }
        if scalars.contains("副") {
            return ScopeRoleInference(
                role: .other,
                rule: "nextLevel.deputy",
                matched: ["副"],
                explanation: "下一级单位的副职，不是主要负责人"
            )
        }
        return ScopeRoleInference(role: .other, rule: "nextLevel.other", explanation: "下一级单位的其他人员，不是主要负责人")
    }
}
