import Crypto
import Foundation
import Logging
import SQLKit
import XunchaCore

/// The `Store` in plain SQL with bound parameters, written to run unchanged on SQLite and
/// PostgreSQL. Times are stored as milliseconds since 1970 (BIGINT), flags as 0/1.
public final class SQLStore: Store {
    let engine: any SQLEngine
    /// For the moments the store itself records (a migration applied, a source key taken); every
    /// other moment comes from the caller.
    let now: @Sendable () -> Date
    /// Keys the audit chain's links (`AuditChain`); derived from the installation's key file.
    let auditKey: SymmetricKey
    /// Where the chain's head is written after every commit that extends it, outside the database.
    let auditHead: AuditHeadFile?
    /// Arriving reports waiting to be written together (group commit).
    let reportCommits: ReportCommits
    /// Where a long migration tells how far it got; nil for none.
    let logger: Logger?

    /// `writerQueue` bounds the reports waiting for the writer; past it `saveReport` refuses at once.
    public init(
        engine: any SQLEngine,
        auditKey: SymmetricKey,
        auditHead: AuditHeadFile? = nil,
        writerQueue: Int = 512,
        logger: Logger? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) async throws {
        reportCommits = ReportCommits(capacity: writerQueue, maxBatch: 128, executor: engine.writerExecutor)
        self.engine = engine
        self.auditKey = auditKey
        self.auditHead = auditHead
        self.now = now
        self.logger = logger
        try await migrate()
        try await recordWhereKeyingBegan()
    }

    /// Every change goes through here: the transaction's audit events are linked under the
    /// store's key, and once it commits, the head file learns the chain's new head.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let scope = AuditScope(key: auditKey)
        let result = try await AuditScope.$current.withValue(scope) { try await engine.transaction(body) }
        if let head = scope.head, let auditHead { try auditHead.advance(to: head, key: auditKey) }
        return result
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
    /// An event that wrote data (`wrote`) keeps its digest in the chain with it.
    static func appendAudit(
        _ db: any SQLDatabase,
        at: Date,
        actor: AuditActor,
        action: AuditAction,
        subjectID: String,
        detail: String = "",
        wrote data: String? = nil
    ) async throws {
        let digest = data.map(AuditScope.digest) ?? ""
        try await appendAudit(db, PendingAuditEvent(at: at, actor: actor, action: action, subjectID: subjectID, detail: detail, digest: digest))
    }

    static func appendAudit(_ db: any SQLDatabase, _ events: PendingAuditEvent...) async throws {
        var chain = try await AuditRows(db)
        for event in events { chain.append(event) }
        try await chain.rows.insert(db)
    }
}

/// An audit event about to be appended: what `AuditChain.event` needs besides the link before it.
struct PendingAuditEvent: Sendable {
    var at: Date
    var actor: AuditActor
    var action: AuditAction
    var subjectID: String
    var detail: String = ""
    var digest: String = ""
}

/// Audit events chained in memory from the last stored link, inside one transaction, and their
/// rows: one event or a bulk load's millions, hashed and encoded the same way.
struct AuditRows {
    private var last: (seq: Int, hash: String)?
    private let key: SymmetricKey
    private(set) var rows = SQLRows(
        "audit_events",
        ["seq", "at", "actor", "action", "subject_type", "subject_id", "detail", "digest", "previous_hash", "hash"]
    )

    init(_ db: any SQLDatabase) async throws {
        // Only a store's transaction can extend the chain: it alone holds the key.
        guard let scope = AuditScope.current else { throw StoreError.auditOutsideTransaction }
        key = scope.key
        let row = try await db.raw("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").first()
        last = try row.map { (seq: Int(try $0.decode(column: "seq", as: Int64.self)), hash: try $0.decode(column: "hash", as: String.self)) }
    }

    mutating func append(_ p: PendingAuditEvent) {
        let e = AuditChain.event(
            after: last,
            at: p.at,
            actor: p.actor.stored,
            action: p.action.rawValue,
            subjectType: p.action.subjectType.rawValue,
            subjectID: p.subjectID,
            detail: p.detail,
            digest: p.digest,
            key: key
        )
        last = (e.seq, e.hash)
        AuditScope.current?.head = last
        rows.append([
            SQLBind(Int64(e.seq)), SQLBind(SQLStore.millis(e.at)), SQLBind(e.actor), SQLBind(e.action), SQLBind(e.subjectType),
            SQLBind(e.subjectID), SQLBind(e.detail), SQLBind(e.digest), SQLBind(e.previousHash),
            SQLBind(e.hash),
        ])
    }

    /// Writes the rows so far and starts a new batch after them.
    mutating func flush(_ db: any SQLDatabase) async throws {
        try await rows.insert(db)
        rows = SQLRows(rows.table, rows.columns)
    }
}
