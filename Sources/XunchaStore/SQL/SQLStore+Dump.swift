import Foundation
import Logging
import SQLKit

/// A PostgreSQL installation's copy for a backup (pg_dump) and its way back (pg_restore), and
/// what moving data into a database first checks: that it holds none.
extension SQLStore {
    /// Writes the schema's tables with `pg_dump --format=custom` to `path`, under the write lock:
    /// no server writes while the copy is taken (seconds for a group's data), so the counts and
    /// the audit head read here are exactly the copy's. Reads go on.
    public func writeDump(of database: DatabaseURL, to path: String) async throws -> DatabaseSnapshot {
        guard engine is PostgresEngine else { throw SnapshotError.engineWithoutFileSnapshot }
        return try await engine.transaction { db in
            let snapshot = try await self.describeSnapshot(db)
            let arguments = ["--format=custom", "--no-owner", "--no-privileges", "--schema=" + database.schemaName, "--file=" + path]
            try await PostgresTools.run("pg_dump", arguments, database: database)
            return snapshot
        }
    }

    /// The tables in the database's schema: an installation is restored or moved into an empty one only.
    public static func tableCount(_ database: DatabaseURL, logger: Logger) async throws -> Int {
        let engine = try await PostgresEngine(url: database, logger: logger)
        do {
            let n =
                try await engine.reader.raw("SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = current_schema()").first()?
                .decode(column: "n", as: Int.self) ?? 0
            try await engine.close()
            return n
        } catch {
            try? await engine.close()
            throw error
        }
    }

    /// Restores a dump of `writeDump` into the database's schema, which must be empty and named as
    /// in the dump (its objects are written schema-qualified). The schema and `pg_trgm` are made
    /// first, as a first start makes them, and left out of the restore; the rest is restored in one
    /// transaction: a failure leaves nothing.
    public static func restoreDump(_ path: String, into database: DatabaseURL, logger: Logger) async throws {
        let engine = try await PostgresEngine(url: database, logger: logger)
        do {
            try await engine.transaction { db in
                try await db.raw("SELECT pg_advisory_xact_lock(hashtext('xuncha pg_trgm'))").run()
                try await db.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public").run()
            }
            try await engine.close()
        } catch {
            try? await engine.close()
            throw error
        }
        let listing = try await PostgresTools.run("pg_restore", ["--list", path], database: database)
        // A schema's own entry (and its comment) is the one thing already there.
        let kept = listing.split(separator: "\n").filter { line in
            !line.hasPrefix(";") && !line.contains(" SCHEMA - ") && !line.contains(" COMMENT - SCHEMA ") && !line.contains(" EXTENSION ")
        }
        let listPath = path + ".list"
        guard FileManager.default.createFile(atPath: listPath, contents: Data((kept.joined(separator: "\n") + "\n").utf8)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: listPath])
        }
        defer { try? FileManager.default.removeItem(atPath: listPath) }
        let name = database.libpqEnvironment["PGDATABASE"] ?? ""
        try await PostgresTools.run(
            "pg_restore",
            ["--use-list=" + listPath, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname=" + name, path],
            database: database
        )
    }

    /// Removes every table of the database's schema: what a restore that did not verify leaves behind.
    public static func dropTables(_ database: DatabaseURL, logger: Logger) async throws {
        let engine = try await PostgresEngine(url: database, logger: logger)
        do {
            try await engine.transaction { db in
                let tables = try await db.raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").all()
                    .map { try $0.decode(column: "tablename", as: String.self) }
                for table in tables { try await db.raw("DROP TABLE IF EXISTS \(ident: table) CASCADE").run() }
            }
            try await engine.close()
        } catch {
            try? await engine.close()
            throw error
        }
    }
}
