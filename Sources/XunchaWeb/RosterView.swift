import Foundation
import XunchaCore
import XunchaIntake

/// A roster and a roster file's preview as the templates show them, in Chinese.
enum RosterView {
    static func person(_ p: RosterPerson) -> [String: Any] {
        [
            "name": p.name,
            "unit": p.unit,
            "post": p.post,
            "aliases": p.aliases.joined(separator: "、"),
            "role": p.role.role.chineseName,
            "inScope": p.role.role.isInScope,
            "roleGiven": p.role.rule == ScopeRoleInference.overrideRule,
            "roleSource": p.role.sourceZH,
        ]
    }

    static func roleCounts(_ counts: [(role: ScopeRole, count: Int)]) -> [[String: Any]] {
        counts.map { ["role": $0.role.chineseName, "count": $0.count, "inScope": $0.role.isInScope] }
    }

    /// Everything the preview page says about a file: how it was read, which headers counted,
    /// the people per role, the first rows, and every error with its line.
    static func preview(_ p: RosterPreview) -> [String: Any] {
        let errors = p.errorLines.map { ["line": $0.line, "message": $0.error.messageZH] }
        let more = p.rows.count - p.sampleRows.count
        let missing = RosterColumn.allCases.filter { p.columns[$0] == nil }.map(\.chineseName)
        var values: [String: Any] = [
            "format": p.formatZH,
            "columns": p.recognisedColumns.map { "\($0.column.chineseName)（表头“\($0.header)”）" }.joined(separator: "；"),
            "ignoredHeaders": p.ignoredHeaders.joined(separator: "、"),
            "hasIgnoredHeaders": !p.ignoredHeaders.isEmpty,
            "missingColumns": missing.joined(separator: "、"),
            "hasMissingColumns": !missing.isEmpty,
            "roleCounts": roleCounts(p.roleCounts),
            "rowCount": p.rows.count,
            "peopleCount": p.people.count,
            "sampleCount": p.sampleRows.count,
            "sample": p.sampleRows.map { row -> [String: Any] in
                var values = row.person.map(person) ?? ["missing": true]
                values["line"] = row.line
                values["hasErrors"] = !row.errors.isEmpty
                return values
            },
            "errors": errors,
            "hasErrors": !errors.isEmpty,
            "errorRowCount": p.rowsWithErrors.count,
            "importable": p.isImportable,
        ]
        if more > 0 { values["more"] = more }
        return values
    }
}
