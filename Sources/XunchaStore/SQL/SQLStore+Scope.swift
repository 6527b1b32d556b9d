import Foundation
import SQLKit
import XunchaCore

extension SQLStore {
    /// An inspection's units (from the inspection) with their next level (`scope_units`, in the
    /// order they were written); nil when there is no such inspection.
    public func scope(inspectionID: String) async throws -> InspectionScope? {
        guard let inspection = try await inspection(id: inspectionID) else { return nil }
        let rows = try await engine.reader.raw(
            "SELECT ordinal, parent, name, kind FROM scope_units WHERE inspection_id = \(bind: inspectionID) ORDER BY ordinal"
        ).all()
        let nextLevel = try rows.map { row in
            guard let kind = UnitKind(rawValue: try row.decode(column: "kind", as: String.self)) else {
                throw StoreError.unreadableRow(table: "scope_units", key: "\(inspectionID)/\(try row.decode(column: "ordinal", as: Int.self))")
            }
            return NextLevelUnit(
                name: try row.decode(column: "name", as: String.self),
                kind: kind,
                parent: try row.decode(column: "parent", as: String.self)
            )
        }
        return InspectionScope(units: inspection.units, nextLevel: nextLevel)
    }

    /// Replaces the inspection's next-level units with `units`, with the audit event
    /// `scope.updated` (how many replaced how many) in the same transaction.
    public func replaceNextLevelUnits(inspectionID: String, units: [NextLevelUnit], actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            let previous = try await Self.writeNextLevel(db, inspectionID: inspectionID, units: units, replacing: true)
            try await Self.appendAudit(
                db,
                at: at,
                actor: actor,
                action: .scopeUpdated,
                subjectID: inspectionID,
                detail: "\(units.count) next-level units replaced \(previous)"
            )
        }
    }

    /// Writes next-level units after the ones kept (all of them when `replacing` is false);
    /// returns how many there were before.
    @discardableResult
    static func writeNextLevel(_ db: any SQLDatabase, inspectionID: String, units: [NextLevelUnit], replacing: Bool) async throws -> Int {
        let row = try await db.raw(
            "SELECT COUNT(*) AS n, COALESCE(MAX(ordinal), -1) AS last FROM scope_units WHERE inspection_id = \(bind: inspectionID)"
        ).first()
        let previous = try row?.decode(column: "n", as: Int.self) ?? 0
        var next = (try row?.decode(column: "last", as: Int.self) ?? -1) + 1
        if replacing {
            try await db.raw("DELETE FROM scope_units WHERE inspection_id = \(bind: inspectionID)").run()
            next = 0
        }
        for unit in units {
            try await db.raw(
                """
                INSERT INTO scope_units (inspection_id, ordinal, parent, name, kind)
                VALUES (\(bind: inspectionID), \(bind: next), \(bind: unit.parent), \(bind: unit.name), \(bind: unit.kind.rawValue))
                """
            ).run()
            next += 1
        }
        return previous
    }
}
