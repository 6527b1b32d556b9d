/// One span of hours in which the group answers its phone, as announcements publish them
/// (工作日上午8:00—12:00). `from`/`to` are nil when the text says only 工作时间.
public struct ReceptionHours: Codable, Sendable, Equatable {
    public enum Days: String, Codable, Sendable, CaseIterable {
        case workdays
        case daily
        case dailyExceptHolidays = "daily_except_holidays"

        public var displayName: String {
            switch self {
            case .workdays: "工作日"
            case .daily: "每天"
            case .dailyExceptHolidays: "每天（节假日除外）"
            }
        }
    }

    public var days: Days
    public var from: ClockTime?
    public var to: ClockTime?

    public init(days: Days, from: ClockTime?, to: ClockTime?) {
        self.days = days
        self.from = from
        self.to = to
    }

    public var displayText: String {
        guard let from, let to else { return "\(days.displayName)工作时间" }
        return "\(days.displayName) \(from)—\(to)"
    }
}
