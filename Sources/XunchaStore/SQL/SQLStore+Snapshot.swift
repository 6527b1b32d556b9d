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
            "PostgreSQL 数据库请用 pg_dump 备份（见 docs/deploy.md），密钥文件与数据目录另行备份 / a PostgreSQL database is backed up with pg_dump (docs/deploy.md); back up the key file and the data folder beside it"
        }
    }

    /// Writes a consistent copy of the whole SQLite database to `path` (which must not exist)
    /// while other processes go on writing: `VACUUM INTO` reads one snapshot of a WAL database,
    /// so the copy holds every transaction committed before it began and none after. A PostgreSQL
    /// engine takes its copy with pg_dump instead; this call is the SQLite one.
    public func writeSnapshot(to path: String, logger: Logger) async throws -> DatabaseSnapshot {
        guard engine is SQLiteEngine else { throw SnapshotError.engineWithoutFileSnapshot }
        try await engine.reader.raw("VACUUM INTO \(bind: path)").run()
        // Read back from the copy, not the live file: the counts and the head must be the copy's.
        let copy = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            let db = copy.sql(queryLogLevel: nil)
            let reports = try await db.raw("SELECT COUNT(*) AS n FROM reports").first()?.decode(column: "n", as: Int.self) ?? 0
            let events = try await db.raw("SELECT COUNT(*) AS n FROM audit_events").first()?.decode(column: "n", as: Int.self) ?? 0
            let last = try await db.raw("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").first()
            let line = try last.map { row in
                AuditHeadFile.line(
                    AuditHeadFile.Head(
                        seq: Int(try row.decode(column: "seq", as: Int64.self)),
                        hash: try row.decode(column: "hash", as: String.self)
                    ),
                    key: auditKey
                )
            }
            try await copy.close()
            return DatabaseSnapshot(reports: reports, auditEvents: events, auditHeadLine: line)
        } catch {
            try? await copy.close()
            throw error
        }
    }
}
