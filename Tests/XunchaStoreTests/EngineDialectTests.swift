import Foundation
import SQLKit
import Testing

@testable import XunchaStore

/// The SQL that differs between the engines, run on each: on SQLite, and on PostgreSQL where
/// `XUNCHA_TEST_POSTGRES` names a server.
@Suite struct EngineDialectTests {
    /// Rows of integers passed as one parameter come back exactly, the extremes of 64 bits included
    /// (filing keys are hashes and take any value), in any number.
    @Test func integerRowsComeBackExactly() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        let db = store.engine.reader
        let rows: [[Int64]] = [[.min, .max, 0], [-1, 1, 9_007_199_254_740_993]] + (0..<3000).map { [Int64($0), -Int64($0), Int64($0) << 40] }
        let read = try await db.raw("SELECT a, b, c FROM (\(EngineDialect(db).integerRows(rows, columns: ["a", "b", "c"]))) AS t").all()
        let values = try read.map { row in try ["a", "b", "c"].map { try row.decode(column: $0, as: Int64.self) } }
        #expect(values.sorted { $0.lexicographicallyPrecedes($1) } == rows.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(
            try await db.raw("SELECT COUNT(*) AS n FROM (\(EngineDialect(db).integerRows([], columns: ["a"]))) AS t").first()?.decode(
                column: "n",
                as: Int.self
            ) == 0
        )
        try await store.close()
    }
}
