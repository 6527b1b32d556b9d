import Foundation
import Logging
import NIOCore
import SQLKit
import Synchronization

/// Several reader connections to one database, seen as one. A connection runs one statement at a
/// time (SQLiteNIO opens it fully serialized; a PostgreSQL connection answers in order), so with
/// one reader every look-up of every arrival queued behind every inbox page. Each statement goes
/// to the connection with the fewest statements under way; readers do not wait for each other or
/// the writer (SQLite's WAL, PostgreSQL's snapshots). Statements of one caller may run on
/// different connections: no caller relies on two reads seeing one snapshot outside a
/// transaction, which only the writer has.
final class ReaderPool: SQLDatabase, Sendable {
    private let databases: [any SQLDatabase]
    /// Statements under way on each connection.
    private let underWay: Mutex<[Int]>

    /// How many readers an engine opens: one a core, and at least two, so that a long read never
    /// holds up the short ones alone.
    static var size: Int { max(2, ProcessInfo.processInfo.activeProcessorCount) }

    init(_ databases: [any SQLDatabase]) {
        precondition(!databases.isEmpty)
        self.databases = databases
        underWay = Mutex(databases.map { _ in 0 })
    }

    var logger: Logger { databases[0].logger }
    var eventLoop: any EventLoop { databases[0].eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { databases[0].version }
    var dialect: any SQLDialect { databases[0].dialect }
    var queryLogLevel: Logger.Level? { databases[0].queryLogLevel }

    private func leastBusy() -> Int {
        underWay.withLock { counts in
            let best = counts.indices.min { counts[$0] < counts[$1] }!
            counts[best] += 1
            return best
        }
    }

    private func done(_ i: Int) { underWay.withLock { $0[i] -= 1 } }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let i = leastBusy()
        return databases[i].execute(sql: query, onRow).always { _ in self.done(i) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let i = leastBusy()
        defer { done(i) }
        try await databases[i].execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let i = leastBusy()
        defer { done(i) }
        return try await databases[i].withSession(closure)
    }
}
