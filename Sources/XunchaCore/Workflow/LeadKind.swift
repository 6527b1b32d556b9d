/// What a problem lead (问题线索) is about, which decides where it goes when the inspection ends:
/// a lead is handed over (移交) to the body that deals with its kind, or, for a problem the
/// inspected unit can put right at once, sent to the unit as an immediate-fix notice (立行立改).
/// See docs/workflow.md, "Handover lists".
public enum LeadKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Breaches of Party discipline, misconduct in office and duty-related crime.
    case discipline
    /// Cadre selection and appointment, and the building of the leadership team.
    case organization
    /// Anything else, for the department in charge of the matter.
    case other
    /// A problem the unit can fix at once: a notice to the unit, not a handover.
    case immediateFix = "immediate_fix"

    public var chineseName: String {
        switch self {
        case .discipline: "违纪违法和职务违法犯罪问题"
        case .organization: "干部选拔任用和领导班子建设问题"
        case .other: "其他问题"
        case .immediateFix: "立行立改问题"
        }
    }

    /// Who receives the lead, as ledgers and statistics name them: the handover's recipient, or
    /// the inspected unit's Party organisation for an immediate fix.
    public var receiverChineseName: String { recipient?.chineseName ?? "被巡察党组织（立行立改）" }

    /// Who receives the lead in a handover; nil for an immediate fix, which goes to the inspected
    /// unit as a notice.
    public var recipient: HandoverRecipient? {
        switch self {
        case .discipline: .discipline
        case .organization: .organization
        case .other: .department
        case .immediateFix: nil
        }
    }

    /// The kind proposed from the disciplines screening found in a lead's reports (in any order):
    /// only organisational discipline (selection of cadres, concealment of personal matters,
    /// canvassing) → organization; any other discipline, alone or beside it → discipline, since a
    /// breach for the discipline commission outweighs the rest; none → other. Staff decide; this
    /// is a proposal, and an immediate fix is never proposed.
    public static func proposed(from disciplines: [Discipline]) -> LeadKind {
        if disciplines.isEmpty { return .other }
        return disciplines.allSatisfy { $0 == .organizational } ? .organization : .discipline
    }
}

/// Who receives handed-over leads. The raw value is stable: it names files and stored lists.
public enum HandoverRecipient: String, Sendable, Hashable, CaseIterable, Codable {
    /// 纪委监委: the discipline inspection commission and supervisory commission.
    case discipline
    /// 组织部: the Party committee's organisation department.
    case organization
    /// 有关部门: the department in charge of the matter.
    case department

    public var chineseName: String {
        switch self {
        case .discipline: "纪委监委"
        case .organization: "组织部"
        case .department: "有关部门"
        }
    }

    /// The kinds of lead this recipient receives.
    public var leadKinds: [LeadKind] { LeadKind.allCases.filter { $0.recipient == self } }
}
