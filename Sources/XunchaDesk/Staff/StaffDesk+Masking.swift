import Foundation
import XunchaCore
import XunchaStore

/// A report's text with its reporter masked out, for everything that shows a report beyond its
/// own page: a lead's summary, the handover archive. The system opens the sealed identity (and a
/// caller's number, a letter's sender as written) to find them, audited on the report.
extension StaffDesk {
    /// The report's content and additions, each with the reporter masked out (`ReferralRedactor`).
    func maskedTexts(_ report: Report) async throws -> [String] {
        let sealed = try await store.sealedIdentity(reportID: report.id, viewedBy: .system, at: services.now())
        let identity = try sealed.identity.map { try services.sealer.openValue(ReporterIdentity.self, $0, .identity(reportID: report.id)) }
        let screening = try await store.screening(reportID: report.id)?.record
        let subjects = report.subjects.map(\.name) + (screening?.subjects.compactMap(\.name) ?? [])
        let redactor = ReferralRedactor()
        var texts = redactor.redact([report.content] + report.additions.map(\.content), identity: identity ?? ReporterIdentity(), subjects: subjects)
            .map(\.text)
        // A caller's number and a letter's sender as written are the reporter's too.
        if let fields = try sealed.channelFields.map({
            try services.sealer.openValue(SealedChannelFields.self, $0, .channelFields(reportID: report.id))
        }), !(fields.callerNumber.isEmpty && fields.senderAsWritten.isEmpty) {
            let written = ReporterIdentity(name: fields.senderAsWritten, phone: fields.callerNumber)
            texts = redactor.redact(texts, identity: written, subjects: subjects).map(\.text)
        }
        return texts
    }
}
