import Foundation
import Testing
import XunchaCore

/// Screening reads the unit written beside a person against the inspection's scope: another
/// unit's people are not in scope, next-level principals are, their deputies are not.
@Suite("Screening against the scope")
struct ScopeScreeningTests {
    static let scope = InspectionScope(
        units: ["县委老干部局"],
        nextLevel: [NextLevelUnit(name: "县老年大学", kind: .affiliatedUnit, parent: "县委老干部局")]
    )
    static let roster = [
        RosterPerson(name: "刘建华", unit: "县委老干部局", post: "局长", scope: scope),
        RosterPerson(name: "苏明远", unit: "县委老干部局", post: "副局长", scope: scope),
        RosterPerson(name: "郑雅琴", unit: "县老年大学", post: "校长", scope: scope),
        RosterPerson(name: "韩子墨", unit: "县老年大学", post: "副校长", scope: scope),
    ]
    static let inspection = Inspection(
        id: "t",
        group: "县委第二巡察组",
        units: ["县委老干部局"],
        periodStart: CivilDate(parsing: "2025-04-01")!,
        periodEnd: CivilDate(parsing: "2025-05-31")!,
        deadline: CivilDate(parsing: "2025-05-31")!
    )
    let screener = Screener(roster: roster, inspection: inspection, scope: scope)

    @Test func aDeputyHeadOfAnotherUnitIsReferredWithTheUnitNamed() throws {
        let s = screener.screen("县水利局副局长张伟在2025年3月的河道工程招标中收受承包商好处费8万元，有转账记录。")
        #expect(s.suggestion == .refer)
        #expect(s.decidingRule == "subject.other_unit")
        let reason = try #require(s.reasons.first { $0.rule == "subject.other_unit" })
        #expect(reason.messageZH.contains("“县水利局”不是本次巡察的被巡察单位"))
        #expect(reason.evidence.contains { $0.key == "unit" && $0.text == "县水利局" })
        #expect(reason.evidence.contains { $0.kind == .textSpan && $0.text?.contains("张伟") == true })
        let person = try #require(s.subjects.findings.first { $0.name == "张伟" })
        #expect(person.role?.rule == "unit.outside" && person.candidates.isEmpty)
    }

    @Test func theInspectedUnitWrittenInFullOrShortIsInScope() {
        for text in [
            "县委老干部局局长刘建华在2025年2月用公款报销个人旅游费用3万元，有发票为证。",
            "老干部局局长刘建华在2025年2月用公款报销个人旅游费用3万元，有发票为证。",
            "县老干部局副局长苏明远2025年1月收受下属礼金2万元，有转账记录。",
        ] {
            let s = screener.screen(text)
            #expect(s.suggestion == .accept, "\(text)")
            // 老干部局 is a unit, not a person called 干部.
            #expect(!s.subjects.findings.contains { $0.post == "干部" }, "\(text)")
        }
    }

    @Test func retiredCadresAsAGroupAreNoOnesPost() {
        for text in [
            "老干部休养所锅炉改造工程完工后至今没有办理竣工验收，去年冬天供暖效果很差。",
            "局里克扣离休干部的医药费补贴，已经半年没有发放。",
            "退休干部活动室被改成了局领导的棋牌室。",
        ] {
            #expect(!screener.screen(text).subjects.findings.contains { $0.post == "干部" }, "\(text)")
        }
        // A cadre named as one still is.
        #expect(screener.screen("该局干部李明远在2025年收受老板红包。").subjects.findings.contains { $0.name == "李明远" })
    }

    @Test func aNextLevelPrincipalIsInScopeAndItsDeputyIsNot() throws {
        let principal = screener.screen("县老年大学校长郑雅琴在2025年3月采购教学设备时收受供应商回扣5万元，有转账记录。")
        #expect(principal.suggestion == .accept)
        let p = try #require(principal.subjects.findings.first { $0.name == "郑雅琴" })
        #expect(p.role?.role == .subordinatePrincipal)
        let deputy = screener.screen("县老年大学副校长韩子墨在2025年3月采购教学设备时收受供应商回扣5万元，有转账记录。")
        #expect(deputy.suggestion == .refer)
        #expect(deputy.decidingRule == "subject.other_official")
        // Not on the roster: the post is read at the next level.
        let unknown = screener.screen("老年大学副校长马某2025年3月收受供应商回扣5万元，有转账记录。")
        #expect(unknown.subjects.findings.first { $0.post == "副校长" }?.role?.rule == "nextLevel.deputy")
    }

    @Test func unitsEveryPlaceHasAndVagueUnitsAreNotJudgedOutside() {
        for text in ["该局局长刘建华2025年2月收受礼金2万元，有转账记录。", "镇政府副镇长王某2025年2月收受礼金2万元，有转账记录。"] {
            let s = screener.screen(text)
            #expect(s.decidingRule != "subject.other_unit", "\(text)")
        }
    }

    @Test func withoutAScopeNothingIsJudgedByUnit() {
        let s = Screener().screen("县水利局副局长张伟在2025年3月收受承包商好处费8万元，有转账记录。")
        #expect(s.decidingRule != "subject.other_unit")
    }
}

/// People written with and without a post, and words inside unit or trade names.
@Suite("Subjects: one person once, no people inside words")
struct SubjectOnceTests {
    @Test func aPersonWithAndWithoutAPostIsOneSubject() {
        let text = "局长刘建华多次公款吃喝。刘建华还把公车私用，刘建华的司机也知道。"
        #expect(SubjectFinder().find(in: text).findings.filter { $0.name == "刘建华" }.count == 1)
        let roster = [RosterPerson(name: "刘建华", unit: "县财政局", post: "局长")]
        let a = SubjectFinder(roster: roster).find(in: text)
        #expect(a.findings.filter { $0.name == "刘建华" }.count == 1)
        #expect(a.findings.first { $0.name == "刘建华" }?.candidates.count == 1)
    }

    @Test func aContractorIsOnePrivatePartyAndNoNameIsCutOutOfItsTrade() {
        let a = SubjectFinder().find(in: "装修工程承包商给局长送了钱，装修工程承包商还请局长吃饭。")
        #expect(!a.findings.contains { $0.name?.hasPrefix("程") == true })
        #expect(a.findings.filter { $0.kind == .privateParty }.count == 1)
        #expect(!a.findings.contains { $0.kind == .otherOfficial && $0.text.contains("承包商") })
    }

    @Test func theVeteranCadresBureauIsNoCadre() {
        let a = SubjectFinder().find(in: "市委老干部局的办公楼装修超标。")
        #expect(!a.findings.contains { $0.post == "干部" })
        #expect(a.findings.contains { $0.kind == .organisation })
    }
}
