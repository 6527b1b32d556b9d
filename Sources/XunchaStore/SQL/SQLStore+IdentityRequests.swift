import Foundation
import SQLKit
import XunchaCore

/// Requests to see a reporter (`IdentityRequest`): made by a member, decided by the leader, used
/// once. Each change with its audit event, in one transaction.
extension SQLStore {
    public func addIdentityRequest(_ request: IdentityRequest) async throws {
        try await transaction { db in
            let open = try await db.raw(
                """
                SELECT 1 AS n FROM identity_requests WHERE report_id = \(bind: request.reportID)
                AND requested_by = \(bind: request.requestedBy) AND state IN ('pending', 'approved')
                """
            ).first()
            if open != nil { throw StoreError.stateChanged("an open request to see the reporter exists") }
            try await db.raw(
                """
                INSERT INTO identity_requests (id, report_id, requested_by, reason, requested_at, state)
                VALUES (\(bind: request.id), \(bind: request.reportID), \(bind: request.requestedBy), \(bind: request.reason),
                        \(bind: Self.millis(request.requestedAt)), \(bind: IdentityRequest.State.pending.rawValue))
                """
            ).run()
            try await Self.appendAudit(
                db,
                at: request.requestedAt,
                actor: .user(id: request.requestedBy),
                action: .identityRequested,
                subjectID: request.reportID,
                detail: request.id
            )
        }
    }

    public func identityRequests(reportID: String) async throws -> [IdentityRequest] {
        try await engine.reader.raw(
            "SELECT \(unsafeRaw: Self.requestColumns) FROM identity_requests WHERE report_id = \(bind: reportID) ORDER BY requested_at, id"
        ).all().map(Self.identityRequest)
    }

    public func decideIdentityRequest(id: String, approve: Bool, note: String, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            guard let row = try await db.raw("SELECT \(unsafeRaw: Self.requestColumns) FROM identity_requests WHERE id = \(bind: id)").first(),
                case let request = try Self.identityRequest(row), request.state == .pending
            else { throw StoreError.stateChanged("request \(id) is no longer waiting for a decision") }
            let state: IdentityRequest.State = approve ? .approved : .refused
            try await db.raw(
                """
                UPDATE identity_requests SET state = \(bind: state.rawValue), decided_by = \(bind: actor.stored),
                    decided_at = \(bind: Self.millis(at)), note = \(bind: note)
                WHERE id = \(bind: id)
                """
            ).run()
            try await Self.appendAudit(
                db,
                at: at,
                actor: actor,
                action: approve ? .identityRequestApproved : .identityRequestRefused,
                subjectID: request.reportID,
                detail: id
            )
        }
    }

    /// Marks an approved request used, inside the transaction that opens the identity: an
    /// approval opens it once, even when two views race.
    static func useIdentityRequest(_ db: any SQLDatabase, id: String, reportID: String) async throws {
        let approved = try await db.raw(
            """
            SELECT 1 AS n FROM identity_requests WHERE id = \(bind: id) AND report_id = \(bind: reportID)
            AND state = \(bind: IdentityRequest.State.approved.rawValue)
            """
        ).first()
        guard approved != nil else { throw StoreError.stateChanged("request \(id) is not approved or was used") }
        try await db.raw("UPDATE identity_requests SET state = \(bind: IdentityRequest.State.used.rawValue) WHERE id = \(bind: id)").run()
    }

    private static let requestColumns = "id, report_id, requested_by, reason, requested_at, state, decided_by, decided_at, note"

    private static func identityRequest(_ row: any SQLRow) throws -> IdentityRequest {
        IdentityRequest(
            id: try row.decode(column: "id", as: String.self),
            reportID: try row.decode(column: "report_id", as: String.self),
            requestedBy: try row.decode(column: "requested_by", as: String.self),
            reason: try row.decode(column: "reason", as: String.self),
            requestedAt: date(try row.decode(column: "requested_at", as: Int64.self)),
            state: IdentityRequest.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .refused,
            decidedBy: try row.decode(column: "decided_by", as: String?.self),
            decidedAt: try row.decode(column: "decided_at", as: Int64?.self).map(date),
            note: try row.decode(column: "note", as: String.self)
        )
    }
}
