import Foundation
import Logging
import SQLKit

/// The engine's own limit for the load test to be read against: how many transactions of one row,
/// and how many rows in transactions of `batch`, SQLite commits per second on this disk with the
/// pragmas the store runs with (WAL, `synchronous=FULL`), through the same `SQLiteEngine`.
public enum CommitBenchmark {
    public struct Rates: Sendable {
        public var oneRowTransactionsPerSecond: Double
        public var batchedRowsPerSecond: Double
        public var batch: Int
    }

    /// Runs each kind for `seconds` on a fresh file in `folder`, which it removes afterwards.
    /// Each row carries `payloadBytes` of text, about what a report's row holds.
    public static func run(folder: String, seconds: Double, batch: Int, payloadBytes: Int = 1_200) async throws -> Rates {
        let path = folder + "/commit-benchmark-\(UUID().uuidString).sqlite"
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let engine = try await SQLiteEngine(path: path, logger: Logger(label: "xuncha.bench"))
        try await engine.transaction { db in
            try await db.raw("CREATE TABLE rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)").run()
        }
        let payload = String(repeating: "x", count: payloadBytes)
        func timed(rowsPerTransaction: Int) async throws -> Double {
            let clock = ContinuousClock()
            let start = clock.now
            let deadline = start.advanced(by: .milliseconds(Int64(seconds * 1000)))
            var rows = 0
            while clock.now < deadline {
                try await engine.transaction { db in
                    for _ in 0..<rowsPerTransaction {
                        try await db.raw("INSERT INTO rows (payload) VALUES (\(bind: payload))").run()
                    }
                }
                rows += rowsPerTransaction
            }
            let elapsed = clock.now - start
            return Double(rows) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        let oneRow = try await timed(rowsPerTransaction: 1)
        let batched = try await timed(rowsPerTransaction: batch)
        try await engine.close()
        return Rates(oneRowTransactionsPerSecond: oneRow, batchedRowsPerSecond: batched, batch: batch)
    }
}
