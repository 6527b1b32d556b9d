import Foundation

/// A clock on a piece of the group's work, counted in working days on the official calendar: the
/// due date, and where a day stands against it. A day the calendar does not cover is never
/// guessed: the clock says so instead.
public struct Deadline: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// Telling a named reporter the report was received and where it went.
        case acknowledge
        /// Sending a referral once it is decided.
        case referralSend = "referral_send"
        /// The receiver's feedback on a referral.
        case referralFeedback = "referral_feedback"

        public var chineseName: String {
            switch self {
            case .acknowledge: "告知实名反映人"
            case .referralSend: "转办发出"
            case .referralFeedback: "转办反馈"
            }
        }
    }

    public enum Standing: Sendable, Hashable {
        /// Working days left, the due day counting as one (0: due today).
        case open(workdaysLeft: Int)
        case dueSoon(workdaysLeft: Int)
        /// Working days past the due date.
        case overdue(workdays: Int)
        /// The calendar does not cover a day the answer depends on.
        case calendarUnknown
    }

    public var kind: Kind
    /// Nil when the calendar does not cover the start or the days after it.
    public var due: CivilDate?

    /// The clock that starts the day after `start` and runs `workdays` working days (the day of
    /// the event does not count: `WorkCalendar.addWorkdays`).
    public init(_ kind: Kind, from start: CivilDate, workdays: Int, calendar: WorkCalendar) {
        self.kind = kind
        due = try? calendar.addWorkdays(start, workdays)
    }

    public init(_ kind: Kind, due: CivilDate?) {
        self.kind = kind
        self.due = due
    }

    /// Where `today` stands: within the limit (due soon inside the last `soon` working days),
    /// or past it.
    public func standing(on today: CivilDate, calendar: WorkCalendar, soon: Int) -> Standing {
        guard let due, let between = try? calendar.workdaysBetween(today, due) else { return .calendarUnknown }
        if between < 0 { return .overdue(workdays: -between) }
        // The due day itself is a working day still to use when today is before it.
        let left = today == due ? 0 : between
        return left < soon ? .dueSoon(workdaysLeft: left) : .open(workdaysLeft: left)
    }

    /// How staff read a standing: 剩3个工作日, 今日到期, 已逾期2个工作日, 日历未覆盖.
    public static func chinese(_ standing: Standing) -> String {
        switch standing {
        case .open(let left), .dueSoon(let left): left == 0 ? "今日到期" : "剩\(left)个工作日"
        case .overdue(let days): "已逾期\(days)个工作日"
        case .calendarUnknown: "日历未覆盖，无法计算"
        }
    }
}

extension Deadline.Standing {
    public var isOverdue: Bool {
        if case .overdue = self { return true }
        return false
    }

    public var needsAttention: Bool {
        switch self {
        case .overdue, .dueSoon: true
        case .open, .calendarUnknown: false
        }
    }
}
