import Foundation
import Testing
import XunchaCore

private func day(_ text: String) -> CivilDate {
    guard let date = CivilDate(parsing: text) else { fatalError("bad test date \(text)") }
    return date
}

private func clock(_ text: String) -> ClockTime {
    guard let time = ClockTime(parsing: text) else { fatalError("bad test time \(text)") }
    return time
}

/// `2023-05-04 11:59:59` in Beijing time, computed through Foundation's fixed-offset zone so the
/// conversion under test is checked against an independent one.
private func at(_ text: String) -> Date {
    let parts = text.split(separator: " ")
    let d = day(String(parts[0]))
    let hms = parts[1].split(separator: ":").map { Int($0)! }
    var components = DateComponents()
    (components.year, components.month, components.day) = (d.year, d.month, d.day)
    (components.hour, components.minute, components.second) = (hms[0], hms[1], hms[2])
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
    return calendar.date(from: components)!
}

private func hours(_ days: ReceptionHours.Days, _ from: String?, _ to: String?) -> ReceptionHours {
    ReceptionHours(days: days, from: from.map(clock), to: to.map(clock))
}

private let workdayHours = [hours(.workdays, "8:00", "12:00"), hours(.workdays, "14:30", "17:30")]

/// 2023-03-01 — 2023-05-31, deadline the last day, calls on workdays 8:00—12:00 and 14:30—17:30.
private func inspection(
    start: String = "2023-03-01",
    end: String = "2023-05-31",
    deadline: String = "2023-05-31",
    deadlineTime: String? = nil,
    phoneHours: [ReceptionHours] = workdayHours
) -> Inspection {
    Inspection(
        id: "t",
        group: "第一巡察组",
        units: ["某局"],
        periodStart: day(start),
        periodEnd: day(end),
        deadline: day(deadline),
        deadlineTime: deadlineTime.map(clock),
        phones: ["0000-1234567"],
        phoneHours: phoneHours
    )
}

private func window(_ inspection: Inspection = inspection(), rules: ReceptionRules = .standard) -> ReceptionWindow {
    ReceptionWindow(inspection: inspection, calendar: .official, rules: rules)
}

@Suite struct ReceptionHoursEdgeTests {
    @Test func endOfMorningSpanIsExclusive() {
        let w = window()
        let before = w.judge(.phone, at: at("2023-05-04 11:59:59"))
        #expect(before.status == .open && before.code == "within_hours")
        #expect(before.messageZH == "在受理时间内（工作日 8:00—12:00）")
        #expect(before.fact("hours") == "工作日 8:00—12:00")
        #expect(before.fact("calendar_day") == "workday")

        let noon = w.judge(.phone, at: at("2023-05-04 12:00:00"))
        #expect(noon.status == .closed && noon.code == "outside_hours")
        #expect(noon.messageZH == "不在受理时间内（当日受理时间：工作日 8:00—12:00、14:30—17:30）")
        #expect(noon.fact("moment") == "2023-05-04T12:00:00+08:00")
        #expect(noon.fact("hours") == "工作日 8:00—12:00、14:30—17:30")
    }

    @Test(arguments: [
        ("07:59:59", false), ("08:00:00", true), ("14:29:59", false), ("14:30:00", true), ("17:29:59", true), ("17:30:00", false),
        ("00:00:00", false), ("23:59:59", false),
    ])
    func spanEdges(_ time: String, _ open: Bool) {
        #expect(window().judge(.phone, at: at("2023-05-04 \(time)")).isOpen == open)
    }

    @Test func fractionsOfASecondDoNotReachTheNextSecond() {
        let late = at("2023-05-04 11:59:59").addingTimeInterval(0.999)
        #expect(window().judge(.phone, at: late).isOpen)
    }

    @Test func hoursStatedOnlyAsWorkingTimeAreReadAsOfficeHoursAndSaySo() {
        let w = window(inspection(phoneHours: [hours(.workdays, nil, nil)]))
        #expect(!w.judge(.phone, at: at("2023-05-04 08:29:59")).isOpen)
        let open = w.judge(.phone, at: at("2023-05-04 12:30:00"))
        #expect(open.code == "within_hours")
        #expect(open.fact("hours_assumed") == "8:30—17:30")
        #expect(open.messageZH == "在受理时间内（工作日工作时间（按8:30—17:30计））")
        #expect(w.judge(.phone, at: at("2023-05-04 17:30:00")).code == "outside_hours")
    }

    @Test func noPublishedHoursMeansAnyTimeInThePeriod() {
        let w = window(inspection(phoneHours: []))
        let v = w.judge(.phone, at: at("2023-05-01 03:00:00"))
        #expect(v.status == .open && v.code == "no_hours_published")
        #expect(w.nextOpening(after: at("2023-05-01 03:00:00")) == .openNow(until: at("2023-06-01 00:00:00")))
    }

    @Test func visitsFollowTheHoursUnlessTheRulesSayOtherwise() {
        #expect(window().judge(.visit, at: at("2023-05-04 13:00:00")).code == "outside_hours")
        var rules = ReceptionRules.standard
        rules.visitsFollowPhoneHours = false
        #expect(window(rules: rules).judge(.visit, at: at("2023-05-04 13:00:00")).code == "in_period")
    }

    @Test(arguments: [Channel.web, .email, .letter])
    func channelsWithoutHoursAreOpenAnyTimeInThePeriod(_ channel: Channel) {
        let v = window().judge(channel, at: at("2023-05-01 03:00:00"))
        #expect(v.status == .open && v.code == "in_period")
        #expect(v.messageZH == "在受理期间内（2023年3月1日至2023年5月31日）")
    }
}

@Suite struct ReceptionCalendarTests {
    @Test func makeUpWorkdayTakesCalls() {
        let v = window().judge(.phone, at: at("2023-04-23 10:00:00"))  // a Sunday worked for 劳动节
        #expect(v.status == .open && v.code == "within_hours")
        #expect(v.fact("calendar_day") == "make_up_workday")
        #expect(v.fact("holiday") == "劳动节")
        #expect(v.fact("calendar_notice")?.hasPrefix("国务院办公厅关于2023年部分节假日安排的通知") == true)
        #expect(v.messageZH == "在受理时间内（工作日 8:00—12:00），2023年4月23日为调休上班（劳动节）")
        #expect(window().judge(.phone, at: at("2023-04-22 10:00:00")).code == "rest_day")  // the Saturday before
    }

    @Test func holidayUnderWorkdaysIsARestDayWithTheHolidayNamed() {
        let v = window().judge(.phone, at: at("2023-05-01 10:00:00"))
        #expect(v.status == .closed && v.code == "rest_day")
        #expect(v.fact("calendar_day") == "holiday")
        #expect(v.fact("holiday") == "劳动节")
        #expect(v.messageZH == "2023年5月1日为劳动节假期，非工作日（受理时间：工作日 8:00—12:00、14:30—17:30）")
    }

    @Test func holidayUnderDailyExceptHolidays() {
        let w = window(inspection(phoneHours: [hours(.dailyExceptHolidays, "9:00", "18:00")]))
        let v = w.judge(.phone, at: at("2023-05-01 10:00:00"))
        #expect(v.status == .closed && v.code == "holiday")
        #expect(v.fact("holiday") == "劳动节")
        #expect(v.messageZH == "2023年5月1日为劳动节假期，节假日不受理（受理时间：每天（节假日除外） 9:00—18:00）")
        // An ordinary weekend is not a holiday.
        #expect(w.judge(.phone, at: at("2023-05-13 10:00:00")).code == "within_hours")
    }

    @Test func weekendUnderDaily() {
        let w = window(inspection(phoneHours: [hours(.daily, "9:00", "18:00")]))
        let v = w.judge(.phone, at: at("2023-05-13 09:00:00"))  // a Saturday
        #expect(v.status == .open && v.code == "within_hours")
        #expect(v.fact("calendar_day") == "weekend")
        #expect(w.judge(.phone, at: at("2023-05-01 10:00:00")).isOpen)  // daily means holidays too
        #expect(window().judge(.phone, at: at("2023-05-13 09:00:00")).code == "rest_day")
    }

    @Test func aDayOutsideTheCalendarIsUnknownWhenTheAnswerDependsOnIt() {
        let w = window(inspection(start: "2027-03-01", end: "2027-05-31", deadline: "2027-05-31"))
        let v = w.judge(.phone, at: at("2027-05-04 10:00:00"))
        #expect(v.status == .unknown && v.code == "calendar_unknown")
        #expect(v.fact("calendar_date") == "2027-05-04")
        #expect(v.fact("known_years") == "2023,2024,2025,2026")
        #expect(v.messageZH.hasPrefix("工作日历未收录 2027-05-04"))
        #expect(
            w.nextOpening(after: at("2027-05-04 10:00:00"))
                == .calendarUnknown(day("2027-05-04"), knownYears: [2023, 2024, 2025, 2026], hours: w.spans)
        )
        // At 3:00 no span holds the time, whatever kind of day it is.
        #expect(w.judge(.phone, at: at("2027-05-04 03:00:00")).code == "outside_hours")
        // Channels without hours and daily hours need no calendar.
        #expect(w.judge(.web, at: at("2027-05-04 10:00:00")).code == "in_period")
        let daily = window(inspection(start: "2027-03-01", end: "2027-05-31", deadline: "2027-05-31", phoneHours: [hours(.daily, "9:00", "18:00")]))
        #expect(daily.judge(.phone, at: at("2027-05-04 10:00:00")).code == "within_hours")
        #expect(daily.nextOpening(after: at("2027-05-04 08:00:00")) == .opensAt(at("2027-05-04 09:00:00"), span: daily.spans[0]))
    }

    @Test func theSearchDoesNotCrossIntoAnUnknownYearByGuessing() {
        let w = window(inspection(start: "2026-12-01", end: "2027-01-31", deadline: "2027-01-31"))
        let opening = w.nextOpening(after: at("2026-12-31 18:00:00"))
        #expect(opening == .calendarUnknown(day("2027-01-01"), knownYears: [2023, 2024, 2025, 2026], hours: w.spans))
        #expect(opening.phoneMessageZH == "暂无法确定下次受理时间，请以巡察公告为准（受理时间：工作日 8:00—12:00、14:30—17:30）")
    }
}

@Suite struct ReceptionPeriodTests {
    @Test func deadlineLastMinuteAndTheDayAfter() {
        let w = window()
        #expect(w.judge(.web, at: at("2023-05-31 23:59:59")).code == "in_period")
        let after = w.judge(.web, at: at("2023-06-01 00:00:00"))
        #expect(after.status == .closed && after.code == "after_deadline")
        #expect(after.messageZH == "已过受理截止时间（2023年5月31日）")
        #expect(after.fact("deadline") == "2023-05-31" && after.fact("deadline_time") == nil)
        #expect(w.judge(.phone, at: at("2023-05-31 17:29:59")).code == "within_hours")
        // The day after the deadline is after the deadline, not merely out of hours.
        #expect(w.judge(.phone, at: at("2023-06-01 09:00:00")).code == "after_deadline")
    }

    @Test func deadlineWithAClockTime() {
        let w = window(inspection(deadlineTime: "17:00"))
        #expect(w.judge(.web, at: at("2023-05-31 16:59:59")).isOpen)
        let closed = w.judge(.web, at: at("2023-05-31 17:00:00"))
        #expect(closed.code == "after_deadline")
        #expect(closed.messageZH == "已过受理截止时间（2023年5月31日17:00）")
        #expect(closed.fact("deadline_time") == "17:00")
        #expect(w.judge(.phone, at: at("2023-05-31 17:10:00")).code == "after_deadline")
        let opening = w.nextOpening(after: at("2023-05-31 16:00:00"))
        #expect(opening == .openNow(until: at("2023-05-31 17:00:00")))
        #expect(opening.messageZH == "现在在受理时间内（受理至2023年5月31日（星期三）17:00）")
        #expect(w.nextOpening(after: at("2023-05-31 17:00:00")).phoneMessageZH == "受理已于2023年5月31日17:00截止")
    }

    @Test func beforeThePeriod() {
        let w = window()
        let early = w.judge(.web, at: at("2023-02-28 23:59:59"))
        #expect(early.status == .closed && early.code == "before_period")
        #expect(early.messageZH == "巡察受理尚未开始（自2023年3月1日起受理）")
        #expect(w.judge(.web, at: at("2023-03-01 00:00:00")).code == "in_period")
        #expect(w.judge(.phone, at: at("2023-02-28 10:00:00")).code == "before_period")
        #expect(w.nextOpening(of: .web, after: at("2023-02-20 10:00:00")) == .opensAt(at("2023-03-01 00:00:00"), span: nil))
        let phone = w.nextOpening(after: at("2023-02-20 10:00:00"))
        #expect(phone == .opensAt(at("2023-03-01 08:00:00"), span: w.spans[0]))
        #expect(phone.phoneMessageZH == "现在不在受理时间，下次受理时间为2023年3月1日（星期三）8:00")
    }

    @Test func aLetterCountsByItsPostmark() {
        let w = window(inspection(deadlineTime: "17:00"))
        let posted = w.judge(.letter, at: at("2023-06-02 10:00:00"), postmark: day("2023-05-31"))
        #expect(posted.status == .open && posted.code == "in_period")
        #expect(posted.fact("postmark") == "2023-05-31")
        #expect(posted.messageZH == "邮戳日期2023年5月31日未超过受理截止日期，按邮戳计在受理期间内（2023年3月1日至2023年5月31日17:00）")

        let late = w.judge(.letter, at: at("2023-06-02 10:00:00"), postmark: day("2023-06-01"))
        #expect(late.code == "after_deadline")
        #expect(late.messageZH == "邮戳日期2023年6月1日晚于受理截止日期（2023年5月31日）")

        // Without a postmark, by the moment it was received.
        #expect(w.judge(.letter, at: at("2023-06-02 10:00:00")).code == "after_deadline")
        // A postmark means nothing on another channel.
        #expect(w.judge(.web, at: at("2023-06-02 10:00:00"), postmark: day("2023-05-31")).code == "after_deadline")
    }
}

@Suite struct NextOpeningTests {
    @Test func openNowUntilTheEndOfTheSpan() {
        let opening = window().nextOpening(after: at("2023-05-04 10:00:00"))
        #expect(opening == .openNow(until: at("2023-05-04 12:00:00")))
        #expect(opening.phoneMessageZH == "电话现在可以接通")
        #expect(opening.code == "open_now")
    }

    @Test func overTheLunchBreak() {
        let opening = window().nextOpening(after: at("2023-05-04 12:00:00"))
        #expect(opening == .opensAt(at("2023-05-04 14:30:00"), span: window().spans[1]))
        #expect(opening.phoneMessageZH == "现在不在受理时间，下次受理时间为2023年5月4日（星期四）14:30")
    }

    @Test func overTheLabourDayHolidays() {
        // Friday evening before 劳动节: 04-29 to 05-03 off, the line opens again on Thursday.
        let opening = window().nextOpening(after: at("2023-04-28 18:00:00"))
        #expect(opening.phoneMessageZH == "现在不在受理时间，下次受理时间为2023年5月4日（星期四）8:00")
        // And on the make-up Saturday after them.
        #expect(window().nextOpening(after: at("2023-05-05 18:00:00")) == .opensAt(at("2023-05-06 08:00:00"), span: window().spans[0]))
    }

    @Test func nothingAfterTheLastSpanBeforeTheDeadline() {
        let opening = window().nextOpening(after: at("2023-05-31 17:30:00"))
        #expect(opening == .noFurtherOpening(deadline: day("2023-05-31"), deadlineTime: nil))
        #expect(opening.phoneMessageZH == "受理已于2023年5月31日截止")
    }

    @Test func theSearchIsBounded() {
        let never = window(inspection(phoneHours: [hours(.daily, "12:00", "12:00")]))
        #expect(never.nextOpening(after: at("2023-03-02 10:00:00"), searchDays: 10) == .notWithinSearch(days: 10))
        #expect(never.nextOpening(after: at("2023-03-02 10:00:00")) == .noFurtherOpening(deadline: day("2023-05-31"), deadlineTime: nil))
    }

    @Test func overlappingSpansAreOneOpening() {
        let w = window(inspection(phoneHours: [hours(.daily, "8:00", "12:00"), hours(.workdays, "11:00", "17:00")]))
        #expect(w.nextOpening(after: at("2023-05-04 09:00:00")) == .openNow(until: at("2023-05-04 17:00:00")))
        #expect(w.nextOpening(after: at("2023-05-06 09:00:00")) == .openNow(until: at("2023-05-06 17:00:00")))  // make-up Saturday
        #expect(w.nextOpening(after: at("2023-05-13 09:00:00")) == .openNow(until: at("2023-05-13 12:00:00")))
    }

    /// The search and the verdict are two codings of one rule: they must agree on every moment,
    /// and an opening must be an edge (closed one second before, open at it).
    @Test(arguments: [
        [hours(.workdays, "8:00", "12:00"), hours(.workdays, "14:30", "17:30")],
        [hours(.dailyExceptHolidays, "9:00", "18:00")],
        [hours(.daily, "8:00", "12:00"), hours(.workdays, "11:00", "17:00")],
        [hours(.workdays, nil, nil)],
    ])
    func searchAgreesWithTheVerdict(_ published: [ReceptionHours]) {
        let w = window(inspection(start: "2023-04-20", end: "2023-05-10", deadline: "2023-05-09", deadlineTime: "16:00", phoneHours: published))
        var moment = at("2023-04-19 00:00:00")
        while moment < at("2023-05-11 00:00:00") {
            let verdict = w.judge(.phone, at: moment)
            let opening = w.nextOpening(after: moment)
            #expect(verdict.isOpen == opening.isOpenNow, "\(moment) \(verdict.code) \(opening)")
            if case .opensAt(let next, _) = opening {
                #expect(next > moment)
                #expect(w.judge(.phone, at: next).isOpen)
                #expect(!w.judge(.phone, at: next.addingTimeInterval(-1)).isOpen)
            }
            if case .openNow(let until) = opening {
                #expect(!w.judge(.phone, at: until).isOpen)
                #expect(w.judge(.phone, at: until.addingTimeInterval(-1)).isOpen)
            }
            moment = moment.addingTimeInterval(17 * 60)
        }
    }
}

@Suite struct ReceptionVerdictEncodingTests {
    @Test func encodesAsEvidence() throws {
        let v = window().judge(.phone, at: at("2023-05-01 10:00:00"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(v), as: UTF8.self)
        #expect(json.hasPrefix(#"{"channel":"phone","code":"rest_day","facts":[{"key":"moment","value":"2023-05-01T10:00:00+08:00"}"#))
        #expect(json.contains(#"{"key":"holiday","value":"劳动节"}"#))
        #expect(json.contains(#""status":"closed""#))
    }
}
