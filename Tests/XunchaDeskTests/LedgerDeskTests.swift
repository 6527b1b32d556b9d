import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk
@testable import XunchaIntake

/// The ledgers at the desk, on real SQLite: each register lists its channels' reports with what
/// was decided, identities only for the leader who asks (audited), the lead, referral and
/// rectification ledgers, their files, and who may read, print and keep which.
@Suite struct LedgerDeskTests {
    typealias W = WorkflowTests
    typealias L = LeadWorkTests
    static let identity = ReporterIdentity(name: "赵秀英", phone: "13912345678", address: "幸福小区3栋")

    /// A letter, a call, a visit, a web report and an e-mail, each naming the director.
    static func registerOneOfEach(_ w: W.World) async throws -> [Channel: String] {
        var ids: [Channel: String] = [:]
        func registration(_ channel: Channel, minutes: Double, _ fill: (inout Registration) -> Void = { _ in }) -> Registration {
            var r = Registration(
                submission: Submission(
                    channel: channel,
                    content: "反映市财政局局长王建国收受购物卡（\(channel.displayName)）。",
                    subjects: [Subject(name: "王建国", unit: "市财政局", post: "局长")],
                    reporter: identity,
                    receivedAt: W.monday.addingTimeInterval(minutes * 60)
                ),
                receivedBy: "",
                receivedByName: ""
            )
            fill(&r)
            return r
        }
        ids[.letter] = try await w.desks.intake.register(
            registration(.letter, minutes: -60) {
                $0.postmark = CivilDate(year: 2024, month: 3, day: 8)
                $0.senderAsWritten = "幸福小区赵女士"
            },
            by: .staff(W.member)
        ).reportID
        ids[.phone] = try await w.desks.intake.register(
            registration(.phone, minutes: -50) {
                $0.callerNumber = "13800001111"
                $0.callDurationSeconds = 125
            },
            by: .staff(W.member)
        ).reportID
        ids[.visit] = try await w.desks.intake.register(registration(.visit, minutes: -40) { $0.place = "巡察组接待室" }, by: .staff(W.leader)).reportID
        ids[.web] = try await w.submit("网上反映市财政局局长王建国收受购物卡。", reporter: identity, at: W.monday.addingTimeInterval(-30 * 60)).id
        ids[.email] = try await w.desks.intake.take(
            Submission(channel: .email, content: "邮件反映市财政局违规发放补贴。", inspectionID: W.inspection.id, receivedAt: W.monday.addingTimeInterval(-20 * 60)),
            caller: .system,
            .init()
        ).reportID
        return ids
    }

    static func row(_ ledger: Ledger, _ index: Int = 0) -> [String: String] {
        Dictionary(uniqueKeysWithValues: zip(ledger.columns.map(\.title), ledger.rows[index].map(\.text)))
    }

    @Test func eachRegisterListsItsChannelsReportsWithTheirDecision() async throws {
        try await L.withWorld { w in
            let ids = try await Self.registerOneOfEach(w)
            let staff = w.desks.staff
            _ = try await staff.propose(.staff(W.leader), reportID: try #require(ids[.letter]), DecisionInput(outcome: "accept", reason: "予以受理"))
            let letters = try await staff.ledger(L.member, .letters).ledger
            #expect(letters.rows.count == 1)
            let letter = Self.row(letters)
            #expect(letter["编号"] == "市四巡〔2024〕第001号" && letter["收到时间"] == "2024-03-11 09:00" && letter["邮戳日期"] == "2024-03-08")
            #expect(letter["实名/匿名"] == "实名" && letter["被反映人及职务"] == "王建国（市财政局局长）" && letter["登记人"] == "组员乙")
            #expect(letter["处理意见"] == "受理" && letter["去向"]?.hasPrefix("并入问题线索市四巡线〔2024〕第") == true)
            #expect(letters.columns.allSatisfy { !$0.holdsIdentity })

            let call = Self.row(try await staff.ledger(L.member, .calls).ledger)
            #expect(call["通话时长（分钟）"] == "3" && call["处理意见"] == "未处理" && call["去向"] == "")
            let visit = Self.row(try await staff.ledger(L.member, .visits).ledger)
            #expect(visit["接待地点"] == "巡察组接待室" && visit["接待时间"] == "2024-03-11 09:20" && visit["登记人"] == "组长甲")
            let web = try await staff.ledger(L.member, .web).ledger
            #expect(web.rows.map { $0[3].text } == ["网上", "电子邮件"], "the web register holds e-mail too, in arrival order")
            #expect(Self.row(web, 1)["实名/匿名"] == "匿名")

            // Nothing of any reporter in any register read without identities.
            for kind in [LedgerKind.letters, .calls, .visits, .web] {
                let text = try await staff.ledger(L.member, kind).ledger.textTable.joined().joined()
                for secret in ["赵秀英", "13912345678", "幸福小区", "13800001111", "赵女士"] { #expect(!text.contains(secret), "\(kind) \(secret)") }
            }
        }
    }

    @Test func identitiesAreForTheLeaderWhoAsksAndEveryShowingIsAudited() async throws {
        try await L.withWorld { w in
            _ = try await Self.registerOneOfEach(w)
            let staff = w.desks.staff
            let named = try await staff.ledger(L.leader, .letters, LedgerInput(identities: true))
            let row = Self.row(named.ledger)
            #expect(named.ledger.withIdentities && named.mayShowIdentities)
            #expect(row["反映人"] == "赵秀英" && row["联系电话"] == "13912345678" && row["单位或住址"] == "幸福小区3栋" && row["寄信人（信封所写）"] == "幸福小区赵女士")
            #expect(Self.row(try await staff.ledger(L.leader, .calls, LedgerInput(identities: true)).ledger)["来电号码"] == "13800001111")
            for caller in [L.member, L.deputyCaller, Caller.commandLine("ops")] {
                let refused = await #expect(throws: DeskError.self) {
                    _ = try await staff.ledger(caller, .letters, inspectionID: W.inspection.id, LedgerInput(identities: true))
                }
                #expect(refused?.kind == .forbidden)
            }
            #expect(try await staff.ledger(L.member, .letters).mayShowIdentities == false)
            // Leads and referrals carry no identity: asking for them changes nothing.
            #expect(try await staff.ledger(L.leader, .leads, LedgerInput(identities: true)).ledger.withIdentities == false)

            _ = try await staff.ledger(L.member, .calls)
            _ = try await staff.ledger(L.member, .calls, use: .print)
            _ = try await staff.ledgerFile(L.member, .web, format: .csv)
            let events = try await w.store.auditEvents(subject: .inspection, id: W.inspection.id).filter {
                $0.action == AuditAction.ledgerExported.rawValue
            }
            #expect(
                events.map(\.detail) == ["letters page rows=1 identities", "calls page rows=1 identities", "calls print rows=1", "web csv rows=2"]
            )
            #expect(events.map(\.actor) == ["user:l1", "user:l1", "user:m1", "user:m1"])
        }
    }

    @Test func aRegisterIsCutToTheDaysAskedAndBadDaysAreRefused() async throws {
        try await L.withWorld { w in
            _ = try await Self.registerOneOfEach(w)
            _ = try await w.desks.intake.take(
                Submission(
                    channel: .web,
                    content: "反映市财政局违规发放补贴。",
                    inspectionID: W.inspection.id,
                    receivedAt: W.monday.addingTimeInterval(-3 * 86400)
                ),
                caller: .system,
                .init()
            )
            let staff = w.desks.staff
            #expect(try await staff.ledger(L.member, .web).ledger.rows.count == 3)
            #expect(try await staff.ledger(L.member, .web, LedgerInput(from: "2024-03-09")).ledger.rows.count == 2)
            #expect(try await staff.ledger(L.member, .web, LedgerInput(to: "2024-03-08")).ledger.rows.count == 1)
            #expect(
                try await staff.ledger(L.member, .web, LedgerInput(from: "2024-03-11", to: "2024-03-11")).days == CivilDate(
                    year: 2024,
                    month: 3,
                    day: 11
                )!...CivilDate(year: 2024, month: 3, day: 11)!
            )
            for (input, code) in [
                (LedgerInput(from: "2024-13-01"), "invalid_date"), (LedgerInput(to: "昨天"), "invalid_date"),
                (LedgerInput(from: "2024-03-12", to: "2024-03-11"), "invalid_range"),
            ] {
                let refused = await #expect(throws: DeskError.self) { _ = try await staff.ledger(L.member, .web, input) }
                #expect(refused?.code == code)
            }
        }
    }

    @Test func aPageOfARegisterIsReadInTheDatabaseAndNumberedInTheWholeRegister() async throws {
        try await L.withWorld { w in
            _ = try await Self.registerOneOfEach(w)
            _ = try await w.desks.intake.take(
                Submission(channel: .web, content: "反映违规发放补贴。", inspectionID: W.inspection.id, receivedAt: W.monday.addingTimeInterval(-3 * 86400)),
                caller: .system,
                .init()
            )
            let staff = w.desks.staff
            let whole = try await staff.ledger(L.member, .web)
            let first = try await staff.ledger(L.member, .web, rows: 0..<2)
            let second = try await staff.ledger(L.member, .web, rows: 2..<4)
            #expect(first.total == 3 && second.total == 3 && first.offset == 0 && second.offset == 2)
            #expect(first.ledger.rows + second.ledger.rows == whole.ledger.rows)
            #expect(second.ledger.rows.map { $0[0].text } == ["3"] && second.rowIDs == [whole.rowIDs[2]])
            // Cut to days and paged: the count is of the days' reports.
            let days = try await staff.ledger(L.member, .web, LedgerInput(from: "2024-03-09"), rows: 1..<2)
            #expect(days.total == 2 && days.ledger.rows.count == 1 && days.ledger.rows[0][0].text == "2")
            // Past the end: nothing, and the total still said.
            let beyond = try await staff.ledger(L.member, .web, rows: 100..<200)
            #expect(beyond.ledger.rows.isEmpty && beyond.total == 3)
            // A page past the middle is read from the end, in the register's order all the same.
            for minutes in [5.0, 6.0] {
                _ = try await w.submit("又反映违规发放补贴。", at: W.monday.addingTimeInterval(minutes * 60))
            }
            let grown = try await staff.ledger(L.member, .web)
            let tail = try await staff.ledger(L.member, .web, rows: 3..<5)
            #expect(grown.ledger.rows.count == 5 && tail.total == 5)
            #expect(tail.ledger.rows == Array(grown.ledger.rows[3..<5]) && tail.rowIDs == Array(grown.rowIDs[3..<5]))
            // The work ledgers are paged the same way.
            let rectification = try await staff.ledger(L.member, .rectification, rows: 0..<100)
            #expect(rectification.total == 0 && rectification.ledger.rows.isEmpty)
        }
    }

    @Test func theLeadLedgerFollowsALeadThroughHandoverToItsCloseOut() async throws {
        try await L.withWorld { w in
            let staff = w.desks.staff
            let lead = try await L.lead(w, "反映市财政局副局长李明违规公款吃喝。")
            _ = try await L.signedPaper(w, lead)
            let early = await #expect(throws: DeskError.self) {
                _ = try await staff.recordLeadOutcome(L.leader, leadID: lead.id, LeadOutcomeInput(disposition: "talk"))
            }
            #expect(early?.code == "lead_not_handed_over")
            let before = Self.row(try await staff.ledger(L.member, .leads).ledger)
            #expect(before["问题底稿"] == "已签发" && before["移交日期"] == "" && before["是否销号"] == "未销号" && before["被反映人"] == "李明")
            let made = try await staff.createHandover(L.leader, recipient: .discipline, aboutPrincipal: false)

            for (input, code) in [
                (LeadOutcomeInput(disposition: "warn"), "invalid_disposition"), (LeadOutcomeInput(), "invalid_disposition"),
                (LeadOutcomeInput(disposition: "talk", reportedOn: "2099-01-01"), "invalid_date"),
                (LeadOutcomeInput(disposition: "talk", result: String(repeating: "查", count: 2001)), "too_long"),
            ] {
                let refused = await #expect(throws: DeskError.self) { _ = try await staff.recordLeadOutcome(L.member, leadID: lead.id, input) }
                #expect(refused?.code == code)
            }
            await #expect(throws: DeskError.self) {
                _ = try await staff.recordLeadOutcome(L.outsider, leadID: lead.id, LeadOutcomeInput(disposition: "talk"))
            }
            let noted = try await staff.recordLeadOutcome(
                L.member,
                leadID: lead.id,
                LeadOutcomeInput(disposition: "preliminary_check", result: "正在核实")
            )
            #expect(noted.state == .handedOver && noted.outcome?.disposition == .preliminaryCheck)
            let closed = try await staff.recordLeadOutcome(
                L.member,
                leadID: lead.id,
                LeadOutcomeInput(disposition: "talk", result: "经初核，予以谈话提醒。", reportedOn: "2024-03-08", closeOut: true)
            )
            #expect(closed.state == .closed)
            let again = await #expect(throws: DeskError.self) {
                _ = try await staff.recordLeadOutcome(L.member, leadID: lead.id, LeadOutcomeInput(disposition: "talk"))
            }
            #expect(again?.code == "lead_closed")

            let after = Self.row(try await staff.ledger(L.member, .leads).ledger)
            #expect(after["移交对象"] == "纪委监委" && after["移交日期"] == "2024-03-11" && after["移交清单编号"] == made.handover.number)
            #expect(after["处置方式"] == "谈话函询" && after["办理结果"] == "经初核，予以谈话提醒。" && after["是否销号"] == "已销号")
            #expect(after["来源（反映编号）"] == "市四巡〔2024〕第001号")
            let trail = try await w.store.auditEvents(subject: .lead, id: lead.id).map(\.action)
            #expect(
                trail.suffix(3) == [
                    AuditAction.leadOutcomeRecorded.rawValue, AuditAction.leadOutcomeRecorded.rawValue, AuditAction.leadClosedOut.rawValue,
                ]
            )
            #expect(try await w.store.lead(id: lead.id)?.outcome?.reportedOn == CivilDate(year: 2024, month: 3, day: 8))
        }
    }

    @Test func aLeadsSummaryAndItsLedgerHoldNothingOfTheReporter() async throws {
        try await L.withWorld { w in
            let report = try await w.submit("我叫赵秀英，电话13912345678，住幸福小区3栋。反映市财政局副局长李明违规公款吃喝。", reporter: Self.identity)
            let decision = try await w.desks.staff.propose(L.leader, reportID: report.id, DecisionInput(outcome: "accept", reason: "予以受理"))
            let leadID = try #require(decision.leadID)
            let lead = try #require(try await w.store.lead(id: leadID))
            #expect(lead.summary.contains("违规公款吃喝"))
            let ledger = try await w.desks.staff.ledgerFile(L.member, .leads, format: .csv)
            for secret in ["赵秀英", "13912345678", "幸福小区"] {
                #expect(!lead.summary.contains(secret) && !String(decoding: ledger.bytes, as: UTF8.self).contains(secret), "\(secret)")
            }
        }
    }

    @Test func theLeadLedgerLeavesThePrincipalsLeadsToTheLeader() async throws {
        try await L.withWorld { w in
            let report = try await w.submit("市财政局局长王建国收受购物卡三万元。")
            _ = try await w.desks.staff.propose(L.leader, reportID: report.id, DecisionInput(outcome: "accept", reason: "予以受理"))
            #expect(try await w.desks.staff.ledger(L.leader, .leads).ledger.rows.count == 1)
            #expect(try await w.desks.staff.ledger(L.member, .leads).ledger.rows.isEmpty)
        }
    }

    @Test func theReferralLedgerListsSentAndLateOnes() async throws {
        try await L.withWorld { w in
            let report = try await w.submit("反映市财政局办公室违规发放补贴。")
            _ = try await w.desks.staff.propose(L.leader, reportID: report.id, DecisionInput(outcome: "refer", reason: "一般问题", recipient: "市财政局"))
            let today = Self.row(try await w.desks.staff.ledger(L.member, .referrals).ledger)
            #expect(today["转办对象"] == "市财政局" && today["状态"] == "待发出" && today["是否逾期"] == "否" && today["反映编号"] == "市四巡〔2024〕第001号")
            // Two weeks on, the draft is past its five working days.
            let later = w.installation.desks(w.store, now: { W.monday.addingTimeInterval(14 * 86400) })
            #expect(Self.row(try await later.staff.ledger(L.member, .referrals).ledger)["是否逾期"] == "逾期")
            // A liaison keeps no ledger but the rectification one.
            let refused = await #expect(throws: DeskError.self) { _ = try await w.desks.staff.ledger(.staff(L.liaison), .referrals) }
            #expect(refused?.kind == .forbidden)
        }
    }

    @Test func theRectificationLedgerIsKeptByStaffAndTheLiaisonWithoutLosingAnEntry() async throws {
        try await L.withWorld { w in
            let staff = w.desks.staff
            let liaison = Caller.staff(L.liaison)
            let item = try await staff.addRectification(
                liaison,
                RectificationInput(problem: "公务接待不规范", measure: "修订接待办法", responsible: "办公室", deadline: "2024-06-30", state: "整改中")
            )
            #expect(item.sequence == 1 && item.state == .inProgress && item.updatedBy == "user:c1")
            let second = try await staff.addRectification(L.member, RectificationInput(problem: "  固定资产账实不符  "))
            #expect(second.sequence == 2 && second.problem == "固定资产账实不符" && second.state == .notStarted)

            let view = try await staff.ledger(liaison, .rectification)
            #expect(view.ledger.rows.count == 2 && view.mayRectify && view.mayExport && view.items.map(\.id) == [item.id, second.id])
            #expect(Self.row(view.ledger)["完成时限"] == "2024-06-30")
            _ = try await staff.ledgerFile(liaison, .rectification, format: .xlsx)
            for kind in [LedgerKind.letters, .leads] {
                let refused = await #expect(throws: DeskError.self) { _ = try await staff.ledger(liaison, kind) }
                #expect(refused?.kind == .forbidden)
            }

            // Two people change the same item: the second, working from the old version, is told.
            let seen = item.version
            let updated = try await staff.updateRectification(
                L.member,
                id: item.id,
                RectificationInput(progress: "已印发新办法", state: "awaiting_check", seenAt: seen)
            )
            #expect(updated.state == .awaitingCheck && updated.measure == "修订接待办法" && updated.updatedBy == "user:m1")
            let clash = await #expect(throws: DeskError.self) {
                _ = try await staff.updateRectification(liaison, id: item.id, RectificationInput(state: "closed", seenAt: seen))
            }
            #expect(clash?.code == "changed_meanwhile")
            #expect(try await w.store.rectificationItem(id: item.id)?.state == .awaitingCheck)
            _ = try await staff.updateRectification(liaison, id: item.id, RectificationInput(state: "已销号", seenAt: updated.version))
            #expect(try await w.store.rectificationItem(id: item.id)?.state == .closed)

            for (input, code) in [
                (RectificationInput(problem: " "), "missing_problem"), (RectificationInput(problem: "x", deadline: "6月底"), "invalid_date"),
                (RectificationInput(problem: "x", state: "done"), "invalid_state"),
                (RectificationInput(problem: String(repeating: "问", count: 2001)), "too_long"),
                (RectificationInput(problem: "x\u{7}"), "control_characters"),
            ] {
                let refused = await #expect(throws: DeskError.self) { _ = try await staff.addRectification(L.member, input) }
                #expect(refused?.code == code, "\(input)")
            }
            let noVersion = await #expect(throws: DeskError.self) {
                _ = try await staff.updateRectification(L.member, id: item.id, RectificationInput(progress: "x"))
            }
            #expect(noVersion?.code == "missing_seen_at")
            await #expect(throws: DeskError.self) { _ = try await staff.rectificationItem(L.outsider, id: item.id) }
            #expect(try await w.store.rectificationItems(inspectionID: W.inspection.id).count == 2)
            let trail = try await w.store.auditEvents(subject: .rectification, id: item.id).map(\.action)
            #expect(
                trail == [
                    AuditAction.rectificationAdded.rawValue, AuditAction.rectificationUpdated.rawValue, AuditAction.rectificationUpdated.rawValue,
                ]
            )
        }
    }

    @Test func filesHoldTheSameRowsAsThePage() async throws {
        try await L.withWorld { w in
            _ = try await Self.registerOneOfEach(w)
            let staff = w.desks.staff
            let page = try await staff.ledger(L.member, .web).ledger
            let csv = try await staff.ledgerFile(L.member, .web, format: .csv)
            #expect(csv.filename == "网上及电子邮件举报登记簿-2024-03-11.csv" && csv.rows == 2)
            #expect(Array(csv.bytes.prefix(3)) == CSVWriter.byteOrderMark)
            #expect(csv.bytes == CSVWriter.bytes(page.textTable))
            let xlsx = try await staff.ledgerFile(L.member, .web, format: .xlsx)
            let records = try XLSXSheet.records(bytes: xlsx.bytes).map(\.cells)
            #expect(records.first == page.columns.map(\.title))
            #expect(records.count == 3 && records[1][1] == "市四巡〔2024〕第004号")
            // The time is a date-time serial: 11 March 2024 is day 45362 in Excel's count.
            #expect(records[1][2].hasPrefix("45362."))
            // The command line exports without identities, into the inspection it names.
            let cli = try await staff.ledgerFile(.commandLine("ops"), .letters, format: .csv, inspectionID: W.inspection.id)
            #expect(!String(decoding: cli.bytes, as: UTF8.self).contains("赵"))
            let unnamed = await #expect(throws: DeskError.self) { _ = try await staff.ledgerFile(.commandLine("ops"), .letters, format: .csv) }
            #expect(unnamed?.code == "missing_inspection")
        }
    }
}
