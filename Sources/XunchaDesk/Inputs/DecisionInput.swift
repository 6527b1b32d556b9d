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

    public init(
        outcome: String,
        reason: String? = nil,
        recipient: String? = nil,
        duplicateOf: String? = nil,
        lead: String? = nil,
        leadSubject: Subject? = nil
    ) {
        self.outcome = outcome
        self.reason = reason
        self.recipient = recipient
        self.duplicateOf = duplicateOf
        self.lead = lead
        self.leadSubject = leadSubject
    }

    enum CodingKeys: String, CodingKey {
        case outcome, reason, comment, recipient, duplicateOf, lead, leadSubject
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
    }

    func proposal(suggestion: SuggestionKind?) throws(InputError) -> DecisionProposal {
        guard let kind = SuggestionKind(rawValue: TextLimits.trimmed(outcome)) else {
            throw InputError(
                code: "invalid_outcome",
                zh: "请选择处理方式（受理、转办、存查、重复件或不予受理）。",
                en: "outcome must be accept, refer, file, duplicate or reject.",
                field: "outcome"
            )
        }
        return try DecisionProposal(outcome: kind, reason: reason ?? "", recipient: recipient, duplicateOf: duplicateOf)
            .validated(suggestion: suggestion)
    }
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
