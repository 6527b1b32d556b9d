/// Where a report stands. The public sees `publicDescription`, which never reveals more than the
/// group is willing to say (announcements often promise intake only).
public enum ReportStatus: String, Codable, Sendable, CaseIterable {
    /// Registered, waiting for screening and a staff decision.
    case received
    /// Accepted as a lead (受理).
    case accepted
    /// Referred to the inspected unit or a competent department (转办).
    case referred
    /// Filed for reference (存查).
    case filed
    /// Merged with an earlier report (重复件).
    case duplicate
    /// Not accepted for lack of substance (不予受理).
    case rejected

    public var displayName: String {
        switch self {
        case .received: "已登记，待审查"
        case .accepted: "已受理"
        case .referred: "已转办"
        case .filed: "已存查"
        case .duplicate: "重复件，已合并"
        case .rejected: "不予受理"
        }
    }

    public var publicDescription: String {
        switch self {
        case .received: "您的反映已收到并登记，巡察组正在审查。"
        case .accepted: "您的反映已由巡察组受理。"
        case .referred: "您的反映已按规定转有关单位或部门办理。"
        case .filed: "您的反映已登记存查。"
        case .duplicate: "您的反映与此前收到的反映内容相同，已合并处理。"
        case .rejected: "您的反映缺少具体内容，未予受理；欢迎补充具体情况后重新反映。"
        }
    }
}
