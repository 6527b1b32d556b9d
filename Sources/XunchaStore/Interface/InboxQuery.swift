import Foundation
import XunchaCore

/// A view of an inspection's reports: what to show (every filter the console offers), in what
/// order, and which page. Every value is bound, never pasted into SQL.
public struct InboxQuery: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable {
        case number, received, channel, named, suggestion, decision, assignee
    }

    /// Which decision a report has: none at all, one waiting for the leader, or one in force.
    public enum DecisionFilter: Sendable, Equatable {
        case undecided
        case pending
        case inForce(SuggestionKind)
    }

    public enum AssigneeFilter: Sendable, Equatable {
        case nobody
        case user(String)
    }

    /// The inspection; reports no inspection claimed are listed with it.
    public var inspectionID: String?
    public var keyword: String?
    public var status: ReportStatus?
    public var suggestion: SuggestionKind?
    public var decision: DecisionFilter?
    public var discipline: Discipline?
    public var channel: Channel?
    public var assignee: AssigneeFilter?
    /// A person's name, as the report names them or as it is written in the text.
    public var subject: String?
    public var named: Bool?
    public var receivedFrom: Date?
    public var receivedBefore: Date?
    /// Overdue clocks: named reports received before this moment still waiting for a reply (in
    /// inspections that reply), and referrals past their due day (ISO date) not sent or answered.
    public var overdue: (acknowledgeBefore: Date?, today: String)?
    public var sort: Sort = .received
    public var descending = true
    /// Reports handled by this account come first (a member's inbox), before the sort.
    public var assignedFirst: String?
    /// The account reading: the reports it is kept away from (回避) are not listed.
    public var reader: String?
    public var limit = 50
    public var offset = 0

    public init(inspectionID: String?) { self.inspectionID = inspectionID }

    public static func == (a: InboxQuery, b: InboxQuery) -> Bool {
        a.inspectionID == b.inspectionID && a.keyword == b.keyword && a.status == b.status && a.suggestion == b.suggestion
            && a.decision == b.decision && a.discipline == b.discipline && a.channel == b.channel && a.assignee == b.assignee
            && a.subject == b.subject && a.named == b.named && a.receivedFrom == b.receivedFrom && a.receivedBefore == b.receivedBefore
            && a.overdue?.acknowledgeBefore == b.overdue?.acknowledgeBefore && a.overdue?.today == b.overdue?.today && a.sort == b.sort
            && a.descending == b.descending && a.assignedFirst == b.assignedFirst && a.reader == b.reader && a.limit == b.limit
            && a.offset == b.offset
    }
}

/// Where a page of reports ended: the last report's arrival and id, the order's two keys.
public struct ReportCursor: Sendable, Hashable {
    let receivedAt: Int64
    let id: String

    /// The place just after `report` in newest-first order.
    public init(after report: Report) {
        receivedAt = AuditChain.millis(report.receivedAt)
        id = report.id
    }
}
