import Foundation

/// A lead as its ledger lists it: the lead, the register numbers of its reports, its working
/// paper, and the handover it went in.
public struct LeadLedgerEntry: Sendable, Equatable {
    public var lead: Lead
    public var sourceNumbers: [String]
    public var paperState: PaperState?
    public var handoverNumber: String?
    public var handedOverOn: CivilDate?

    public init(lead: Lead, sourceNumbers: [String], paperState: PaperState?, handoverNumber: String?, handedOverOn: CivilDate?) {
        self.lead = lead
        self.sourceNumbers = sourceNumbers
        self.paperState = paperState
        self.handoverNumber = handoverNumber
        self.handedOverOn = handedOverOn
    }

    /// 纪委监委, or the inspected unit for an immediate fix.
    public var recipientText: String {
        LeadKind(rawValue: lead.kind)?.receiverChineseName ?? ""
    }
}

/// A referral as its ledger lists it, with the register number of the report it carries.
public struct ReferralLedgerEntry: Sendable, Equatable {
    public var referral: Referral
    public var reportNumber: String?

    public init(referral: Referral, reportNumber: String?) {
        self.referral = referral
        self.reportNumber = reportNumber
    }
}

extension Ledger {
    /// The lead ledger (问题线索台账), in the order the leads were opened.
    public static func leads(group: String, entries: [LeadLedgerEntry]) -> Ledger {
        make(
            .leads,
            group: group,
            columns: [
                (LedgerColumn("线索编号"), { .text($0.lead.number) }),
                (LedgerColumn("来源（反映编号）"), { .of($0.sourceNumbers.joined(separator: "、")) }),
                (LedgerColumn("被反映人"), { .of($0.lead.subject.name) }),
                (LedgerColumn("单位职务"), { .of($0.lead.subject.unit + $0.lead.subject.post) }),
                (LedgerColumn("问题类型"), { .of(LeadKind(rawValue: $0.lead.kind)?.chineseName) }),
                (LedgerColumn("主要问题", isLong: true), { .of($0.lead.summary) }),
                (LedgerColumn("问题底稿"), { .text($0.paperState?.chineseName ?? "未起草") }),
                (LedgerColumn("移交对象"), { .of($0.recipientText) }),
                (LedgerColumn("移交日期"), { .of($0.handedOverOn) }),
                (LedgerColumn("移交清单编号"), { .of($0.handoverNumber) }),
                (LedgerColumn("处置方式"), { .of($0.lead.outcome?.disposition.chineseName) }),
                (LedgerColumn("办理结果", isLong: true), { .of($0.lead.outcome?.result) }),
                (LedgerColumn("是否销号"), { .text($0.lead.state == .closed ? "已销号" : "未销号") }),
            ],
            records: entries,
            withIdentities: false
        )
    }

    /// The referral ledger (转办件台账): the referrals given, late ones marked against `today`.
    public static func referrals(group: String, entries: [ReferralLedgerEntry], today: CivilDate) -> Ledger {
        make(
            .referrals,
            group: group,
            columns: [
                (LedgerColumn("转办编号"), { .text($0.referral.number) }),
                (LedgerColumn("反映编号"), { .of($0.reportNumber) }),
                (LedgerColumn("转办对象"), { .text($0.referral.recipient) }),
                (LedgerColumn("状态"), { .text($0.referral.state.chineseName) }),
                (LedgerColumn("发出日期"), { .of($0.referral.sentAt.map(CivilDate.init(beijingDayOf:))) }),
                (LedgerColumn("反馈期限"), { .of($0.referral.feedbackDue) }),
                (LedgerColumn("反馈日期"), { .of($0.referral.feedbackAt.map(CivilDate.init(beijingDayOf:))) }),
                (LedgerColumn("核实情况"), { .of($0.referral.recordedFinding?.chineseName ?? $0.referral.finding) }),
                (LedgerColumn("办结情况"), { .of($0.referral.recordedClosure?.chineseName ?? $0.referral.closure) }),
                (LedgerColumn("反馈内容", isLong: true), { .of($0.referral.feedback) }),
                (LedgerColumn("是否逾期"), { .text($0.referral.isOverdue(on: today) ? "逾期" : "否") }),
            ],
            records: entries,
            withIdentities: false
        )
    }

    /// The rectification ledger (整改台账), in the order the problems were entered.
    public static func rectification(group: String, items: [RectificationItem]) -> Ledger {
        make(
            .rectification,
            group: group,
            columns: [
                (LedgerColumn("存在问题", isLong: true), { .text($0.problem) }),
                (LedgerColumn("整改措施", isLong: true), { .of($0.measure) }),
                (LedgerColumn("责任人"), { .of($0.responsible) }),
                (LedgerColumn("完成时限"), { .of($0.deadline) }),
                (LedgerColumn("整改进展", isLong: true), { .of($0.progress) }),
                (LedgerColumn("佐证材料"), { .of($0.evidence) }),
                (LedgerColumn("状态"), { .text($0.state.chineseName) }),
            ],
            records: items,
            withIdentities: false
        )
    }
}
