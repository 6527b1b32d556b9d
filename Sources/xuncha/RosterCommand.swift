import ArgumentParser
import Foundation
import XunchaCore
import XunchaDesk
import XunchaIntake
import XunchaStore

/// `xuncha roster …`: the people of an inspection's units.
struct RosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "名册：被巡察单位人员 / the roster of the inspected units' people.",
        subcommands: [Import.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入名册（CSV 或 XLSX），替换该巡察的现有名册 / Import a roster file, replacing the inspection's roster.",
            discussion: """
                Columns by header: 姓名/名字/name (required), 单位/工作单位/所在单位/unit, 职务/职位/岗位/post, 角色/类别/role \
                (overrides the role inferred from the post), 别名/曾用名/aliases (split on 、,；;). CSV may be UTF-8 (with or \
                without BOM), UTF-16 with BOM, or GBK/GB18030 as Excel saves it. Shows a preview and asks before importing; \
                when any row has an error (missing name, unit not among the inspection's units, duplicate person, unreadable \
                role) nothing is imported and the exit status is 1.
                """
        )

        @Argument(help: "名册文件 / the roster file (CSV or XLSX).")
        var file: String

        @Option(help: "巡察 ID；数据目录中只有一个巡察时可省略 / inspection id, optional when the data folder holds exactly one.")
        var inspection: String?

        @OptionGroup var dataOptions: DataOptions

        @Flag(name: .long, help: "不询问，直接导入 / import without asking.")
        var yes = false

        @Option(
            name: .customLong("next-level"),
            help: "名册中的单位是某被巡察单位的下一级单位：单位=被巡察单位（可重复）/ UNIT=PARENT: a roster unit is a next-level unit of PARENT (repeatable)."
        )
        var nextLevel: [String] = []

        @Option(
            name: .customLong("out-of-scope"),
            help: "名册中的单位不在巡察范围，其人员不导入（可重复）/ a roster unit outside the scope: its rows are not imported (repeatable)."
        )
        var outOfScope: [String] = []

        /// The choices of the console's preview, written as options.
        static func choices(nextLevel: [String], outOfScope: [String], scope: InspectionScope) throws -> [String: RosterUnitChoice] {
            var choices: [String: RosterUnitChoice] = [:]
            for pair in nextLevel {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty, scope.units.contains(parts[1]) else {
                    throw ValidationError(
                        "--next-level \(pair)：应写作 单位=被巡察单位，被巡察单位为 \(scope.units.joined(separator: "、")) / expected UNIT=PARENT with PARENT one of the inspected units"
                    )
                }
                choices[parts[0]] = .nextLevel(of: parts[1])
            }
            for unit in outOfScope where !unit.trimmingCharacters(in: .whitespaces).isEmpty { choices[unit] = .outOfScope }
            return choices
        }

        func run() async throws {
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                throw ValidationError("无法读取 \(file) / cannot read \(file): \(error.localizedDescription)")
            }
            try await dataOptions.withExistingStore { store, desks in
                let target = try await store.pickInspection(inspection)
                let preview: RosterPreview
                let scope = try await store.scope(inspectionID: target.id) ?? InspectionScope(units: target.units)
                let choices = try Self.choices(nextLevel: nextLevel, outOfScope: outOfScope, scope: scope)
                do throws(RosterFileError) {
                    preview = try RosterReader(scope: scope, choices: choices).read(bytes: bytes)
                } catch {
                    printError("xuncha roster import: \(error.messageZH)\n\(error.messageEN)")
                    throw ExitCode(1)
                }
                let existing = try await store.roster(inspectionID: target.id, rules: .standard).count
                print(Self.describe(preview, file: file, inspection: target, existing: existing))
                guard preview.isImportable else {
                    printError(
                        "✗ \(preview.rowsWithErrors.count) 行有错误，未导入任何人员。/ \(preview.rowsWithErrors.count) row(s) with errors: nothing imported."
                    )
                    throw ExitCode(1)
                }
                if !yes {
                    Swift.print("导入以上 \(preview.people.count) 人？/ import \(preview.people.count) people? [y/N] ", terminator: "")
                    let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                    guard ["y", "yes", "是"].contains(answer) else {
                        print("已取消，未导入。/ cancelled, nothing imported.")
                        throw ExitCode(1)
                    }
                }
                let source = URL(fileURLWithPath: file).lastPathComponent
                let tally = try await desks.admin.importRoster(.commandLine("roster-import"), inspection: target, preview: preview, source: source)
                print("已导入 / imported \(preview.people.count) people into \(target.id) \(target.group)")
                print("已按新名册重新初筛 / re-screened \(tally.values.reduce(0, +)) reports")
            }
        }

        /// A page, not a dump: counts per role, the first rows, every error.
        static func describe(_ preview: RosterPreview, file: String, inspection: Inspection, existing: Int) -> String {
            var lines = [
                "名册 / roster: \(file) (\(preview.format))",
                "巡察 / inspection: \(inspection.id) \(inspection.group)；被巡察单位：\(inspection.units.joined(separator: "、"))",
                "表头 / columns: "
                    + preview.recognisedColumns.map { "\($0.column.rawValue)=\($0.header)" }.joined(separator: ", ")
                    + (preview.ignoredHeaders.isEmpty ? "" : "；忽略 / ignored: \(preview.ignoredHeaders.joined(separator: ", "))"),
                "人员 / people: \(preview.people.count)（共 \(preview.rows.count) 行 / rows）"
                    + (existing > 0 ? "；将替换现有名册 \(existing) 人 / replaces \(existing) people" : ""),
            ]
            for (role, count) in preview.roleCounts { lines.append("  \(role.chineseName) \(role.rawValue): \(count)") }
            for unit in preview.newNextLevel {
                lines.append("新增下一级单位 / next-level unit added: \(unit.name)（\(unit.kind.chineseName)，\(unit.parent)）")
            }
            let excluded = preview.rows.filter(\.isExcluded).count
            if excluded > 0 { lines.append("不在巡察范围、不导入 / out of scope, not imported: \(excluded) 行 / rows") }
            lines.append("前 \(preview.sampleRows.count) 行 / first rows:")
            for row in preview.sampleRows {
                guard let p = row.person else {
                    lines.append("  \(row.line)\t—")
                    continue
                }
                let aliases = p.aliases.isEmpty ? "" : "（别名 \(p.aliases.joined(separator: "、"))）"
                let level = p.role.unitLevel.map { "，\($0)" } ?? ""
                lines.append("  \(row.line)\t\(p.name)\(aliases)\t\(p.unit)\t\(p.post)\t→ \(p.role.role.chineseName) [\(p.role.rule)\(level)]")
            }
            let more = preview.rows.count - preview.sampleRows.count
            if more > 0 { lines.append("  … 另有 \(more) 行 / more rows") }
            let bad = preview.rowsWithErrors
            if !bad.isEmpty {
                lines.append("错误 / errors (\(bad.count) 行 / rows):")
                for (line, error) in preview.errorLines {
                    lines.append("  第 \(line) 行 / line \(line): \(error.messageZH) / \(error.messageEN)")
                }
            }
            return lines.joined(separator: "\n")
        }
    }
}
