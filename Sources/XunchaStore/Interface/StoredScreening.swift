import Foundation
import XunchaCore

/// A report's latest screening as stored: the record and when it was made.
public struct StoredScreening: Sendable, Hashable {
    public var record: ScreeningRecord
    public var screenedAt: Date

    public init(record: ScreeningRecord, screenedAt: Date) {
        self.record = record
        self.screenedAt = screenedAt
    }
}

/// What the inbox shows of a screening without decoding the whole record.
public struct ScreeningSummary: Sendable, Hashable {
    public var suggestion: SuggestionKind
    public var topDiscipline: Discipline?
    public var rulesVersion: String
}

/// A stored report's text and arrival, as the screener reads it.
public struct ReportText: Sendable, Hashable {
    public var id: String
    /// `Report.screeningText`: the content and any additions.
    public var content: String
    public var arrival: ScreeningArrival
}

/// Whether an inspection's screening inputs changed after an audit event (`Store.screeningChanges`).
/// Reports are not among them: the near-duplicate index is in the database, which every
/// screening reads anew.
public struct ScreeningChanges: Sendable, Hashable {
    /// The last event looked at: the next look starts after it.
    public var seq: Int
    /// The inspection, its roster or scope changed: the screener is built again.
    public var rebuild = false

    public init(seq: Int) { self.seq = seq }

    /// The actions that change what a screener holds.
    public static let actions: [AuditAction] = [.inspectionCreated, .rosterImported, .scopeUpdated]
}
