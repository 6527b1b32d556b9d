import Foundation

/// A registered report (信访件) as staff see it: never with the reporter's identity, which lives
/// sealed apart and is opened only by an audited view.
public struct Report: Sendable, Equatable, Codable {
    public var id: String
    public var inspectionID: String?
    public var channel: Channel
    public var receivedAt: Date
    public var content: String
    public var subjects: [Subject]
    public var status: ReportStatus
    /// Whether the reporter left a real name and a way to reach them (实名); such reports go first.
    public var isRealName: Bool
    /// Information the reporter added later with their query code, oldest first.
    public var additions: [ReportAddition]
    /// The number in the group's register (`市四巡〔2023〕第001号`), given when the report reaches an
    /// inspection; nil while no inspection claims it.
    public var number: String?
    /// The thread the report belongs to: the first report of a matter; repeats join it (件 counts
    /// threads, 件次 reports).
    public var threadID: String?
    /// The member handling it (承办人), a staff account id.
    public var assigneeID: String?

    public init(
        id: String,
        inspectionID: String?,
        channel: Channel,
        receivedAt: Date,
        content: String,
        subjects: [Subject],
        status: ReportStatus,
        isRealName: Bool,
        additions: [ReportAddition] = [],
        number: String? = nil,
        threadID: String? = nil,
        assigneeID: String? = nil
    ) {
        self.id = id
        self.inspectionID = inspectionID
        self.channel = channel
        self.receivedAt = receivedAt
        self.content = content
        self.subjects = subjects
        self.status = status
        self.isRealName = isRealName
        self.additions = additions
        self.number = number
        self.threadID = threadID
        self.assigneeID = assigneeID
    }

    /// What screening reads: the content, then each addition after a blank line, so that what a
    /// reporter adds later counts; evidence offsets index into this text.
    public var screeningText: String { Self.screeningText(content: content, additions: additions.map(\.content)) }

    public static let additionSeparator = "\n\n"

    public static func screeningText(content: String, additions: [String]) -> String {
        ([content] + additions).joined(separator: additionSeparator)
    }

    /// The first words of the content on one line, for lists.
    public var snippet: String { Self.snippet(of: content) }

    public static func snippet(of text: String, length: Int = 60) -> String {
        var out = ""
        // Counted as it grows: a String's count walks the whole string every time.
        var count = 0
        var lastWasSpace = false
        for c in text {
            if count >= length {
                out.append("…")
                break
            }
            if c.isWhitespace {
                if !lastWasSpace, count > 0 {
                    out.append(" ")
                    count += 1
                }
                lastWasSpace = true
            } else {
                out.append(c)
                count += 1
                lastWasSpace = false
            }
        }
        return out
    }
}

/// Information a reporter adds to their report after submitting it.
public struct ReportAddition: Sendable, Equatable, Codable {
    public var addedAt: Date
    public var content: String

    public init(addedAt: Date, content: String) {
        self.addedAt = addedAt
        self.content = content
    }

    /// Same limits as the report itself: the addition is more of the same text.
    public static func validated(_ text: String) throws(InputError) -> String {
        if TextLimits.trimmed(text).isEmpty {
            throw InputError(code: "empty_content", zh: "请填写补充的内容。", en: "content must not be empty.", field: "content")
        }
        try TextLimits.check(text, field: "content", labelZH: "补充内容", max: Submission.maxContentLength)
        return text
    }
}
