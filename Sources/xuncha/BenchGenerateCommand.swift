import ArgumentParser
import Foundation
import XunchaDesk
import XunchaStore

/// `xuncha bench generate`: a data folder with one inspection of many synthetic reports.
struct BenchGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "生成合成数据 / Fills a data folder with one inspection of N synthetic reports (docs/performance.md).",
        discussion: """
            Creates the data folder if needed, the synthetic inspection (id \(SyntheticInspection.inspectionID)) with a \
            roster and a leader and a member (their passwords are printed once) unless it is there, then adds N reports: \
            texts of 130–300 characters naming roster people, every channel, named and anonymous (identities sealed), \
            arrivals spread over the period, each screened by the real screener, written by the store's bulk load with \
            register numbers, search terms and audit events; then a sample gets decisions through the staff desk. \
            Run again to add more. Build with -c release.
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "新增信访件数 / reports to add.")
    var reports = 1_000_000

    @Option(help: "随机种子 / seed.")
    var seed: UInt64 = 2026

    @Option(help: "经组长处理的信访件数 / reports that get a decision through the desk, one transaction each.")
    var decisions = 2_000

    func validate() throws {
        guard reports > 0, decisions >= 0 else { throw ValidationError("reports must be positive, decisions not negative") }
    }

    func run() async throws {
        let folder = dataOptions.folder
        let (store, keys, _) = try await dataOptions.open(creating: true, logger: .cli()).parts
        do {
            let services = DeskServices(store: store, keys: keys, dataFolder: folder, now: { SyntheticInspection.moment })
            var plan = SyntheticInspection.Plan(reports: reports, seed: seed)
            plan.decisions = decisions
            let bar = ProgressBar()
            let clock = ContinuousClock()
            let started = clock.now
            let summary = try await SyntheticInspection(store: store, services: services).generate(plan) { bar.show(done: $0, total: $1) }
            bar.finish()
            let elapsed = clock.now - started
            try await store.close()
            for account in summary.newAccounts {
                print("账号 / account \(account.username)  密码 / password \(account.password)")
            }
            let seconds = BenchDuplicatesCommand.seconds(elapsed)
            print(
                "巡察 / inspection \(summary.inspectionID): \(summary.reportsBefore) + \(summary.reportsAdded) reports, "
                    + "\(summary.decisions) decisions, "
                    + String(
                        format: "%.1f s (%.0f reports/s), database %.0f MB",
                        seconds,
                        Double(summary.reportsAdded) / seconds,
                        Self.megabytes(folder)
                    )
            )
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// The database with its write-ahead log, in MB.
    static func megabytes(_ folder: DataFolder) -> Double {
        ["", "-wal"].reduce(0.0) { sum, suffix in
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder.databasePath + suffix)
            return sum + ((attributes?[.size] as? NSNumber)?.doubleValue ?? 0) / 1_048_576
        }
    }
}
