import Testing
import XunchaCore

/// Where a unit written in a roster or a report stands in an inspection's scope.
@Suite("Inspection scope: units and their next level")
struct InspectionScopeTests {
    static let scope = InspectionScope(
        units: ["县委老干部局", "县教育局", "白沙镇"],
        nextLevel: [
            NextLevelUnit(name: "城关第一中学", parent: "县教育局"),
            NextLevelUnit(name: "东岭学区", parent: "县教育局"),
            NextLevelUnit(name: "白沙镇青石村", parent: "白沙镇"),
            NextLevelUnit(name: "河湾社区", parent: "白沙镇"),
            NextLevelUnit(name: "老年大学", kind: .affiliatedUnit, parent: "县委老干部局"),
        ]
    )

    @Test(
        "inspected units in full, abbreviated, with 委 dropped, in traditional script, and their parts",
        arguments: [
            ("县委老干部局", "县委老干部局"), ("老干部局", "县委老干部局"), ("县老干部局", "县委老干部局"), ("縣教育局", "县教育局"),
            ("教育局", "县教育局"), ("县教育局办公室", "县教育局"), ("白沙镇党委", "白沙镇"), (" 白沙镇 ", "白沙镇"),
        ]
    )
    func inspected(written: String, unit: String) {
        #expect(Self.scope.place(written) == .inspected(unit))
    }

    @Test(
        "next-level units in full, abbreviated, under their parent, with the party body's word",
        arguments: [
            ("城关第一中学", "城关第一中学"), ("县教育局城关第一中学", "城关第一中学"), ("教育局城关第一中学", "城关第一中学"),
            ("青石村", "白沙镇青石村"), ("白沙镇青石村", "白沙镇青石村"), ("青石村党支部", "白沙镇青石村"), ("河湾社区党委", "河湾社区"),
            ("东岭学区", "东岭学区"), ("老年大学", "老年大学"), ("县委老干部局老年大学", "老年大学"),
        ]
    )
    func nextLevel(written: String, name: String) {
        guard case .nextLevel(let unit)? = Self.scope.place(written) else {
            Issue.record("\(written) not placed at the next level: \(String(describing: Self.scope.place(written)))")
            return
        }
        #expect(unit.name == name)
    }

    @Test("units in no part of the scope, misspelt ones, and nothing at all", arguments: ["县财政局", "城关二中", "青山村", "局", "", "   ", "老干部", "县教肓局"])
    func outside(written: String) {
        #expect(Self.scope.place(written) == nil)
    }

    @Test("a unit's kind is guessed from its name's end and may be read from words")
    func kinds() {
        #expect(UnitKind.guess(name: "城关第一中学") == .school)
        #expect(UnitKind.guess(name: "东岭学区") == .school)
        #expect(UnitKind.guess(name: "青石村") == .villageOrCommunity)
        #expect(UnitKind.guess(name: "河湾社区党委") == .villageOrCommunity)
        #expect(UnitKind.guess(name: "白沙镇") == .township)
        #expect(UnitKind.guess(name: "城东街道") == .township)
        #expect(UnitKind.guess(name: "县城投公司") == .company)
        #expect(UnitKind.guess(name: "人事股") == .department)
        #expect(UnitKind.guess(name: "公路管理站") == .affiliatedUnit)
        #expect(UnitKind.read("学校") == .school)
        #expect(UnitKind.read("村（社区）") == .villageOrCommunity)
        #expect(UnitKind.read("village_or_community") == .villageOrCommunity)
        #expect(UnitKind.read("乡镇（街道）") == .township)
        #expect(UnitKind.read("火星") == nil)
        #expect(UnitKind.read("") == nil)
        for kind in UnitKind.allCases { #expect(UnitKind.read(kind.chineseName) == kind) }
    }

    @Test("a scope is refused with a next-level unit under no inspected unit, or named twice")
    func validation() throws {
        let orphan = InspectionScope(units: ["县教育局"], nextLevel: [NextLevelUnit(name: "城关中学", parent: "县财政局")])
        #expect(throws: InputError.self) { try orphan.validated() }
        let twice = InspectionScope(
            units: ["县教育局"],
            nextLevel: [NextLevelUnit(name: "城关中学", parent: "县教育局"), NextLevelUnit(name: " 城关中学", parent: "县教育局")]
        )
        #expect(throws: InputError.self) { try twice.validated() }
        let long = InspectionScope(units: ["县教育局"], nextLevel: [NextLevelUnit(name: String(repeating: "中", count: 101), parent: "县教育局")])
        #expect(throws: InputError.self) { try long.validated() }
        let blank = try InspectionScope(units: ["县教育局"], nextLevel: [NextLevelUnit(name: "  ", parent: "县教育局")]).validated()
        #expect(blank.nextLevel.isEmpty)
    }
}

/// Roles read with the unit's level (docs/roster.md, docs/screening-subjects.md).
@Suite("Scope roles by unit level")
struct UnitLevelRoleTests {
    static let scope = InspectionScopeTests.scope

    @Test(
        "the principal of a next-level unit, whatever the title; its deputies and staff are not",
        arguments: [
            ("白沙镇青石村", "村党支部书记", ScopeRole.subordinatePrincipal, "nextLevel.principal"),
            ("青石村", "村委会主任", .subordinatePrincipal, "nextLevel.principal"),
            ("河湾社区", "主任", .subordinatePrincipal, "nextLevel.principal"),
            ("河湾社区", "党委书记、主任", .subordinatePrincipal, "nextLevel.principal"),
            ("城关第一中学", "校长", .subordinatePrincipal, "nextLevel.principal"),
            ("城关第一中学", "党委副书记、校长", .subordinatePrincipal, "nextLevel.principal"),
            ("东岭学区", "主任", .subordinatePrincipal, "nextLevel.principal"),
            ("老年大学", "负责人", .subordinatePrincipal, "nextLevel.principal"),
            ("城关第一中学", "副校长", .other, "nextLevel.deputy"),
            ("河湾社区", "副主任", .other, "nextLevel.deputy"),
            ("青石村", "党支部副书记", .other, "nextLevel.deputy"),
            ("城关第一中学", "办公室主任", .other, "nextLevel.other"),
            ("城关第一中学", "教务处处长", .other, "nextLevel.other"),
            ("白沙镇青石村", "纪委书记", .other, "nextLevel.other"),
            ("白沙镇青石村", "会计", .other, "nextLevel.other"),
            ("白沙镇青石村", "", .other, "nextLevel.other"),
        ]
    )
    func nextLevel(unit: String, post: String, role: ScopeRole, rule: String) {
        let person = RosterPerson(name: "甲乙", unit: unit, post: post, scope: Self.scope)
        #expect(person.role.role == role)
        #expect(person.role.rule == rule)
        #expect(person.role.unitLevel?.contains("的下一级单位") == true)
    }

    @Test("the inspected unit's own people are read by the post table, saying the level")
    func inspected() {
        let head = RosterPerson(name: "甲乙", unit: "县教育局", post: "党组书记、局长", scope: Self.scope)
        #expect(head.role.role == .leadershipMember)
        #expect(head.role.unitLevel == "被巡察单位县教育局")
        let deputy = RosterPerson(name: "丙丁", unit: "县委老干部局", post: "副局长", scope: Self.scope)
        #expect(deputy.role.role == .leadershipMember)
        let finance = RosterPerson(name: "戊己", unit: "教育局", post: "计财股股长", scope: Self.scope)
        #expect(finance.role.role == .keyPostLeader)
    }

    @Test("a department's head is its principal; the roster's role column still wins")
    func departmentAndOverride() {
        let scope = InspectionScope(units: ["县财政局"], nextLevel: [NextLevelUnit(name: "国库股", kind: .department, parent: "县财政局")])
        #expect(RosterPerson(name: "甲乙", unit: "国库股", post: "股长", scope: scope).role.role == .subordinatePrincipal)
        #expect(RosterPerson(name: "甲乙", unit: "国库股", post: "副股长", scope: scope).role.role == .other)
        let forced = RosterPerson(name: "甲乙", unit: "国库股", post: "副股长", role: .keyPostLeader, scope: scope)
        #expect(forced.role.role == .keyPostLeader)
        #expect(forced.role.rule == ScopeRoleInference.overrideRule)
    }

    @Test("without a scope, roles are what the post table says, with no level")
    func noScope() {
        let person = RosterPerson(name: "甲乙", unit: "河湾社区", post: "主任")
        #expect(person.role.role == .leadershipMember)
        #expect(person.role.unitLevel == nil)
    }
}

/// When the inspected unit is itself a township, village, school or hospital, its own head is
/// its leadership, not a next-level principal.
@Suite("Scope roles of an inspected township or school")
struct OwnPrincipalTests {
    @Test(
        "the inspected unit's own head, and heads of units under it",
        arguments: [
            ("白沙镇", "镇长", ScopeRole.leadershipMember), ("白沙镇", "党委书记", .leadershipMember), ("白沙镇", "白沙镇党委书记", .leadershipMember),
            ("白沙镇", "青石村党支部书记", .subordinatePrincipal), ("县人民医院", "党委书记、院长", .leadershipMember),
            ("县人民医院", "副院长", .leadershipMember), ("城关第一中学", "校长", .leadershipMember),
            ("县财政局", "城关财政所所长", .subordinatePrincipal), ("县财政局", "所长", .subordinatePrincipal),
        ]
    )
    func own(unit: String, post: String, role: ScopeRole) {
        let scope = InspectionScope(units: [unit])
        #expect(RosterPerson(name: "甲乙", unit: unit, post: post, scope: scope).role.role == role)
    }
}

/// Next-level units proposed from units as announcements write them.
@Suite("Next-level units from an announcement's units")
struct NextLevelProposalTests {
    @Test func namedNextLevelUnitsAfter所辖AreSplitOff() {
        let split = NextLevelProposal.split(["县教育局党组及所辖城关第一中学", "东岭学区", "县卫健局"])
        #expect(split.units == ["县教育局", "县卫健局"])
        #expect(split.nextLevel == [NextLevelUnit(name: "城关第一中学", parent: "县教育局"), NextLevelUnit(name: "东岭学区", parent: "县教育局")])
    }

    @Test(
        "a kind of unit after 所辖 is no unit's name",
        arguments: ["白沙镇党委及所辖行政村", "白沙镇及所辖村(社区)", "白沙镇党委和所辖12个村", "县教育局及其所属学校", "县教育局及所辖9个学区"]
    )
    func generic(written: String) {
        let split = NextLevelProposal.split([written, "城关中学"])
        #expect(split.nextLevel.isEmpty)
        #expect(split.units.count == 2 && split.units[1] == "城关中学")
        #expect(!split.units[0].contains("所"))
    }

    @Test func unitsWithoutTheirNextLevelAreKeptAsWritten() {
        let plain = NextLevelProposal.split(["市财政局", "市审计局"])
        #expect(plain.units == ["市财政局", "市审计局"] && plain.nextLevel.isEmpty)
        #expect(NextLevelProposal.split([]).units.isEmpty)
    }
}
