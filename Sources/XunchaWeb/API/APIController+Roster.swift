import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaIntake

/// `POST /api/v1/inspections/:id/roster`: the roster file as the request body (CSV or XLSX bytes,
/// any Content-Type). `?dry_run=1` answers the preview and writes nothing; without it the file
/// replaces the roster when every row is good, else 422 `roster_has_errors` and nothing changes.
extension APIController {
    struct RosterPersonInfo: Encodable {
        var line: Int
        var name: String
        var unit: String
        var post: String
        var aliases: [String]
        var role: String
        var roleRule: String
        var unitLevel: String?
        /// True when the row's unit was chosen as out of scope: shown, not imported.
        var excluded: Bool
    }

    struct NewUnitInfo: Encodable {
        var name: String
        var kind: String
        var parent: String
    }

    struct RosterRowErrorInfo: Encodable {
        var line: Int
        var code: String
        var messageZh: String
        var messageEn: String
    }

    struct RosterImportResponse: ResponseEncodable {
        var format: String
        /// Column (name, unit, post, role, aliases) → the header cell it was read from.
        var columns: [String: String]
        var ignoredHeaders: [String]
        var rows: Int
        var people: Int
        var roleCounts: [String: Int]
        var sample: [RosterPersonInfo]
        var errors: [RosterRowErrorInfo]
        var importable: Bool
        /// Next-level units the import adds to the scope (from the file's 上级单位 column).
        var newNextLevel: [NewUnitInfo]
        /// Units the scope does not know and nothing settled: give them a 上级单位 column.
        var unsettledUnits: [String]
        /// How many people the import replaces (dry run) or replaced.
        var replaces: Int
        var imported: Bool
    }

    @Sendable func importRoster(_ request: Request, context: StaffRequestContext) async throws -> RosterImportResponse {
        let inspection = try await admin.rosterInspection(context.caller, id: try context.parameters.require("id"))
        let dryRun = ["1", "true", "yes"].contains(request.uri.queryParameters.get("dry_run") ?? "")
        let body = try await RequestBody.collect(request, limit: AdminDesk.maxRosterFileBytes)
        let preview = try await admin.previewRoster(context.caller, inspection: inspection, bytes: Array(body.readableBytesView))
        let existing = try await admin.roster(context.caller, inspection: inspection).count
        if !dryRun {
            try await admin.importRoster(context.caller, inspection: inspection, preview: preview, source: "api")
        }
        return RosterImportResponse(
            format: preview.format,
            columns: Dictionary(uniqueKeysWithValues: preview.recognisedColumns.map { ($0.column.rawValue, $0.header) }),
            ignoredHeaders: preview.ignoredHeaders,
            rows: preview.rows.count,
            people: preview.people.count,
            roleCounts: Dictionary(uniqueKeysWithValues: preview.roleCounts.map { ($0.role.rawValue, $0.count) }),
            sample: preview.sampleRows.compactMap { row in
                row.person.map {
                    RosterPersonInfo(
                        line: row.line,
                        name: $0.name,
                        unit: $0.unit,
                        post: $0.post,
                        aliases: $0.aliases,
                        role: $0.role.role.rawValue,
                        roleRule: $0.role.rule,
                        unitLevel: $0.role.unitLevel,
                        excluded: row.isExcluded
                    )
                }
            },
            errors: preview.errorLines.map {
                RosterRowErrorInfo(line: $0.line, code: Self.code($0.error), messageZh: $0.error.messageZH, messageEn: $0.error.messageEN)
            },
            importable: preview.isImportable,
            newNextLevel: preview.newNextLevel.map { NewUnitInfo(name: $0.name, kind: $0.kind.rawValue, parent: $0.parent) },
            unsettledUnits: preview.unsettledUnits,
            replaces: existing,
            imported: !dryRun
        )
    }

    private static func code(_ error: RosterRowError) -> String {
        switch error {
        case .missingName: "missing_name"
        case .unknownUnit: "unknown_unit"
        case .duplicatePerson: "duplicate_person"
        case .unreadableRole: "unreadable_role"
        }
    }
}
