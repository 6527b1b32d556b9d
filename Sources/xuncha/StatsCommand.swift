import ArgumentParser
import Foundation
import XunchaCore
import XunchaDesk
import XunchaWeb

/// `xuncha stats`: the numbers of an inspection report, as one JSON object or a readable table.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "巡察信访统计 / the statistics of an inspection's reports (docs/statistics.md).",
        discussion: "不指定 --inspection 且只有一个巡察时统计该巡察；--all 统计全部巡察。/ Without --inspection, the only inspection; --all sums every one."
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "巡察编号 / inspection id.")
    var inspection: String?

    @Flag(help: "统计全部巡察 / every inspection together (the office's view).")
    var all = false

    @Flag(help: "以 JSON 输出 / print one JSON object.")
    var json = false

    func validate() throws {
        if all, inspection != nil { throw ValidationError("--all 与 --inspection 不能同时使用 / give --all or --inspection, not both") }
    }

    func run() async throws {
        let stats = try await dataOptions.withExistingStore { store, desks in
            let target = all ? nil : try await store.pickInspection(inspection).id
            return try await desks.staff.statistics(.commandLine("stats"), inspectionID: target)
        }
        if json {
            print(String(decoding: try APICoding.encoder(pretty: true).encode(stats), as: UTF8.self))
            return
        }
        print(Self.table(stats))
    }

    /// A page for a person: the summary sentences, then each breakdown as label and count.
    static func table(_ s: InspectionStatistics) -> String {
        var lines = s.summaryZH
        func section(_ title: String, _ rows: [(String, Int)]) {
            lines.append("")
            lines.append(title)
            let width = rows.map { $0.0.count }.max() ?? 0
            for (label, n) in rows { lines.append("  " + label + String(repeating: "　", count: max(0, width - label.count)) + "  \(n)") }
        }
        section("渠道 / by channel", Channel.allCases.map { ($0.displayName, s.byChannel[$0.rawValue, default: 0]) })
        section("问题类别 / by discipline", Discipline.allCases.map { ($0.chineseName, s.byDiscipline[$0.rawValue, default: 0]) })
        section("被反映人层级 / by rank", ScopeRole.ranked.map { ($0.chineseName, s.byRank[$0.rawValue, default: 0]) })
        section(
            "处理决定 / by disposition",
            SuggestionKind.allCases.map { ($0.chineseName, s.byDisposition[$0.rawValue, default: 0]) } + [
                ("尚待处理", s.byDisposition["undecided", default: 0])
            ]
        )
        section("转办 / referrals by recipient", s.referrals.byRecipient.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        section("按周 / by week", s.byWeek.map { ($0.weekStart, $0.reports) })
        return lines.joined(separator: "\n")
    }
}
