import Foundation

/// A staff member's decision on a report (处置): the outcome, whether it confirms or overrules
/// the screening's suggestion, and why. Decisions are appended, never edited: a report's status
/// follows the latest one, and every one stays in its history.
public struct Disposition: Codable, Sendable, Hashable {
    public var outcome: SuggestionKind
    /// What the screening suggested when the decision was made (nil when the report had none).
    public var suggestion: SuggestionKind?
    public var rulesVersion: String?
    /// Required when the decision overrules the suggestion.
    public var comment: String
    /// The staff user's id.
    public var decidedBy: String
    public var decidedAt: Date

    public init(
        outcome: SuggestionKind,
        suggestion: SuggestionKind?,
        rulesVersion: String?,
        comment: String,
        decidedBy: String,
        decidedAt: Date
    ) {
        self.outcome = outcome
        self.suggestion = suggestion
        self.rulesVersion = rulesVersion
        self.comment = comment
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }

    /// True when staff chose what the screening suggested.
    public var confirmsSuggestion: Bool { suggestion == outcome }

    /// The longest comment kept; a reason for a decision is a few sentences, not a file.
    public static let maxCommentLength = 2_000

    /// Checks a decision before it is recorded: an overruling needs a comment saying why, and a
    /// comment has the same limits as any staff text.
    public static func validatedComment(
        _ comment: String,
        outcome: SuggestionKind,
        suggestion: SuggestionKind?
    ) throws(InputError)
        -> String
    {
        let trimmed = TextLimits.trimmed(comment)
        if trimmed.isEmpty, let suggestion, suggestion != outcome {
            throw InputError(
                code: "comment_required",
                zh: "改变初筛建议时请说明理由。",
                en: "a comment is required when overruling the suggestion.",
                field: "comment"
            )
        }
        try TextLimits.check(trimmed, field: "comment", labelZH: "理由", max: maxCommentLength)
        return trimmed
    }
}

extension SuggestionKind {
    /// The status a report takes when staff decide on this outcome.
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
