import XunchaCore

/// A staff decision on a report: the outcome (`accept`, `refer`, `file`, `duplicate`, `reject`)
/// and the reason, required when it differs from the screening's suggestion.
public struct DecisionInput: Decodable, Sendable {
    public var outcome: String
    public var comment: String?

    public init(outcome: String, comment: String? = nil) {
        self.outcome = outcome
        self.comment = comment
    }

    func checked(suggestion: SuggestionKind?) throws(InputError) -> (SuggestionKind, String) {
        guard let kind = SuggestionKind(rawValue: TextLimits.trimmed(outcome)) else {
            throw InputError(
                code: "invalid_outcome",
                zh: "请选择处理方式（受理、转办、存查、重复件或不予受理）。",
                en: "outcome must be accept, refer, file, duplicate or reject.",
                field: "outcome"
            )
        }
        return (kind, try Disposition.validatedComment(comment ?? "", outcome: kind, suggestion: suggestion))
    }
}

/// A public reply of the group to a reporter.
public struct ReplyInput: Decodable, Sendable {
    public var content: String

    public init(content: String) { self.content = content }

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
