import Foundation

/// The numbers of an inspection report (巡察报告) on the reports a group received, in the shape
/// groups report them: 件次 (every report) and 件 (matters: threads of a report and its repeats),
/// by channel, named or anonymous, first or repeat, scope, discipline, rank of the person
/// reported, decision; the referrals and their outcomes; the leads handed over; by week. Built
/// from counts (`StatisticsCounts`) so that a million reports are counted by the database.
/// `xuncha stats --json` prints exactly this (docs/statistics.md).
public struct InspectionStatistics: Codable, Sendable, Equatable {
    public struct Referrals: Codable, Sendable, Equatable {
        public struct Outcomes: Codable, Sendable, Equatable {
            /// 属实
            public var `true`: Int
            /// 部分属实
            public var partlyTrue: Int
            /// 不属实
            public var untrue: Int
        }

        public var count: Int
        public var byRecipient: [String: Int]
        /// 已办结
        public var closed: Int
        /// Not sent or not answered by their due date.
        public var overdue: Int
        public var outcomes: Outcomes
        /// 阶段性办结. Not in `xuncha stats --json`, whose keys are fixed.
        public var closedForNow = 0

        enum CodingKeys: String, CodingKey { case count, byRecipient, closed, overdue, outcomes }
    }

    public struct Leads: Codable, Sendable, Equatable {
        /// The leads one receiver was handed (件) and the persons they are about (人).
        public struct Handed: Sendable, Equatable {
            public var leads: Int
            public var persons: Int
        }

        public var count: Int
        /// Distinct persons the leads are about.
        public var persons: Int
        public var handedOver: Int
        /// Handed over, by receiver (纪委监委, 组织部, 有关部门, 被巡察党组织 for immediate fixes). Not
        /// in `xuncha stats --json`, whose keys are fixed.
        public var handedOverByRecipient: [String: Handed] = [:]

        enum CodingKeys: String, CodingKey { case count, persons, handedOver }

        /// The receivers in the order of the handover (纪委监委, 组织部, 有关部门, then the unit).
        public var handedOverInOrder: [(receiver: String, handed: Handed)] {
            let order = LeadKind.allCases.map(\.receiverChineseName)
            return handedOverByRecipient.map { ($0.key, $0.value) }
                .sorted {
                    (order.firstIndex(of: $0.receiver) ?? order.count, $0.receiver) < (order.firstIndex(of: $1.receiver) ?? order.count, $1.receiver)
                }
        }
    }

    public struct Week: Codable, Sendable, Equatable {
        /// The Monday that starts the week (`2023-03-06`).
        public var weekStart: String
        public var reports: Int
    }

    /// The inspection's id; empty for the statistics of several inspections together.
    public var inspection: String
    public var reports: Int
    public var threads: Int
    public var byChannel: [String: Int]
    public var named: Int
    public var anonymous: Int
    public var first: Int
    public var `repeat`: Int
    public var inScope: Int
    public var outOfScope: Int
    public var noSubstance: Int
    public var byDiscipline: [String: Int]
    public var byRank: [String: Int]
    public var byDisposition: [String: Int]
    public var referrals: Referrals
    public var leads: Leads
    public var byWeek: [Week]
}

/// What the statistics are made from: counts the store makes with its own indexes, and the
/// inspection's (few) referrals and leads.
public struct StatisticsCounts: Sendable {
    public var reports = 0
    public var threads = 0
    public var byChannel: [Channel: Int] = [:]
    public var named = 0
    public var scope: [ScopeClass: Int] = [:]
    public var byDiscipline: [Discipline: Int] = [:]
    public var byRank: [ScopeRole: Int] = [:]
    /// The decision in force per outcome; reports without one are undecided.
    public var byDecision: [SuggestionKind: Int] = [:]
    /// Reports per Beijing day.
    public var byDay: [CivilDate: Int] = [:]
    public var referrals: [Referral] = []
    public var leads: [Lead] = []

    public init() {}

    /// Counts of several inspections added together (the office's view).
    public mutating func add(_ other: StatisticsCounts) {
        reports += other.reports
        threads += other.threads
        byChannel.merge(other.byChannel, uniquingKeysWith: +)
        named += other.named
        scope.merge(other.scope, uniquingKeysWith: +)
        byDiscipline.merge(other.byDiscipline, uniquingKeysWith: +)
        byRank.merge(other.byRank, uniquingKeysWith: +)
        byDecision.merge(other.byDecision, uniquingKeysWith: +)
        byDay.merge(other.byDay, uniquingKeysWith: +)
        referrals += other.referrals
        leads += other.leads
    }
}

extension InspectionStatistics {
    /// The statistics of `counts`: every key present, zero where nothing was counted. Weeks run
    /// Monday to Sunday over `period` (the inspection's, or the span of the reports).
    public init(inspection: String, counts c: StatisticsCounts, period: ClosedRange<CivilDate>?, today: CivilDate) {
        self.inspection = inspection
        reports = c.reports
        threads = c.threads
        byChannel = Dictionary(uniqueKeysWithValues: Channel.allCases.map { ($0.rawValue, c.byChannel[$0, default: 0]) })
        named = c.named
        anonymous = c.reports - c.named
        first = c.threads
        `repeat` = c.reports - c.threads
        inScope = c.scope[.inScope, default: 0]
        outOfScope = c.scope[.outOfScope, default: 0]
        noSubstance = c.scope[.noSubstance, default: 0]
        byDiscipline = Dictionary(uniqueKeysWithValues: Discipline.allCases.map { ($0.rawValue, c.byDiscipline[$0, default: 0]) })
        byRank = Dictionary(uniqueKeysWithValues: ScopeRole.ranked.map { ($0.rawValue, c.byRank[$0, default: 0]) })
        var decisions = Dictionary(uniqueKeysWithValues: SuggestionKind.allCases.map { ($0.rawValue, c.byDecision[$0, default: 0]) })
        decisions["undecided"] = c.reports - c.byDecision.values.reduce(0, +)
        byDisposition = decisions
        let live = c.referrals.filter { $0.state != .cancelled }
        referrals = Referrals(
            count: live.count,
            byRecipient: Dictionary(live.map { ($0.recipient, 1) }, uniquingKeysWith: +),
            closed: live.filter { $0.recordedClosure == .concluded }.count,
            overdue: live.filter { $0.isOverdue(on: today) }.count,
            outcomes: Referrals.Outcomes(
                true: live.filter { $0.recordedFinding == .substantiated }.count,
                partlyTrue: live.filter { $0.recordedFinding == .partlySubstantiated }.count,
                untrue: live.filter { $0.recordedFinding == .unsubstantiated }.count
            ),
            closedForNow: live.filter { $0.recordedClosure == .interim }.count
        )
        leads = Leads(
            count: c.leads.count,
            persons: Self.persons(c.leads),
            handedOver: c.leads.filter { $0.state == .handedOver || $0.state == .closed }.count,
            handedOverByRecipient: Dictionary(grouping: c.leads.filter { $0.state == .handedOver || $0.state == .closed }) { lead in
                (LeadKind(rawValue: lead.kind) ?? .other).receiverChineseName
            }.mapValues { leads in Leads.Handed(leads: leads.count, persons: Self.persons(leads)) }
        )
        byWeek = Self.weeks(c.byDay, period: period)
    }

    /// Distinct persons some leads are about (by name, spaces ignored).
    static func persons(_ leads: [Lead]) -> Int { Set(leads.map { $0.subject.name.filter { !$0.isWhitespace } }).count }

    /// Reports per week, Monday to Sunday, from the week of the period's first day to the week of
    /// its last (empty weeks included), or over the days that have reports when there is no period.
    static func weeks(_ byDay: [CivilDate: Int], period: ClosedRange<CivilDate>?) -> [Week] {
        guard let span = period ?? byDay.keys.min().flatMap({ lo in byDay.keys.max().map { lo...$0 } }) else { return [] }
        func monday(_ d: CivilDate) -> CivilDate { d.adding(days: -(d.weekday.rawValue - 1)) }
        var counts: [CivilDate: Int] = [:]
        for (day, n) in byDay { counts[monday(day), default: 0] += n }
        var weeks: [Week] = []
        var start = monday(span.lowerBound)
        while start <= span.upperBound {
            weeks.append(Week(weekStart: start.iso, reports: counts[start, default: 0]))
            start = start.adding(days: 7)
        }
        // Reports outside the period (a late letter) still count, in weeks of their own.
        for extra in counts.keys.filter({ $0 < monday(span.lowerBound) || $0 > span.upperBound }).sorted() {
            weeks.append(Week(weekStart: extra.iso, reports: counts[extra]!))
        }
        return weeks.sorted { $0.weekStart < $1.weekStart }
    }
}

extension InspectionStatistics {
    /// The sentences an inspection report uses, from the figures: 共受理信访举报X件次（X件）…
    public var summaryZH: [String] {
        func n(_ key: String, in d: [String: Int]) -> Int { d[key, default: 0] }
        var lines = [
            "共受理信访举报\(reports)件次（\(threads)件），其中来信\(n("letter", in: byChannel))件次、来电\(n("phone", in: byChannel))件次、"
                + "来访\(n("visit", in: byChannel))件次、网上\(n("web", in: byChannel))件次、电子邮件\(n("email", in: byChannel))件次；"
                + "实名\(named)件次，匿名\(anonymous)件次；重复件\(`repeat`)件次。",
            "属于巡察受理范围的\(inScope)件次，不属于受理范围的\(outOfScope)件次，无实质内容的\(noSubstance)件次。",
            "反映领导班子成员\(n("leadership_member", in: byRank))件次、下一级党组织主要负责人\(n("subordinate_principal", in: byRank))件次、"
                + "重要岗位领导干部\(n("key_post_leader", in: byRank))件次。",
        ]
        let disciplines = Discipline.allCases.filter { n($0.rawValue, in: byDiscipline) > 0 }
            .map { "\($0.chineseName)\(n($0.rawValue, in: byDiscipline))件次" }
        if !disciplines.isEmpty { lines.append("涉及" + disciplines.joined(separator: "、") + "。") }
        lines.append(
            "已受理\(n("accept", in: byDisposition))件次，转办\(n("refer", in: byDisposition))件次，存查\(n("file", in: byDisposition))件次，"
                + "作重复件处理\(n("duplicate", in: byDisposition))件次，不予受理\(n("reject", in: byDisposition))件次，尚待处理\(n("undecided", in: byDisposition))件次。"
        )
        if referrals.count > 0 {
            let rate = referrals.count == 0 ? 0 : Int((Double(referrals.closed) / Double(referrals.count) * 100).rounded())
            lines.append(
                "转办\(referrals.count)件，已办结\(referrals.closed)件、阶段性办结\(referrals.closedForNow)件，办结率\(rate)%；反馈属实\(referrals.outcomes.true)件、部分属实\(referrals.outcomes.partlyTrue)件、"
                    + "不属实\(referrals.outcomes.untrue)件；逾期\(referrals.overdue)件。"
            )
        }
        var handed = "形成问题线索\(leads.count)件，涉及\(leads.persons)人，已移交\(leads.handedOver)件"
        let receivers = leads.handedOverInOrder
        if !receivers.isEmpty {
            handed += "，其中" + receivers.map { "移交\($0.receiver)\($0.handed.leads)件、涉及\($0.handed.persons)人" }.joined(separator: "；")
        }
        lines.append(handed + "。")
        return lines
    }
}
