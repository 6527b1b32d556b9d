import Foundation
import SQLKit
import XunchaCore

/// The `Store` in plain SQL with bound parameters, written to run unchanged on SQLite and
/// PostgreSQL. Times are stored as milliseconds since 1970 (BIGINT), flags as 0/1.
public final class SQLStore: Store {
    let engine: any SQLEngine
    /// For the moments the store itself records (a migration applied, a source key taken); every
    /// other moment comes from the caller.
    let now: @Sendable () -> Date

    public init(engine: any SQLEngine, now: @escaping @Sendable () -> Date = { Date() }) async throws {
        self.engine = engine
        self.now = now
        try await migrate()
    }

    public func close() async throws { try await engine.close() }

    static func millis(_ date: Date) -> Int64 { AuditChain.millis(date) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// Appends the next event to the audit chain inside the caller's transaction; the writer lock
    /// (or, on PostgreSQL, the table lock) keeps two transactions from extending the same link.
    static func appendAudit(
        _ db: any SQLDatabase,
        at: Date,
        actor: AuditActor,
        action: AuditAction,
        subjectID: String,
        detail: String = ""
    ) async throws {
        let last = try await db.raw("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").first()
        let previous = try last.map { (seq: Int(try $0.decode(column: "seq", as: Int64.self)), hash: try $0.decode(column: "hash", as: String.self)) }
        let e = AuditChain.event(
            after: previous,
            at: at,
            actor: actor.stored,
            action: action.rawValue,
            subjectType: action.subjectType.rawValue,
            subjectID: subjectID,
            detail: detail
        )
        try await db.raw(
            """
            INSERT INTO audit_events (seq, at, actor, action, subject_type, subject_id, detail, previous_hash, hash)
            VALUES (\(bind: Int64(e.seq)), \(bind: millis(e.at)), \(bind: e.actor), \(bind: e.action), \(bind: e.subjectType),
                    \(bind: e.subjectID), \(bind: e.detail), \(bind: e.previousHash), \(bind: e.hash))
            """
        ).run()
    }
}
