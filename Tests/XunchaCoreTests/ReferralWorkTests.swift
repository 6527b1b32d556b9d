import Foundation
import Testing

@testable import XunchaCore

/// The checks on a referral after drafting: what an edited text may not hold, the feedback's due
/// date on the calendar, and the feedback itself.
@Suite struct ReferralWorkTests {
    static let identity = ReporterIdentity(
        name: "陈晓华",
        phone: "0731-84123456",
        idNumber: "43010219900307451X",
        address: "长沙市天心区书院路188号金色家园7栋1203室",
        email: "chenxh@example.com"
    )

    @Test func theRedactorsOwnTextPassesTheCheckForEveryWrittenCase() throws {
        let redactor = ReferralRedactor()
        for file in [ReferralRedactionCasesTests.file, ReferralRedactionCasesTests.laterFile] {
            for c in try ReferralRedactionCasesTests.cases(in: file) {
                let masked = redactor.redact(c.text, identity: c.identity, subjects: c.subjects).text
                let leaks = redactor.leaks(in: masked, identity: c.identity, subjects: c.subjects)
                #expect(leaks.isEmpty, "\(c.id): \(leaks.map(\.kind.rawValue)) in \(masked)")
                if !c.identity.isEmpty, c.mask.contains(where: { c.text.contains($0) && [c.identity.name, c.identity.phone].contains($0) }) {
                    #expect(!redactor.leaks(in: c.text, identity: c.identity, subjects: c.subjects).isEmpty, "\(c.id)")
                }
            }
        }
    }

    @Test(arguments: [
        ("请联系陳曉華。", ReferralLeak.Kind.name), ("请联系陈 晓 华。", .name), ("电话84123456。", .phone), ("电话(0731)8412-3456。", .phone),
        ("证件43010219900307451x。", .idNumber), ("住书院路188号。", .address), ("住金色家园7栋1203室。", .address),
        ("邮箱ChenXH@Example.com。", .email), ("另有13800001111。", .otherPhone), ("另有admin@unit.gov.cn。", .otherEmail),
    ])
    func eachValueIsFoundAndOnlyItsFieldIsNamed(_ text: String, _ kind: ReferralLeak.Kind) {
        let leaks = ReferralRedactor().leaks(in: "反映市财政局问题。" + text, identity: Self.identity, subjects: ["王德明"])
        #expect(leaks.map(\.kind) == [kind], "\(text)")
        let message = ReferralLeak.messageZH(leaks)
        #expect(message.contains(kind.chineseName))
        if kind.isIdentity {
            for value in ["陈", "陳", "8412", "3456", "4301", "书院路", "金色家园", "chenxh", "ChenXH"] { #expect(!message.contains(value), "\(message)") }
        } else {
            #expect(message.contains(leaks[0].written))
        }
    }

    @Test func aSubjectsNameIsTheSubjectsAndACallersNumberIsTheReporters() {
        let sameName = ReporterIdentity(name: "王德明", phone: "13912345678")
        #expect(ReferralRedactor().leaks(in: "村支书王德明优亲厚友。", identity: sameName, subjects: ["王德明"]).isEmpty)
        let leaks = ReferralRedactor().leaks(in: "来电号码一五八零零零零一二三四。", identity: ReporterIdentity(), subjects: [], extraPhones: ["15800001234"])
        #expect(leaks.map(\.kind) == [.phone])
    }

    @Test func theDueDateIsOnTheCalendarAndAfterSending() throws {
        let calendar = WorkCalendar.official
        let monday = CivilDate(year: 2024, month: 3, day: 11)!
        #expect(try Referral.feedbackDue(given: nil, sentOn: monday, workdays: 30, calendar: calendar) == CivilDate(year: 2024, month: 4, day: 23))
        #expect(try Referral.feedbackDue(given: nil, sentOn: monday, workdays: 5, calendar: calendar) == CivilDate(year: 2024, month: 3, day: 18))
        let given = CivilDate(year: 2024, month: 4, day: 1)!
        #expect(try Referral.feedbackDue(given: given, sentOn: monday, workdays: 30, calendar: calendar) == given)
        for (date, code) in [(monday, "due_not_after_sending"), (CivilDate(year: 2099, month: 1, day: 5)!, "due_beyond_calendar")] {
            #expect(throws: InputError.self) { try Referral.feedbackDue(given: date, sentOn: monday, workdays: 30, calendar: calendar) }
            do {
                _ = try Referral.feedbackDue(given: date, sentOn: monday, workdays: 30, calendar: calendar)
            } catch {
                #expect(error.code == code && error.field == "feedback_due")
            }
        }
        let december = CivilDate(year: calendar.knownYears.last!, month: 12, day: 1)!
        do {
            _ = try Referral.feedbackDue(given: nil, sentOn: december, workdays: 30, calendar: calendar)
            Issue.record("a default due date beyond the calendar was guessed")
        } catch {
            #expect(error.code == "due_beyond_calendar" && error.messageZH.contains("请填写反馈期限"))
        }
        #expect(try Referral.parsedDue("  ") == nil)
        #expect(throws: InputError.self) { try Referral.parsedDue("2024年4月1日") }
    }

    @Test func theFeedbackReadsCodesOrChineseAndRefusesAnythingElse() throws {
        let f = try ReferralFeedback.validated(finding: " 部分属实 ", closure: "interim", text: "已核查\r\n正在整改")
        #expect(f == ReferralFeedback(finding: .partlySubstantiated, closure: .interim, text: "已核查\n正在整改"))
        #expect(try ReferralFeedback.validated(finding: "unsubstantiated", closure: "已办结", text: "x").closure == .concluded)
        for (finding, closure, text, code) in [
            ("yes", "concluded", "x", "invalid_finding"), ("属实", "", "x", "invalid_closure"), ("属实", "concluded", " \n", "empty_content"),
            ("属实", "concluded", String(repeating: "字", count: 5001), "too_long"), ("属实", "concluded", "a\u{7F}b", "control_characters"),
        ] {
            do {
                _ = try ReferralFeedback.validated(finding: finding, closure: closure, text: text)
                Issue.record("accepted \(finding) \(closure)")
            } catch {
                #expect(error.code == code)
            }
        }
    }
}
