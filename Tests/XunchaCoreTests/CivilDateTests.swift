import Foundation
import Testing
import XunchaCore

@Suite struct CivilDateTests {
    @Test func parsesAndFormatsISO() throws {
        let date = try CivilDate(iso: "2023-05-01")
        #expect(date.year == 2023 && date.month == 5 && date.day == 1)
        #expect(date.iso == "2023-05-01")
        #expect(date.description == "2023-05-01")
        #expect(CivilDate(year: 987, month: 1, day: 2)?.iso == "0987-01-02")
        #expect(CivilDate("2026-10-10") == CivilDate(year: 2026, month: 10, day: 10))
        #expect(CivilDate(parsing: "2026-10-10"[...]) == CivilDate(year: 2026, month: 10, day: 10))
    }

    @Test(arguments: [
        "", "2023-5-1", "2023/05/01", "20230501", " 2023-05-01", "2023-05-01 ", "2023-05-01T08:00",
        "２０２３-05-01", "2023年5月1日", "+2023-05-01", "2023-05-0a", "-023-05-01",
    ])
    func refusesMalformedText(_ text: String) {
        #expect(throws: CivilDateError.malformed(text)) { try CivilDate(iso: text) }
        #expect(CivilDate(parsing: text) == nil)
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-01-00", "0000-01-01"])
    func refusesDaysThatDoNotExist(_ text: String) {
        #expect(throws: CivilDateError.self) { try CivilDate(iso: text) }
        do {
            _ = try CivilDate(iso: text)
        } catch {
            guard case .nonexistent = error else {
                Issue.record("expected nonexistent, got \(error)")
                return
            }
        }
    }

    @Test func acceptsLeapDays() {
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2100, month: 2, day: 29) == nil)
    }

    @Test func errorMessagesSpeakChineseAndEnglish() {
        let message = CivilDateError.malformed("2023/5/1").description
        #expect(message.contains("日期格式不正确") && message.contains("malformed date") && message.contains("2023/5/1"))
        let nonexistent = CivilDateError.nonexistent(year: 2023, month: 2, day: 29).description
        #expect(nonexistent.contains("日期不存在") && nonexistent.contains("no such date"))
    }

    @Test func weekdays() throws {
        #expect(try CivilDate(iso: "1970-01-01").weekday == .thursday)
        #expect(try CivilDate(iso: "2023-04-23").weekday == .sunday)
        #expect(try CivilDate(iso: "2026-10-10").weekday == .saturday)
        #expect(try CivilDate(iso: "2000-02-29").weekday == .tuesday)
        #expect(try CivilDate(iso: "1969-12-31").weekday == .wednesday)
        #expect(try CivilDate(iso: "2023-05-01").weekday.chineseName == "星期一")
        #expect(try CivilDate(iso: "2023-04-23").isWeekend)
        #expect(try !CivilDate(iso: "2023-04-24").isWeekend)
    }

    @Test func dayArithmetic() throws {
        let newYearsEve = try CivilDate(iso: "2022-12-31")
        #expect(newYearsEve.adding(days: 1).iso == "2023-01-01")
        #expect(newYearsEve.adding(days: 60).iso == "2023-03-01")
        #expect(try CivilDate(iso: "2024-02-28").adding(days: 1).iso == "2024-02-29")
        #expect(try CivilDate(iso: "2024-03-01").adding(days: -1).iso == "2024-02-29")
        #expect(newYearsEve.adding(days: 0) == newYearsEve)
        #expect(try newYearsEve.days(to: CivilDate(iso: "2023-05-01")) == 121)
        #expect(try CivilDate(iso: "2023-05-01").days(to: newYearsEve) == -121)
        #expect(try CivilDate(iso: "1970-01-01").dayNumber == 0)
        #expect(CivilDate(dayNumber: -1).iso == "1969-12-31")
    }

    /// The arithmetic is hand-written; Foundation's Gregorian calendar is the reference. From 1583 on,
    /// because Foundation's calendar is Julian before the 1582 reform and CivilDate's is proleptic.
    @Test func agreesWithFoundationOverCenturies() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let epoch = calendar.date(from: DateComponents(year: 1970, month: 1, day: 1))!
        for offset in stride(from: -140_000, through: 200_000, by: 97) {
            let date = CivilDate(dayNumber: offset)
            let reference = calendar.dateComponents([.year, .month, .day, .weekday], from: epoch.addingTimeInterval(Double(offset) * 86_400))
            #expect(date.year == reference.year && date.month == reference.month && date.day == reference.day)
            // Foundation counts Sunday as 1.
            #expect((date.weekday.rawValue % 7) + 1 == reference.weekday!)
            #expect(date.dayNumber == offset)
        }
    }

    @Test func ordersByDay() throws {
        let dates = try ["2023-05-01", "2022-12-31", "2023-04-30", "2023-05-10"].map { try CivilDate(iso: $0) }
        #expect(dates.sorted().map(\.iso) == ["2022-12-31", "2023-04-30", "2023-05-01", "2023-05-10"])
    }

    @Test func codesAsISOStringInJSON() throws {
        let date = try CivilDate(iso: "2023-04-23")
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == #"["2023-04-23"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: json) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CivilDate].self, from: Data(#"["2023-02-29"]"#.utf8)) }
    }

    @Test func daysAreBeijingMomentsFromMidnightToMidnight() throws {
        let day = try #require(CivilDate(year: 2024, month: 3, day: 11))
        // 2024-03-11 00:00 in Beijing is 2024-03-10 16:00 UTC.
        #expect(day.beijingMidnight == Date(timeIntervalSince1970: 1_710_086_400))
        let moments = CivilDate.beijingMoments(of: day...day)
        #expect(moments.upperBound.timeIntervalSince(moments.lowerBound) == 86400)
        #expect(CivilDate(beijingDayOf: moments.upperBound.addingTimeInterval(-1)) == day)
        // The last day there is still has an end.
        let last = try #require(CivilDate(year: 9999, month: 12, day: 31))
        #expect(CivilDate.beijingMoments(of: day...last).upperBound > last.beijingMidnight)
    }
}
