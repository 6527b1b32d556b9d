import Foundation
import XunchaCore
import XunchaStore

/// Who the reporter is, for those allowed to know: the leader of the report's own inspection
/// (to confirm a real-name report by phone, say), and a member whose request the leader approved,
/// once. Every view is written to the audit chain before anything is opened, and the view names
/// who opened it and when, so that a photo of the screen says whose it was.
extension StaffDesk {
    public struct RevealedIdentity: Sendable, Equatable, Encodable {
        /// Nil when the reporter left no identity.
        public var identity: ReporterIdentity?
        /// A call's number and a letter's sender as staff wrote them down, if any.
        public var callerNumber: String?
        public var senderAsWritten: String?
        /// Whose view this is, for the watermark: the account's display name, and when.
        public var viewedBy: String
        public var viewedAt: Date
    }

    public func revealIdentity(_ caller: Caller, reportID: String) async throws -> RevealedIdentity {
        let report = try await readableReport(caller, id: reportID)
        var request: IdentityRequest?
        if !caller.may(.viewIdentity, inspectionID: report.inspectionID) {
            guard case .staff(let user) = caller,
                let approved = try await store.identityRequests(reportID: reportID).first(where: {
                    $0.requestedBy == user.id && $0.state == .approved
                })
            else { throw DeskError.forbidden }
            request = approved
        }
        let now = services.now()
        let sealed = try await stateChecked {
            try await store.sealedIdentity(reportID: reportID, viewedBy: caller.auditActor, at: now, using: request?.id)
        }
        let sealer = services.sealer
        let fields = try sealed.channelFields.map {
            try sealer.openValue(SealedChannelFields.self, $0, .channelFields(reportID: reportID))
        }
        return RevealedIdentity(
            identity: try sealed.identity.map { try sealer.openValue(ReporterIdentity.self, $0, .identity(reportID: reportID)) },
            callerNumber: fields.flatMap { $0.callerNumber.isEmpty ? nil : $0.callerNumber },
            senderAsWritten: fields.flatMap { $0.senderAsWritten.isEmpty ? nil : $0.senderAsWritten },
            viewedBy: caller.displayName,
            viewedAt: now
        )
    }

    /// A member asks the leader to see the reporter, with a reason; one open request at a time.
    public func requestIdentity(_ caller: Caller, reportID: String, _ input: IdentityRequestInput) async throws -> IdentityRequest {
        let report = try await readableReport(caller, id: reportID)
        try authorize(caller, .requestIdentity, inspectionID: report.inspectionID)
        guard case .staff(let user) = caller, report.inspectionID != nil else { throw DeskError.forbidden }
        let reason = try checking { () throws(InputError) in try input.reasonChecked() }
        let request = IdentityRequest(
            id: UUID().uuidString.lowercased(),
            reportID: reportID,
            requestedBy: user.id,
            reason: reason,
            requestedAt: services.now()
        )
        try await stateChecked { try await store.addIdentityRequest(request) }
        return request
    }

    /// The leader approves (one view) or refuses a member's request.
    public func decideIdentityRequest(
        _ caller: Caller,
        reportID: String,
        requestID: String,
        _ input: IdentityDecisionInput
    ) async throws -> IdentityRequest {
        let report = try await readableReport(caller, id: reportID)
        try authorize(caller, .viewIdentity, inspectionID: report.inspectionID)
        let note = try checking { () throws(InputError) in try input.noteChecked() }
        guard try await store.identityRequests(reportID: reportID).contains(where: { $0.id == requestID }) else { throw DeskError.notFound }
        try await stateChecked {
            try await store.decideIdentityRequest(id: requestID, approve: input.approve, note: note, actor: caller.auditActor, at: services.now())
        }
        guard let decided = try await store.identityRequests(reportID: reportID).first(where: { $0.id == requestID }) else {
            throw DeskError.notFound
        }
        return decided
    }

    /// A request's state moved on meanwhile (decided twice, an approval already used): 409.
    private func stateChecked<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch StoreError.stateChanged {
            throw DeskError(
                .conflict,
                code: "identity_request_changed",
                zh: "该申请的状态已变化（已审批、已使用或已有待审批的申请），请刷新页面后查看。",
                en: "the request is no longer in that state (decided, used, or another is open)."
            )
        }
    }
}
