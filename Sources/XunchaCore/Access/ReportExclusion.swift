/// 回避: a staff account kept away from one report, its thread and its leads, and why. A member
/// whose name the report carries is kept away from it without anyone deciding so (the name is
/// matched against the report's text and the people it names); the leader can also declare one
/// for any reason, and lift one that matched a namesake. Everyone else who reads the report sees
/// who is kept away and why.
public struct ReportExclusion: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The report names the account's holder (its display name is in the text or the people named).
        case named
        /// The leader declared it.
        case declared
        /// The leader lifted a `named` one (a namesake): the account sees the report again.
        case lifted
    }

    public var reportID: String
    public var userID: String
    public var kind: Kind
    /// For `named`, the name found; otherwise the leader's reason.
    public var reason: String

    public init(reportID: String, userID: String, kind: Kind, reason: String) {
        self.reportID = reportID
        self.userID = userID
        self.kind = kind
        self.reason = reason
    }

    /// Whether the account is kept away from the report.
    public var keepsAway: Bool { kind != .lifted }

    /// What staff read about it.
    public var chineseReason: String {
        switch kind {
        case .named: "反映中出现其姓名（\(reason)），自动回避"
        case .declared: "组长决定回避：\(reason)"
        case .lifted: "同名误判，组长已解除回避：\(reason)"
        }
    }
}
