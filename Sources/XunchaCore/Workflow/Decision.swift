import Foundation

/// A decision on a report (处置): what to do with it and why. A member proposes; the leader
/// approves it or sends it back with a reason; only an approved decision changes the report's
/// state, and the leader may reopen one (with a reason) when it must change. A leader's own
/// proposal is approved by them as it is made. Decisions are appended and moved along their
/// states, never deleted: the report's history shows every one.
public struct Decision: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable, CaseIterable {
        /// Waiting for the leader.
        case proposed
        /// In force: the report's state follows it.
        case approved
        /// Sent back by the leader with a reason; the member may propose again.
        case returned
        /// Replaced by a newer proposal before the leader acted on it.
        case withdrawn
        /// Was in force until the leader reopened the report, with a reason.
        case reopened

        public var chineseName: String {
            switch self {
            case .proposed: "待组长审批"
            case .approved: "已批准"
            case .returned: "已退回"
            case .withdrawn: "已撤回"
            case .reopened: "已重新打开"
            }
        }
    }

    /// 0, 1, 2 … per report, in the order proposed.
    public var ordinal: Int
    public var outcome: SuggestionKind
    public var reason: String
    /// For a referral: who it goes to (the inspected unit, a named department …).
    public var recipient: String?
    /// For a repeat: the earlier report whose thread it joins.
    public var duplicateOf: String?
    /// For an acceptance: the lead it joins (chosen, or made when approved).
    public var leadID: String?
    /// The report's category as the member confirmed or corrected it (the screened one when
    /// they left it), covered by the leader's approval: what the learned layer learns from.
    /// Nil for decisions made before categories were kept.
    public var category: ReportCategory?
    /// Further disciplines the conduct touches besides `category`.
    public var alsoDisciplines: [Discipline]
    /// What screening suggested when the decision was proposed.
    public var suggestion: SuggestionKind?
    public var rulesVersion: String?
    /// Stored actors (`user:<id>`).
    public var proposedBy: String
    public var proposedAt: Date
    public var state: State
    /// Who approved or returned it, when, and the leader's words.
    public var reviewedBy: String?
    public var reviewedAt: Date?
    public var reviewComment: String
    public var reopenedBy: String?
    public var reopenedAt: Date?
    public var reopenReason: String

    public init(
        ordinal: Int,
        outcome: SuggestionKind,
        reason: String,
        recipient: String? = nil,
        duplicateOf: String? = nil,
        leadID: String? = nil,
        category: ReportCategory? = nil,
        alsoDisciplines: [Discipline] = [],
        suggestion: SuggestionKind?,
        rulesVersion: String?,
        proposedBy: String,
        proposedAt: Date,
        state: State = .proposed,
        reviewedBy: String? = nil,
        reviewedAt: Date? = nil,
        reviewComment: String = "",
        reopenedBy: String? = nil,
        reopenedAt: Date? = nil,
        reopenReason: String = ""
    ) {
        self.ordinal = ordinal
        self.outcome = outcome
        self.reason = reason
        self.recipient = recipient
        self.duplicateOf = duplicateOf
        self.leadID = leadID
        self.category = category
        self.alsoDisciplines = alsoDisciplines
        self.suggestion = suggestion
        self.rulesVersion = rulesVersion
        self.proposedBy = proposedBy
        self.proposedAt = proposedAt
        self.state = state
        self.reviewedBy = reviewedBy
        self.reviewedAt = reviewedAt
        self.reviewComment = reviewComment
        self.reopenedBy = reopenedBy
        self.reopenedAt = reopenedAt
        self.reopenReason = reopenReason
    }

    /// True when staff chose what the screening suggested.
    public var confirmsSuggestion: Bool { suggestion == outcome }

    /// The longest reason kept: a few sentences, not a file.
    public static let maxReasonLength = 2_000
    public static let maxRecipientLength = 100
}

extension [Decision] {
    /// The decision in force, if any.
    public var inForce: Decision? { last { $0.state == .approved } }
    /// The proposal waiting for the leader, if any.
    public var pending: Decision? { last { $0.state == .proposed } }
}

/// A proposal as staff make it, checked before anything is stored.
public struct DecisionProposal: Sendable, Hashable {
    public var outcome: SuggestionKind
    public var reason: String
    public var recipient: String?
    public var duplicateOf: String?
    /// The category the member confirms or corrects (nil: the screened one stands).
    public var category: ReportCategory?
    public var alsoDisciplines: [Discipline]

    public init(
        outcome: SuggestionKind,
        reason: String,
        recipient: String? = nil,
        duplicateOf: String? = nil,
        category: ReportCategory? = nil,
        alsoDisciplines: [Discipline] = []
    ) {
        self.outcome = outcome
        self.reason = reason
        self.recipient = recipient
        self.duplicateOf = duplicateOf
        self.category = category
        self.alsoDisciplines = alsoDisciplines
    }

    /// Refuses what cannot be a decision: overruling the suggestion without a reason, a referral
    /// without a recipient, a repeat without the report it repeats; and trims the rest.
    public func validated(suggestion: SuggestionKind?) throws(InputError) -> DecisionProposal {
        var p = self
        p.reason = try Self.checkedReason(reason, required: suggestion.map { $0 != outcome } ?? false, whenRequired: Self.overruleRequiresReason)
        p.recipient = recipient.map(TextLimits.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        p.duplicateOf = duplicateOf.map(TextLimits.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        switch outcome {
        case .refer:
            guard let r = p.recipient else {
                throw InputError(code: "recipient_required", zh: "转办须写明转给哪个单位或部门。", en: "a referral needs a recipient.", field: "recipient")
            }
            try TextLimits.check(r, field: "recipient", labelZH: "转办对象", max: Decision.maxRecipientLength)
        case .duplicate:
            guard p.duplicateOf != nil else {
                throw InputError(
                    code: "duplicate_of_required",
                    zh: "重复件须写明与哪一件反映重复（登记编号）。",
                    en: "a repeat needs the earlier report it repeats.",
                    field: "duplicate_of"
                )
            }
        case .accept, .file, .reject:
            break
        }
        if category == .neutral {
            throw InputError(code: "invalid_category", zh: "请选择问题类别。", en: "category must be a discipline or a non-lead kind.", field: "category")
        }
        // The main discipline is not "also"; each further one once, in the 条例's order.
        p.alsoDisciplines = Discipline.allCases.filter { d in alsoDisciplines.contains(d) && category != .discipline(d) }
        if p.outcome != .refer { p.recipient = nil }
        if p.outcome != .duplicate { p.duplicateOf = nil }
        return p
    }

    static let overruleRequiresReason = InputError(
        code: "comment_required",
        zh: "改变初筛建议时请说明理由。",
        en: "a reason is required when overruling the suggestion.",
        field: "reason"
    )

    /// A remark with an approval: optional, bounded like any reason.
    public static func optionalReason(_ text: String) throws(InputError) -> String {
        try checkedReason(text, required: false, whenRequired: overruleRequiresReason)
    }

    /// A reason for a return or a reopening: always required.
    public static func requiredReason(_ text: String) throws(InputError) -> String {
        try checkedReason(
            text,
            required: true,
            whenRequired: InputError(code: "reason_required", zh: "请写明理由。", en: "a reason is required.", field: "reason")
        )
    }

    static func checkedReason(_ text: String, required: Bool, whenRequired: InputError) throws(InputError) -> String {
        let trimmed = TextLimits.trimmed(text)
        if trimmed.isEmpty, required { throw whenRequired }
        try TextLimits.check(trimmed, field: "reason", labelZH: "理由", max: Decision.maxReasonLength)
        return trimmed
    }
}

extension SuggestionKind {
    /// The status a report takes when a decision on this outcome is approved.
    public var reportStatus: ReportStatus {
        switch self {
        case .accept: .accepted
        case .refer: .referred
        case .file: .filed
        case .duplicate: .duplicate
        case .reject: .rejected
        }
    }
}
