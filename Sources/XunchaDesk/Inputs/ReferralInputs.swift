import XunchaCore

/// A draft referral's text and recipient as staff corrected them; either may be left out
/// (it stays as it is).
public struct ReferralEditInput: Decodable, Sendable {
    public var content: String?
    public var recipient: String?

    public init(content: String? = nil, recipient: String? = nil) {
        self.content = content
        self.recipient = recipient
    }
}

/// Sending a draft referral: the text and recipient as for an edit, and the due date of the
/// feedback (`YYYY-MM-DD`; empty or absent: the inspection's working days from today).
public struct ReferralSendInput: Decodable, Sendable {
    public var content: String?
    public var recipient: String?
    public var feedbackDue: String?

    public init(content: String? = nil, recipient: String? = nil, feedbackDue: String? = nil) {
        self.content = content
        self.recipient = recipient
        self.feedbackDue = feedbackDue
    }
}

/// The recipient's feedback on a referral: the finding (`substantiated`, `partly_substantiated`,
/// `unsubstantiated`, or 属实 / 部分属实 / 不属实), the closure (`concluded`, `interim`, or
/// 已办结 / 阶段性办结) and the text. Missing values are refused by the check, not the decoder.
public struct ReferralFeedbackInput: Decodable, Sendable {
    public var finding: String
    public var closure: String
    public var content: String

    public init(finding: String, closure: String, content: String) {
        self.finding = finding
        self.closure = closure
        self.content = content
    }

    enum CodingKeys: String, CodingKey {
        case finding, closure, content
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        finding = try c.decodeIfPresent(String.self, forKey: .finding) ?? ""
        closure = try c.decodeIfPresent(String.self, forKey: .closure) ?? ""
        content = try c.decodeIfPresent(String.self, forKey: .content) ?? ""
    }
}
