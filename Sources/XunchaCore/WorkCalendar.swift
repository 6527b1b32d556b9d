/// Which days are working days in mainland China, as the State Council General Office's yearly
/// holiday notices decide them (DOMAIN.md §4): Monday–Friday unless the notice gives the day off,
/// plus the weekend days it makes working days (调休上班).
///
/// It knows only the years whose notice it holds. Any other day is "calendar unknown" and every
/// question about it throws instead of guessing: the next year's holidays are not knowable before
/// the notice is published, and a reply deadline computed on a guess would be wrong in silence.
///
/// `WorkCalendar.official` is the table generated from `data/cn-holidays.tsv` (see docs/calendar.md).
public struct WorkCalendar: Sendable {
    /// One yearly notice, 国务院办公厅关于YYYY年部分节假日安排的通知.
    public struct Notice: Sendable, Hashable {
        public let year: Int
        public let title: String
        /// 文号 such as 国办发明电〔2022〕16号, when known.
        public let number: String?
        public let published: CivilDate
        /// Where the text was read, so a reviewer can check the transcription.
        public let source: String
        public let holidays: [Holiday]

        public init(year: Int, title: String, number: String?, published: CivilDate, source: String, holidays: [Holiday]) {
            self.year = year
            self.title = title
            self.number = number
            self.published = published
            self.source = source
            self.holidays = holidays
        }

        /// How evidence cites it: the title, with the 文号 when there is one.
        public var citation: String {
            guard let number else { return title }
            return "\(title)（\(number)）"
        }
    }

    /// One holiday of a notice: its days off, `first` through `last`, and the weekend days worked
    /// to make up for them.
    public struct Holiday: Sendable, Hashable {
        public let name: String
        public let first: CivilDate
        public let last: CivilDate
        public let makeUpWorkdays: [CivilDate]

        public init(name: String, first: CivilDate, last: CivilDate, makeUpWorkdays: [CivilDate] = []) {
            self.name = name
            self.first = first
            self.last = last
            self.makeUpWorkdays = makeUpWorkdays
        }

        public var daysOff: [CivilDate] {
            (0...first.days(to: last)).map { first.adding(days: $0) }
        }
    }

    /// What the calendar says about one day, with the facts behind it so screening can show them
    /// as evidence (DESIGN.md invariant 3).
    public struct Day: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// Monday–Friday, not a holiday.
            case workday
            /// A Saturday or Sunday the notice makes a working day (调休上班).
            case makeUpWorkday = "make_up_workday"
            /// A Saturday or Sunday that is not a make-up day.
            case weekend
            /// A day off of a holiday, whatever its weekday.
            case holiday
        }

        public let date: CivilDate
        public let kind: Kind
        /// For `.holiday` the holiday's name; for `.makeUpWorkday` the holiday it makes up for.
        public let holidayName: String?
        /// The year of the notice that decides this day: `date.year`, except for the days a notice
        /// lists in the year before its own (元旦 2022-12-31 is decided by the 2023 notice).
        public let noticeYear: Int

        public init(date: CivilDate, kind: Kind, holidayName: String?, noticeYear: Int) {
            self.date = date
            self.kind = kind
            self.holidayName = holidayName
            self.noticeYear = noticeYear
        }

        public var isWorkday: Bool { kind == .workday || kind == .makeUpWorkday }

        /// 工作日 / 调休上班（劳动节） / 休息日 / 劳动节假期, the words staff read.
        public var chineseDescription: String {
            switch kind {
            case .workday: "工作日"
            case .makeUpWorkday: holidayName.map { "调休上班（\($0)）" } ?? "调休上班"
            case .weekend: "休息日"
            case .holiday: holidayName.map { "\($0)假期" } ?? "法定节假日"
            }
        }
    }

    /// The notices, in year order.
    public let notices: [Notice]
    /// The days a notice names (days off and make-up workdays); every other day of a known year is
    /// an ordinary weekday or weekend.
    private let listed: [CivilDate: Day]
    private let years: Set<Int>

    /// Checks that the notices agree with each other and with the weekdays, so that a mistyped
    /// date in the data fails loudly here rather than moving a deadline.
    public init(notices: [Notice]) throws(WorkCalendarError) {
        var listed: [CivilDate: Day] = [:]
        var years: Set<Int> = []
        for notice in notices.sorted(by: { $0.year < $1.year }) {
            guard years.insert(notice.year).inserted else {
                throw .invalidData("two notices for \(notice.year)")
            }
            func record(_ date: CivilDate, _ kind: Day.Kind, _ holiday: Holiday) throws(WorkCalendarError) {
                // A notice speaks of its own year and, at most, the edges of the next and previous ones.
                guard abs(date.year - notice.year) <= 1 else {
                    throw .invalidData("\(notice.year) notice, \(holiday.name): \(date) is too far from \(notice.year)")
                }
                guard listed[date] == nil else {
                    throw .invalidData("\(date) is listed twice (\(notice.year) notice, \(holiday.name))")
                }
                listed[date] = Day(date: date, kind: kind, holidayName: holiday.name, noticeYear: notice.year)
            }
            for holiday in notice.holidays {
                guard holiday.first <= holiday.last else {
                    throw .invalidData("\(notice.year) notice, \(holiday.name): \(holiday.first) is after \(holiday.last)")
                }
                for date in holiday.daysOff { try record(date, .holiday, holiday) }
                for date in holiday.makeUpWorkdays {
                    guard date.isWeekend else {
                        throw .invalidData("\(notice.year) notice, \(holiday.name): make-up workday \(date) is not a weekend day")
                    }
                    try record(date, .makeUpWorkday, holiday)
                }
            }
        }
        self.notices = notices.sorted(by: { $0.year < $1.year })
        self.listed = listed
        self.years = years
    }

    /// The years whose notice the calendar holds, ascending.
    public var knownYears: [Int] { notices.map(\.year) }

    public func notice(forYear year: Int) -> Notice? {
        notices.first { $0.year == year }
    }

    /// Whether the calendar can answer for this day: a day of a known year, or a day a known
    /// notice lists outside its year.
    public func covers(_ date: CivilDate) -> Bool {
        years.contains(date.year) || listed[date] != nil
    }

    public func day(_ date: CivilDate) throws(WorkCalendarError) -> Day {
        if let day = listed[date] { return day }
        guard years.contains(date.year) else { throw .calendarUnknown(date, knownYears: knownYears) }
        return Day(date: date, kind: date.isWeekend ? .weekend : .workday, holidayName: nil, noticeYear: date.year)
    }

    public func isWorkday(_ date: CivilDate) throws(WorkCalendarError) -> Bool {
        try day(date).isWorkday
    }

    /// The `n`th workday after `date` (before it when `n` is negative); `date` itself never counts,
    /// whether or not it is a workday. `n == 0` returns `date` unchanged.
    ///
    /// This is how the reply clocks of DOMAIN.md §4 count: the day of receipt does not count
    /// (开始的当日不计入，自下一日开始计算, Civil Code art. 201), so a report received on
    /// 2023-04-28 must be answered within 15 working days: by `addWorkdays(2023-04-28, 15)` =
    /// 2023-05-23, the last day that is on time. A report received on a rest day starts the count on
    /// the next workday just the same.
    ///
    /// Throws `calendarUnknown` when `date` or any day stepped through is outside the calendar.
    public func addWorkdays(_ date: CivilDate, _ n: Int) throws(WorkCalendarError) -> CivilDate {
        guard covers(date) else { throw .calendarUnknown(date, knownYears: knownYears) }
        let step = n < 0 ? -1 : 1
        var current = date
        var remaining = n.magnitude
        // Ends: each step either counts a workday or moves towards the edge of the finite calendar.
        while remaining > 0 {
            current = current.adding(days: step)
            if try isWorkday(current) { remaining -= 1 }
        }
        return current
    }

    /// The workdays in `(a, b]` when `a <= b`: after `a`, up to and including `b`; negated when
    /// `b` is before `a`, so `workdaysBetween(a, b) == -workdaysBetween(b, a)` and counts add up
    /// (`between(a, b) + between(b, c) == between(a, c)`).
    ///
    /// With the convention of `addWorkdays`, `workdaysBetween(received, today)` is how many of the
    /// 15 working days have been used, and `workdaysBetween(date, addWorkdays(date, n)) == n` for
    /// `n >= 0` (and for `n < 0` when `date` is a workday).
    ///
    /// Throws `calendarUnknown` when either date or a day between them is outside the calendar.
    public func workdaysBetween(_ a: CivilDate, _ b: CivilDate) throws(WorkCalendarError) -> Int {
        guard covers(a) else { throw .calendarUnknown(a, knownYears: knownYears) }
        if b < a { return -(try workdaysBetween(b, a)) }
        var count = 0
        var current = a
        while current < b {
            current = current.adding(days: 1)
            if try isWorkday(current) { count += 1 }
        }
        return count
    }

    /// `date` when it is a workday, else the first workday after it: when a line that answers on
    /// workdays next opens.
    public func firstWorkday(onOrAfter date: CivilDate) throws(WorkCalendarError) -> CivilDate {
        try isWorkday(date) ? date : addWorkdays(date, 1)
    }
}

public enum WorkCalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The date is outside every notice the calendar holds.
    case calendarUnknown(CivilDate, knownYears: [Int])
    /// The notices contradict each other or the weekdays (a data or transcription error).
    case invalidData(String)

    /// Stable, for programs and API clients.
    public var code: String {
        switch self {
        case .calendarUnknown: "calendar_unknown"
        case .invalidData: "calendar_invalid_data"
        }
    }

    public var messageZH: String {
        switch self {
        case .calendarUnknown(let date, let years):
            "工作日历未收录 \(date)：仅收录\(Self.yearsText(years, separator: "—"))年国务院办公厅节假日安排通知，其他年份不作推算"
        case .invalidData(let detail):
            "工作日历数据有误：\(detail)"
        }
    }

    public var messageEN: String {
        switch self {
        case .calendarUnknown(let date, let years):
            "calendar unknown for \(date): the work calendar holds the State Council holiday notices for "
                + "\(Self.yearsText(years, separator: "–")) only and does not guess other years"
        case .invalidData(let detail):
            "invalid work calendar data: \(detail)"
        }
    }

    public var description: String { "\(messageZH) / \(messageEN)" }

    /// 2023–2026, or 2023–2024, 2026 when a year is missing.
    private static func yearsText(_ years: [Int], separator: String) -> String {
        guard !years.isEmpty else { return "-" }
        var runs: [ClosedRange<Int>] = []
        for year in years.sorted() {
            if let last = runs.last, last.upperBound + 1 == year {
                runs[runs.count - 1] = last.lowerBound...year
            } else {
                runs.append(year...year)
            }
        }
        return runs.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)\(separator)\($0.upperBound)" }
            .joined(separator: ", ")
    }
}
