import Foundation

/// A public reply of the inspection group to a report's reporter: the staff's own text, shown on
/// the status page. It never carries the reporter's identity.
public struct ReportReply: Sendable, Equatable {
    public var reportID: String
    /// 0, 1, 2 … in the order the replies were written.
    public var ordinal: Int
    public var writtenAt: Date
    /// The staff user who wrote it (shown to staff, not to the reporter).
    public var authorID: String
    public var content: String

    public init(reportID: String, ordinal: Int, writtenAt: Date, authorID: String, content: String) {
        self.reportID = reportID
        self.ordinal = ordinal
        self.writtenAt = writtenAt
        self.authorID = authorID
        self.content = content
    }
}
