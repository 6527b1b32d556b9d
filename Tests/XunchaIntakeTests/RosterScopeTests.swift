import Foundation
import Testing
import XunchaCore
import XunchaIntake

/// A roster of an inspected unit and its next level: units the scope knows are placed, unknown
/// ones settled by a 上级单位 column or by staff's choice, and nothing is importable until every
/// row is settled.
@Suite("Roster against the scope")
struct RosterScopeTests {
    static let scope = InspectionScope(
        units: ["县教育局", "白沙镇"],
        nextLevel: [NextLevelUnit(name: "城关第一中学", parent: "县教育局"), NextLevelUnit(name: "白沙镇青石村", parent: "白沙镇")]
    )

    func read(_ csv: String, choices: [String: RosterUnitChoice] = [:]) throws -> RosterPreview {
        try RosterReader(scope: Self.scope, choices: choices).read(bytes: Array(csv.utf8))
    }

    @Test func nextLevelUnitsInFullAbbreviatedAndUnderTheirParentImportWithTheirRoles() throws {
        let p = try read(
            """
            姓名,单位,职务
            周立新,县教育局,党组书记、局长
            钱晓雯,教育局,副局长
            陈晓东,城关第一中学,校长
            林一帆,县教育局城关第一中学,副校长
            吴海燕,青石村,村党支部书记
            郑国强,青石村党支部,副书记
            冯丽,白沙镇,镇长

            """
        )
        #expect(p.isImportable)
        #expect(
            p.people.map(\.role.role) == [
                .leadershipMember, .leadershipMember, .subordinatePrincipal, .other, .subordinatePrincipal, .other, .leadershipMember,
            ]
        )
        #expect(p.people[2].role.rule == "nextLevel.principal")
        #expect(p.people[2].role.unitLevel == "县教育局的下一级单位城关第一中学（学校）")
        #expect(p.people[3].role.rule == "nextLevel.deputy")
        #expect(p.people[0].role.unitLevel == "被巡察单位县教育局")
        // 镇长 of the inspected township itself is its leadership, not a next-level principal.
        #expect(p.people[6].role.rule == "inspected.ownPrincipal")
        #expect(p.newNextLevel.isEmpty && p.unsettledUnits.isEmpty)
    }

    @Test func unknownUnitsStopTheImportUntilEachIsSettled() throws {
        let csv = """
            姓名,单位,职务
            陈晓东,城关第一中学,校长
            黄志明,东岭学区,主任
            何秀英,东岭学区,副主任
            曹文,县财政局,副局长
            孔令辉,城关第一中学,教师

            """
        let open = try read(csv)
        #expect(!open.isImportable)
        #expect(open.unsettledUnits == ["东岭学区", "县财政局"])
        #expect(open.rows.map(\.errors) == [[], [.unknownUnit("东岭学区")], [.unknownUnit("东岭学区")], [.unknownUnit("县财政局")], []])

        // One settled, one not: still nothing to import.
        let half = try read(csv, choices: ["东岭学区": .nextLevel(of: "县教育局")])
        #expect(!half.isImportable && half.unsettledUnits == ["县财政局"])

        let settled = try read(csv, choices: ["东岭学区": .nextLevel(of: "县教育局"), "县财政局": .outOfScope])
        #expect(settled.isImportable)
        #expect(settled.people.map(\.name) == ["陈晓东", "黄志明", "何秀英", "孔令辉"])
        #expect(settled.rows[3].isExcluded && settled.rows[3].person?.name == "曹文")
        #expect(settled.newNextLevel == [NextLevelUnit(name: "东岭学区", kind: .school, parent: "县教育局")])
        #expect(settled.people[1].role.role == .subordinatePrincipal && settled.people[2].role.rule == "nextLevel.deputy")

        // A choice naming no inspected unit settles nothing.
        let wrong = try read(csv, choices: ["东岭学区": .nextLevel(of: "县财政局"), "县财政局": .outOfScope])
        #expect(!wrong.isImportable && wrong.unsettledUnits == ["东岭学区"])
    }

    @Test func aParentColumnPlacesNewNextLevelUnitsForEveryRowOfThem() throws {
        let p = try read(
            """
            姓名,单位,上级单位,职务
            何秀英,东岭学区,,副主任
            黄志明,东岭学区,县教育局,主任
            马建军,河湾社区,白沙镇,党委书记、主任
            吕文,红旗村,县农业局,村支书
            蒋涛,城关第一中学,县教育局,校长

            """
        )
        #expect(p.columns[.parentUnit] == "上级单位")
        #expect(p.newNextLevel.map(\.name) == ["东岭学区", "河湾社区"])
        #expect(p.newNextLevel.map(\.parent) == ["县教育局", "白沙镇"])
        // The first row has no parent but its unit is placed by the second row's.
        #expect(p.rows[0].errors.isEmpty && p.rows[0].person?.role.rule == "nextLevel.deputy")
        #expect(p.rows[2].person?.role.role == .subordinatePrincipal)
        // A parent that is itself unknown is what must be settled.
        #expect(p.rows[3].errors == [.unknownUnit("县农业局")])
        #expect(p.unsettledUnits == ["县农业局"])
        #expect(p.rows[4].errors.isEmpty)
    }

    @Test func twoPeopleOfOneNameInDifferentUnitsAreTwoPeople() throws {
        let p = try read("姓名,单位,职务\n张伟,城关第一中学,校长\n张伟,县教育局,副局长\n")
        #expect(p.isImportable && p.people.count == 2)
        #expect(p.people.map(\.role.role) == [.subordinatePrincipal, .leadershipMember])
    }

    @Test func hostileAndMalformedUnitsAreRowsWithErrorsNotCrashes() throws {
        let long = String(repeating: "局", count: 5_000)
        let p = try read("姓名,单位,职务\n甲乙,\(long),局长\n丙丁,<b>县教育局</b>,局长\n戊己,\u{200B},科员\n")
        #expect(!p.isImportable)
        #expect(p.rows[0].errors == [.unknownUnit(long)])
        #expect(p.rows[1].errors == [.unknownUnit("<b>县教育局</b>")])
    }
}
