import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

/// Referrals after the decision at the desk: the draft keeps its masks, an edited text is checked
/// again for the reporter, sending sets the feedback's due date on the calendar, the feedback is
/// recorded by staff or by the recipient's own liaison, and nobody else sees anything.
@Suite struct ReferralTests {
    typealias W = WorkflowTests
    static let identity = ReporterIdentity(
        name: "赵秀英",
        phone: "13912345678",
        idNumber: "430102198001011233",
        address: "长沙市天心区书院路188号金色家园7栋1203室",
        email: "zhao.xy@example.com"
    )
    static let liaison = StaffUser(
        id: "li1",
        username: "caizhengju",
        displayName: "财政局联络员",
        role: .liaison,
        inspectionID: W.inspection.id,
        mustChangePassword: false,
        recipient: "市财政局"
    )
    static let otherLiaison = StaffUser(
        id: "li2",
        username: "bangongshi",
        displayName: "办公室联络员",
        role: .liaison,
        inspectionID: W.inspection.id,
        mustChangePassword: false,
        recipient: "市财政局办公室"
    )
    /// The same recipient's name, but the liaison of another inspection.
    static let foreignLiaison = StaffUser(
        id: "li3",
        username: "wuzucaizheng",
        displayName: "五组财政局联络员",
        role: .liaison,
        inspectionID: W.other.id,
        mustChangePassword: false,
        recipient: "市财政局"
    )

    /// A report with the whole identity planted in its text, referred to 市财政局 by the leader.
    static func referred(_ w: W.World) async throws -> Referral {
        for user in [liaison, otherLiaison, foreignLiaison] { try await w.store.createUser(user, passwordHash: "-", actor: .system, at: W.monday) }
        let report = try await w.submit(
            "我叫赵秀英，电话13912345678，身份证430102198001011233，住书院路188号金色家园7栋1203室，邮箱zhao.xy@example.com。"
                + "反映市财政局办公室违规发放补贴，办公室主任孙某某知情。",
            reporter: identity
        )
        _ = try await w.desks.staff.propose(
            .staff(W.leader),
            reportID: report.id,
            DecisionInput(outcome: "refer", reason: "属一般工作问题", recipient: "市财政局")
        )
        return try #require(try await w.store.referrals(reportID: report.id).first)
    }

    @Test func theDraftKeepsEveryMaskWithItsReasonAndTheTextItCameFrom() async throws {
        try await W.withWorld { w in
            let referral = try await Self.referred(w)
            let draft = try #require(try await w.store.referralDraft(id: referral.id))
            #expect(draft.drafted == referral.content)
            #expect(draft.original.contains("13912345678"))
            let kinds = Set(draft.masks.map(\.kind))
            #expect(kinds.isSuperset(of: [.phone, .idNumber, .email, .address]))
            #expect(kinds.contains(.selfIdentification) || kinds.contains(.reporterName))
            #expect(draft.masks.allSatisfy { !$0.reasonZH.isEmpty })
            let file = try await w.desks.staff.referral(.staff(W.member), id: referral.id)
            #expect(file.draft == draft && !file.edited && file.mayEdit && !file.mayRecordFeedback)
        }
    }

    @Test func anEditedTextWithTheReporterInItIsRefusedFieldByFieldWithoutShowingTheValue() async throws {
        try await W.withWorld { w in
            let referral = try await Self.referred(w)
            let staff = w.desks.staff
            let planted: [(String, String)] = [
                ("反映人赵秀英多次反映。", "反映人的姓名"),
                ("来电人趙秀英。", "反映人的姓名"),
                ("可联系13912345678。", "反映人的联系电话"),
                ("可联系139-1234-5678。", "反映人的联系电话"),
                ("可联系一三九一二三四五六七八。", "反映人的联系电话"),
                ("可联系１３９ １２３４ ５６７８。", "反映人的联系电话"),
                ("证件号430102198001011233。", "反映人的身份证号码"),
                ("家在金色家园7栋1203室。", "反映人的住址"),
                ("住书院路188号。", "反映人的住址"),
                ("邮箱ZHAO.XY@EXAMPLE.COM。", "反映人的电子邮箱"),
            ]
            for (sentence, field) in planted {
                let text = referral.content + sentence
                for attempt in ["edit", "send"] {
                    let refused = await #expect(throws: DeskError.self, "\(sentence) (\(attempt))") {
                        if attempt == "edit" {
                            _ = try await staff.editReferral(.staff(W.member), id: referral.id, ReferralEditInput(content: text))
                        } else {
                            _ = try await staff.sendReferral(.staff(W.member), id: referral.id, ReferralSendInput(content: text))
                        }
                    }
                    #expect(refused?.code == "identity_in_referral", "\(sentence)")
                    #expect(refused?.messageZH.contains(field) == true, "\(sentence): \(refused?.messageZH ?? "")")
                    for value in ["赵秀英", "趙秀英", "13912345678", "5678", "430102", "1203", "书院路", "zhao", "ZHAO"] {
                        #expect(refused?.messageZH.contains(value) == false, "the message shows \(value)")
                    }
                }
            }
            // Anyone's phone number must go too, and then it is named as written.
            let other = await #expect(throws: DeskError.self) {
                _ = try await staff.sendReferral(
                    .staff(W.member),
                    id: referral.id,
                    ReferralSendInput(content: referral.content + "财务科电话0731-88886666。")
                )
            }
            #expect(other?.code == "identity_in_referral" && other?.messageZH.contains("电话号码“0731-88886666”") == true)
            // Nothing was changed or sent by the refusals.
            let after = try #require(try await w.store.referral(id: referral.id))
            #expect(after.state == .draft && after.content == referral.content)
            #expect(
                !(try await w.store.auditEvents(subject: .referral, id: referral.id)).contains { $0.action != AuditAction.referralDrafted.rawValue }
            )

            // A clean edit is kept and audited; the recipient is corrected with it.
            let edited = try await staff.editReferral(
                .staff(W.member),
                id: referral.id,
                ReferralEditInput(content: referral.content + "\r\n请重点核查补贴发放名单。", recipient: " 市财政局办公室 ")
            )
            #expect(edited.content.hasSuffix("\n请重点核查补贴发放名单。") && edited.recipient == "市财政局办公室")
            #expect(try await staff.referral(.staff(W.member), id: referral.id).edited)
            let trail = try await w.store.auditEvents(subject: .referral, id: referral.id)
            #expect(trail.last?.action == AuditAction.referralEdited.rawValue && trail.last?.detail.contains("recipient") == true)
            // Sent back unchanged (with the form's CR LF), it is no edit.
            _ = try await staff.editReferral(
                .staff(W.member),
                id: referral.id,
                ReferralEditInput(content: edited.content.replacingOccurrences(of: "\n", with: "\r\n"), recipient: "市财政局办公室")
            )
            #expect(try await w.store.auditEvents(subject: .referral, id: referral.id).count == trail.count)
        }
    }

    @Test func badEditsAreRefusedAndChangeNothing() async throws {
        try await W.withWorld { w in
            let referral = try await Self.referred(w)
            let staff = w.desks.staff
            let cases: [(ReferralEditInput, String)] = [
                (ReferralEditInput(content: " \n "), "empty_content"),
                (ReferralEditInput(content: String(repeating: "补", count: Referral.maxContentLength + 1)), "too_long"),
                (ReferralEditInput(content: "反映\u{07}问题"), "control_characters"),
                (ReferralEditInput(recipient: "  "), "recipient_required"),
                (ReferralEditInput(recipient: String(repeating: "局", count: 101)), "too_long"),
                (ReferralEditInput(recipient: "市财政局\n办公室"), "line_break"),
                (ReferralEditInput(recipient: "市财政局\u{1B}"), "control_characters"),
            ]
            for (input, code) in cases {
                let refused = await #expect(throws: DeskError.self) { _ = try await staff.editReferral(.staff(W.member), id: referral.id, input) }
                #expect(refused?.code == code && refused?.kind == .invalid)
            }
            #expect(try await w.store.referral(id: referral.id) == referral)
        }
    }

    @Test func sendingSetsTheFeedbackDueDateOnTheCalendarAndRefusesOneBeyondIt() async throws {
        try await W.withWorld { w in
            let referral = try await Self.referred(w)
            let staff = w.desks.staff
            for (due, code) in [
                ("2099-01-02", "due_beyond_calendar"), ("2024-03-11", "due_not_after_sending"), ("2024-03-01", "due_not_after_sending"),
                ("2024/3/20", "invalid_date"), ("2024-02-30", "invalid_date"),
            ] {
                let refused = await #expect(throws: DeskError.self) {
                    _ = try await staff.sendReferral(.staff(W.member), id: referral.id, ReferralSendInput(feedbackDue: due))
                }
                #expect(refused?.code == code, "\(due)")
            }
            #expect(try await w.store.referral(id: referral.id)?.state == .draft)
            // Without a date: 30 working days from Monday 11 March 2024 (Qingming off, Sunday 7 April worked) is Tuesday 23 April.
            let sent = try await staff.sendReferral(.staff(W.member), id: referral.id, ReferralSendInput(feedbackDue: ""))
            #expect(sent.state == .sent && sent.sentBy == "user:m1" && sent.sentAt == W.monday)
            #expect(sent.feedbackDue == CivilDate(year: 2024, month: 4, day: 23))
            let trail = try await w.store.auditEvents(subject: .referral, id: referral.id)
            #expect(trail.last?.action == AuditAction.referralSent.rawValue && trail.last?.actor == "user:m1")
            #expect(trail.last?.detail.contains("2024-04-23") == true)
            // Sent is sent: no second sending, no edit.
            let again = await #expect(throws: DeskError.self) {
                _ = try await staff.sendReferral(.staff(W.member), id: referral.id, ReferralSendInput())
            }
            #expect(again?.code == "referral_sent" && again?.kind == .conflict)
            let edit = await #expect(throws: DeskError.self) {
                _ = try await staff.editReferral(.staff(W.leader), id: referral.id, ReferralEditInput(content: "改"))
            }
            #expect(edit?.code == "referral_sent")
        }
    }

    @Test func aGivenDueDateAndTheInspectionsOwnLimitAreUsed() async throws {
        try await W.withWorld { w in
            let staff = w.desks.staff
            let given = try await Self.referred(w)
            let sent = try await staff.sendReferral(.staff(W.leader), id: given.id, ReferralSendInput(feedbackDue: "2024-04-30"))
            #expect(sent.feedbackDue == CivilDate(year: 2024, month: 4, day: 30))

            // An inspection that gives recipients 10 working days: Monday 11 March → Monday 25 March.
            var short = W.inspection
            short.id = "insp-short"
            short.group = "市委第六巡察组"
            short.limits = WorkflowLimits(referralFeedbackWorkdays: 10)
            try await w.store.createInspection(short, actor: .system, at: W.monday)
            let leader = StaffUser(id: "l6", username: "liuzu", displayName: "六组组长", role: .leader, inspectionID: short.id, mustChangePassword: false)
            try await w.store.createUser(leader, passwordHash: "-", actor: .system, at: W.monday)
            let report = try await w.submit("反映市财政局某科室违规收费。", inspectionID: short.id)
            _ = try await staff.propose(.staff(leader), reportID: report.id, DecisionInput(outcome: "refer", reason: "一般问题", recipient: "市财政局"))
            let referral = try #require(try await w.store.referrals(reportID: report.id).first)
            let shortSent = try await staff.sendReferral(.staff(leader), id: referral.id, ReferralSendInput())
            #expect(shortSent.feedbackDue == CivilDate(year: 2024, month: 3, day: 25))
        }
    }

    @Test func theDefaultDueDateBeyondTheCalendarIsRefusedUntilADateIsGiven() async throws {
        // Tuesday 1 December 2026, 10:00 in Beijing: 30 working days later is in 2027, which the calendar does not hold.
        let december = Date(timeIntervalSince1970: TimeInterval(CivilDate(year: 2026, month: 12, day: 1)!.dayNumber * 86400 + 2 * 3600))
        try await W.withWorld(now: december) { w in
            var late = W.inspection
            late.id = "insp-late"
            late.group = "市委第七巡察组"
            late.periodStart = CivilDate(year: 2026, month: 11, day: 1)!
            late.periodEnd = CivilDate(year: 2026, month: 12, day: 31)!
            late.deadline = late.periodEnd
            try await w.store.createInspection(late, actor: .system, at: december)
            let leader = StaffUser(id: "l7", username: "qizu", displayName: "七组组长", role: .leader, inspectionID: late.id, mustChangePassword: false)
            try await w.store.createUser(leader, passwordHash: "-", actor: .system, at: december)
            let report = try await w.submit("反映市财政局某科室违规收费。", inspectionID: late.id, at: december)
            _ = try await w.desks.staff.propose(
                .staff(leader),
                reportID: report.id,
                DecisionInput(outcome: "refer", reason: "一般问题", recipient: "市财政局")
            )
            let referral = try #require(try await w.store.referrals(reportID: report.id).first)
            let refused = await #expect(throws: DeskError.self) {
                _ = try await w.desks.staff.sendReferral(.staff(leader), id: referral.id, ReferralSendInput())
            }
            #expect(refused?.code == "due_beyond_calendar" && refused?.field == "feedback_due")
            let sent = try await w.desks.staff.sendReferral(.staff(leader), id: referral.id, ReferralSendInput(feedbackDue: "2026-12-31"))
            #expect(sent.feedbackDue == CivilDate(year: 2026, month: 12, day: 31))
        }
    }

    @Test func feedbackComesAfterSendingFromStaffOrTheRecipientsOwnLiaison() async throws {
        try await W.withWorld { w in
            let referral = try await Self.referred(w)
            let staff = w.desks.staff
            let good = ReferralFeedbackInput(finding: "部分属实", closure: "concluded", content: "经核查，补贴发放存在不规范问题，已责令整改。")
            // Before sending: refused for staff, and the draft does not exist for the liaison.
            let early = await #expect(throws: DeskError.self) { _ = try await staff.recordFeedback(.staff(W.member), id: referral.id, good) }
            #expect(early?.code == "referral_not_sent" && early?.kind == .conflict)
            let unseen = await #expect(throws: DeskError.self) { _ = try await staff.recordFeedback(.staff(Self.liaison), id: referral.id, good) }
            #expect(unseen?.kind == .notFound)
            #expect(try await staff.referrals(.staff(Self.liaison)).isEmpty)

            _ = try await staff.sendReferral(.staff(W.member), id: referral.id, ReferralSendInput())
            // The liaison of the recipient sees it: the text as sent, not where it came from.
            #expect(try await staff.referrals(.staff(Self.liaison)).map(\.id) == [referral.id])
            let seen = try await staff.referral(.staff(Self.liaison), id: referral.id)
            #expect(seen.forLiaison && seen.report == nil && seen.draft == nil && seen.trail.isEmpty && seen.mayRecordFeedback && !seen.mayEdit)
            // Another recipient's liaison, and the same recipient's liaison of another inspection, get nothing.
            for stranger in [Self.otherLiaison, Self.foreignLiaison] {
                #expect(try await staff.referrals(.staff(stranger)).isEmpty)
                let hidden = await #expect(throws: DeskError.self) { _ = try await staff.referral(.staff(stranger), id: referral.id) }
                #expect(hidden?.kind == .notFound)
                let refused = await #expect(throws: DeskError.self) { _ = try await staff.recordFeedback(.staff(stranger), id: referral.id, good) }
                #expect(refused?.kind == .notFound)
            }
            // The liaison reports back and does nothing else.
            let notItsJob = await #expect(throws: DeskError.self) {
                _ = try await staff.editReferral(.staff(Self.liaison), id: referral.id, ReferralEditInput(content: "改"))
            }
            #expect(notItsJob?.kind == .forbidden)
            for (input, code) in [
                (ReferralFeedbackInput(finding: "maybe", closure: "concluded", content: "x"), "invalid_finding"),
                (ReferralFeedbackInput(finding: "", closure: "concluded", content: "x"), "invalid_finding"),
                (ReferralFeedbackInput(finding: "属实", closure: "完成", content: "x"), "invalid_closure"),
                (ReferralFeedbackInput(finding: "属实", closure: "interim", content: "  "), "empty_content"),
                (ReferralFeedbackInput(finding: "属实", closure: "interim", content: String(repeating: "查", count: 5001)), "too_long"),
                (ReferralFeedbackInput(finding: "属实", closure: "interim", content: "已查\u{0}实"), "control_characters"),
            ] {
                let refused = await #expect(throws: DeskError.self) {
                    _ = try await staff.recordFeedback(.staff(Self.liaison), id: referral.id, input)
                }
                #expect(refused?.code == code)
            }
            #expect(try await w.store.referral(id: referral.id)?.state == .sent)
            let answered = try await staff.recordFeedback(.staff(Self.liaison), id: referral.id, good)
            #expect(answered.state == .answered && answered.finding == "partly_substantiated" && answered.closure == "concluded")
            #expect(answered.feedbackBy == "user:li1" && answered.feedback == "经核查，补贴发放存在不规范问题，已责令整改。")
            let trail = try await w.store.auditEvents(subject: .referral, id: referral.id)
            #expect(trail.last?.action == AuditAction.referralAnswered.rawValue && trail.last?.actor == "user:li1")
            let twice = await #expect(throws: DeskError.self) { _ = try await staff.recordFeedback(.staff(W.member), id: referral.id, good) }
            #expect(twice?.code == "feedback_recorded")
            // The report's page shows it.
            let report = try await staff.report(.staff(W.member), id: referral.reportID)
            #expect(report.referrals.first?.state == .answered && report.referrals.first?.finding == "partly_substantiated")
        }
    }

    @Test func staffOfAnotherInspectionAndTheAdminGetNothing() async throws {
        try await W.withWorld { w in
            let referral = try await Self.referred(w)
            let staff = w.desks.staff
            #expect(try await staff.referrals(.staff(W.outsider)).isEmpty)
            let read = await #expect(throws: DeskError.self) { _ = try await staff.referral(.staff(W.outsider), id: referral.id) }
            #expect(read?.kind == .notFound)
            let edit = await #expect(throws: DeskError.self) {
                _ = try await staff.editReferral(.staff(W.outsider), id: referral.id, ReferralEditInput(content: "改"))
            }
            #expect(edit?.kind == .notFound)
            let send = await #expect(throws: DeskError.self) {
                _ = try await staff.sendReferral(.staff(W.outsider), id: referral.id, ReferralSendInput())
            }
            #expect(send?.kind == .notFound)
            let unknown = await #expect(throws: DeskError.self) { _ = try await staff.referral(.staff(W.member), id: "no-such-referral") }
            #expect(unknown?.kind == .notFound)
            let admin = StaffUser(id: "a1", username: "admin", displayName: "管理员", role: .admin, inspectionID: nil, mustChangePassword: false)
            let forAdmin = await #expect(throws: DeskError.self) { _ = try await staff.referral(.staff(admin), id: referral.id) }
            #expect(forAdmin?.kind == .forbidden)
            #expect(try await w.store.referral(id: referral.id) == referral)
        }
    }

    @Test func aSentReferralsDecisionCannotBeReopened() async throws {
        try await W.withWorld { w in
            let referral = try await Self.referred(w)
            let staff = w.desks.staff
            _ = try await staff.sendReferral(.staff(W.leader), id: referral.id, ReferralSendInput())
            let refused = await #expect(throws: DeskError.self) {
                try await staff.reopen(.staff(W.leader), reportID: referral.reportID, ReviewInput(reason: "需补充核实"))
            }
            #expect(refused?.code == "referral_sent" && refused?.kind == .conflict)
            #expect(try await w.store.referral(id: referral.id)?.state == .sent)
            #expect(try await w.store.report(id: referral.reportID)?.status == .referred)
            #expect(try await w.store.decisions(reportID: referral.reportID).inForce != nil)
        }
    }

    @Test func theClocksRunFromTheDecisionAndFromSendingAndShowWhenOverdue() async throws {
        try await W.withWorld { w in
            let referral = try await Self.referred(w)
            func desks(_ y: Int, _ m: Int, _ d: Int) -> StaffDesk {
                let day = CivilDate(year: y, month: m, day: d)!
                let at = Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86400 + 2 * 3600))  // 10:00 in Beijing
                return w.installation.desks(w.store, now: { at }).staff
            }
            // Decided Monday 11 March: to be sent within 5 working days, by Monday 18 March.
            #expect(referral.sendDue == CivilDate(year: 2024, month: 3, day: 18))
            let onDay = try await desks(2024, 3, 18).referralList(.staff(W.member)).rows.first?.clock
            #expect(onDay?.deadline.kind == .referralSend && onDay?.standing == .dueSoon(workdaysLeft: 0))
            let late = desks(2024, 3, 20)
            #expect(try await late.referralList(.staff(W.member)).rows.first?.clock?.standing == .overdue(workdays: 2))
            let agenda = try await late.agenda(.staff(W.leader))
            #expect(agenda.clocks.contains { $0.referral?.id == referral.id && $0.standing == .overdue(workdays: 2) })

            // Sent late on Wednesday 20 March: 30 working days (Qingming, Labour Day and their Sundays) → Monday 6 May.
            let sent = try await late.sendReferral(.staff(W.member), id: referral.id, ReferralSendInput())
            #expect(sent.feedbackDue == CivilDate(year: 2024, month: 5, day: 6))
            let running = try await late.referralList(.staff(W.member)).rows.first?.clock
            #expect(running?.deadline.kind == .referralFeedback && running?.standing == .open(workdaysLeft: 30))
            #expect(try await late.agenda(.staff(W.leader)).clocks.allSatisfy { $0.referral?.id != referral.id })
            let overdue = desks(2024, 5, 8)
            #expect(try await overdue.referralList(.staff(Self.liaison)).rows.first?.clock?.standing == .overdue(workdays: 2))
            let later = try await overdue.agenda(.staff(W.leader))
            #expect(later.clocks.contains { $0.referral?.id == referral.id && $0.deadline.kind == .referralFeedback && $0.standing.isOverdue })
            // The feedback stops the clock.
            _ = try await overdue.recordFeedback(
                .staff(Self.liaison),
                id: referral.id,
                ReferralFeedbackInput(finding: "不属实", closure: "已办结", content: "经核查，反映问题不属实。")
            )
            #expect(try await overdue.referralList(.staff(W.member)).rows.first?.clock == nil)
            #expect(try await overdue.agenda(.staff(W.leader)).clocks.allSatisfy { $0.referral?.id != referral.id })
        }
    }
}
