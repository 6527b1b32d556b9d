/// What callers may do, as one table: who (a staff role, the command line, the system) may do
/// which action to what (their own inspection, another, a report no inspection claimed yet, or the
/// installation as a whole). Every use case asks `Caller.may` before it acts; a test checks the
/// whole table cell by cell (PermissionTableTests).
public enum StaffAction: String, Sendable, Hashable, CaseIterable {
    /// The inbox, a report's page, its attachments, screening and trail.
    case readReports
    /// Take down a call, letter or visit.
    case register
    /// Record a decision (处置) on a report.
    case decide
    /// Approve or send back a member's proposed decision.
    case approve
    /// Give a report to a member to handle (承办).
    case assign
    /// Write a public reply to a reporter (inspections that reply at all).
    case reply
    /// Open a reporter's sealed identity (and a caller's number, a sender as written), and approve
    /// a member's request to open it once; every view is audited.
    case viewIdentity
    /// Ask the leader to see one report's reporter, with a reason.
    case requestIdentity
    /// Screen an inspection's reports again.
    case rescreen
    /// Work on leads: their summary and kind, material, drafting working papers.
    case workOnLeads
    /// Review a working paper before the leader signs it (副组长).
    case reviewPaper
    /// Sign a working paper off, and see the leads about the unit's principal (组长).
    case signPaper
    /// Send a referral, once its masked text is reviewed.
    case sendReferral
    /// Record a recipient's feedback on a referral.
    case recordFeedback
    /// Make and download the handover archives.
    case handOver
    /// Keep the rectification ledger (整改台账): staff, and the inspected unit's liaison.
    case rectify
    /// Ledgers and files that leave the system (without identities: those need viewIdentity too).
    case export
    /// The statistics of an inspection: counts only, never a report's content.
    case viewStatistics
    /// Create and change inspections.
    case manageInspections
    /// Replace an inspection's roster.
    case manageRoster
    /// Create staff accounts.
    case manageAccounts
    /// Confirm or revoke who of the inspection sees its reports (the two-person rule).
    case confirmAccess
    /// Keep a member away from a report (回避), or lift an automatic exclusion of a namesake.
    case exclude

    public var chineseName: String {
        switch self {
        case .readReports: "查阅反映"
        case .register: "登记来电来信来访"
        case .decide: "作出处理决定"
        case .approve: "审批处理意见"
        case .assign: "分配承办人"
        case .reply: "答复反映人"
        case .viewIdentity: "查看反映人身份"
        case .requestIdentity: "申请查看反映人身份"
        case .rescreen: "重新初筛"
        case .workOnLeads: "办理问题线索"
        case .reviewPaper: "审核问题底稿"
        case .signPaper: "签发问题底稿"
        case .sendReferral: "发出转办件"
        case .recordFeedback: "登记转办反馈"
        case .handOver: "移交问题线索"
        case .rectify: "填报整改台账"
        case .export: "导出"
        case .viewStatistics: "查看统计"
        case .manageInspections: "管理巡察"
        case .manageRoster: "管理名册"
        case .manageAccounts: "管理账号"
        case .confirmAccess: "确认查阅权限"
        case .exclude: "决定回避"
        }
    }
}

/// How what is acted on relates to the caller.
public enum AccessRelation: String, Sendable, Hashable, CaseIterable {
    /// The caller's own inspection, or a report of it.
    case own
    /// Another inspection, or a report of another.
    case other
    /// A report no inspection claimed yet.
    case unassigned
    /// The installation as a whole (accounts, the list of inspections).
    case installation
}

/// Who the table speaks of: the three staff roles and the two callers that are not accounts.
public enum PermissionHolder: String, Sendable, Hashable, CaseIterable {
    case admin
    case leader
    case deputy
    case member
    case liaison
    case commandLine
    case system

    public init(_ role: StaffRole) {
        switch role {
        case .admin: self = .admin
        case .leader: self = .leader
        case .deputy: self = .deputy
        case .member: self = .member
        case .liaison: self = .liaison
        }
    }
}

public enum Permissions {
    /// Every relation: for callers whose reach is the whole data folder.
    static let anywhere = Set(AccessRelation.allCases)

    /// The table. The admin configures the installation and reads no report; leaders, deputies and
    /// members work on their own inspection (and see reports no inspection claimed, so nothing sent
    /// before the group was set up is lost from sight); only the leader approves, assigns, opens a
    /// reporter's identity, signs working papers, hands leads over and confirms who of the inspection
    /// sees its reports; the deputy reviews papers. The command
    /// line is run by whoever holds the data folder and its key file (it writes handover archives,
    /// `xuncha handover export`); the system acts on its own account for mail and re-screening.
    static let table: [PermissionHolder: [StaffAction: Set<AccessRelation>]] = [
        .admin: [
            .viewStatistics: anywhere,
            .manageInspections: anywhere,
            .manageRoster: anywhere,
            .manageAccounts: anywhere,
        ],
        .leader: [
            .readReports: [.own, .unassigned],
            .register: [.own],
            .decide: [.own],
            .approve: [.own],
            .assign: [.own],
            .reply: [.own],
            .viewIdentity: [.own],
            .rescreen: [.own],
            .export: [.own],
            .viewStatistics: [.own],
            .workOnLeads: [.own],
            .reviewPaper: [.own],
            .signPaper: [.own],
            .sendReferral: [.own],
            .recordFeedback: [.own],
            .handOver: [.own],
            .rectify: [.own],
            .confirmAccess: [.own],
            .exclude: [.own],
        ],
        .deputy: [
            .readReports: [.own, .unassigned],
            .requestIdentity: [.own],
            .register: [.own],
            .decide: [.own],
            .reply: [.own],
            .rescreen: [.own],
            .viewStatistics: [.own],
            .workOnLeads: [.own],
            .reviewPaper: [.own],
            .sendReferral: [.own],
            .recordFeedback: [.own],
            .export: [.own],
            .rectify: [.own],
        ],
        .member: [
            .readReports: [.own, .unassigned],
            .requestIdentity: [.own],
            .register: [.own],
            .decide: [.own],
            .reply: [.own],
            .rescreen: [.own],
            .viewStatistics: [.own],
            .workOnLeads: [.own],
            .sendReferral: [.own],
            .recordFeedback: [.own],
            .export: [.own],
            .rectify: [.own],
        ],
        // A recipient's liaison reads no report: only the referrals sent to it (checked by the
        // referral desk against the account's recipient), and reports back on them.
        .liaison: [
            .recordFeedback: [.own],
            .rectify: [.own],
        ],
        .commandLine: [
            .readReports: anywhere,
            .register: anywhere,
            .rescreen: anywhere,
            .export: anywhere,
            .viewStatistics: anywhere,
            .handOver: anywhere,
            .manageInspections: anywhere,
            .manageRoster: anywhere,
            // Only a leader of an inspection that has no confirmed leader yet (StaffDesk+Access).
            .confirmAccess: anywhere,
        ],
        .system: [
            .register: anywhere,
            .rescreen: anywhere,
            .manageInspections: anywhere,
            .manageAccounts: anywhere,
        ],
    ]

    public static func allows(_ holder: PermissionHolder, _ action: StaffAction, _ relation: AccessRelation) -> Bool {
        table[holder]?[action]?.contains(relation) ?? false
    }

    /// Whether the holder may do the action to anything at all: a role that never may is refused
    /// outright (403), one that may elsewhere is told the thing was not found (404), so nobody
    /// learns what exists in another inspection.
    public static func allowsAnywhere(_ holder: PermissionHolder, _ action: StaffAction) -> Bool {
        !(table[holder]?[action]?.isEmpty ?? true)
    }
}

extension StaffUser {
    /// How an inspection (nil: none yet, or the installation) relates to this account.
    public func relation(toInspection id: String?, installationWide: Bool = false) -> AccessRelation {
        if installationWide { return .installation }
        guard let id else { return .unassigned }
        return id == inspectionID ? .own : .other
    }

    /// Whether the table lets this account do `action` to something of inspection `inspectionID`
    /// (nil: a report no inspection claimed). Accounts that must change their password first, or
    /// wait for a leader's confirmation, may do nothing.
    public func may(_ action: StaffAction, inspectionID: String?) -> Bool {
        isReady && Permissions.allows(PermissionHolder(role), action, relation(toInspection: inspectionID))
    }

    public func may(_ action: StaffAction, on report: Report) -> Bool { may(action, inspectionID: report.inspectionID) }

    /// Actions on the installation as a whole: accounts, the list of inspections.
    public func mayOnInstallation(_ action: StaffAction) -> Bool {
        isReady && Permissions.allows(PermissionHolder(role), action, .installation)
    }
}
