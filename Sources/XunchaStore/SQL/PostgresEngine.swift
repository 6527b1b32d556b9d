import Foundation
import Logging
import PostgresKit
import SQLKit

/// One PostgreSQL database shared by any number of servers: a writer connection behind a lock and
/// a reader beside it, as on SQLite. Every write transaction first takes one transaction-level
/// advisory lock, so writes are serialised across all servers on the database as SQLite
/// serialises them in one file: the audit chain's head, the register's next number and a
/// migration's "not applied yet" are each read and extended by one writer at a time. The lock is
/// per schema, so installations in different schemas of one database do not wait for each other.
public final class PostgresEngine: SQLEngine {
    private let writerConnection: PostgresConnection
    private let readerConnection: PostgresConnection
    private let writer: any SQLDatabase
    public let reader: any SQLDatabase
    private let lock = AsyncLock()

    /// The first half of the advisory lock every write transaction takes (an arbitrary constant,
    /// "xun" in ASCII); the second is the schema's hash.
    static let writeLockClass: Int32 = 0x78_756e

    public init(url: DatabaseURL, logger: Logger) async throws {
        let configuration = url.configuration
        do {
            writerConnection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw DatabaseURL.Refusal.unreachable(url: url.redacted, reason: Self.reason(error))
        }
        do {
            readerConnection = try await PostgresConnection.connect(configuration: configuration, id: 2, logger: logger)
        } catch {
            try? await writerConnection.close()
            throw DatabaseURL.Refusal.unreachable(url: url.redacted, reason: Self.reason(error))
        }
        // Queries carry sealed identities and hashes: they are never logged.
        writer = writerConnection.sql(queryLogLevel: nil)
        reader = readerConnection.sql(queryLogLevel: nil)
        do {
            if let schema = url.schema {
                // Under the schema's lock: two servers making a new schema at once would collide.
                try await writer.raw("BEGIN").run()
                try await writer.raw("SELECT pg_advisory_xact_lock(\(bind: Self.writeLockClass), hashtext(\(bind: schema)))").run()
                try await writer.raw("CREATE SCHEMA IF NOT EXISTS \(unsafeRaw: schema)").run()
                try await writer.raw("COMMIT").run()
                for db in [writer, reader] { try await db.raw("SET search_path TO \(unsafeRaw: schema), public").run() }
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

    private var connections: [any EngineConnection] { [readerConnection, writerConnection] }

    public func close() async throws { try await connections.closeAll() }

    deinit { connections.closeWhenLetGo() }
}
