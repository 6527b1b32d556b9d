import Foundation
import SQLKit
import XunchaCore

extension SQLStore {
    public func createInspection(_ inspection: Inspection, actor: AuditActor, at: Date) async throws {
        let data = try Self.json(inspection)
        try await transaction { db in
            try await db.raw(
                "INSERT INTO inspections (id, data, created_at) VALUES (\(bind: inspection.id), \(bind: data), \(bind: Self.millis(at)))"
            ).run()
            try await Self.appendAudit(
                db,
                at: at,
                actor: actor,
                action: .inspectionCreated,
                subjectID: inspection.id,
                detail: inspection.group
            )
        }
    }

    public func inspections() async throws -> [Inspection] {
        try await engine.reader.raw("SELECT data FROM inspections ORDER BY created_at, id").all().map {
            try Self.decodeJSON(Inspection.self, $0.decode(column: "data", as: String.self))
        }
    }

    public func inspection(id: String) async throws -> Inspection? {
        try await engine.reader.raw("SELECT data FROM inspections WHERE id = \(bind: id)").first().map {
            try Self.decodeJSON(Inspection.self, $0.decode(column: "data", as: String.self))
        }
    }
}
