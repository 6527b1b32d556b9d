import Foundation
import SQLKit
import XunchaCore

extension SQLStore {
    /// Replaces an inspection's roster with `people` (file order kept), adds the next-level units
    /// the import settled, and writes the audit event (action `roster.imported`, detail: how many
    /// people replaced how many, units added, and the source) in the same transaction: a failed
    /// import leaves the old roster and scope as they were.
    public func replaceRoster(
        inspectionID: String,
        people: [RosterPerson],
        addingNextLevel: [NextLevelUnit],
        source: String,
        actor: AuditActor,
        at: Date
    ) async throws {
        let aliases = try people.map { String(decoding: try JSONEncoder().encode($0.aliases), as: UTF8.self) }
        try await transaction { db in
            let previous =
                try await db.raw("SELECT COUNT(*) AS n FROM roster_people WHERE inspection_id = \(bind: inspectionID)").first()
                .map { try $0.decode(column: "n", as: Int.self) } ?? 0
            try await db.raw("DELETE FROM roster_people WHERE inspection_id = \(bind: inspectionID)").run()
            if !addingNextLevel.isEmpty {
                try await Self.writeNextLevel(db, inspectionID: inspectionID, units: addingNextLevel, replacing: false)
            }
            for (ordinal, person) in people.enumerated() {
                let override = person.role.rule == ScopeRoleInference.overrideRule ? person.role.role.rawValue : nil
                try await db.raw(
                    """
                    INSERT INTO roster_people (inspection_id, ordinal, name, unit, post, aliases, role, role_rule, role_override)
                    VALUES (\(bind: inspectionID), \(bind: ordinal), \(bind: person.name), \(bind: person.unit), \(bind: person.post),
                            \(bind: aliases[ordinal]), \(bind: person.role.role.rawValue), \(bind: person.role.rule), \(bind: override))
                    """
                ).run()
            }
            try await Self.appendAudit(
                db,
                at: at,
                actor: actor,
                action: .rosterImported,
                subjectID: inspectionID,
                detail: "\(people.count) people replaced \(previous)"
                    + (addingNextLevel.isEmpty ? "" : "; \(addingNextLevel.count) next-level units added") + "; source: \(source)"
            )
        }
    }

    /// An inspection's roster in file order. Roles are inferred again with `rules` at each unit's
    /// level in the scope (the stored override, if any, still wins), so a change of the rule
    /// table or of the scope applies to stored rosters.
    public func roster(inspectionID: String, rules: ScopeRoleRules = .standard) async throws -> [RosterPerson] {
        let placer = try await scope(inspectionID: inspectionID).map(UnitPlacer.init)
        return try await engine.reader.raw(
            """
            SELECT ordinal, name, unit, post, aliases, role_override FROM roster_people
            WHERE inspection_id = \(bind: inspectionID) ORDER BY ordinal
            """
        ).all().map { row in
            let ordinal = try row.decode(column: "ordinal", as: Int.self)
            let overrideText = try row.decode(column: "role_override", as: String?.self)
            guard let aliases = try? JSONDecoder().decode([String].self, from: Data(try row.decode(column: "aliases", as: String.self).utf8)),
                overrideText == nil || ScopeRole(rawValue: overrideText!) != nil
            else { throw StoreError.unreadableRow(table: "roster_people", key: "\(inspectionID)/\(ordinal)") }
            return RosterPerson(
                name: try row.decode(column: "name", as: String.self),
                unit: try row.decode(column: "unit", as: String.self),
                post: try row.decode(column: "post", as: String.self),
                aliases: aliases,
                role: overrideText.flatMap(ScopeRole.init(rawValue:)),
                rules: rules,
                placer: placer
            )
        }
    }
}
