import Testing
import XunchaCore

private func date(_ text: String) -> CivilDate {
    guard let date = CivilDate(parsing: text) else { fatalError("bad test date \(text)") }
    return date
}

private let calendar = WorkCalendar.official

/// Asserts that `body` throws `calendarUnknown` for `day`.
private func expectUnknown(_ day: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected calendar unknown for \(day)", sourceLocation: sourceLocation)
    } catch let error as WorkCalendarError {
        #expect(error == .calendarUnknown(date(day), knownYears: [2023, 2024, 2025, 2026]), sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct WorkCalendarDayTests {
    @Test func knowsTheYearsOfItsNotices() {
        #expect(calendar.knownYears == [2023, 2024, 2025, 2026])
        #expect(calendar.notice(forYear: 2023)?.citation == "国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）")
        #expect(calendar.notice(forYear: 2027) == nil)
    }

    @Test(arguments: [
        ("2023-04-23", "劳动节"),  // Sunday
        ("2023-05-06", "劳动节"),  // Saturday
        ("2023-01-28", "春节"),
        ("2024-02-18", "春节"),  // the Sunday after the 2024 Spring Festival
        ("2024-09-14", "中秋节"),
        ("2025-09-28", "国庆节、中秋节"),
        ("2026-01-04", "元旦"),
        ("2026-10-10", "国庆节"),  // Saturday
    ])
    func makeUpWorkdays(_ text: String, _ holiday: String) throws {
        let day = try calendar.day(date(text))
        #expect(day.kind == .makeUpWorkday)
        #expect(day.holidayName == holiday)
        #expect(day.date.isWeekend)
        #expect(day.isWorkday)
        #expect(try calendar.isWorkday(date(text)))
        #expect(day.chineseDescription == "调休上班（\(holiday)）")
    }

    @Test(arguments: [
        ("2023-05-01", "劳动节"),
        ("2023-04-05", "清明节"),  // a one-day holiday on a Wednesday
        ("2023-10-06", "中秋节、国庆节"),
        ("2024-10-07", "国庆节"),
        ("2025-01-28", "春节"),  // 除夕, a day off from 2025 on
        ("2026-02-23", "春节"),  // a Monday
        ("2026-06-20", "端午节"),  // a holiday day that is also a Saturday
    ])
    func holidays(_ text: String, _ holiday: String) throws {
        let day = try calendar.day(date(text))
        #expect(day.kind == .holiday)
        #expect(day.holidayName == holiday)
        #expect(!day.isWorkday)
        #expect(try !calendar.isWorkday(date(text)))
        #expect(day.chineseDescription == "\(holiday)假期")
    }

    @Test(arguments: ["2023-05-13", "2023-05-14", "2024-12-28", "2025-03-02", "2026-03-01", "2026-12-27"])
    func ordinaryWeekends(_ text: String) throws {
        let day = try calendar.day(date(text))
        #expect(day.kind == .weekend && day.holidayName == nil && !day.isWorkday)
        #expect(day.chineseDescription == "休息日")
    }

    @Test(arguments: ["2023-05-04", "2023-12-29", "2024-02-29", "2025-10-09", "2026-12-31"])
    func ordinaryWorkdays(_ text: String) throws {
        let day = try calendar.day(date(text))
        #expect(day.kind == .workday && day.holidayName == nil && day.isWorkday)
        #expect(day.noticeYear == date(text).year)
        #expect(day.chineseDescription == "工作日")
    }

    /// A notice reaches into the year before its own; those days belong to it, and the rest of
    /// that year stays unknown unless its own notice is held.
    @Test func yearBoundaries() throws {
        let eve2022 = try calendar.day(date("2022-12-31"))
        #expect(eve2022.kind == .holiday && eve2022.holidayName == "元旦" && eve2022.noticeYear == 2023)
        #expect(calendar.covers(date("2022-12-31")))
        #expect(!calendar.covers(date("2022-12-30")))
        expectUnknown("2022-12-30") { _ = try calendar.isWorkday(date("2022-12-30")) }

        let dec30 = try calendar.day(date("2023-12-30"))
        #expect(dec30.kind == .holiday && dec30.holidayName == "元旦" && dec30.noticeYear == 2024)
        #expect(try calendar.day(date("2023-12-29")).noticeYear == 2023)
        #expect(try calendar.isWorkday(date("2026-12-31")))
        expectUnknown("2027-01-01") { _ = try calendar.isWorkday(date("2027-01-01")) }
    }

    @Test(arguments: ["2022-01-04", "2022-06-01", "2022-12-01", "2027-01-04", "2027-10-10", "1999-10-01", "2100-01-01"])
    func unknownYearsAreNotGuessed(_ text: String) {
        #expect(!calendar.covers(date(text)))
        expectUnknown(text) { _ = try calendar.day(date(text)) }
        expectUnknown(text) { _ = try calendar.isWorkday(date(text)) }
        expectUnknown(text) { _ = try calendar.addWorkdays(date(text), 0) }
        expectUnknown(text) { _ = try calendar.addWorkdays(date(text), 3) }
        expectUnknown(text) { _ = try calendar.workdaysBetween(date(text), date(text)) }
        expectUnknown(text) { _ = try calendar.firstWorkday(onOrAfter: date(text)) }
    }

    @Test func unknownMessageSaysWhatIsKnownInBothLanguages() {
        let error = WorkCalendarError.calendarUnknown(date("2027-01-04"), knownYears: [2023, 2024, 2025, 2026])
        #expect(error.code == "calendar_unknown")
        #expect(error.messageZH == "工作日历未收录 2027-01-04：仅收录2023—2026年国务院办公厅节假日安排通知，其他年份不作推算")
        #expect(error.messageEN.hasPrefix("calendar unknown for 2027-01-04"))
        #expect(error.messageEN.contains("2023–2026"))
        let gap = WorkCalendarError.calendarUnknown(date("2025-01-06"), knownYears: [2023, 2024, 2026])
        #expect(gap.messageEN.contains("2023–2024, 2026"))
    }
}

@Suite struct WorkCalendarCountingTests {
    @Test func addWorkdaysSkipsHolidaysAndCountsMakeUpDays() throws {
        // Friday before the 2023 Labour Day holiday (04-29 … 05-03, 05-06 worked).
        #expect(try calendar.addWorkdays(date("2023-04-28"), 1) == date("2023-05-04"))
        #expect(try calendar.addWorkdays(date("2023-04-28"), 2) == date("2023-05-05"))
        #expect(try calendar.addWorkdays(date("2023-04-28"), 3) == date("2023-05-06"))
        #expect(try calendar.addWorkdays(date("2023-04-28"), 4) == date("2023-05-08"))
        // 2024 Spring Festival: Friday 02-09, days off 02-10 … 02-17, Sunday 02-18 worked.
        #expect(try calendar.addWorkdays(date("2024-02-09"), 1) == date("2024-02-18"))
        // Across the year: 2023-12-30 … 2024-01-01 off.
        #expect(try calendar.addWorkdays(date("2023-12-29"), 1) == date("2024-01-02"))
    }

    /// DOMAIN.md §4: accepted-or-not within 15 working days of receipt; the day of receipt does not count.
    @Test func fifteenWorkingDayReplyClock() throws {
        #expect(try calendar.addWorkdays(date("2023-04-28"), 15) == date("2023-05-23"))
        // Received on a holiday or a weekend: the count starts on the next workday all the same, so
        // a report of the Friday before the holiday and one of the holiday itself are due together.
        #expect(try calendar.addWorkdays(date("2023-05-01"), 15) == date("2023-05-23"))
        #expect(try calendar.addWorkdays(date("2023-04-29"), 15) == date("2023-05-23"))
        #expect(try calendar.addWorkdays(date("2023-05-04"), 15) == date("2023-05-24"))
        // Received on a make-up Sunday: that day is a workday but is the day of receipt.
        #expect(try calendar.addWorkdays(date("2023-04-23"), 1) == date("2023-04-24"))
        #expect(try calendar.workdaysBetween(date("2023-04-28"), date("2023-05-23")) == 15)
        // The 5-working-day hand-over limit over the 2025 National Day holiday.
        #expect(try calendar.addWorkdays(date("2025-09-30"), 5) == date("2025-10-14"))
    }

    @Test func zeroIsTheSameDayEvenOnARestDay() throws {
        #expect(try calendar.addWorkdays(date("2023-05-01"), 0) == date("2023-05-01"))
        #expect(try calendar.addWorkdays(date("2023-05-04"), 0) == date("2023-05-04"))
        #expect(try calendar.addWorkdays(date("2022-12-31"), 0) == date("2022-12-31"))
    }

    @Test func negativeCountsGoBack() throws {
        #expect(try calendar.addWorkdays(date("2023-05-04"), -1) == date("2023-04-28"))
        #expect(try calendar.addWorkdays(date("2023-05-01"), -1) == date("2023-04-28"))
        #expect(try calendar.addWorkdays(date("2023-04-24"), -1) == date("2023-04-23"))
        #expect(try calendar.addWorkdays(date("2024-01-02"), -1) == date("2023-12-29"))
        #expect(try calendar.addWorkdays(date("2023-05-23"), -15) == date("2023-04-28"))
    }

    @Test func steppingOutOfTheCalendarThrows() throws {
        // 2023-01-03 back one: 01-02 … 2022-12-31 are 元旦 days off, and 2022-12-30 is unknown.
        expectUnknown("2022-12-30") { _ = try calendar.addWorkdays(date("2023-01-03"), -1) }
        expectUnknown("2027-01-01") { _ = try calendar.addWorkdays(date("2026-12-31"), 1) }
        expectUnknown("2027-01-01") { _ = try calendar.addWorkdays(date("2026-12-25"), 15) }
        // A huge count ends at the edge of the calendar instead of running on.
        expectUnknown("2027-01-01") { _ = try calendar.addWorkdays(date("2023-01-03"), Int.max) }
        expectUnknown("2022-12-30") { _ = try calendar.addWorkdays(date("2026-12-31"), Int.min) }
        #expect(try calendar.addWorkdays(date("2023-01-03"), 0) == date("2023-01-03"))
    }

    @Test func workdaysBetweenInBothOrders() throws {
        #expect(try calendar.workdaysBetween(date("2023-04-28"), date("2023-05-08")) == 4)
        #expect(try calendar.workdaysBetween(date("2023-05-08"), date("2023-04-28")) == -4)
        #expect(try calendar.workdaysBetween(date("2023-05-04"), date("2023-05-04")) == 0)
        #expect(try calendar.workdaysBetween(date("2023-04-29"), date("2023-05-03")) == 0)
        #expect(try calendar.workdaysBetween(date("2023-05-03"), date("2023-04-29")) == 0)
        // Includes the later end, excludes the earlier one.
        #expect(try calendar.workdaysBetween(date("2023-05-03"), date("2023-05-04")) == 1)
        #expect(try calendar.workdaysBetween(date("2023-05-04"), date("2023-05-03")) == -1)
        // Across the turn of a year, over both notices.
        #expect(try calendar.workdaysBetween(date("2023-12-29"), date("2024-01-05")) == 4)
        expectUnknown("2022-12-30") { _ = try calendar.workdaysBetween(date("2022-12-30"), date("2023-01-05")) }
        expectUnknown("2022-12-30") { _ = try calendar.workdaysBetween(date("2023-01-05"), date("2022-12-30")) }
        expectUnknown("2027-01-01") { _ = try calendar.workdaysBetween(date("2026-12-30"), date("2027-01-04")) }
    }

    /// Working days per year as the notices make them (weekdays less weekday holidays plus make-up days).
    @Test func workdaysPerYear() throws {
        // (31 December, 31 December] is the whole of the later year; 2022-12-31 is known as 元旦.
        #expect(try calendar.workdaysBetween(date("2022-12-31"), date("2023-12-31")) == 249)
        #expect(try calendar.workdaysBetween(date("2023-12-31"), date("2024-12-31")) == 251)
        #expect(try calendar.workdaysBetween(date("2024-12-31"), date("2025-12-31")) == 248)
        #expect(try calendar.workdaysBetween(date("2025-12-31"), date("2026-12-31")) == 248)
    }

    @Test func countsAndStepsAgree() throws {
        var day = date("2023-01-01")
        let end = date("2026-11-15")
        while day <= end {
            for n in [0, 1, 2, 5, 15] {
                let later = try calendar.addWorkdays(day, n)
                #expect(try calendar.workdaysBetween(day, later) == n)
                if n > 0 { #expect(try calendar.isWorkday(later)) }
            }
            if try calendar.isWorkday(day), day >= date("2023-02-01") {
                let earlier = try calendar.addWorkdays(day, -5)
                #expect(try calendar.workdaysBetween(day, earlier) == -5)
            }
            day = day.adding(days: 1)
        }
    }

    @Test func betweenAddsUp() throws {
        let a = date("2023-03-15")
        let b = date("2024-10-03")
        let c = date("2026-02-16")
        #expect(try calendar.workdaysBetween(a, b) + calendar.workdaysBetween(b, c) == calendar.workdaysBetween(a, c))
        #expect(try calendar.workdaysBetween(c, a) == -calendar.workdaysBetween(a, c))
    }

    @Test func firstWorkdayOnOrAfter() throws {
        #expect(try calendar.firstWorkday(onOrAfter: date("2023-04-29")) == date("2023-05-04"))
        #expect(try calendar.firstWorkday(onOrAfter: date("2023-05-04")) == date("2023-05-04"))
        #expect(try calendar.firstWorkday(onOrAfter: date("2023-04-23")) == date("2023-04-23"))
        #expect(try calendar.firstWorkday(onOrAfter: date("2023-05-13")) == date("2023-05-15"))
        expectUnknown("2027-01-02") { _ = try calendar.firstWorkday(onOrAfter: date("2027-01-02")) }
        // The last day of 2026 is a Thursday workday; from a Saturday after it there is nothing known.
        #expect(try calendar.firstWorkday(onOrAfter: date("2026-12-31")) == date("2026-12-31"))
    }
}

@Suite struct WorkCalendarValidationTests {
    private func notice(_ year: Int, _ holidays: [WorkCalendar.Holiday]) -> WorkCalendar.Notice {
        WorkCalendar.Notice(year: year, title: "test \(year)", number: nil, published: date("\(year - 1)-11-01"), source: "test", holidays: holidays)
    }

    private func expectInvalid(_ notices: [WorkCalendar.Notice], sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try WorkCalendar(notices: notices)
            Issue.record("expected invalid data", sourceLocation: sourceLocation)
        } catch {
            guard case .invalidData = error else {
                Issue.record("expected invalidData, got \(error)", sourceLocation: sourceLocation)
                return
            }
        }
    }

    @Test func refusesContradictoryData() {
        // A make-up workday on a Wednesday.
        expectInvalid([notice(2023, [.init(name: "劳动节", first: date("2023-04-29"), last: date("2023-05-03"), makeUpWorkdays: [date("2023-05-10")])])])
        // The same day off twice.
        expectInvalid([
            notice(2023, [.init(name: "A", first: date("2023-05-01"), last: date("2023-05-02"))]),
            notice(2024, [.init(name: "B", first: date("2023-05-02"), last: date("2023-05-02"))]),
        ])
        // A day both off and worked.
        expectInvalid([notice(2023, [.init(name: "A", first: date("2023-04-29"), last: date("2023-04-30"), makeUpWorkdays: [date("2023-04-29")])])])
        // Two notices for one year.
        expectInvalid([notice(2023, []), notice(2023, [])])
        // A holiday that ends before it starts.
        expectInvalid([notice(2023, [.init(name: "A", first: date("2023-05-03"), last: date("2023-05-01"))])])
        // A date far from its notice's year (a typo in the year).
        expectInvalid([notice(2023, [.init(name: "A", first: date("2032-05-01"), last: date("2032-05-01"))])])
    }

    @Test func anEmptyCalendarKnowsNothing() throws {
        let empty = try WorkCalendar(notices: [])
        #expect(empty.knownYears.isEmpty)
        #expect(throws: WorkCalendarError.calendarUnknown(date("2023-05-04"), knownYears: [])) {
            try empty.isWorkday(date("2023-05-04"))
        }
    }
}
