import Foundation

/// A member's request to see one report's reporter (to call a named reporter back, say): the
/// leader approves or refuses it, and an approval opens the identity once for that member.
public struct IdentityRequest: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case pending, approved, refused
        /// Approved and opened: an approval is good for one view.
        case used

        public var chineseName: String {
            switch self {
            case .pending: "待组长审批"
            case .approved: "已批准，可查看一次"
            case .refused: "未批准"
            case .used: "已查看"
            }
        }
    }

    public var id: String
    public var reportID: String
    public var requestedBy: String
    public var reason: String
    public var requestedAt: Date
    public var state: State
    public var decidedBy: String?
    public var decidedAt: Date?
    /// The leader's remark with the decision, if any.
    public var note: String

    public init(
        id: String,
        reportID: String,
        requestedBy: String,
        reason: String,
        requestedAt: Date,
        state: State = .pending,
        decidedBy: String? = nil,
        decidedAt: Date? = nil,
        note: String = ""
    ) {
        self.id = id
        self.reportID = reportID
        self.requestedBy = requestedBy
        self.reason = reason
        self.requestedAt = requestedAt
        self.state = state
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.note = note
    }

    /// Pending or approved and not yet used: a member has at most one such per report.
    public var isOpen: Bool { state == .pending || state == .approved }
}
