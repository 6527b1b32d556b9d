import XunchaCore

/// A proposed decision on a report: the outcome (`accept`, `refer`, `file`, `duplicate`,
/// `reject`), the reason (required when it differs from the screening's suggestion), and what the
/// outcome needs: a recipient to refer to, the earlier report a repeat repeats (its register
/// number), the lead an accepted report joins (`lead`: a lead's id, or empty for the one of the
/// person reported) and, for a new lead, the person it is about.
public struct DecisionInput: Decodable, Sendable {
    public var outcome: String
    public var reason: String?
    public var recipient: String?
    public var duplicateOf: String?
    public var lead: String?
    public var leadSubject: Subject?
    /// The category the member confirms or corrects (`integrity`, `personal_demand`); absent or
    /// empty: the screened one.
    public var category: String?
    /// Further disciplines the conduct touches (`["mass"]`).
    public var alsoDisciplines: [String]

    public init(
        outcome: String,
        reason: String? = nil,
        recipient: String? = nil,
        duplicateOf: String? = nil,
        lead: String? = nil,
        leadSubject: Subject? = nil,
        category: String? = nil,
        alsoDisciplines: [String] = []
    ) {
        self.outcome = outcome
        self.reason = reason
        self.recipient = recipient
        self.duplicateOf = duplicateOf
        self.lead = lead
        self.leadSubject = leadSubject
        self.category = category
        self.alsoDisciplines = alsoDisciplines
    }

    enum CodingKeys: String, CodingKey {
        case outcome, reason, comment, recipient, duplicateOf, lead, leadSubject, category, alsoDisciplines
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        outcome = try c.decodeIfPresent(String.self, forKey: .outcome) ?? ""
        // `comment` is the name the first version of the API used.
        reason = try c.decodeIfPresent(String.self, forKey: .reason) ?? c.decodeIfPresent(String.self, forKey: .comment)
        recipient = try c.nonEmptyString(.recipient)
        duplicateOf = try c.nonEmptyString(.duplicateOf)
        lead = try c.nonEmptyString(.lead)
        leadSubject = try c.decodeIfPresent(Subject.self, forKey: .leadSubject)
        category = try c.nonEmptyString(.category)
        alsoDisciplines = try c.decodeIfPresent([String].self, forKey: .alsoDisciplines) ?? []
    }

    /// The most further disciplines a decision may name (there are six in all).
    static let maxAlsoDisciplines = Discipline.allCases.count

    func proposal(suggestion: SuggestionKind?) throws(InputError) -> DecisionProposal {
        guard let kind = SuggestionKind(rawValue: TextLimits.trimmed(outcome)) else {
            throw InputError(
                code: "invalid_outcome",
                zh: "请选择处理方式（受理、转办、存查、重复件或不予受理）。",
                en: "outcome must be accept, refer, file, duplicate or reject.",
                field: "outcome"
            )
        }
        var chosen: ReportCategory?
        if let code = category.map(TextLimits.trimmed), !code.isEmpty {
            guard let c = ReportCategory(code: code), c != .neutral else {
                throw InputError(
                    code: "invalid_category",
                    zh: "问题类别不正确，请从六项纪律或不作为线索的类别中选择。",
                    en: "category must be one of the six disciplines or a non-lead kind.",
                    field: "category"
                )
            }
            chosen = c
        }
        guard alsoDisciplines.count <= Self.maxAlsoDisciplines else { throw Self.invalidAlso }
        let also = try alsoDisciplines.map { code throws(InputError) -> Discipline in
            guard let d = Discipline(rawValue: TextLimits.trimmed(code)) else { throw Self.invalidAlso }
            return d
        }
        return try DecisionProposal(
            outcome: kind,
            reason: reason ?? "",
            recipient: recipient,
            duplicateOf: duplicateOf,
            category: chosen,
            alsoDisciplines: also
        )
        .validated(suggestion: suggestion)
    }
}

extension DecisionInput {
    static let invalidAlso = InputError(
        code: "invalid_also_disciplines",
        zh: "另涉及的纪律不正确，请从六项纪律中选择。",
        en: "alsoDisciplines must list disciplines (political, organizational, integrity, mass, work, life).",
        field: "alsoDisciplines"
    )
}

/// A public reply of the group to a reporter.
public struct ReplyInput: Decodable, Sendable {
    public var content: String

    public init(content: String) { self.content = content }

    public init(from decoder: any Decoder) throws { content = try decoder.text(.content) }

    public static let maxLength = 5000

    func checked() throws(InputError) -> String {
        let trimmed = TextLimits.trimmed(content)
        if trimmed.isEmpty {
            throw InputError(code: "empty_content", zh: "请填写答复的内容。", en: "content must not be empty.", field: "content")
        }
        try TextLimits.check(trimmed, field: "content", labelZH: "答复内容", max: Self.maxLength)
        return trimmed
    }
}
