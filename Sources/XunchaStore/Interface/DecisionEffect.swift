import Foundation
import XunchaCore

/// What approving a decision does besides changing the report's state, written in the same
/// transaction: an accepted report joins a lead (an existing one, or one made for it), a referred
/// one gets its referral drafted, a repeat joins the thread of the report it repeats.
public enum DecisionEffect: Sendable {
    case none
    case joinLead(id: String)
    case newLead(NewLead)
    case referral(NewReferral)
    case joinThread(of: String)
}

/// A lead about to be made; the store numbers it.
public struct NewLead: Sendable {
    public var id: String
    public var subject: Subject
    public var summary: String
    public var kind: String
    public var aboutPrincipal: Bool

    public init(id: String, subject: Subject, summary: String, kind: String, aboutPrincipal: Bool) {
        self.id = id
        self.subject = subject
        self.summary = summary
        self.kind = kind
        self.aboutPrincipal = aboutPrincipal
    }
}

/// A referral about to be drafted: its text already has the reporter masked out. The text it was
/// drafted from and the masks are kept with it for the member who reviews it (`ReferralDraft`).
public struct NewReferral: Sendable {
    public var id: String
    public var recipient: String
    public var content: String
    public var sendDue: CivilDate?
    public var draft: ReferralDraft?

    public init(id: String, recipient: String, content: String, sendDue: CivilDate?, draft: ReferralDraft? = nil) {
        self.id = id
        self.recipient = recipient
        self.content = content
        self.sendDue = sendDue
        self.draft = draft
    }
}

/// How a referral's text was drafted: the report's text as it stood (the content and its
/// additions, joined as `Report.screeningText`), and every mask the redactor made in it, with
/// offsets in that text. `ReferralRedaction(original:masks:)` gives the drafted text back. Staff
/// only: it holds what the masks removed.
public struct ReferralDraft: Sendable, Equatable, Codable {
    public var original: String
    public var masks: [ReferralRedaction.Mask]

    public init(original: String, masks: [ReferralRedaction.Mask]) {
        self.original = original
        self.masks = masks
    }

    /// The text the redactor made.
    public var drafted: String { ReferralRedaction(original: original, masks: masks).text }
}

/// An internal note on a report: staff only, never shown to the reporter.
public struct ReportNote: Sendable, Equatable {
    public var ordinal: Int
    public var writtenAt: Date
    public var authorID: String
    public var content: String

    public init(ordinal: Int, writtenAt: Date, authorID: String, content: String) {
        self.ordinal = ordinal
        self.writtenAt = writtenAt
        self.authorID = authorID
        self.content = content
    }
}
