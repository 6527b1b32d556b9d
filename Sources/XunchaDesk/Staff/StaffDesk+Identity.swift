import Foundation
import XunchaCore
import XunchaStore

/// Who the reporter is, for the one role allowed to know: the leader of the report's own
/// inspection (to confirm a real-name report by phone, say). The view is written to the audit
/// chain before anything is opened.
extension StaffDesk {
    public struct RevealedIdentity: Sendable, Equatable, Encodable {
        /// Nil when the reporter left no identity.
        public var identity: ReporterIdentity?
        /// A call's number and a letter's sender as staff wrote them down, if any.
        public var callerNumber: String?
        public var senderAsWritten: String?
    }

    public func revealIdentity(_ caller: Caller, reportID: String) async throws -> RevealedIdentity {
        let report = try await readableReport(caller, id: reportID)
        try authorize(caller, .viewIdentity, inspectionID: report.inspectionID)
        let sealed = try await store.sealedIdentity(reportID: reportID, viewedBy: caller.auditActor, at: services.now())
        let sealer = services.sealer
        let fields = try sealed.channelFields.map {
            try sealer.openValue(SealedChannelFields.self, $0, .channelFields(reportID: reportID))
        }
        return RevealedIdentity(
            identity: try sealed.identity.map { try sealer.openValue(ReporterIdentity.self, $0, .identity(reportID: reportID)) },
            callerNumber: fields.flatMap { $0.callerNumber.isEmpty ? nil : $0.callerNumber },
            senderAsWritten: fields.flatMap { $0.senderAsWritten.isEmpty ? nil : $0.senderAsWritten }
        )
    }
}
