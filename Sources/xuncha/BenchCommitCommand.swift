import ArgumentParser
import Foundation
import XunchaStore

/// `xuncha bench commit`: the storage engine's commit rates, the ceiling intake is measured against.
struct BenchCommitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit",
        abstract: "数据库提交速率 / SQLite commit rates: one-row transactions and rows in batched transactions (WAL, synchronous=FULL).",
        discussion: """
            Writes to a scratch file in --folder (removed afterwards) through the store's own engine, for --seconds \
            each: transactions of one row, then transactions of --batch rows. Every commit is on disk before the next \
            starts, as a report's is before it is acknowledged.
            """
    )

    @Option(help: "临时文件所在目录 / folder for the scratch database (the data folder's disk is the one that counts).")
    var folder = NSTemporaryDirectory()

    @Option(help: "每种计时秒数 / seconds per kind.")
    var seconds = 3.0

    @Option(help: "每个事务的行数 / rows per batched transaction.")
    var batch = 100

    func validate() throws {
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be in (0, 600]") }
        guard (1...100_000).contains(batch) else { throw ValidationError("--batch must be 1…100000") }
        guard FileManager.default.fileExists(atPath: folder) else { throw ValidationError("no folder \(folder)") }
    }

    func run() async throws {
        let rates = try await CommitBenchmark.run(folder: folder, seconds: seconds, batch: batch)
        print(String(format: "one-row transactions: %.0f/s", rates.oneRowTransactionsPerSecond))
        print(String(format: "rows in transactions of %d: %.0f/s", rates.batch, rates.batchedRowsPerSecond))
    }
}
