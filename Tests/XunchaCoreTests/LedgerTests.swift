import Foundation
import Testing

@testable import XunchaCore

/// The ledgers as tables: each kind's columns, the identity columns only when asked for, and what
/// a register writes for a decision and where the report went.
@Suite struct LedgerTests {
    /// Tuesday 5 March 2024, 09:30 in Beijing.
    static let received = Date(timeIntervalSince1970: 1_709_602_200)
    static let day = CivilDate(year: 2024, month: 3, day: 5)!

    static func decision(_ outcome: SuggestionKind, _ state: Decision.State = .approved, recipient: String? = nil) -> Decision {
        Decision(
            ordinal: 0,
            outcome: outcome,
            reason: "",
            recipient: recipient,
            suggestion: nil,
            rulesVersion: nil,
            proposedBy: "user:m1",
            proposedAt: received,
            state: state
        )
    }

    static func entry(channel: Channel = .letter, decision: Decision? = nil) -> RegisterEntry {
        RegisterEntry(
            reportID: "r1",
            number: "市四巡〔2024〕第001号",
            channel: channel,
            receivedAt: received,
            isRealName: true,
            subjects: [Subject(name: "王建国", unit: "市财政局", post: "局长"), Subject(name: "", unit: "", post: "办公室主任")],
            content: "反映市财政局局长王建国收受购物卡。",
            discipline: .integrity,
            receivedByName: "组员乙",
            postmark: CivilDate(year: 2024, month: 3, day: 3),
            callDurationSeconds: 125,
            visitAt: received,
            place: "巡察组接待室",
            decision: decision,
            leadNumber: "市四巡线〔2024〕第01号",
            identity: ReporterIdentity(name: "赵秀英", phone: "13912345678", address: "幸福小区3栋"),
            callerNumber: "13800001111",
            senderAsWritten: "赵女士"
        )
    }

    @Test func eachRegisterHasItsChannelsColumnsAndTheIdentityOnesOnlyWhenAsked() {
        let shared = ["实名/匿名", "被反映人及职务", "问题类别", "反映的主要问题"]
        let cases: [(LedgerKind, [String], [String])] = [
            (.letters, ["邮戳日期"], ["寄信人（信封所写）"]),
            (.calls, ["通话时长（分钟）"], ["来电号码"]),
            (.visits, ["接待时间", "接待地点"], []),
            (.web, ["方式"], []),
        ]
        for (kind, own, ownIdentity) in cases {
            let plain = Ledger.register(kind, group: "市委第四巡察组", entries: [Self.entry()], withIdentities: false)
            let titles = plain.columns.map(\.title)
            #expect(Array(titles.prefix(3)) == ["序号", "编号", "收到时间"])
            #expect(titles.suffix(2) == ["处理意见", "去向"])
            #expect(own.allSatisfy(titles.contains) && shared.allSatisfy(titles.contains), "\(kind)")
            #expect(titles.contains("登记人") == (kind != .web))
            #expect(!titles.contains("反映人") && !titles.contains("联系电话") && !ownIdentity.contains(where: titles.contains))
            #expect(!plain.rows[0].map(\.text).contains { $0.contains("赵") || $0.contains("139") || $0.contains("138") })
            #expect(plain.rows[0].count == titles.count)
            #expect(plain.title == "市委第四巡察组" + kind.chineseName)

            let named = Ledger.register(kind, group: "g", entries: [Self.entry()], withIdentities: true)
            let namedTitles = named.columns.map(\.title)
            #expect((["反映人", "联系电话", "单位或住址"] + ownIdentity).allSatisfy(namedTitles.contains))
            #expect(named.columns.filter(\.holdsIdentity).count == 3 + ownIdentity.count)
            #expect(named.textTable[1].contains("赵秀英") && named.textTable[1].contains("13912345678"))
        }
    }

    @Test func aRegisterRowSaysWhatWasReceivedAndDecided() throws {
        let calls = Ledger.register(
            .calls,
            group: "g",
            entries: [Self.entry(channel: .phone, decision: Self.decision(.accept))],
            withIdentities: false
        )
        let row = Dictionary(uniqueKeysWithValues: zip(calls.columns.map(\.title), calls.rows[0]))
        #expect(row["序号"] == .count(1))
        #expect(row["收到时间"] == .moment(Self.received))
        #expect(row["收到时间"]?.text == "2024-03-05 09:30")
        #expect(row["通话时长（分钟）"] == .count(3), "125 seconds take three started minutes")
        #expect(row["被反映人及职务"]?.text == "王建国（市财政局局长）；未具名（办公室主任）")
        #expect(row["问题类别"]?.text == "廉洁纪律")
        #expect(row["处理意见"]?.text == "受理")
        #expect(row["去向"]?.text == "并入问题线索市四巡线〔2024〕第01号")
        #expect(row["登记人"]?.text == "组员乙")
    }

    @Test func aRegistersSummaryMasksTheWriterUnlessIdentitiesAreShown() {
        var e = Self.entry()
        e.content = "反映市财政局局长王建国收受购物卡。反映人：龙建军，电话：13800001140，我叫龙建军。"
        let masked = Ledger.register(.letters, group: "g", entries: [e], withIdentities: false).textTable
        let shown = Ledger.register(.letters, group: "g", entries: [e], withIdentities: true).textTable
        func summary(_ table: [[String]]) -> String { table.first.flatMap { $0.firstIndex(of: "反映的主要问题") }.map { table[1][$0] } ?? "" }
        #expect(summary(masked).contains("王建国") && !summary(masked).contains("13800001140") && !summary(masked).contains("龙建军"))
        #expect(summary(shown).contains("13800001140") && summary(shown).contains("龙建军"))
    }

    @Test func decisionsAndWhereTheyLed() {
        func texts(_ d: Decision?, duplicateOf: String? = nil) -> (String, String) {
            var e = Self.entry(decision: d)
            e.duplicateOfNumber = duplicateOf
            return (e.decisionText, e.whereItWent)
        }
        #expect(texts(nil) == ("未处理", ""))
        #expect(texts(Self.decision(.refer, .proposed, recipient: "市财政局")) == ("转办（待组长审批）", ""))
        #expect(texts(Self.decision(.refer, recipient: "市财政局")) == ("转办", "转市财政局"))
        #expect(texts(Self.decision(.duplicate), duplicateOf: "市四巡〔2024〕第001号") == ("重复件", "重复件，见市四巡〔2024〕第001号"))
        #expect(texts(Self.decision(.file)) == ("存查", "存档备查"))
        #expect(texts(Self.decision(.reject)) == ("不予受理", "不予受理"))
        var noLead = Self.entry(decision: Self.decision(.accept))
        noLead.leadNumber = nil
        #expect(noLead.whereItWent == "本组办理")
        var outOfScope = Self.entry()
        outOfScope.discipline = nil
        outOfScope.scope = .outOfScope
        #expect(outOfScope.typeText == "不属于受理范围")
    }

    @Test func theLeadLedgerFollowsALeadToItsCloseOut() {
        var lead = Lead(
            id: "l1",
            inspectionID: "i",
            sequence: 1,
            number: "市四巡线〔2024〕第01号",
            subject: Subject(name: "王建国", unit: "市财政局", post: "局长"),
            summary: "收受购物卡",
            kind: LeadKind.discipline.rawValue,
            aboutPrincipal: false,
            state: .open,
            createdAt: Self.received,
            createdBy: "user:l1",
            reportIDs: ["r1", "r2"]
        )
        let open = Ledger.leads(
            group: "g",
            entries: [LeadLedgerEntry(lead: lead, sourceNumbers: ["第001号", "第004号"], paperState: nil, handoverNumber: nil, handedOverOn: nil)]
        )
        #expect(
            open.columns.map(\.title) == [
                "序号", "线索编号", "来源（反映编号）", "被反映人", "单位职务", "问题类型", "主要问题", "问题底稿", "移交对象", "移交日期", "移交清单编号", "处置方式", "办理结果", "是否销号",
            ]
        )
        #expect(
            open.textTable[1] == [
                "1", "市四巡线〔2024〕第01号", "第001号、第004号", "王建国", "市财政局局长", LeadKind.discipline.chineseName, "收受购物卡", "未起草", "纪委监委", "", "", "", "", "未销号",
            ]
        )
        lead.state = .closed
        lead.outcome = LeadOutcome(disposition: .talk, result: "已谈话提醒", reportedOn: Self.day, recordedAt: Self.received, recordedBy: "user:l1")
        let closed = Ledger.leads(
            group: "g",
            entries: [LeadLedgerEntry(lead: lead, sourceNumbers: [], paperState: .signed, handoverNumber: "市四巡移〔2024〕第01号", handedOverOn: Self.day)]
        )
        #expect(Array(closed.textTable[1].suffix(7)) == ["已签发", "纪委监委", "2024-03-05", "市四巡移〔2024〕第01号", "谈话函询", "已谈话提醒", "已销号"])
        #expect(closed.rows[0][9] == .day(Self.day))
        lead.kind = LeadKind.immediateFix.rawValue
        #expect(
            LeadLedgerEntry(lead: lead, sourceNumbers: [], paperState: nil, handoverNumber: nil, handedOverOn: nil).recipientText == "被巡察党组织（立行立改）"
        )
    }

    @Test func theReferralLedgerMarksLateOnesAndReadsTheFeedback() throws {
        func referral(_ state: Referral.State, sendDue: Int = 10, feedbackDue: Int? = nil) -> ReferralLedgerEntry {
            var r = Referral(
                id: "f",
                inspectionID: "i",
                sequence: 1,
                number: "市四巡转〔2024〕第01号",
                reportID: "r",
                recipient: "市财政局",
                content: "",
                state: state,
                decidedAt: Self.received,
                sendDue: CivilDate(year: 2024, month: 3, day: sendDue)
            )
            r.feedbackDue = feedbackDue.flatMap { CivilDate(year: 2024, month: 4, day: $0) }
            return ReferralLedgerEntry(referral: r, reportNumber: "市四巡〔2024〕第002号")
        }
        let today = CivilDate(year: 2024, month: 3, day: 12)!
        let ledger = Ledger.referrals(
            group: "g",
            entries: [
                referral(.draft, sendDue: 11), referral(.draft, sendDue: 12), referral(.sent, feedbackDue: 20), referral(.answered, sendDue: 1),
            ],
            today: today
        )
        #expect(ledger.columns.map(\.title).last == "是否逾期")
        #expect(ledger.rows.map { $0.last?.text } == ["逾期", "否", "否", "否"])
        #expect(ledger.textTable[1][2] == "市四巡〔2024〕第002号")

        // The feedback as the store keeps it (codes) reads in Chinese.
        var answered = referral(.answered)
        answered.referral.finding = ReferralFinding.partlySubstantiated.rawValue
        answered.referral.closure = ReferralClosure.interim.rawValue
        let table = Ledger.referrals(group: "g", entries: [answered], today: today).textTable
        let finding = try #require(table[0].firstIndex(of: "核实情况"))
        #expect(table[1][finding] == "部分属实" && table[1][finding + 1] == "阶段性办结")
    }

    @Test func theRectificationLedgerHasTheOfficesColumns() {
        let item = RectificationItem(
            id: "x",
            inspectionID: "i",
            sequence: 1,
            problem: "公务接待不规范",
            measure: "修订接待办法",
            responsible: "办公室",
            deadline: CivilDate(year: 2024, month: 6, day: 30),
            progress: "已起草",
            evidence: "",
            state: .inProgress,
            updatedAt: Self.received,
            updatedBy: "user:c1"
        )
        let ledger = Ledger.rectification(group: "g", items: [item])
        #expect(
            ledger.textTable == [
                ["序号", "存在问题", "整改措施", "责任人", "完成时限", "整改进展", "佐证材料", "状态"], ["1", "公务接待不规范", "修订接待办法", "办公室", "2024-06-30", "已起草", "", "整改中"],
            ]
        )
        #expect(ledger.rows[0][6] == .empty)
    }

    @Test func cellsReadTheWayRegistersWriteThem() {
        #expect(LedgerCell.moment(Date(timeIntervalSince1970: 1_709_654_340)).text == "2024-03-05 23:59")
        #expect(LedgerCell.moment(Date(timeIntervalSince1970: 1_709_654_400)).text == "2024-03-06 00:00", "midnight in Beijing is 16:00 UTC")
        #expect(LedgerCell.day(Self.day).text == "2024-03-05")
        #expect(LedgerCell.count(12).text == "12" && LedgerCell.empty.text == "")
        #expect(ClockTime(beijingOf: Date(timeIntervalSince1970: -1)).description == "07:59")
        #expect(LedgerKind.letters.fileStem(madeOn: Self.day) == "来信登记簿-2024-03-05")
        #expect(LedgerKind.web.channels == [.web, .email] && !LedgerKind.leads.isRegister)
    }
}
