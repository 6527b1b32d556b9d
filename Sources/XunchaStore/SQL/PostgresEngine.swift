import Foundation
import Logging
import PostgresKit
import SQLKit

/// One PostgreSQL database shared by any number of servers: a writer connection behind a lock and
/// readers beside it (`ReaderPool`), as on SQLite. Every write transaction first takes one transaction-level
/// advisory lock, so writes are serialised across all servers on the database as SQLite
/// serialises them in one file: the audit chain's head, the register's next number and a
/// migration's "not applied yet" are each read and extended by one writer at a time. The lock is
/// per schema, so installations in different schemas of one database do not wait for each other.
public final class PostgresEngine: SQLEngine {
    private let writer: PostgresSession
    private let readerSessions: [PostgresSession]
    public let reader: any SQLDatabase
    private let lock = AsyncLock()

    /// The first half of the advisory lock every write transaction takes (an arbitrary constant,
    /// "xun" in ASCII); the second is the schema's hash.
    static let writeLockClass: Int32 = 0x78_756e

    public init(url: DatabaseURL, logger: Logger) async throws {
        let configuration = url.configuration
        // Connection 1 writes; 2 and on read.
        var opened: [PostgresConnection] = []
        do {
            for id in 1...(1 + ReaderPool.size) {
                opened.append(try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger))
            }
        } catch {
            for connection in opened { try? await connection.close() }
            throw DatabaseURL.Refusal.unreachable(url: url.redacted, reason: Self.reason(error))
        }
        let writerConnection = opened[0]
        let schema = url.schema
        let prepare: @Sendable (any SQLDatabase) async throws -> Void = { db in
            if let schema { try await db.raw("SET search_path TO \(unsafeRaw: schema), public").run() }
        }
        writer = PostgresSession(first: writerConnection, configuration: configuration, id: 1, url: url.redacted, logger: logger, prepare: prepare)
        readerSessions = opened.indices.dropFirst().map {
            PostgresSession(first: opened[$0], configuration: configuration, id: $0 + 1, url: url.redacted, logger: logger, prepare: prepare)
        }
        reader = ReaderPool(readerSessions)
        do {
            if let schema {
                // Under the schema's lock: two servers making a new schema at once would collide.
                let db = writerConnection.sql(queryLogLevel: nil)
                try await db.raw("BEGIN").run()
                try await db.raw("SELECT pg_advisory_xact_lock(\(bind: Self.writeLockClass), hashtext(\(bind: schema)))").run()
                try await db.raw("CREATE SCHEMA IF NOT EXISTS \(unsafeRaw: schema)").run()
                try await db.raw("COMMIT").run()
                for connection in opened { try await prepare(connection.sql(queryLogLevel: nil)) }
            }
        } catch {
            try? await close()
            throw error
        }
    }

    /// Why a connection failed, in the server's words when it gave any ("database … does not
    /// exist", "password authentication failed"); PSQLError's own description hides them.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let message = error.serverInfo?[.message] { return message }
        return error.underlying.map { "\(error.code): \($0)" } ?? "\(error.code)"
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writer.writerTransaction(
            under: lock,
            begin: ["BEGIN", "SELECT pg_advisory_xact_lock(\(bind: Self.writeLockClass), hashtext(current_schema()))"],
            body
        )
    }

    private var connections: [any EngineConnection] { readerSessions.map(\.current) + [writer.current] }

    public func close() async throws {
        for session in readerSessions { try await session.close() }
        try await writer.close()
    }

    deinit { connections.closeWhenLetGo() }
}
