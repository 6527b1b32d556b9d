import Foundation
import SQLKit
import XunchaCore

extension SQLStore {
    public func channelRecord(reportID: String) async throws -> ChannelRecord? {
        guard
            let row = try await engine.reader.raw(
                """
                SELECT channel, received_by, received_by_name, call_started_at, call_duration_seconds, postmark, visit_at, place,
                    reception_status, reception_code, reception_message, scans, sealed_details, query_code_must_change
                FROM report_channel_details WHERE report_id = \(bind: reportID)
                """
            ).first()
        else { return nil }
        guard let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self)) else {
            throw StoreError.unreadableRow(table: "report_channel_details", key: reportID)
        }
        return ChannelRecord(
            reportID: reportID,
            channel: channel,
            receivedBy: try row.decode(column: "received_by", as: String.self),
            receivedByName: try row.decode(column: "received_by_name", as: String.self),
            callStartedAt: try row.decode(column: "call_started_at", as: Int64?.self).map(Self.date),
            callDurationSeconds: try row.decode(column: "call_duration_seconds", as: Int?.self),
            postmark: try row.decode(column: "postmark", as: String?.self).flatMap { CivilDate(parsing: $0) },
            visitAt: try row.decode(column: "visit_at", as: Int64?.self).map(Self.date),
            place: try row.decode(column: "place", as: String.self),
            receptionStatus: try row.decode(column: "reception_status", as: String?.self),
            receptionCode: try row.decode(column: "reception_code", as: String?.self),
            receptionMessageZH: try row.decode(column: "reception_message", as: String?.self),
            scans: try Self.decodeJSON([ScanRecord].self, try row.decode(column: "scans", as: String.self)),
            queryCodeMustChange: try row.decode(column: "query_code_must_change", as: Int.self) != 0,
            hasSealedDetails: try row.decode(column: "sealed_details", as: String?.self) != nil
        )
    }

    public func sealedIdentity(
        reportID: String,
        viewedBy actor: AuditActor,
        at: Date,
        using request: String?
    ) async throws -> (identity: String?, channelFields: String?) {
        try await transaction { db in
            if let request { try await Self.useIdentityRequest(db, id: request, reportID: reportID) }
            let identity = try await db.raw("SELECT sealed FROM reporter_identities WHERE report_id = \(bind: reportID)").first()
                .map { try $0.decode(column: "sealed", as: String.self) }
            let fields = try await db.raw("SELECT sealed_details FROM report_channel_details WHERE report_id = \(bind: reportID)").first()
                .flatMap { try $0.decode(column: "sealed_details", as: String?.self) }
            let opened = [identity.map { _ in "identity" }, fields.map { _ in "channel_fields" }].compactMap { $0 }
            try await Self.appendAudit(
                db,
                at: at,
                actor: actor,
                action: .reportIdentityViewed,
                subjectID: reportID,
                detail: (opened.isEmpty ? "nothing sealed" : opened.joined(separator: ",")) + (request.map { " request \($0)" } ?? "")
            )
            return (identity, fields)
        }
    }

    public func replaceQueryCode(reportID: String, newHash: String, at: Date, actor: AuditActor) async throws {
        try await transaction { db in
            try await db.raw("UPDATE reports SET query_code_hash = \(bind: newHash) WHERE id = \(bind: reportID)").run()
            try await db.raw(
                "UPDATE report_channel_details SET query_code_must_change = 0 WHERE report_id = \(bind: reportID)"
            ).run()
            try await Self.appendAudit(
                db,
                at: at,
                actor: actor,
                action: .reportQueryCodeChanged,
                subjectID: reportID
            )
        }
    }
}
