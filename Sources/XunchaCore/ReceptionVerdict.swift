import Foundation

/// Why a report is inside or outside the reception window. Each case has a stable `code` for
/// programs and stored evidence, and a Chinese sentence for the people who read it.
public enum ReceptionReason: Sendable, Hashable {
    /// Open: a channel without hours (web, e-mail, letter), inside the period. `postmark` when a
    /// letter was judged by it.
    case inPeriod(periodStart: CivilDate, deadline: CivilDate, deadlineTime: ClockTime?, postmark: CivilDate?)
    /// Open: inside a published span, on a day it applies. `day` is nil when the span applies
    /// every day and the calendar does not cover the day (it was not needed).
    case withinHours(ReceptionSpan, day: WorkCalendar.Day?)
    /// Open: the announcement publishes no reception hours, so calls count any time in the period.
    case noHoursPublished
    /// Closed: received before the period starts.
    case beforePeriod(periodStart: CivilDate)
    /// Closed: received (or, for a letter with one, postmarked) after the intake deadline.
    case afterDeadline(deadline: CivilDate, deadlineTime: ClockTime?, postmark: CivilDate?)
    /// Closed: a day with reception hours, but not at this time. The spans are those that apply
    /// (or, on a day the calendar does not cover, may apply) on the day.
    case outsideHours([ReceptionSpan], day: WorkCalendar.Day?)
    /// Closed: the hours are for workdays and the day is a weekend or a holiday.
    case restDay(WorkCalendar.Day, hours: [ReceptionSpan])
    /// Closed: the hours are daily except holidays and the day is a holiday.
    case holiday(WorkCalendar.Day, hours: [ReceptionSpan])
    /// Neither: the answer depends on whether the day is a workday, and the calendar does not
    /// hold that year's notice. Staff decide; nothing is guessed.
    case calendarUnknown(CivilDate, knownYears: [Int])

    public var status: ReceptionVerdict.Status {
        switch self {
        case .inPeriod, .withinHours, .noHoursPublished: .open
        case .beforePeriod, .afterDeadline, .outsideHours, .restDay, .holiday: .closed
        case .calendarUnknown: .unknown
        }
    }

    /// Stable: stored with reports and cited by screening.
    public var code: String {
        switch self {
        case .inPeriod: "in_period"
        case .withinHours: "within_hours"
        case .noHoursPublished: "no_hours_published"
        case .beforePeriod: "before_period"
        case .afterDeadline: "after_deadline"
        case .outsideHours: "outside_hours"
        case .restDay: "rest_day"
        case .holiday: "holiday"
        case .calendarUnknown: "calendar_unknown"
        }
    }

    /// The sentence staff read beside the report.
    public var messageZH: String {
        switch self {
        case .inPeriod(let start, let deadline, let time, let postmark):
            let period = "在受理期间内（\(receptionDateText(start))至\(deadlineText(deadline, time))）"
            guard let postmark else { return period }
            return "邮戳日期\(receptionDateText(postmark))未超过受理截止日期，按邮戳计\(period)"
        case .withinHours(let span, let day):
            let hours = "在受理时间内（\(receptionHoursTextZH([span]))）"
            guard let day, day.kind != .workday else { return hours }
            return "\(hours)，\(receptionDateText(day.date))为\(day.chineseDescription)"
        case .noHoursPublished:
            return "公告未载明受理时间，受理期间内均可受理"
        case .beforePeriod(let start):
            return "巡察受理尚未开始（自\(receptionDateText(start))起受理）"
        case .afterDeadline(let deadline, let time, let postmark):
            if let postmark {
                return "邮戳日期\(receptionDateText(postmark))晚于受理截止日期（\(receptionDateText(deadline))）"
            }
            return "已过受理截止时间（\(deadlineText(deadline, time))）"
        case .outsideHours(let spans, _):
            return "不在受理时间内（当日受理时间：\(receptionHoursTextZH(spans))）"
        case .restDay(let day, let spans):
            return "\(receptionDateText(day.date))为\(day.chineseDescription)，非工作日（受理时间：\(receptionHoursTextZH(spans))）"
        case .holiday(let day, let spans):
            return "\(receptionDateText(day.date))为\(day.chineseDescription)，节假日不受理（受理时间：\(receptionHoursTextZH(spans))）"
        case .calendarUnknown(let date, let years):
            return WorkCalendarError.calendarUnknown(date, knownYears: years).messageZH + "，无法判断当日是否在受理时间内，请人工核对"
        }
    }
}

/// One fact behind a verdict: a stable key (`moment`, `postmark`, `period_start`, `deadline`,
/// `deadline_time`, `hours`, `hours_assumed`, `calendar_date`, `calendar_day`, `calendar_day_zh`,
/// `holiday`, `calendar_notice`, `known_years`) and its value as text.
public struct ReceptionFact: Codable, Sendable, Hashable {
    public let key: String
    public let value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// The answer for one report: open, closed or unknown, with the reason and the facts behind it.
/// Out-of-window reports are registered all the same and keep this verdict as evidence.
public struct ReceptionVerdict: Sendable, Hashable {
    public enum Status: String, Codable, Sendable, Hashable {
        case open
        case closed
        /// The calendar does not cover the day the answer depends on.
        case unknown
    }

    public let channel: Channel
    public let moment: Date
    /// The postmark a letter was judged by, if any.
    public let postmark: CivilDate?
    public let reason: ReceptionReason
    public let facts: [ReceptionFact]

    public init(channel: Channel, moment: Date, postmark: CivilDate?, reason: ReceptionReason, facts: [ReceptionFact]) {
        self.channel = channel
        self.moment = moment
        self.postmark = postmark
        self.reason = reason
        self.facts = facts
    }

    public var status: Status { reason.status }
    public var isOpen: Bool { status == .open }
    public var code: String { reason.code }
    public var messageZH: String { reason.messageZH }

    /// The value of the fact with this key, if the verdict has it.
    public func fact(_ key: String) -> String? {
        facts.first { $0.key == key }?.value
    }
}

/// Stored as evidence: `{"channel", "status", "code", "message_zh", "facts": [{"key", "value"}]}`.
extension ReceptionVerdict: Encodable {
    private enum CodingKeys: String, CodingKey {
        case channel
        case status
        case code
        case messageZH = "message_zh"
        case facts
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(channel, forKey: .channel)
        try c.encode(status, forKey: .status)
        try c.encode(code, forKey: .code)
        try c.encode(messageZH, forKey: .messageZH)
        try c.encode(facts, forKey: .facts)
    }
}

/// 工作日 8:00—12:00、14:30—17:30；每天 18:00—20:00 — consecutive spans of the same days share
/// their days' name, as announcements write them.
func receptionHoursTextZH(_ spans: [ReceptionSpan]) -> String {
    var groups: [(days: ReceptionHours.Days, clocks: [String])] = []
    var alone: [Int: String] = [:]
    for span in spans {
        if span.isAssumed {
            alone[groups.count] = span.textZH
            groups.append((span.hours.days, []))
        } else if let last = groups.last, last.days == span.hours.days, !last.clocks.isEmpty {
            groups[groups.count - 1].clocks.append(span.clockTextZH)
        } else {
            groups.append((span.hours.days, [span.clockTextZH]))
        }
    }
    return groups.indices.map { i in
        alone[i] ?? "\(groups[i].days.displayName) \(groups[i].clocks.joined(separator: "、"))"
    }.joined(separator: "；")
}

/// 2023年5月31日, or 2023年5月31日17:00 when the deadline has a time.
private func deadlineText(_ deadline: CivilDate, _ time: ClockTime?) -> String {
    receptionDateText(deadline) + (time.map(receptionClockText) ?? "")
}
