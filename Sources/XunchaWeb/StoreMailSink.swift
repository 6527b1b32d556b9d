import Foundation
import XunchaCore
import XunchaIntake
import XunchaStore

/// Registers mail through `ReportIntake`, the path web reports take, and keeps the raw message and
/// its attachments sealed beside the report. A message is the same as an earlier one when its
/// Message-ID or its bytes are. `xuncha mail ingest` and `xuncha serve --maildir` both use it.
public struct StoreMailSink: MailIntakeSink {
    public let intake: ReportIntake
    public let attachments: AttachmentStore

    public init(intake: ReportIntake, attachments: AttachmentStore) {
        self.intake = intake
        self.attachments = attachments
    }

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
        let verdict = attachments.policy.admit(files)
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
        switch try await intake.submitOnce(mail.submission, sourceKeys: keys, intakeNotes: MailProblem.json(problems), actor: "system") {
        case .registered(let id):
            try await attachments.add(accepted, to: id, actor: "system", onlyIfNone: true)
            return .registered(reportID: id)
        case .duplicate(let id):
            // Completes a registration whose files were not saved (a crash between the two steps).
            try await attachments.add(accepted, to: id, actor: "system", onlyIfNone: true)
            return .duplicate(reportID: id)
        }
    }
}
