import Logging
import NIOCore
import PostgresKit
import SQLKit
import Synchronization

/// One of the engine's connections to PostgreSQL that comes back when it is lost: the database
/// restarted, a standby promoted behind the same address, a network cut. Each statement (and each
/// write transaction, as a whole) takes the connection as it then stands, and a closed one is
/// replaced first. A statement under way when the connection went fails, once; the next one gets
/// a new connection. Nothing is retried: a write may have committed before the answer was lost.
final class PostgresSession: SQLDatabase, Sendable {
    private let configuration: PostgresConnection.Configuration
    private let id: Int
    private let url: String
    /// What a new connection needs before use (the installation's `search_path`).
    private let prepare: @Sendable (any SQLDatabase) async throws -> Void
    private let state: Mutex<PostgresConnection>
    private let reconnecting = AsyncLock()
    /// Set by `close`: a closed session opens nothing again.
    private let shut = Mutex(false)
    let logger: Logger

    init(
        first: PostgresConnection,
        configuration: PostgresConnection.Configuration,
        id: Int,
        url: String,
        logger: Logger,
        prepare: @escaping @Sendable (any SQLDatabase) async throws -> Void
    ) {
        state = Mutex(first)
        self.configuration = configuration
        self.id = id
        self.url = url
        self.logger = logger
        self.prepare = prepare
    }

    var current: PostgresConnection { state.withLock { $0 } }

    /// The open connection, a new one when the last was lost.
    func connection() async throws -> PostgresConnection {
        let now = current
        if !now.isClosed { return now }
        return try await reconnecting.withLock {
            let now = self.current
            if !now.isClosed { return now }
            if self.shut.withLock({ $0 }) { throw DatabaseURL.Refusal.unreachable(url: self.url, reason: "closed by this process") }
            let fresh: PostgresConnection
            do {
                fresh = try await PostgresConnection.connect(configuration: self.configuration, id: self.id, logger: self.logger)
            } catch {
                throw DatabaseURL.Refusal.unreachable(url: self.url, reason: PostgresEngine.reason(error))
            }
            do {
                try await self.prepare(fresh.sql(queryLogLevel: nil))
            } catch {
                try? await fresh.close()
                throw error
            }
            self.logger.notice("reconnected to the database", metadata: ["connection": "\(self.id)"])
            self.state.withLock { $0 = fresh }
            return fresh
        }
    }

    func close() async throws {
        shut.withLock { $0 = true }
        try await current.close()
    }

    var eventLoop: any EventLoop { current.eventLoop }
    var dialect: any SQLDialect { PostgresDialect() }
    // Queries carry sealed identities and hashes: they are never logged.
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await connection().sql(queryLogLevel: nil).execute(sql: query, onRow)
    }

    /// A transaction's statements all on one connection: a lost one is not replaced half-way.
    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(connection().sql(queryLogLevel: nil))
    }
}
