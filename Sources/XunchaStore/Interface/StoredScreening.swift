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

public struct ScreeningGeneration: Sendable, Hashable {
    public var reports: Int
    public var inspectionEvent: Int
}
