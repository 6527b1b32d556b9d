import Foundation

/// A calendar day with no time and no time zone: what a holiday notice, a postmark or a deadline
/// names. Kept apart from `Date` because a day in Beijing is not an instant, and converting through
/// an instant in the wrong zone shifts it by one; the caller decides which zone a moment is read in.
///
/// Proleptic Gregorian calendar, years 1…9999 (four digits in ISO 8601 without a sign).
public struct CivilDate: Sendable, Hashable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The date, or nil if it does not exist (2023-02-29, month 13, year 0).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysInMonth(year: year, month: month)).contains(day)
        else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`, or nil; `init(iso:)` says what is wrong.
    public init?(parsing text: some StringProtocol) {
        guard let date = try? CivilDate(iso: String(text)) else { return nil }
        self = date
    }

    /// Strict ISO 8601 calendar date, `YYYY-MM-DD` in ASCII digits and nothing else: input from
    /// people in other shapes (2023/5/1, 2023年5月1日, full-width digits) is normalized before it gets here,
    /// so that a date never means something the writer did not intend.
    public init(iso text: String) throws(CivilDateError) {
        let bytes = Array(text.utf8)
        let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9]
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            digitPositions.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) })
        else {
            throw .malformed(text)
        }
        func number(_ range: Range<Int>) -> Int {
            range.reduce(0) { $0 * 10 + Int(bytes[$1] - UInt8(ascii: "0")) }
        }
        let (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        guard let date = CivilDate(year: year, month: month, day: day) else {
            throw .nonexistent(year: year, month: month, day: day)
        }
        self = date
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

// MARK: - Day arithmetic

extension CivilDate {
    /// Days since 1970-01-01 (negative before it): the one number that day arithmetic and the
    /// weekday are computed from, so both agree with each other by construction.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil: years start in March so the leap day is the last day of a year.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01. Traps outside years 1…9999, which no caller reaches by
    /// stepping through a work calendar of a few years.
    public init(dayNumber days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard let date = CivilDate(year: year, month: month, day: day) else {
            preconditionFailure("CivilDate out of range: \(days) days since 1970-01-01")
        }
        self = date
    }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> CivilDate {
        CivilDate(dayNumber: dayNumber + days)
    }

    /// Days from `self` to `other`: positive when `other` is later.
    public func days(to other: CivilDate) -> Int {
        other.dayNumber - dayNumber
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO weekday 4).
        let offset = ((dayNumber + 3) % 7 + 7) % 7
        return Weekday(rawValue: offset + 1)!
    }

    public var isWeekend: Bool { weekday == .saturday || weekday == .sunday }
}

/// ISO 8601 numbering: Monday is 1, Sunday is 7.
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable {
    case monday = 1
    case tuesday
    case wednesday
    case thursday
    case friday
    case saturday
    case sunday

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }

    /// 星期一 … 星期日, as staff read it.
    public var chineseName: String {
        "星期" + ["一", "二", "三", "四", "五", "六", "日"][rawValue - 1]
    }
}

// MARK: - Text and JSON

extension CivilDate: CustomStringConvertible, LosslessStringConvertible {
    public var description: String { iso }

    public init?(_ description: String) {
        self.init(parsing: description)
    }
}

/// Encoded as the ISO string, the shape every JSON consumer of the API expects for a day.
extension CivilDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(iso: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

public enum CivilDateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not in the shape `YYYY-MM-DD`.
    case malformed(String)
    /// The shape is right but there is no such day.
    case nonexistent(year: Int, month: Int, day: Int)

    /// Chinese first for staff, English after it for API clients and logs.
    public var description: String {
        switch self {
        case .malformed(let text):
            "日期格式不正确：“\(text)”，应为 YYYY-MM-DD（如 2023-05-01）/ malformed date \"\(text)\": expected YYYY-MM-DD (e.g. 2023-05-01)"
        case .nonexistent(let year, let month, let day):
            "日期不存在：\(year)年\(month)月\(day)日 / no such date: year \(year), month \(month), day \(day)"
        }
    }
}

extension CivilDate {
    /// Beijing time has been UTC+8 all year since 1991, so the day of a moment needs no time-zone database.
    public static let beijingOffsetSeconds = 8 * 3600

    /// The moment this day begins in Beijing.
    public var beijingMidnight: Date { Self.beijingMidnight(ofDay: dayNumber) }

    /// The moments of these days in Beijing, the last one whole (counted past the last day
    /// without making it a date: 9999-12-31 has no next day).
    public static func beijingMoments(of days: ClosedRange<CivilDate>) -> Range<Date> {
        days.lowerBound.beijingMidnight..<beijingMidnight(ofDay: days.upperBound.dayNumber + 1)
    }

    private static func beijingMidnight(ofDay n: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(n * 86400 - beijingOffsetSeconds)) }

    public init(beijingDayOf moment: Date) {
        let seconds = Int((moment.timeIntervalSince1970).rounded(.down)) + CivilDate.beijingOffsetSeconds
        self.init(dayNumber: seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400)
    }
}

extension CivilDate {
    /// 2023年5月1日, as dates are written for people.
    public var chineseText: String { "\(year)年\(month)月\(day)日" }
}
