import Foundation

/// How the window rules read what an announcement leaves open. One value serves a whole
/// deployment; `standard` is what Xuncha does unless an administrator decides otherwise.
public struct ReceptionRules: Sendable, Hashable {
    /// The hours used when an announcement says only 工作时间 (a `ReceptionHours` with nil
    /// times). Offices differ and most pause at noon; one span over the whole office day is
    /// deliberately the lenient reading, so that a call is never judged out of hours because of
    /// hours the group did not publish. The verdict says that the hours were assumed.
    public var assumedOfficeHoursFrom: ClockTime
    public var assumedOfficeHoursTo: ClockTime
    /// Whether visits (来访) are held to the published reception hours like calls. Announcements
    /// publish one 受理时间 for 来电来访 and the reception room is staffed in those hours, so yes
    /// by default. Web, e-mail and letters are never held to hours: they wait in a box.
    public var visitsFollowPhoneHours: Bool

    public init(assumedOfficeHoursFrom: ClockTime, assumedOfficeHoursTo: ClockTime, visitsFollowPhoneHours: Bool) {
        self.assumedOfficeHoursFrom = assumedOfficeHoursFrom
        self.assumedOfficeHoursTo = assumedOfficeHoursTo
        self.visitsFollowPhoneHours = visitsFollowPhoneHours
    }

    /// 工作时间 read as 8:30—17:30, visits follow the call hours.
    public static let standard = ReceptionRules(
        assumedOfficeHoursFrom: ClockTime(hour: 8, minute: 30)!,
        assumedOfficeHoursTo: ClockTime(hour: 17, minute: 30)!,
        visitsFollowPhoneHours: true
    )

    /// Whether reports on `channel` are taken only in the published reception hours.
    public func hoursApply(to channel: Channel) -> Bool {
        switch channel {
        case .phone: true
        case .visit: visitsFollowPhoneHours
        case .web, .letter, .email: false
        }
    }
}

/// One published span of reception hours with the clock times it is judged by: the published
/// ones, or the rules' assumed office hours when the announcement says only 工作时间.
/// A span is half-open, `from` included and `to` excluded: with 8:00—12:00, 11:59:59 is in and
/// 12:00:00 is out. A span whose `to` is not after `from` contains nothing.
public struct ReceptionSpan: Sendable, Hashable {
    public let hours: ReceptionHours
    public let from: ClockTime
    public let to: ClockTime

    public init(_ hours: ReceptionHours, rules: ReceptionRules) {
        self.hours = hours
        self.from = hours.from ?? rules.assumedOfficeHoursFrom
        self.to = hours.to ?? rules.assumedOfficeHoursTo
    }

    /// True when the announcement did not state these clock times.
    public var isAssumed: Bool { hours.from == nil || hours.to == nil }

    /// `8:00—12:00`, as announcements write it.
    public var clockTextZH: String { "\(receptionClockText(from))—\(receptionClockText(to))" }

    /// 工作日 8:00—12:00, or 工作日工作时间（按8:30—17:30计） when the times were assumed.
    public var textZH: String {
        isAssumed ? "\(hours.days.displayName)工作时间（按\(clockTextZH)计）" : "\(hours.days.displayName) \(clockTextZH)"
    }

    func contains(secondOfDay second: Int) -> Bool {
        from.minutes * 60 <= second && second < to.minutes * 60
    }

    // By hand because `ReceptionHours` is only Equatable.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(hours.days)
        hasher.combine(hours.from)
        hasher.combine(hours.to)
        hasher.combine(from)
        hasher.combine(to)
    }
}

/// Whether an inspection takes a report on a channel at a moment (issue 4), and when a channel
/// next opens. A judgement, not a gate: a report outside the window is registered all the same
/// and carries the verdict, which screening cites as evidence.
///
/// Pure: the moment, the calendar and the rules are parameters. Moments are read in Beijing time
/// (UTC+8 all year, no daylight saving), which needs no time-zone database.
///
/// The window of every channel is the period: from `periodStart` 00:00 up to the end of the
/// `deadline` day, or up to `deadlineTime` on that day when one is published (`deadlineTime`
/// excluded, like the end of a span). Calls, and visits under `ReceptionRules.standard`, are
/// taken only in the published hours on the days those hours name: `workdays` per the work
/// calendar (make-up workdays included, weekends and holidays excluded), `daily` every day,
/// `daily_except_holidays` every day but the days off of a holiday. A day the calendar does not
/// cover is "calendar unknown", never guessed; an inspection that publishes no hours takes calls
/// any time within the period.
///
/// A letter counts by its postmark for the deadline (a postmark on the deadline day is in time,
/// whatever `deadlineTime` says, since a postmark has no time); without one, by the moment it was
/// received. The start is always judged by the moment of receipt: a letter the box receives
/// during the period was taken in during it.
public struct ReceptionWindow: Sendable {
    public let inspection: Inspection
    public let calendar: WorkCalendar
    public let rules: ReceptionRules

    public init(inspection: Inspection, calendar: WorkCalendar, rules: ReceptionRules = .standard) {
        self.inspection = inspection
        self.calendar = calendar
        self.rules = rules
    }

    /// The published reception hours, with the clock times they are judged by.
    public var spans: [ReceptionSpan] {
        inspection.phoneHours.map { ReceptionSpan($0, rules: rules) }
    }

    /// Judges a report on `channel` received at `moment`; `postmark` is the date stamped on a
    /// letter and is ignored for the other channels.
    public func judge(_ channel: Channel, at moment: Date, postmark: CivilDate? = nil) -> ReceptionVerdict {
        let now = BeijingTime(moment)
        let postmark = channel == .letter ? postmark : nil
        let reason = reason(channel, now: now, postmark: postmark)
        return ReceptionVerdict(channel: channel, moment: moment, postmark: postmark, reason: reason, facts: facts(for: reason, now, postmark))
    }

    private func reason(_ channel: Channel, now: BeijingTime, postmark: CivilDate?) -> ReceptionReason {
        if now < periodOpens { return .beforePeriod(periodStart: inspection.periodStart) }
        if let postmark {
            if postmark > inspection.deadline {
                return .afterDeadline(deadline: inspection.deadline, deadlineTime: inspection.deadlineTime, postmark: postmark)
            }
        } else if now >= deadlineCutoff {
            return .afterDeadline(deadline: inspection.deadline, deadlineTime: inspection.deadlineTime, postmark: nil)
        }
        guard rules.hoursApply(to: channel) else {
            return .inPeriod(
                periodStart: inspection.periodStart,
                deadline: inspection.deadline,
                deadlineTime: inspection.deadlineTime,
                postmark: postmark
            )
        }
        return hoursReason(now)
    }

    /// Which published spans hold the moment, and on which days. Open when a span holds both
    /// the time and the day. Otherwise the day decides when no span admits it at all (a rest
    /// day, a holiday), the clock when no span that may admit the day holds the time; only when
    /// the answer hangs on a day the calendar does not cover is it "calendar unknown".
    private func hoursReason(_ now: BeijingTime) -> ReceptionReason {
        let spans = spans
        guard !spans.isEmpty else { return .noHoursPublished }
        let lookup = calendarLookup(now.day)
        let known = try? lookup.get()
        var dayMayAdmit: [ReceptionSpan] = []
        var holdsTimeOnUnknownDay = false
        for span in spans {
            switch admission(span.hours.days, lookup) {
            case .admitted:
                if span.contains(secondOfDay: now.secondOfDay) { return .withinHours(span, day: known) }
                dayMayAdmit.append(span)
            case .excluded:
                continue
            case .unknown:
                holdsTimeOnUnknownDay = holdsTimeOnUnknownDay || span.contains(secondOfDay: now.secondOfDay)
                dayMayAdmit.append(span)
            }
        }
        if dayMayAdmit.isEmpty, let known {
            // Every span excludes the day, so the calendar knows it. A holiday under
            // daily_except_holidays is named as such; otherwise the day is not a workday.
            let holidayRule = spans.contains { $0.hours.days == .dailyExceptHolidays }
            return known.kind == .holiday && holidayRule ? .holiday(known, hours: spans) : .restDay(known, hours: spans)
        }
        if holdsTimeOnUnknownDay, case .failure(let error) = lookup, case .calendarUnknown(let date, let years) = error {
            return .calendarUnknown(date, knownYears: years)
        }
        return .outsideHours(dayMayAdmit, day: known)
    }

    // MARK: Shared with the search for the next opening

    /// The first moment of the period.
    var periodOpens: BeijingTime { BeijingTime(day: inspection.periodStart, secondOfDay: 0) }

    /// The first moment after the deadline: `deadlineTime` on the deadline day, or the next midnight.
    var deadlineCutoff: BeijingTime {
        if let time = inspection.deadlineTime {
            return BeijingTime(day: inspection.deadline, secondOfDay: time.minutes * 60)
        }
        return BeijingTime(day: inspection.deadline.adding(days: 1), secondOfDay: 0)
    }

    func calendarLookup(_ day: CivilDate) -> Result<WorkCalendar.Day, WorkCalendarError> {
        do {
            return .success(try calendar.day(day))
        } catch {
            return .failure(error)
        }
    }

    enum Admission {
        case admitted
        case excluded
        case unknown
    }

    /// Whether hours published for `days` apply on the looked-up day. `daily` needs no calendar,
    /// so it is answered even for a day the calendar does not cover.
    func admission(_ days: ReceptionHours.Days, _ lookup: Result<WorkCalendar.Day, WorkCalendarError>) -> Admission {
        switch (days, lookup) {
        case (.daily, _): .admitted
        case (_, .failure): .unknown
        case (.workdays, .success(let day)): day.isWorkday ? .admitted : .excluded
        case (.dailyExceptHolidays, .success(let day)): day.kind == .holiday ? .excluded : .admitted
        }
    }

    // MARK: Facts

    /// The facts behind a reason, as flat key–value pairs with stable keys, so that screening can
    /// store and show them as evidence without knowing the reason's shape.
    private func facts(for reason: ReceptionReason, _ now: BeijingTime, _ postmark: CivilDate?) -> [ReceptionFact] {
        var facts = [ReceptionFact(key: "moment", value: now.iso8601)]
        if let postmark { facts.append(ReceptionFact(key: "postmark", value: postmark.iso)) }
        func period() {
            facts.append(ReceptionFact(key: "period_start", value: inspection.periodStart.iso))
            facts.append(ReceptionFact(key: "deadline", value: inspection.deadline.iso))
            if let time = inspection.deadlineTime { facts.append(ReceptionFact(key: "deadline_time", value: time.description)) }
        }
        func hours(_ spans: [ReceptionSpan]) {
            facts.append(ReceptionFact(key: "hours", value: receptionHoursTextZH(spans)))
            if let assumed = spans.first(where: \.isAssumed) {
                facts.append(ReceptionFact(key: "hours_assumed", value: assumed.clockTextZH))
            }
        }
        func calendarDay(_ day: WorkCalendar.Day?) {
            guard let day else { return }
            facts.append(ReceptionFact(key: "calendar_date", value: day.date.iso))
            facts.append(ReceptionFact(key: "calendar_day", value: day.kind.rawValue))
            facts.append(ReceptionFact(key: "calendar_day_zh", value: day.chineseDescription))
            if let name = day.holidayName { facts.append(ReceptionFact(key: "holiday", value: name)) }
            if day.kind == .holiday || day.kind == .makeUpWorkday, let notice = calendar.notice(forYear: day.noticeYear) {
                facts.append(ReceptionFact(key: "calendar_notice", value: notice.citation))
            }
        }
        switch reason {
        case .inPeriod, .beforePeriod, .afterDeadline:
            period()
        case .noHoursPublished:
            break
        case .withinHours(let span, let day):
            hours([span])
            calendarDay(day)
        case .outsideHours(let spans, let day):
            hours(spans)
            calendarDay(day)
        case .restDay(let day, let spans), .holiday(let day, let spans):
            hours(spans)
            calendarDay(day)
        case .calendarUnknown(let date, let years):
            hours(spans)
            facts.append(ReceptionFact(key: "calendar_date", value: date.iso))
            facts.append(ReceptionFact(key: "known_years", value: years.map(String.init).joined(separator: ",")))
        }
        return facts
    }
}

/// A moment as a Beijing wall clock reads it: seconds since 1970-01-01 00:00 Beijing time.
/// Fractions of a second are dropped, so 11:59:59.9 is still 11:59:59.
struct BeijingTime: Hashable, Comparable {
    let seconds: Int

    init(_ moment: Date) {
        seconds = Int(moment.timeIntervalSince1970.rounded(.down)) + CivilDate.beijingOffsetSeconds
    }

    init(day: CivilDate, secondOfDay: Int) {
        seconds = day.dayNumber * 86400 + secondOfDay
    }

    var day: CivilDate { CivilDate(dayNumber: seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400) }
    var secondOfDay: Int { seconds - day.dayNumber * 86400 }
    var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds - CivilDate.beijingOffsetSeconds)) }

    /// 2023-05-04T11:59:59+08:00
    var iso8601: String {
        let s = secondOfDay
        return "\(day.iso)T\(twoDigits(s / 3600)):\(twoDigits(s / 60 % 60)):\(twoDigits(s % 60))+08:00"
    }

    /// 8:00, 14:30: to the minute, hours unpadded.
    var clockTextZH: String {
        "\(secondOfDay / 3600):\(twoDigits(secondOfDay / 60 % 60))"
    }

    static func < (a: BeijingTime, b: BeijingTime) -> Bool { a.seconds < b.seconds }
}

private func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

/// 8:00, 14:30: hours unpadded, as announcements and the public page write them.
func receptionClockText(_ time: ClockTime) -> String {
    "\(time.hour):\(twoDigits(time.minute))"
}

/// 2023年5月1日.
func receptionDateText(_ date: CivilDate) -> String { date.chineseText }
