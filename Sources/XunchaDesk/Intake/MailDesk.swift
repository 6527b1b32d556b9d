import Foundation
import XunchaCore
import XunchaIntake
import XunchaStore

/// Registers mail through `ReportIntake`, the path web reports take, and keeps the raw message and
/// its attachments sealed beside the report. A message is the same as an earlier one when its
/// Message-ID or its bytes are. `xuncha mail ingest` and `xuncha serve --maildir` both use it.
public struct MailDesk: MailIntakeSink {
    let services: DeskServices

    /// The raw message is the first file, so that what could not be read is still there whole.
    static let rawFilename = "原始邮件.eml"

    public func register(_ mail: MailSubmission, raw: [UInt8], messageID: String?) async throws -> MailIngestOutcome {
        var keys = [ReportSourceKey.sha256(raw)]
        if let messageID { keys.append(ReportSourceKey.messageID(messageID)) }
        let files =
            [NewAttachment(filename: Self.rawFilename, declaredType: "message/rfc822", data: Data(raw))]
            + mail.attachments.enumerated().map { k, a in
                NewAttachment(filename: a.filename ?? "附件\(k + 1)", declaredType: a.mediaType, data: a.data)
            }
        let verdict = services.attachments.policy.admit(files)
        var problems = mail.problems
        for refused in verdict.refused {
            // The file's name is the sender's words: the note names the part and the reason only.
            if refused.index == 0 {
                problems.append(MailProblem(kind: .originalNotStored, detail: "the raw message was not kept (\(refused.error.code))"))
            } else {
                problems.append(
                    MailProblem(
                        kind: .attachmentNotStored,
                        part: mail.attachments[refused.index - 1].part,
                        detail: "not kept as a file of its own (\(refused.error.code)); it stays in the raw message"
                    )
                )
            }
        }
        let accepted = verdict.accepted.map(\.file)
        let outcome = try await registerOnce(mail.submission, sourceKeys: keys, intakeNotes: MailProblem.json(problems))
        let id: String
        switch outcome {
        case .registered(let reportID), .duplicate(let reportID): id = reportID
        }
        // Also completes a registration whose files were not saved (a crash between the two steps).
        try await services.attachments.add(accepted, to: id, actor: .system, at: services.now(), onlyIfNone: true)
        return outcome
    }

    /// Registers a report from a source once: when any of `sourceKeys` is known, the earlier
    /// report is named instead. Safe against a second reader of the same source at the same time,
    /// because the check is repeated inside the saving transaction.
    func registerOnce(_ submission: Submission, sourceKeys: [String], intakeNotes: String?) async throws -> MailIngestOutcome {
        if let earlier = try await services.store.reportID(sourceKeys: sourceKeys) { return .duplicate(reportID: earlier) }
        do {
            let receipt = try await services.intake.take(
                submission,
                caller: .system,
                ReportIntake.Extras(sourceKeys: sourceKeys, intakeNotes: intakeNotes)
            )
            return .registered(reportID: receipt.reportID)
        } catch StoreError.duplicateSource(let earlier) {
            return .duplicate(reportID: earlier)
        }
    }
}
