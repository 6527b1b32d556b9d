import XunchaCore

/// The member a report is given to (empty: nobody).
public struct AssignmentInput: Decodable, Sendable {
    public var assigneeId: String?

    public init(assigneeId: String?) { self.assigneeId = assigneeId }
}

/// An internal note on a report.
public struct NoteInput: Decodable, Sendable {
    public var content: String

    public init(content: String) { self.content = content }

    public init(from decoder: any Decoder) throws { content = try decoder.text(.content) }

    public static let maxLength = 5000

    func checked() throws(InputError) -> String {
        let trimmed = TextLimits.trimmed(content)
        if trimmed.isEmpty {
            throw InputError(code: "empty_content", zh: "请填写备注的内容。", en: "content must not be empty.", field: "content")
        }
        try TextLimits.check(trimmed, field: "content", labelZH: "备注", max: Self.maxLength)
        return trimmed
    }
}

/// The leader's answer to a proposal, or the reason for reopening a decision.
public struct ReviewInput: Decodable, Sendable {
    public var reason: String?

    public init(reason: String? = nil) { self.reason = reason }
}
