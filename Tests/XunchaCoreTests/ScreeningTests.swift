import Foundation
import Testing
import XunchaCore
import XunchaText

private func words(_ text: String, _ range: Range<Int>) -> String {
    let scalars = Array(text.unicodeScalars)
    var out = ""
    out.unicodeScalars.append(contentsOf: scalars[range])
    return out
}

/// Every earlier report matches: the repeat hook.
private struct AlwaysRepeat: EarlierReports {
    func nearDuplicate(of text: NormalizedText) -> EarlierReportMatch? {
        EarlierReportMatch(reportID: "R-0001", similarity: 0.93)
    }
}

private let roster = [
    RosterPerson(name: "王建国", unit: "县财政局", post: "党组书记、局长"),
    RosterPerson(name: "李红梅", unit: "县财政局", post: "财务股股长"),
    RosterPerson(name: "赵敏", unit: "县财政局", post: "科员"),
]

/// 县财政局, 2023-03-01 — 2023-05-31, deadline the last day.
private func financeBureauInspection() -> Inspection {
    Inspection(
        id: "t",
        group: "第一巡察组",
        units: ["县财政局"],
        periodStart: CivilDate(parsing: "2023-03-01")!,
        periodEnd: CivilDate(parsing: "2023-05-31")!,
        deadline: CivilDate(parsing: "2023-05-31")!
    )
}

private let familyOrder = ["reception", "repeat", "category", "substance", "subject", "suggestion"]

@Suite("Screening: one suggestion with its reasons")
struct ScreeningTests {
    let screener = Screener()

    @Test func acceptsALeadAboutALeaderInScope() throws {
        let text = "反映县财政局王建国局长2023年春节期间收受工程老板红包5万元，有转账记录为证。"
        let s = Screener(roster: roster).screen(text)
        #expect(s.suggestion == .accept)
        #expect(s.acceptAsLead)
        #expect(s.classification.topDiscipline == .integrity)
        #expect(s.decidingRule == "subject.in_scope")
        let subject = try #require(s.reasons.first { $0.rule == "subject.in_scope" })
        #expect(subject.evidence.contains { $0.kind == .rosterEntry && $0.rosterIndex == 0 })
        let substance = try #require(s.reasons.first { $0.family == "substance" })
        #expect(substance.rule == "substance.complete")
        #expect(substance.evidence.contains { $0.key == "money" })
        #expect(substance.evidence.contains { $0.key == "evidence" && $0.text == "转账记录" })
    }

    @Test func acceptsFromTheTextAloneWithoutARoster() {
        let s = screener.screen("村支书张某某在2024年低保评定中优亲厚友，把低保给了自己的亲戚。")
        #expect(s.suggestion == .accept)
        #expect(s.classification.topDiscipline == .mass)
    }

    @Test func refersAnOfficialOutsideScopeToTheInspectedUnit() throws {
        let inspection = financeBureauInspection()
        let s = Screener(roster: roster, inspection: inspection).screen("科员赵敏2023年3月多次用公车接送孩子上学。")
        #expect(s.suggestion == .refer)
        #expect(s.recipient == ReferralRecipient(code: "inspected_unit", nameZH: "县财政局"))
        #expect(s.decidingRule == "subject.other_official")
        #expect(s.reasons.last?.messageZH == "建议转办（转县财政局）")
    }

    @Test(
        "non-lead kinds are referred to the competent department",
        arguments: [
            ("我在县建筑公司打工，老板拖欠我工资三个月，要求解决。", "human_resources"),
            ("我和邻居的合同纠纷法院一审判决不公，我要上诉，请巡察组督促法院再审。", "court"),
            ("单位不给我办理离职，我申请了劳动仲裁，仲裁委迟迟不开庭。", "arbitration"),
        ]
    )
    func nonLeadReferrals(text: String, recipient: String) throws {
        let s = screener.screen(text)
        #expect(s.suggestion == .refer)
        #expect(s.recipient?.code == recipient)
        #expect(s.decidingRule == "category.non_lead")
        #expect(!s.acceptAsLead)
    }

    @Test func filesAConsultation() {
        let s = screener.screen("请问巡察组的受理时间是几点到几点？需要什么材料？")
        #expect(s.suggestion == .file)
        #expect(s.decidingRule == "category.non_lead")
    }

    @Test func filesConductWithNoSubject() {
        let s = screener.screen("2023年5月6日有人在县城酒店大操大办婚宴，摆了六十桌。")
        #expect(s.suggestion == .file)
        #expect(s.decidingRule == "subject.no_one")
        #expect(s.reasons.contains { $0.family == "subject" })
    }

    @Test func rejectsALabelWithNoSubstance() {
        let s = screener.screen("贪官！请彻查！")
        #expect(s.suggestion == .reject)
        #expect(s.decidingRule == "substance.label_only" || s.decidingRule == "substance.no_conduct")
    }

    @Test func marksARepeat() throws {
        let s = Screener(earlierReports: AlwaysRepeat()).screen("王书记收受红包")
        #expect(s.suggestion == .duplicate)
        #expect(s.decidingRule == "repeat.near_duplicate")
        let r = try #require(s.reasons.first { $0.family == "repeat" })
        #expect(r.evidence.first?.kind == .earlierReport)
        #expect(r.evidence.first?.text == "R-0001")
    }

    @Test func theNoOpHookFindsNoRepeat() {
        #expect(NoEarlierReports().nearDuplicate(of: TextNormalizer().normalizeWithOffsets("王书记收受红包")) == nil)
        #expect(screener.screen("王书记收受红包").reasons[1].rule == "repeat.none")
    }

    @Test func aLeadAfterTheDeadlineIsReferredWithTheCalendarFact() throws {
        let inspection = financeBureauInspection()
        let june = Date(timeIntervalSince1970: 1_686_000_000)  // 2023-06-06
        let s = Screener(inspection: inspection).screen(
            "县财政局王局长2023年春节收受红包5万元。",
            arrival: ScreeningArrival(channel: .web, receivedAt: june)
        )
        #expect(s.reception?.code == "after_deadline")
        #expect(s.suggestion == .refer)
        #expect(s.recipient?.code == "discipline_inspection_organ")
        let first = s.reasons[0]
        #expect(first.rule == "reception.closed.after_deadline")
        #expect(first.decisive)
        #expect(first.evidence.contains { $0.kind == .receptionFact && $0.key == "deadline" })
    }

    @Test func reasonsFollowTheRuleOrderWithOneDecisiveRuleAndTheVersion() {
        for text in ["县财政局王局长2023年收受红包5万元", "贪官", "我的工资被拖欠", "请问怎么办理？", "x"] {
            let s = screener.screen(text)
            #expect(s.reasons.map(\.family) == familyOrder, "\(text)")
            #expect(s.reasons.dropLast().filter(\.decisive).count == 1, "\(text)")
            #expect(s.reasons.last?.rule == "suggestion.\(s.suggestion.rawValue)")
            #expect(s.reasons.last?.evidence.contains { $0.key == "rules_version" && $0.text == Screener.rulesVersion } == true)
            #expect(s.rulesVersion == Screener.rulesVersion)
        }
    }

    @Test func evidenceSpansPointAtTheWordsAsWritten() {
        let text = "舉報縣財政局王局長２０２３年３月收受紅包５萬元，有照片。"
        let s = screener.screen(text)
        var spans = 0
        for reason in s.reasons {
            for e in reason.evidence where e.kind == .textSpan {
                let range = e.range!
                #expect(range.upperBound <= text.unicodeScalars.count)
                #expect(words(text, range) == e.text)
                spans += 1
            }
        }
        #expect(spans >= 3)
        #expect(s.suggestion == .accept)
    }

    @Test func deterministic() throws {
        let text = "县财政局王局长2023年3月收受红包5万元，还安排亲属在下属企业吃空饷，有照片。"
        let a = Screener(roster: roster).screen(text)
        let b = Screener(roster: roster).screen(text)
        #expect(a == b)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(a.reasons) == encoder.encode(b.reasons))
    }
}

@Suite("Screening: bad input")
struct ScreeningBadInputTests {
    let screener = Screener(roster: roster)

    @Test(arguments: ["贪", "1", " ", "", "1234567890123", "Please investigate the director, he is corrupt."])
    func meaninglessTextIsRejected(text: String) {
        let s = screener.screen(text)
        #expect(s.suggestion == .reject)
        #expect(s.reasons.map(\.family) == familyOrder)
    }

    @Test func twentyThousandCharacters() {
        let unit = "县财政局王建国局长2023年收受红包5万元，"
        var text = ""
        while text.count < 20_000 { text += unit }
        let s = screener.screen(text)
        #expect(s.suggestion == .accept)
        for e in s.reasons.flatMap(\.evidence) where e.kind == .textSpan {
            #expect(e.range!.upperBound <= text.unicodeScalars.count)
        }
    }

    @Test func traditionalScriptWithArtefacts() {
        let text = "根據(jù)群眾反映，縣財政局王建國局長在2023年收受紅(hóng)包５萬元。"
        let s = screener.screen(text)
        #expect(s.suggestion == .accept)
        #expect(s.classification.topDiscipline == .integrity)
    }

    @Test func namesNotInTheRosterStayUnresolved() {
        let s = screener.screen("张三丰局长、欧阳某某书记和马某某主任2023年5月6日一起接受宴请，收受购物卡。")
        #expect(s.subjects.findings.count >= 3)
        #expect(s.subjects.findings.allSatisfy { $0.candidates.isEmpty })
        #expect(s.suggestion == .accept)
    }

    @Test func twoPeopleWithTheSameNameAreBothCandidates() throws {
        let twins = [
            RosterPerson(name: "张伟", unit: "县财政局", post: "局长"),
            RosterPerson(name: "张伟", unit: "城关财政所", post: "科员"),
        ]
        let s = Screener(roster: twins).screen("张伟2023年收受红包5万元，有转账记录。")
        #expect(s.suggestion == .accept)
        let subject = try #require(s.reasons.first { $0.family == "subject" })
        let entries = subject.evidence.filter { $0.kind == .rosterEntry }.compactMap(\.rosterIndex)
        #expect(Set(entries) == [0, 1])
        #expect(subject.messageZH.contains("人工确认"))
    }
}
