import Foundation
import SQLKit
import XunchaCore

/// The rectification ledger (整改台账): items numbered per inspection in the order entered, each
/// change in one transaction with its audit event.
extension SQLStore {
    public func rectificationItems(inspectionID: String) async throws -> [RectificationItem] {
        try await Self.rectificationItems(engine.reader, "inspection_id = \(bind: inspectionID)")
    }

    public func rectificationItem(id: String) async throws -> RectificationItem? {
        try await Self.rectificationItems(engine.reader, "id = \(bind: id)").first
    }

    /// Stores a new item with the next number of its inspection, returned as stored.
    public func addRectificationItem(_ item: RectificationItem, actor: AuditActor) async throws -> RectificationItem {
        try await transaction { db in
            var item = item
            item.sequence = try await Self.count(
                db,
                "SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM rectification_items WHERE inspection_id = \(bind: item.inspectionID)"
            )
            try await db.raw(
                """
                INSERT INTO rectification_items (id, inspection_id, seq, problem, measure, responsible, deadline, progress, evidence, state,
                    updated_at, updated_by)
                VALUES (\(bind: item.id), \(bind: item.inspectionID), \(bind: item.sequence), \(bind: item.problem), \(bind: item.measure),
                    \(bind: item.responsible), \(bind: item.deadline?.iso), \(bind: item.progress), \(bind: item.evidence),
                    \(bind: item.state.rawValue), \(bind: Self.millis(item.updatedAt)), \(bind: item.updatedBy))
                """
            ).run()
            try await Self.appendAudit(
                db,
                at: item.updatedAt,
                actor: actor,
                action: .rectificationAdded,
                subjectID: item.id,
                detail: "\(item.sequence) \(item.state.rawValue)"
            )
            return item
        }
    }

    /// Replaces an item's fields, refused when someone else changed it since `seenAt` (the
    /// `updatedAt` the editor started from), so that no one's entry is lost.
    public func updateRectificationItem(_ item: RectificationItem, seenAt: Date, actor: AuditActor) async throws {
        try await transaction { db in
            let changed = try await Self.count(
                db,
                """
                SELECT COUNT(*) AS n FROM rectification_items WHERE id = \(bind: item.id) AND updated_at = \(bind: Self.millis(seenAt))
                """
            )
            guard changed == 1 else { throw StoreError.stateChanged("rectification item \(item.id)") }
            try await db.raw(
                """
                UPDATE rectification_items SET problem = \(bind: item.problem), measure = \(bind: item.measure),
                    responsible = \(bind: item.responsible), deadline = \(bind: item.deadline?.iso), progress = \(bind: item.progress),
                    evidence = \(bind: item.evidence), state = \(bind: item.state.rawValue), updated_at = \(bind: Self.millis(item.updatedAt)),
                    updated_by = \(bind: item.updatedBy)
                WHERE id = \(bind: item.id)
                """
            ).run()
            try await Self.appendAudit(
                db,
                at: item.updatedAt,
                actor: actor,
                action: .rectificationUpdated,
                subjectID: item.id,
                detail: item.state.rawValue
            )
        }
    }

    static func rectificationItems(_ db: any SQLDatabase, _ filter: SQLQueryString) async throws -> [RectificationItem] {
        try await db.raw(
            """
            SELECT id, inspection_id, seq, problem, measure, responsible, deadline, progress, evidence, state, updated_at, updated_by
            FROM rectification_items WHERE \(filter) ORDER BY seq
            """
        ).all().map { row in
            let id = try row.decode(column: "id", as: String.self)
            guard let state = RectificationItem.State(rawValue: try row.decode(column: "state", as: String.self)) else {
                throw StoreError.unreadableRow(table: "rectification_items", key: id)
            }
            return RectificationItem(
                id: id,
                inspectionID: try row.decode(column: "inspection_id", as: String.self),
                sequence: try row.decode(column: "seq", as: Int.self),
                problem: try row.decode(column: "problem", as: String.self),
                measure: try row.decode(column: "measure", as: String.self),
                responsible: try row.decode(column: "responsible", as: String.self),
                deadline: try row.decode(column: "deadline", as: String?.self).flatMap { CivilDate(parsing: $0) },
                progress: try row.decode(column: "progress", as: String.self),
                evidence: try row.decode(column: "evidence", as: String.self),
                state: state,
                updatedAt: Self.date(try row.decode(column: "updated_at", as: Int64.self)),
                updatedBy: try row.decode(column: "updated_by", as: String.self)
            )
        }
    }
}
