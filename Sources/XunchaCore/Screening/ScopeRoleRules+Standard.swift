extension ScopeRoleRules {
    /// The standard table, read top to bottom, first rule wins (docs/screening-subjects.md).
    /// It assumes the usual case of a county- or city-level department being inspected: its
    /// 局长/书记/党组成员 are the leadership, villages, stations, schools and township bodies
    /// below it are the next level. Other set-ups use the roster's role column (an override).
    public static let standard = ScopeRoleRules(rules: [
        rule(
            "staff.rank",
            .other,
            anyOf: ["主任科员", "科员", "办事员", "调研员", "职员", "干事", "工作人员", "会计", "出纳", "网格员", "协管员", "辅警", "临时工", "司机", "文员"],
            noneOf: ["总会计师"] + leaderMarkers,
            "职级或一般工作人员，不是领导职务"
        ),
        rule(
            "subordinate.deputy",
            .other,
            anyOf: [
                "副站长", "副所长", "副校长", "副院长", "副园长", "副厂长", "副馆长", "副场长", "副大队长", "副镇长", "副乡长",
                "村副主任", "村委会副主任", "社区副主任", "居委会副主任", "支部副书记", "总支副书记", "副支书",
                "镇党委副书记", "乡党委副书记", "街道党工委副书记",
            ],
            "下一级单位的副职，不是主要负责人"
        ),
        rule(
            "subordinate.village",
            .subordinatePrincipal,
            anyOf: [
                "村支书", "村党支部书记", "村党总支书记", "村党委书记", "社区党委书记", "社区党支部书记", "社区书记",
                "党总支书记", "党支部书记", "总支书记", "支部书记", "支书", "村委会主任", "村主任", "居委会主任", "社区主任",
            ],
            "村、社区或基层党支部的书记、主任，是下一级党组织主要负责人"
        ),
        rule(
            "subordinate.township",
            .subordinatePrincipal,
            anyOf: ["镇党委书记", "乡党委书记", "街道党工委书记", "镇长", "乡长", "街道办主任", "街道办事处主任"],
            "乡镇、街道的书记或行政主要负责人"
        ),
        rule(
            "subordinate.unitHead",
            .subordinatePrincipal,
            anyOf: ["站长", "所长", "校长", "院长", "园长", "厂长", "馆长", "场长", "大队长", "大队队长"],
            noneOf: leaderMarkers,
            "下属站所、学校、医院、厂场、执法大队的主要负责人"
        ),
        rule(
            "keyPost.office",
            .keyPostLeader,
            anyOf: keyOffices,
            alsoAnyOf: ["科长", "股长", "处长", "主任", "经理", "负责人", "队长"],
            noneOf: leaderMarkers,
            "人财物、审批、采购、执法等重要岗位科室的负责人"
        ),
        rule(
            "office.ordinaryHead",
            .other,
            anyOf: ["科长", "股长", "处长", "室主任", "办主任", "科主任", "中心主任"],
            noneOf: leaderMarkers,
            "一般科室的负责人，不属于重要岗位"
        ),
        rule(
            "leadership.member",
            .leadershipMember,
            anyOf: leaderMarkers + [
                "书记", "主任", "县长", "区长", "市长", "厅长", "部长", "董事长", "总经理", "总工程师", "总经济师", "主席",
                "一把手", "局领导", "单位领导",
            ],
            "被巡察单位的书记、行政正副职、党组（党委）成员或纪检组长，是领导班子成员"
        ),
    ])

    /// Posts that make a person a leadership member whatever second office they also hold
    /// (副局长兼办公室主任 is a leader first).
    static let leaderMarkers = [
        "党组书记", "党委书记", "党组副书记", "党委副书记", "党组成员", "党委委员", "班子成员", "纪检组长", "纪检组组长",
        "纪检监察组组长", "纪委书记", "局长", "总会计师",
    ]

    /// Offices whose heads are 重要岗位领导干部: people, money, approvals, procurement, projects, enforcement.
    static let keyOffices = [
        "财务", "财会", "计财", "人事", "组织", "干部", "政工", "审批", "采购", "招标", "招投标", "基建", "工程", "项目", "资金",
        "资产", "审计", "执法", "稽查", "监管", "规划", "征收", "拆迁", "办公室", "信贷", "招生", "扶贫", "社保",
    ]

    private static func rule(
        _ id: String,
        _ role: ScopeRole,
        anyOf: [String],
        alsoAnyOf: [String] = [],
        noneOf: [String] = [],
        _ explanation: String
    ) -> ScopeRoleRule {
        ScopeRoleRule(id: id, role: role, anyOf: anyOf, alsoAnyOf: alsoAnyOf, noneOf: noneOf, explanation: explanation)
    }
}
