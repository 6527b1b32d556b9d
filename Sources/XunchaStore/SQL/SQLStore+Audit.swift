import Foundation
import SQLKit
import XunchaCore

extension SQLStore {
    private static let auditColumns = "seq, at, actor, action, subject_type, subject_id, detail, digest, previous_hash, hash"

    public func auditEvents(subject: AuditSubjectType, id: String) async throws -> [AuditEvent] {
        try await engine.reader.raw(
            """
            SELECT \(unsafeRaw: Self.auditColumns) FROM audit_events
            WHERE subject_type = \(bind: subject.rawValue) AND subject_id = \(bind: id) ORDER BY seq
            """
        ).all().map(Self.auditEvent(from:))
    }

    public func auditEvents(afterSeq: Int, limit: Int) async throws -> [AuditEvent] {
        try await engine.reader.raw(
            "SELECT \(unsafeRaw: Self.auditColumns) FROM audit_events WHERE seq > \(bind: Int64(afterSeq)) ORDER BY seq LIMIT \(bind: limit)"
        ).all().map(Self.auditEvent(from:))
    }

    static func auditEvent(from row: any SQLRow) throws -> AuditEvent {
        var event = AuditEvent(
            seq: Int(try row.decode(column: "seq", as: Int64.self)),
            at: date(try row.decode(column: "at", as: Int64.self)),
            actor: try row.decode(column: "actor", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            subjectType: try row.decode(column: "subject_type", as: String.self),
            subjectID: try row.decode(column: "subject_id", as: String.self),
            detail: try row.decode(column: "detail", as: String.self),
            previousHash: try row.decode(column: "previous_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self)
        )
        event.digest = try row.decode(column: "digest", as: String.self)
        return event
    }
}
