/// Every kind of change the audit chain records, each with the name staff read in the trail.
/// The raw values are what the chain stores and hashes: never rename one, only add.
public enum AuditAction: String, Sendable, Hashable, CaseIterable, Codable {
    case reportReceived = "report.received"
    case reportAddedTo = "report.added_to"
    case reportScreened = "report.screened"
    case reportDecided = "report.decided"
    case reportReplied = "report.replied"
    case reportQueryCodeChanged = "report.query_code_changed"
    case reportAttachmentsAdded = "report.attachments_added"
    case reportAttachmentViewed = "report.attachment_viewed"
    case reportIdentityViewed = "report.identity_viewed"
    case reportClaimed = "report.claimed"
    case reportAssigned = "report.assigned"
    case reportNoted = "report.noted"
    case decisionProposed = "report.decision_proposed"
    case decisionApproved = "report.decision_approved"
    case decisionReturned = "report.decision_returned"
    case decisionReopened = "report.decision_reopened"
    case leadCreated = "lead.created"
    case leadReportAdded = "lead.report_added"
    case leadReportRemoved = "lead.report_removed"
    case referralDrafted = "referral.drafted"
    case referralCancelled = "referral.cancelled"
    case referralEdited = "referral.edited"
    case referralSent = "referral.sent"
    case referralAnswered = "referral.answered"
    case inspectionCreated = "inspection.created"
    case rosterImported = "roster.imported"
    case staffCreated = "staff.created"
    case staffPasswordSet = "staff.password_set"
    case staffLogin = "staff.login"
    case staffLogout = "staff.logout"
    // Leads, working papers and the handover (docs/workflow.md).
    case leadUpdated = "lead.updated"
    case leadPrincipalMarked = "lead.principal_marked"
    case leadMaterialAdded = "lead.material_added"
    case leadMaterialViewed = "lead.material_viewed"
    case leadHandedOver = "lead.handed_over"
    case paperDrafted = "paper.drafted"
    case paperEdited = "paper.edited"
    case paperSubmitted = "paper.submitted"
    case paperReturned = "paper.returned"
    case paperReviewed = "paper.reviewed"
    case paperSigned = "paper.signed"
    case handoverCreated = "handover.created"
    case handoverDownloaded = "handover.downloaded"
    // The ledgers and what follows the handover (docs/ledgers.md).
    case ledgerExported = "ledger.exported"
    case leadOutcomeRecorded = "lead.outcome_recorded"
    case leadClosedOut = "lead.closed_out"
    case rectificationAdded = "rectification.added"
    case rectificationUpdated = "rectification.updated"
    // The inspection's scope as data (docs/roster.md).
    case scopeUpdated = "scope.updated"
    // The two-person rule and the second factor (docs/security.md).
    case staffAccessConfirmed = "staff.access_confirmed"
    case staffAccessRevoked = "staff.access_revoked"
    case staffPasswordReset = "staff.password_reset"
    case staffSecondFactorEnrolled = "staff.second_factor_enrolled"
    case staffRecoveryCodeUsed = "staff.recovery_code_used"
    // 回避 and the approved view of a reporter's identity (docs/security.md).
    case exclusionDeclared = "report.exclusion_declared"
    case exclusionLifted = "report.exclusion_lifted"
    case identityRequested = "report.identity_requested"
    case identityRequestApproved = "report.identity_request_approved"
    case identityRequestRefused = "report.identity_request_refused"

    /// What the audit trail shows staff.
    public var chineseName: String {
        switch self {
        case .reportReceived: "登记反映"
        case .reportAddedTo: "反映人补充材料"
        case .reportScreened: "初筛"
        case .reportDecided: "处理决定"
        case .reportReplied: "答复反映人"
        case .reportQueryCodeChanged: "反映人修改查询码"
        case .reportAttachmentsAdded: "保存附件"
        case .reportAttachmentViewed: "下载附件"
        case .reportIdentityViewed: "查看反映人身份"
        case .reportClaimed: "归入本巡察并编号"
        case .reportAssigned: "分配承办人"
        case .reportNoted: "内部备注"
        case .decisionProposed: "提出处理意见"
        case .decisionApproved: "批准处理意见"
        case .decisionReturned: "退回处理意见"
        case .decisionReopened: "重新打开处理决定"
        case .leadCreated: "建立问题线索"
        case .leadReportAdded: "反映并入线索"
        case .leadReportRemoved: "反映移出线索"
        case .referralDrafted: "生成转办件"
        case .referralCancelled: "撤销转办件"
        case .referralEdited: "修改转办件"
        case .referralSent: "发出转办件"
        case .referralAnswered: "登记转办反馈"
        case .inspectionCreated: "创建巡察"
        case .rosterImported: "导入名册"
        case .staffCreated: "创建账号"
        case .staffPasswordSet: "设置密码"
        case .staffLogin: "登录"
        case .staffLogout: "退出"
        case .leadUpdated: "修改问题线索"
        case .leadPrincipalMarked: "变更一把手线索标记"
        case .leadMaterialAdded: "上传线索材料"
        case .leadMaterialViewed: "下载线索材料"
        case .leadHandedOver: "问题线索移交"
        case .paperDrafted: "起草问题底稿"
        case .paperEdited: "修改问题底稿"
        case .paperSubmitted: "提交问题底稿"
        case .paperReturned: "退回问题底稿"
        case .paperReviewed: "审核问题底稿"
        case .paperSigned: "签发问题底稿"
        case .handoverCreated: "生成移交档案"
        case .handoverDownloaded: "下载移交档案"
        case .ledgerExported: "导出或打印台账"
        case .leadOutcomeRecorded: "登记线索处置结果"
        case .leadClosedOut: "问题线索销号"
        case .rectificationAdded: "新增整改问题"
        case .rectificationUpdated: "更新整改情况"
        case .scopeUpdated: "修改巡察范围（下一级单位）"
        case .staffAccessConfirmed: "确认查阅权限"
        case .staffAccessRevoked: "撤销查阅权限"
        case .staffPasswordReset: "管理员重置密码"
        case .staffSecondFactorEnrolled: "启用两步验证"
        case .staffRecoveryCodeUsed: "使用恢复码登录"
        case .exclusionDeclared: "决定回避"
        case .exclusionLifted: "解除回避"
        case .identityRequested: "申请查看反映人身份"
        case .identityRequestApproved: "批准查看反映人身份"
        case .identityRequestRefused: "不批准查看反映人身份"
        }
    }

    /// The kind of record an action is about, as the chain stores it.
    public var subjectType: AuditSubjectType {
        switch self {
        case .reportReceived, .reportAddedTo, .reportScreened, .reportDecided, .reportReplied, .reportQueryCodeChanged,
            .reportAttachmentsAdded, .reportAttachmentViewed, .reportIdentityViewed, .reportClaimed, .reportAssigned, .reportNoted,
            .decisionProposed, .decisionApproved, .decisionReturned, .decisionReopened, .exclusionDeclared, .exclusionLifted, .identityRequested,
            .identityRequestApproved, .identityRequestRefused:
            .report
        case .leadCreated, .leadReportAdded, .leadReportRemoved: .lead
        case .referralDrafted, .referralCancelled: .referral
        case .referralEdited, .referralSent, .referralAnswered: .referral
        case .inspectionCreated, .rosterImported, .scopeUpdated: .inspection
        case .staffCreated, .staffPasswordSet, .staffLogin, .staffLogout, .staffAccessConfirmed, .staffAccessRevoked, .staffPasswordReset,
            .staffSecondFactorEnrolled, .staffRecoveryCodeUsed:
            .staff
        case .leadUpdated, .leadPrincipalMarked, .leadMaterialAdded, .leadMaterialViewed, .leadHandedOver: .lead
        case .paperDrafted, .paperEdited, .paperSubmitted, .paperReturned, .paperReviewed, .paperSigned: .paper
        case .handoverCreated, .handoverDownloaded: .handover
        case .ledgerExported: .inspection
        case .leadOutcomeRecorded, .leadClosedOut: .lead
        case .rectificationAdded, .rectificationUpdated: .rectification
        }
    }
}

/// The kinds of record audit events are about.
public enum AuditSubjectType: String, Sendable, Hashable, CaseIterable, Codable {
    case report
    case inspection
    case staff
    case lead
    case referral
    case paper
    case handover
    case rectification
}

/// Who made a change, as the chain stores it: `public` (a reporter, never identified), `system`
/// (Xuncha itself), `user:<id>` (a staff account) or `cli:<name>` (whoever ran the command line
/// on the data folder, by the name they gave).
public enum AuditActor: Sendable, Hashable {
    case reporter
    case system
    case user(id: String)
    case commandLine(name: String)

    public var stored: String {
        switch self {
        case .reporter: "public"
        case .system: "system"
        case .user(let id): "user:\(id)"
        case .commandLine(let name): "cli:\(name)"
        }
    }

    /// Reads a stored actor; nil for a value this version does not know.
    public init?(stored: String) {
        switch stored {
        case "public": self = .reporter
        case "system": self = .system
        default:
            if stored.hasPrefix("user:") {
                self = .user(id: String(stored.dropFirst(5)))
            } else if stored.hasPrefix("cli:") {
                self = .commandLine(name: String(stored.dropFirst(4)))
            } else {
                return nil
            }
        }
    }

    /// The staff account behind the change, if it was one.
    public var userID: String? {
        if case .user(let id) = self { return id }
        return nil
    }

    /// How the trail names the actor when it is not a staff account (whose display name the caller knows).
    public var chineseName: String {
        switch self {
        case .reporter: "反映人"
        case .system: "系统"
        case .user(let id): "账号 \(id.prefix(8))"
        case .commandLine(let name): "命令行（\(name)）"
        }
    }
}

extension AuditEvent {
    /// The action as this version knows it; nil for one written by a newer version.
    public var knownAction: AuditAction? { AuditAction(rawValue: action) }
    public var knownActor: AuditActor? { AuditActor(stored: actor) }
}
