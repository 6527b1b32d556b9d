import Foundation
import SQLKit
import XunchaCore

/// Referrals after the decision: staff correct a draft's text and recipient, send it, and the
/// recipient's feedback is recorded. Every change checks the state it needs inside its
/// transaction (two people acting at once: one wins, the other hears `stateChanged`) and writes
/// its audit event there.
extension SQLStore {
    public func referral(id: String) async throws -> Referral? {
        try await Self.referrals(engine.reader, "r.id = \(bind: id)").first
    }

    public func referralDraft(id: String) async throws -> ReferralDraft? {
        guard let row = try await engine.reader.raw("SELECT original, masks FROM referrals WHERE id = \(bind: id)").first(),
            let original = try row.decode(column: "original", as: String?.self),
            let masks = try row.decode(column: "masks", as: String?.self)
        else { return nil }
        do {
            return ReferralDraft(original: original, masks: try Self.decodeJSON([ReferralRedaction.Mask].self, masks))
        } catch {
            throw StoreError.unreadableRow(table: "referrals", key: id)
        }
    }

    public func editReferral(id: String, content: String, recipient: String, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            let current = try await Self.referral(db, id: id, in: .draft)
            try await Self.edit(db, current, content: content, recipient: recipient, actor: actor, at: at)
        }
    }

    public func sendReferral(id: String, content: String, recipient: String, feedbackDue: CivilDate, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            let current = try await Self.referral(db, id: id, in: .draft)
            try await Self.edit(db, current, content: content, recipient: recipient, actor: actor, at: at)
            try await db.raw(
                """
                UPDATE referrals SET state = 'sent', sent_at = \(bind: Self.millis(at)), sent_by = \(bind: actor.stored),
                    feedback_due = \(bind: feedbackDue.iso)
                WHERE id = \(bind: id)
                """
            ).run()
            try await Self.appendAudit(
                db,
                at: at,
                actor: actor,
                action: .referralSent,
                subjectID: id,
                detail: "\(current.number) → \(recipient); feedback due \(feedbackDue.iso)"
            )
        }
    }

    public func recordReferralFeedback(id: String, _ feedback: ReferralFeedback, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            _ = try await Self.referral(db, id: id, in: .sent)
            try await db.raw(
                """
                UPDATE referrals SET state = 'answered', finding = \(bind: feedback.finding.rawValue), closure = \(bind: feedback.closure.rawValue),
                    feedback = \(bind: feedback.text), feedback_at = \(bind: Self.millis(at)), feedback_by = \(bind: actor.stored)
                WHERE id = \(bind: id)
                """
            ).run()
            try await Self.appendAudit(
                db,
                at: at,
                actor: actor,
                action: .referralAnswered,
                subjectID: id,
                detail: "\(feedback.finding.rawValue), \(feedback.closure.rawValue)"
            )
        }
    }

    /// The referral as it stands inside the transaction, refused unless it is in `state`.
    private static func referral(_ db: any SQLDatabase, id: String, in state: Referral.State) async throws -> Referral {
        guard let current = try await referrals(db, "r.id = \(bind: id)").first else { throw StoreError.stateChanged("referral \(id) is not stored") }
        guard current.state == state else { throw StoreError.stateChanged("referral \(current.number) is \(current.state.rawValue)") }
        return current
    }

    /// Writes a draft's new text and recipient, audited with what changed (never the text itself:
    /// the trail is read by more people than the referral).
    private static func edit(_ db: any SQLDatabase, _ current: Referral, content: String, recipient: String, actor: AuditActor, at: Date) async throws
    {
        var changed: [String] = []
        if content != current.content { changed.append("text") }
        if recipient != current.recipient { changed.append("recipient: \(current.recipient) → \(recipient)") }
        guard !changed.isEmpty else { return }
        try await db.raw("UPDATE referrals SET content = \(bind: content), recipient = \(bind: recipient) WHERE id = \(bind: current.id)").run()
        try await appendAudit(db, at: at, actor: actor, action: .referralEdited, subjectID: current.id, detail: changed.joined(separator: "; "))
    }
}
