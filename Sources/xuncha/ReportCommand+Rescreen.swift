import ArgumentParser
import Foundation
import XunchaCore
import XunchaDesk
import XunchaStore

extension ReportCommand {
    /// `xuncha report rescreen`: screen stored reports again, after the roster, the inspection or
    /// the rules changed.
    struct Rescreen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "重新初筛已登记的反映 / Screen stored reports again (after a roster, inspection or rules change).",
            discussion: """
                Screens every report of the inspection again, oldest first, each against the reports before it, and \
                stores each result with the rules version (one audit event per report). Staff decisions already made \
                are kept. --unassigned screens the reports no inspection claimed (judged from their text alone).
                """
        )

        @OptionGroup var dataOptions: DataOptions

        @Option(help: "巡察 ID；数据目录中只有一个巡察时可省略 / inspection id, optional when the data folder holds exactly one.")
        var inspection: String?

        @Flag(help: "重新初筛未归属任何巡察的反映 / screen the reports no inspection claimed.")
        var unassigned = false

        func validate() throws {
            if unassigned, inspection != nil {
                throw ValidationError("--unassigned 与 --inspection 不能同时使用 / give --unassigned or --inspection, not both")
            }
        }

        func run() async throws {
            try await dataOptions.withExistingStore { store, desks in
                let inspectionID = unassigned ? nil : try await store.pickInspection(inspection).id
                let tally = try await Self.rescreen(desks, inspectionID: inspectionID, caller: .commandLine("report-rescreen"))
                let total = tally.values.reduce(0, +)
                let parts = SuggestionKind.allCases.map { "\($0.chineseName) \($0.rawValue) \(tally[$0, default: 0])" }
                print("已重新初筛 / screened \(total) 件：" + parts.joined(separator: "，"))
            }
        }

        /// Screens an inspection's reports again with a progress bar on the terminal.
        static func rescreen(_ desks: DeskServices, inspectionID: String?, caller: Caller) async throws -> [SuggestionKind: Int] {
            guard caller.may(.rescreen, inspectionID: inspectionID) else { throw DeskError.forbidden }
            let bar = ProgressBar()
            let tally = try await desks.screening.rescreen(inspectionID: inspectionID, actor: caller.auditActor) {
                bar.show(done: $0, total: $1)
            }
            bar.finish()
            return tally
        }
    }
}
