import Foundation
import Logging
import SQLKit
import SQLiteKit

/// What a consistent copy of the database holds: enough to name it in a backup's manifest and to
/// give the copy its own audit head.
public struct DatabaseSnapshot: Sendable {
    public var reports: Int
    public var auditEvents: Int
    /// The copy's last audit event as a sealed head line (`AuditHeadFile`); nil for an empty chain.
    public var auditHeadLine: String?
}

extension SQLStore {
    public enum SnapshotError: Error, CustomStringConvertible {
        case engineWithoutFileSnapshot

        public var description: String {
            "PostgreSQL 数据库的备份由 pg_dump 写出（writeDump）/ a PostgreSQL database is copied with pg_dump (writeDump)"
        }
    }

    /// Writes a consistent copy of the whole SQLite database to `path` (which must not exist)
    /// while other processes go on writing: `VACUUM INTO` reads one snapshot of a WAL database,
    /// so the copy holds every transaction committed before it began and none after. A PostgreSQL
    /// engine takes its copy with pg_dump instead (`writeDump`).
    public func writeSnapshot(to path: String, logger: Logger) async throws -> DatabaseSnapshot {
        guard engine is SQLiteEngine else { throw SnapshotError.engineWithoutFileSnapshot }
        try await engine.reader.raw("VACUUM INTO \(bind: path)").run()
        // Read back from the copy, not the live file: the counts and the head must be the copy's.
        let copy = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            let snapshot = try await describeSnapshot(copy.sql(queryLogLevel: nil))
            try await copy.close()
            return snapshot
        } catch {
            try? await copy.close()
            throw error
        }
    }

    /// The counts and the audit head of the database `db` reads (a copy, or the live one under the write lock).
    func describeSnapshot(_ db: any SQLDatabase) async throws -> DatabaseSnapshot {
        let reports = try await db.raw("SELECT COUNT(*) AS n FROM reports").first()?.decode(column: "n", as: Int.self) ?? 0
        let events = try await db.raw("SELECT COUNT(*) AS n FROM audit_events").first()?.decode(column: "n", as: Int.self) ?? 0
        let last = try await db.raw("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").first()
        let line = try last.map { row in
            AuditHeadFile.line(
                AuditHeadFile.Head(seq: Int(try row.decode(column: "seq", as: Int64.self)), hash: try row.decode(column: "hash", as: String.self)),
                key: auditKey
            )
        }
        return DatabaseSnapshot(reports: reports, auditEvents: events, auditHeadLine: line)
    }
}
