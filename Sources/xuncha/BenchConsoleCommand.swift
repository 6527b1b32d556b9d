import ArgumentParser
import Foundation
import XunchaCore
import XunchaDesk
import XunchaIntake
import XunchaStore

/// `xuncha bench console`: the console's pages and an export, timed on a generated data set.
struct BenchConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "控制台性能 / Times the console's pages and an XLSX export on the data set of `bench generate` (docs/performance.md).",
        discussion: """
            Reads as the synthetic inspection's leader at the moment the data set describes, through the desk calls the \
            web pages make: the inbox (with the leader's agenda and colleagues, as /staff shows them) on page 1, the \
            last page, a keyword search and a filter; the statistics page; and an XLSX export of the inbox's first N \
            rows. Each operation runs once untimed, then --rounds times; prints the first run, the median and the \
            maximum in ms (and rows/s for exports). Build with -c release.
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "计时轮数 / timed rounds per operation.")
    var rounds = 5

    @Option(help: "导出行数 / rows in the timed export.")
    var exportRows = 100_000

    @Option(help: "检索关键词 / the keyword searched.")
    var keyword = "红包"

    @Option(help: "只运行名称含此文字的操作 / run only the operations whose name contains this.")
    var only: String?

    func validate() throws {
        guard rounds > 0, exportRows > 0 else { throw ValidationError("rounds and export rows must be positive") }
    }

    /// One timed operation: its name and what it does, returning the rows it handled.
    struct Operation {
        var name: String
        var run: () async throws -> Int
        var countsRows = false
    }

    func run() async throws {
        let moment: @Sendable () -> Date = { SyntheticInspection.moment }
        try await dataOptions.withExistingStore(now: moment) { store, services in
            guard let leader = try await store.users().first(where: { $0.username == SyntheticInspection.leaderUsername }) else {
                throw ValidationError("数据目录中没有合成巡察；请先运行 xuncha bench generate / no synthetic inspection: run xuncha bench generate first")
            }
            let caller = Caller.staff(leader)
            let desk = services.staff
            let reports = try await store.reportCount(inspectionID: leader.inspectionID, includeUnassigned: false)
            /// What /staff reads for one view of the inbox.
            func page(_ input: InboxInput) async throws -> Int {
                let inbox = try await desk.inbox(caller, input)
                _ = try await desk.agenda(caller)
                _ = try await desk.colleagues(caller)
                return inbox.reports.count
            }
            let lastPage = try await desk.inbox(caller, InboxInput()).pageCount
            var last = InboxInput()
            last.page = lastPage
            var search = InboxInput()
            search.q = keyword
            var filter = InboxInput()
            filter.channel = Channel.web.rawValue
            filter.discipline = Discipline.integrity.rawValue
            filter.overdue = "1"
            var operations: [Operation] = [
                Operation(name: "inbox page 1", run: { try await page(InboxInput()) }),
                Operation(name: "inbox last page (\(lastPage))", run: { try await page(last) }),
                Operation(name: "search \(keyword)", run: { try await page(search) }),
                Operation(name: "filter web+integrity+overdue", run: { try await page(filter) }),
                Operation(name: "  of which inbox alone", run: { try await desk.inbox(caller, InboxInput()).reports.count }),
                Operation(name: "  of which agenda", run: { try await desk.agenda(caller).clocks.count }),
                Operation(name: "statistics", run: { try await desk.statistics(caller).reports }),
            ]
            // A report from the middle of the inbox, as its page (/staff/reports/ID) reads it.
            var middle = InboxInput()
            middle.page = max(1, lastPage / 2)
            if let id = try await desk.inbox(caller, middle).reports.first?.id {
                operations.append(Operation(name: "report page", run: { try await desk.report(caller, id: id).trail.count }))
            }
            let registerTotal = try await desk.ledger(caller, .web, rows: 0..<1).total
            let callsTotal = try await desk.ledger(caller, .calls, rows: 0..<1).total
            let lastRows = max(0, (registerTotal - 1) / 100 * 100)..<(max(0, (registerTotal - 1) / 100 * 100) + 100)
            operations += [
                Operation(name: "web register page 1", run: { try await desk.ledger(caller, .web, rows: 0..<100).ledger.rows.count }),
                Operation(name: "web register last page", run: { try await desk.ledger(caller, .web, rows: lastRows).ledger.rows.count }),
            ]
            // Exports: one line each.
            operations += [
                Operation(name: "export inbox sheet XLSX", run: { try await Self.inboxSheet(store, leader, rows: exportRows) }, countsRows: true),
                Operation(
                    name: "export calls register XLSX",
                    run: {
                        _ = try await desk.ledgerFile(caller, .calls, format: .xlsx)
                        return callsTotal
                    },
                    countsRows: true
                ),
            ]
            print("\(reports) reports; \(rounds) rounds after one untimed run; times in ms")
            print(Self.row(["operation", "first", "median", "max", "rows/s"]))
            fflush(nil)
            for op in operations where only.map({ op.name.contains($0) }) ?? true {
                let clock = ContinuousClock()
                var first = clock.now
                let rows = try await op.run()
                let firstTime = Self.ms(clock.now - first)
                var times: [Double] = []
                for _ in 0..<rounds {
                    first = clock.now
                    _ = try await op.run()
                    times.append(Self.ms(clock.now - first))
                }
                times.sort()
                let median = times[times.count / 2]
                let rate = op.countsRows ? String(format: "%.0f (%d rows)", Double(rows) / median * 1000, rows) : ""
                print(
                    Self.row([op.name, String(format: "%.1f", firstTime), String(format: "%.1f", median), String(format: "%.1f", times.last!), rate])
                )
                // Each line as it is measured, also into a file or a pipe: a long run shows its progress.
                fflush(nil)
            }
        }
    }

    /// The inbox's first `rows` reports as a worksheet, written as an XLSX file to a temporary
    /// path and removed: reading, screening summaries, cells, the writer and the disk.
    static func inboxSheet(_ store: SQLStore, _ leader: StaffUser, rows: Int) async throws -> Int {
        var query = InboxQuery(inspectionID: leader.inspectionID)
        query.limit = rows
        let reports = try await store.inbox(query).reports
        let summaries = try await store.screeningSummaries(reportIDs: reports.map(\.id))
        let sheet = XLSXWorksheet(
            name: "信访件",
            header: ["编号", "收到日期", "渠道", "实名", "状态", "初筛建议", "问题类别", "内容"],
            rows: reports.map { r in
                let s = summaries[r.id]
                return [
                    .text(r.number ?? ""), .date(CivilDate(beijingDayOf: r.receivedAt)), .text(r.channel.displayName),
                    .text(r.isRealName ? "是" : "否"),
                    .text(r.status.displayName), .text(s?.suggestion.chineseName ?? ""), .text(s?.topDiscipline?.chineseName ?? ""),
                    .text(r.content),
                ]
            }
        )
        let bytes = try XLSXWriter().bytes([sheet])
        let path = NSTemporaryDirectory() + "xuncha-bench-\(UUID().uuidString).xlsx"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try FileManager.default.removeItem(atPath: path)
        return reports.count
    }

    static func ms(_ d: Duration) -> Double { BenchDuplicatesCommand.seconds(d) * 1000 }

    static func row(_ cells: [String]) -> String {
        zip(cells, [34, 10, 10, 10, 0]).map { cell, width in cell.padding(toLength: max(width, cell.count), withPad: " ", startingAt: 0) }
            .joined(separator: " ")
    }
}
