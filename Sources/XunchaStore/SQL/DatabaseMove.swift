import Foundation
import Logging
import SQLKit

/// `xuncha migrate-db`: a group's SQLite database moved into an empty PostgreSQL database, row for
/// row, in one transaction on the target. The target's tables come from the same migrations as
/// any first start (so it is what the PostgreSQL engine expects); what opening it wrote is
/// replaced by the source's rows, table after table in the order their references need, in
/// batches. The search table (FTS5 keeps no text to copy) and the near-duplicate index are built
/// afresh from the moved reports. Afterwards the rows of every table are counted on both sides.
public enum DatabaseMove {
    public struct TableCount: Sendable, Equatable {
        public var table: String
        public var source: Int
        public var target: Int
    }

    public enum Refusal: Error, CustomStringConvertible, Equatable {
        case targetNotEmpty(database: String, tables: Int)
        case versionsDiffer(source: [Int], target: [Int])
        case countsDiffer([TableCount])

        public var code: String {
            switch self {
            case .targetNotEmpty: "database_not_empty"
            case .versionsDiffer: "schema_versions_differ"
            case .countsDiffer: "move_counts_differ"
            }
        }

        public var description: String {
            switch self {
            case .targetNotEmpty(let database, let tables):
                "[\(code)] 目标数据库 \(database) 中已有 \(tables) 张数据表；只迁移到空数据库（或空模式），未做任何改动。"
                    + " / the target database \(database) already holds \(tables) tables; data is moved into an empty database (or schema) only, nothing was changed."
            case .versionsDiffer(let source, let target):
                "[\(code)] 两边的数据库结构版本不同（源 \(source.last ?? 0)，目标 \(target.last ?? 0)）；请用同一版本的 xuncha 打开两边。"
                    + " / the schema versions differ (source \(source.last ?? 0), target \(target.last ?? 0)); open both with the same xuncha."
            case .countsDiffer(let counts):
                "[\(code)] 迁移后行数不一致（\(Self.listed(counts))）；迁移期间是否仍有服务在写入源数据？"
                    + " / row counts differ after the move (\(Self.listed(counts))): did a server write to the source meanwhile?"
            }
        }

        private static func listed(_ counts: [TableCount]) -> String {
            counts.map { "\($0.table) \($0.source)→\($0.target)" }.joined(separator: ", ")
        }
    }

    /// Tables that are not copied: the record of versions (both sides applied the same ones), and
    /// the search table and the near-duplicate index, which are rebuilt from the moved reports.
    static let notCopied: Set<String> = ["schema_migrations", "reports_fts", "report_signatures", "report_filing_keys"]

    /// Moves every row of `source` (SQLite) into `target` (PostgreSQL, opened on a database that
    /// was empty before), calling `progress` after each batch, and returns the counts per table.
    public static func move(
        from source: SQLStore,
        to target: SQLStore,
        batchSize: Int = 500,
        progress: @escaping @Sendable (_ table: String, _ moved: Int, _ total: Int) -> Void
    ) async throws -> [TableCount] {
        let sourceVersions = try await SQLStore.appliedVersions(source.engine.reader).sorted()
        let targetVersions = try await SQLStore.appliedVersions(target.engine.reader).sorted()
        guard sourceVersions == targetVersions else { throw Refusal.versionsDiffer(source: sourceVersions, target: targetVersions) }
        let tables = try await orderedTables(target.engine.reader).filter { !notCopied.contains($0.name) }
        let reader = source.engine.reader
        try await target.engine.transaction { db in
            for table in ["report_filing_keys", "report_signatures"] + tables.reversed().map(\.name) {
                try await db.raw("DELETE FROM \(ident: table)").run()
            }
            for table in tables {
                let total = try await count(reader, table.name)
                let perBatch = max(1, min(batchSize, 30_000 / max(table.columns.count, 1)))
                var moved = 0
                var after: Int64 = .min
                while true {
                    let rows = try await reader.raw(
                        "SELECT rowid AS xuncha_rowid, * FROM \(ident: table.name) WHERE rowid > \(bind: after) ORDER BY rowid LIMIT \(bind: perBatch)"
                    ).all()
                    guard let last = rows.last else { break }
                    let insert = db.insert(into: SQLIdentifier(table.name)).columns(table.columns.map(\.name))
                    for row in rows { _ = insert.values(try table.columns.map { try $0.value(in: row) }) }
                    try await insert.run()
                    after = try last.decode(column: "xuncha_rowid", as: Int64.self)
                    moved += rows.count
                    progress(table.name, moved, total)
                }
            }
            try await SQLStore.indexExistingReports(db)
            try await SQLStore.fileExistingReports(db) { progress("report_signatures", $0, $1) }
        }
        var counts: [TableCount] = []
        for table in tables {
            counts.append(
                TableCount(table: table.name, source: try await count(reader, table.name), target: try await count(target.engine.reader, table.name))
            )
        }
        // The rebuilt search table and index have one row a report.
        for rebuilt in ["reports_fts", "report_signatures"] {
            counts.append(
                TableCount(table: rebuilt, source: try await count(reader, "reports"), target: try await count(target.engine.reader, rebuilt))
            )
        }
        let differing = counts.filter { $0.source != $0.target }
        guard differing.isEmpty else { throw Refusal.countsDiffer(differing) }
        return counts
    }

    static func count(_ db: any SQLDatabase, _ table: String) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    struct Column {
        var name: String
        var isInteger: Bool

        /// The source row's value as the target column takes it; NULL untyped, so any column takes it.
        func value(in row: any SQLRow) throws -> any SQLExpression {
            if try row.decodeNil(column: name) { return SQLLiteral.null }
            return isInteger ? SQLBind(try row.decode(column: name, as: Int64.self)) : SQLBind(try row.decode(column: name, as: String.self))
        }
    }

    struct Table {
        var name: String
        var columns: [Column]
    }

    /// The target schema's tables, each after every table it refers to.
    static func orderedTables(_ db: any SQLDatabase) async throws -> [Table] {
        var columns: [String: [Column]] = [:]
        for row in try await db.raw(
            """
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """
        ).all() {
            let type = try row.decode(column: "data_type", as: String.self)
            columns[try row.decode(column: "table_name", as: String.self), default: []].append(
                Column(name: try row.decode(column: "column_name", as: String.self), isInteger: ["integer", "bigint", "smallint"].contains(type))
            )
        }
        var needs: [String: Set<String>] = [:]
        for row in try await db.raw(
            """
            SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
            WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace
            """
        ).all() {
            let child = try row.decode(column: "child", as: String.self)
            let parent = try row.decode(column: "parent", as: String.self)
            if child != parent { needs[child, default: []].insert(parent) }
        }
        var ordered: [Table] = []
        var placed: Set<String> = []
        var waiting = columns.keys.sorted()
        while !waiting.isEmpty {
            // References in a circle (there are none) would be tried in name order.
            let next = waiting.firstIndex { needs[$0, default: []].isSubset(of: placed) } ?? 0
            let name = waiting.remove(at: next)
            ordered.append(Table(name: name, columns: columns[name] ?? []))
            placed.insert(name)
        }
        return ordered
    }
}
