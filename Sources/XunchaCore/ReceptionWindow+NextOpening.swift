import Foundation

/// Whether a channel is open at a moment and, when it is not, when it next opens: what the public
/// page says about the duty phone (电话现在可以接通 / 现在不在受理时间，下次受理时间为 …).
public enum ReceptionOpening: Sendable, Hashable {
    /// Open now, until `until` (the end of the span, or the deadline if that comes first).
    case openNow(until: Date)
    /// Closed now; opens at `at`. `span` is the span that opens, nil for a channel without hours
    /// (or when no hours are published) that opens at the start of the period.
    case opensAt(Date, span: ReceptionSpan?)
    /// The deadline has passed, or no span opens again before it.
    case noFurtherOpening(deadline: CivilDate, deadlineTime: ClockTime?)
    /// The next opening hangs on a day the calendar does not cover; `hours` are the published
    /// hours, which the public can still be shown.
    case calendarUnknown(CivilDate, knownYears: [Int], hours: [ReceptionSpan])
    /// Nothing opens within the searched days (hours that exclude every day, such as a span
    /// whose end is not after its start).
    case notWithinSearch(days: Int)

    /// Stable, for programs and the API.
    public var code: String {
        switch self {
        case .openNow: "open_now"
        case .opensAt: "opens_at"
        case .noFurtherOpening: "no_further_opening"
        case .calendarUnknown: "calendar_unknown"
        case .notWithinSearch: "not_within_search"
        }
    }

    public var isOpenNow: Bool {
        if case .openNow = self { return true }
        return false
    }

    /// What the public page says about the duty phone.
    public var phoneMessageZH: String {
        switch self {
        case .openNow: "电话现在可以接通"
        default: notOpenMessageZH
        }
    }

    /// The same for any channel: 现在在受理时间内（受理至12:00）.
    public var messageZH: String {
        switch self {
        case .openNow(let until):
            let end = BeijingTime(until)
            let text = end.secondOfDay == 0 ? receptionDateText(end.day.adding(days: -1)) + "24:00" : beijingMinuteText(end)
            return "现在在受理时间内（受理至\(text)）"
        default:
            return notOpenMessageZH
        }
    }

    private var notOpenMessageZH: String {
        switch self {
        case .openNow:
            ""
        case .opensAt(let date, _):
            "现在不在受理时间，下次受理时间为\(beijingMinuteText(BeijingTime(date)))"
        case .noFurtherOpening(let deadline, let time):
            "受理已于\(receptionDateText(deadline))\(time.map(receptionClockText) ?? "")截止"
        case .calendarUnknown(_, _, let hours):
            "暂无法确定下次受理时间，请以巡察公告为准（受理时间：\(receptionHoursTextZH(hours))）"
        case .notWithinSearch:
            "近期没有受理时间，请以巡察公告为准"
        }
    }
}

extension ReceptionWindow {
    /// How many days ahead `nextOpening` looks at most. Periods last 1–3 months, so a year is
    /// ample; the search also stops at the deadline.
    public static let defaultSearchDays = 366

    /// Whether `channel` is open at `moment` and, if not, the first moment after it that is.
    /// Agrees with `judge`: `.openNow` exactly when `judge(channel, at: moment).isOpen`.
    public func nextOpening(of channel: Channel = .phone, after moment: Date, searchDays: Int = defaultSearchDays) -> ReceptionOpening {
        let now = BeijingTime(moment)
        let cutoff = deadlineCutoff
        let noMore = ReceptionOpening.noFurtherOpening(deadline: inspection.deadline, deadlineTime: inspection.deadlineTime)
        let start = max(now, periodOpens)
        guard start < cutoff else { return noMore }
        let spans = spans
        guard rules.hoursApply(to: channel), !spans.isEmpty else {
            return start == now ? .openNow(until: cutoff.date) : .opensAt(start.date, span: nil)
        }
        let lastDay = min(cutoff.day, start.day.adding(days: max(0, searchDays)))
        var day = start.day
        while day <= lastDay {
            let lookup = calendarLookup(day)
            // The part of each span still ahead on this day and before the deadline.
            var open: [(from: Int, to: Int, span: ReceptionSpan)] = []
            var earliestUnknown: Int?
            for span in spans {
                let from = max(span.from.minutes * 60, day == start.day ? start.secondOfDay : 0)
                let to = min(span.to.minutes * 60, day == cutoff.day ? cutoff.secondOfDay : 86400)
                guard from < to else { continue }
                switch admission(span.hours.days, lookup) {
                case .admitted: open.append((from, to, span))
                case .excluded: continue
                case .unknown: earliestUnknown = min(earliestUnknown ?? from, from)
                }
            }
            let first = open.min { $0.from < $1.from }
            // A span on a day the calendar does not cover might open before the first certain one.
            if let unknown = earliestUnknown, first.map({ unknown < $0.from }) ?? true {
                return .calendarUnknown(day, knownYears: calendar.knownYears, hours: spans)
            }
            if let first {
                let opening = BeijingTime(day: day, secondOfDay: first.from)
                guard opening == now else { return .opensAt(opening.date, span: first.span) }
                // Open now: until the end of this span and of any span that overlaps it.
                var until = first.to
                while let next = open.first(where: { $0.from <= until && $0.to > until }) { until = next.to }
                return .openNow(until: BeijingTime(day: day, secondOfDay: until).date)
            }
            day = day.adding(days: 1)
        }
        return lastDay == cutoff.day ? noMore : .notWithinSearch(days: searchDays)
    }
}

/// 2023年5月4日（星期四）8:00.
private func beijingMinuteText(_ time: BeijingTime) -> String {
    "\(receptionDateText(time.day))（\(time.day.weekday.chineseName)）\(time.clockTextZH)"
}
