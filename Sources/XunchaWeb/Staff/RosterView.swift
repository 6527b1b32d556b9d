import Foundation
import XunchaCore
import XunchaIntake

/// A roster and a roster file's preview as the pages show them, in Chinese.
enum RosterView {
    struct Person {
        var ordinal = 0
        var line = 0
        var name: String
        var unit: String
        var post: String
        var aliases: String
        var role: String
        var inScope: Bool
        var roleGiven: Bool
        var roleSource: String
        var missing = false
        var hasErrors = false
        var excluded = false

        init(_ p: RosterPerson) {
            name = p.name
            unit = p.unit
            post = p.post
            aliases = p.aliases.joined(separator: "、")
            role = p.role.role.chineseName
            inScope = p.role.role.isInScope
            roleGiven = p.role.rule == ScopeRoleInference.overrideRule
            roleSource = p.role.sourceZH
        }

        /// A row that has no person (no name): only its line and that it is wrong.
        init(missingAt line: Int) {
            self.line = line
            name = ""
            unit = ""
            post = ""
            aliases = ""
            role = ""
            inScope = false
            roleGiven = false
            roleSource = ""
            missing = true
            hasErrors = true
        }
    }

    struct RoleCount {
        var role: String
        var count: Int
        var inScope: Bool
    }

    struct ErrorLine {
        var line: Int
        var message: String
    }

    /// Everything the preview page says about a file: how it was read, which headers counted,
    /// the people per role, the first rows, and every error with its line.
    struct Preview {
        var format: String
        var columns: String
        var ignoredHeaders: String
        var hasIgnoredHeaders: Bool
        var missingColumns: String
        var hasMissingColumns: Bool
        var roleCounts: [RoleCount]
        var rowCount: Int
        var peopleCount: Int
        var sampleCount: Int
        var sample: [Person]
        var errors: [ErrorLine]
        var hasErrors: Bool
        var errorRowCount: Int
        var importable: Bool
        var more: Int?
        /// Next-level units the import adds to the scope, in words.
        var newNextLevel: [String]
        var hasNewNextLevel: Bool
        /// Rows whose unit was chosen as out of scope, shown and not imported; nil when none.
        var excludedCount: Int?

        init(_ p: RosterPreview) {
            format = p.formatZH
            columns = p.recognisedColumns.map { "\($0.column.chineseName)（表头“\($0.header)”）" }.joined(separator: "；")
            ignoredHeaders = p.ignoredHeaders.joined(separator: "、")
            hasIgnoredHeaders = !p.ignoredHeaders.isEmpty
            // 上级单位 is for files that list next-level units the scope does not know yet: rarely there, never missed.
            let missing = RosterColumn.allCases.filter { p.columns[$0] == nil && $0 != .parentUnit }.map(\.chineseName)
            missingColumns = missing.joined(separator: "、")
            hasMissingColumns = !missing.isEmpty
            roleCounts = RosterView.roleCounts(p.roleCounts)
            rowCount = p.rows.count
            peopleCount = p.people.count
            sampleCount = p.sampleRows.count
            sample = p.sampleRows.map { row in
                guard let person = row.person else { return Person(missingAt: row.line) }
                var view = Person(person)
                view.line = row.line
                view.hasErrors = !row.errors.isEmpty
                view.excluded = row.isExcluded
                return view
            }
            newNextLevel = p.newNextLevel.map { "\($0.name)（\($0.kind.chineseName)，\($0.parent)的下一级单位）" }
            hasNewNextLevel = !newNextLevel.isEmpty
            let excluded = p.rows.filter(\.isExcluded).count
            excludedCount = excluded > 0 ? excluded : nil
            errors = p.errorLines.map { ErrorLine(line: $0.line, message: $0.error.messageZH) }
            hasErrors = !errors.isEmpty
            errorRowCount = p.rowsWithErrors.count
            importable = p.isImportable
            let more = p.rows.count - p.sampleRows.count
            self.more = more > 0 ? more : nil
        }
    }

    static func roleCounts(_ counts: [(role: ScopeRole, count: Int)]) -> [RoleCount] {
        counts.map { RoleCount(role: $0.role.chineseName, count: $0.count, inScope: $0.role.isInScope) }
    }
}
