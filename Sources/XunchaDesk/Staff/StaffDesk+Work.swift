import Foundation
import XunchaCore
import XunchaStore

/// The group's work on its reports besides deciding: bringing a report no inspection claimed into
/// the caller's, giving reports to members (承办人), internal notes, and the clocks that run on
/// reports and referrals.
extension StaffDesk {
    /// The leader brings a report no inspection claimed into their own; it gets the next number.
    public func claim(_ caller: Caller, reportID: String) async throws {
        let report = try await readableReport(caller, id: reportID)
        guard case .staff(let user) = caller, let own = user.inspectionID else { throw DeskError.forbidden }
        try authorize(caller, .assign, inspectionID: own)
        guard report.inspectionID == nil else {
            throw DeskError(.conflict, code: "already_claimed", zh: "该反映已归入巡察，无需再归入。", en: "the report already belongs to an inspection.")
        }
        try await store.claimReport(id: reportID, inspectionID: own, actor: caller.auditActor, at: services.now())
    }

    /// The leader gives a report to a leader or member of its inspection, or takes it back (nil).
    public func assign(_ caller: Caller, reportID: String, _ input: AssignmentInput) async throws {
        let report = try await readableReport(caller, id: reportID)
        try authorize(caller, .assign, inspectionID: report.inspectionID)
        guard let inspectionID = report.inspectionID else { throw DeskError.forbidden }
        let assignee = input.assigneeId.flatMap { TextLimits.trimmed($0).isEmpty ? nil : TextLimits.trimmed($0) }
        if let assignee {
            guard let user = try await store.user(id: assignee), user.inspectionID == inspectionID, user.role != .admin else {
                throw DeskError(
                    .invalid,
                    code: "unknown_assignee",
                    zh: "承办人须是本巡察组的组长或组员。",
                    en: "the assignee must be staff of the report's inspection.",
                    field: "assignee_id"
                )
            }
            if try await store.exclusions(reportID: reportID).contains(where: { $0.userID == assignee && $0.keepsAway }) {
                throw DeskError(
                    .invalid,
                    code: "assignee_excluded",
                    zh: "\(user.displayName)已回避这件反映，不能承办。",
                    en: "the assignee is kept away from this report (回避).",
                    field: "assignee_id"
                )
            }
        }
        try await store.assignReport(id: reportID, to: assignee, actor: caller.auditActor, at: services.now())
    }

    /// An internal note: staff of the inspection only, never shown to the reporter.
    public func note(_ caller: Caller, reportID: String, _ input: NoteInput) async throws {
        let report = try await readableReport(caller, id: reportID)
        guard case .staff(let user) = caller, caller.may(.decide, inspectionID: report.inspectionID), report.inspectionID != nil else {
            throw DeskError.forbidden
        }
        let content = try checking { () throws(InputError) in try input.checked() }
        try await store.addNote(reportID: reportID, content: content, authorID: user.id, at: services.now())
    }

    /// A clock on a report or a referral, where it stands today.
    public struct Clock: Sendable {
        public var deadline: Deadline
        public var standing: Deadline.Standing
        /// The report the clock runs on, and the referral when it is one's.
        public var reportID: String
        public var referral: Referral?
    }

    /// The clocks that run on one report: telling a named reporter (inspections that reply at
    /// all, until the group has replied), sending its referral, the referral's feedback.
    func clocks(_ report: Report, inspection: Inspection?, replied: Bool, referrals: [Referral]) -> [Clock] {
        guard let inspection else { return [] }
        let limits = inspection.effectiveLimits
        let today = CivilDate(beijingDayOf: services.now())
        func clock(_ deadline: Deadline, _ referral: Referral? = nil) -> Clock {
            Clock(
                deadline: deadline,
                standing: deadline.standing(on: today, calendar: services.calendar, soon: limits.dueSoonWorkdays),
                reportID: report.id,
                referral: referral
            )
        }
        var clocks: [Clock] = []
        if report.isRealName, inspection.repliesEnabled, !replied {
            let received = CivilDate(beijingDayOf: report.receivedAt)
            clocks.append(clock(Deadline(.acknowledge, from: received, workdays: limits.acknowledgeWorkdays, calendar: services.calendar)))
        }
        for referral in referrals {
            if let deadline = Self.deadline(of: referral) { clocks.append(clock(deadline, referral)) }
        }
        return clocks
    }

    /// The clock running on a referral: sending a draft, the feedback on a sent one; none after.
    static func deadline(of referral: Referral) -> Deadline? {
        switch referral.state {
        case .draft: Deadline(.referralSend, due: referral.sendDue)
        case .sent: Deadline(.referralFeedback, due: referral.feedbackDue)
        case .answered, .cancelled: nil
        }
    }

    /// Where a referral's clock stands today, if one runs on it.
    func clock(of referral: Referral, inspection: Inspection) -> Clock? {
        Self.deadline(of: referral).map { deadline in
            Clock(
                deadline: deadline,
                standing: deadline.standing(
                    on: CivilDate(beijingDayOf: services.now()),
                    calendar: services.calendar,
                    soon: inspection.effectiveLimits.dueSoonWorkdays
                ),
                reportID: referral.reportID,
                referral: referral
            )
        }
    }

    /// The inspection's leads the caller may see: those about the unit's principal are the
    /// leader's alone.
    func visibleLeads(_ caller: Caller, inspectionID: String) async throws -> [Lead] {
        let leads = try await store.leads(inspectionID: inspectionID)
        let leader = seesPrincipalLeads(caller, inspectionID: inspectionID)
        let hidden = try await keptAway(caller)
        return leads.filter { (!$0.aboutPrincipal || leader) && hidden.isDisjoint(with: $0.reportIDs) }
    }

    /// Whether the caller sees the leads about the unit's principal: the leader, who signs papers
    /// (and hands leads over), and the command line, which hands over from the data folder.
    func seesPrincipalLeads(_ caller: Caller, inspectionID: String) -> Bool {
        caller.may(.signPaper, inspectionID: inspectionID) || caller.may(.handOver, inspectionID: inspectionID)
    }
}

extension StaffDesk {
    /// The leads of the caller's inspection they may see (those about the unit's principal are
    /// the leader's alone).
    public func leads(_ caller: Caller) async throws -> [Lead] {
        guard case .staff(let user) = caller, let inspectionID = user.inspectionID else { throw DeskError.forbidden }
        try authorize(caller, .readReports, inspectionID: inspectionID)
        return try await visibleLeads(caller, inspectionID: inspectionID)
    }

}

extension StaffDesk {
    /// What waits for the leader: proposals to approve, and the clocks of the inspection that are
    /// due soon or overdue (most overdue first), at most `agendaLength` of each; the inbox's
    /// filters (`decision=pending`, `overdue=1`) list them all.
    public struct Agenda: Sendable {
        public var awaitingApproval: [Report]
        /// Reports with a member's request to see the reporter.
        public var identityRequests: [Report]
        public var clocks: [Clock]
        /// Register numbers of the reports the clocks run on.
        public var numbers: [String: String]
        /// More proposals, or more clocks that need attention, than are listed.
        public var more = false
    }

    public static let agendaLength = 20

    public func agenda(_ caller: Caller) async throws -> Agenda {
        guard case .staff(let user) = caller, let inspectionID = user.inspectionID else { throw DeskError.forbidden }
        try authorize(caller, .readReports, inspectionID: inspectionID)
        guard let inspection = try await store.inspection(id: inspectionID) else { throw DeskError.notFound }
        let length = Self.agendaLength
        let hidden = try await keptAway(caller)
        func waiting(_ what: LeaderApproval, _ action: StaffAction) async throws -> [Report] {
            guard caller.may(action, inspectionID: inspectionID) else { return [] }
            return try await store.reportsAwaitingApproval(what, inspectionID: inspectionID, limit: length + 1).filter { !hidden.contains($0.id) }
        }
        var awaiting = try await waiting(.decision, .approve)
        var identityRequests = try await waiting(.identityRequest, .viewIdentity)
        var more = awaiting.count > length || identityRequests.count > length
        awaiting = Array(awaiting.prefix(length))
        identityRequests = Array(identityRequests.prefix(length))
        var clocks: [Clock] = []
        var numbers: [String: String] = [:]
        if inspection.repliesEnabled {
            // Acknowledgements fall due in order of arrival: the oldest unanswered are the most urgent.
            let waiting = try await store.realNameReportsWithoutReply(inspectionID: inspectionID, limit: length + 1).filter {
                !hidden.contains($0.id)
            }
            for report in waiting.prefix(length) {
                clocks += self.clocks(report, inspection: inspection, replied: false, referrals: [])
                numbers[report.id] = report.number
            }
            if waiting.count > length, clocks.last?.standing.needsAttention == true { more = true }
        }
        let open = try await store.referrals(inspectionID: inspectionID).filter {
            ($0.state == .draft || $0.state == .sent) && !hidden.contains($0.reportID)
        }
        let referred = Dictionary(try await store.reports(ids: Array(Set(open.map(\.reportID)))).map { ($0.id, $0) }) { a, _ in a }
        for referral in open {
            guard let report = referred[referral.reportID] else { continue }
            clocks += self.clocks(report, inspection: inspection, replied: true, referrals: [referral])
            numbers[report.id] = report.number
        }
        func urgency(_ c: Clock) -> Int {
            switch c.standing {
            case .overdue(let n): -n
            case .dueSoon(let n), .open(let n): n
            case .calendarUnknown: Int.max
            }
        }
        let due = clocks.filter(\.standing.needsAttention).sorted { urgency($0) < urgency($1) }
        return Agenda(
            awaitingApproval: awaiting,
            identityRequests: identityRequests,
            clocks: Array(due.prefix(length)),
            numbers: numbers,
            more: more || due.count > length
        )
    }
}

extension StaffDesk {
    /// The leaders, deputies and members of the caller's inspection (for assigning and filtering).
    public func colleagues(_ caller: Caller) async throws -> [StaffUser] {
        guard case .staff(let user) = caller, user.isReady, let inspectionID = user.inspectionID else { return [] }
        return try await store.users().filter {
            $0.inspectionID == inspectionID && $0.role != .admin && $0.role != .liaison && $0.access == .confirmed
        }
    }
}
