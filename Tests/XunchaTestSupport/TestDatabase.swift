import Foundation
import Logging
import SQLKit
import XunchaStore

/// The engine the store and desk tests run on: SQLite in the test's data folder, or, when
/// `XUNCHA_TEST_POSTGRES` names a PostgreSQL database (`scripts/postgres-test-cluster start`
/// prints one), a schema of its own in that database for each test's folder.
public enum TestDatabase {
    public static let server: String? = {
        let url = ProcessInfo.processInfo.environment["XUNCHA_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
        print(
            url.map { "store tests on PostgreSQL \(DatabaseURL.redact($0))" }
                ?? "store tests on SQLite only (XUNCHA_TEST_POSTGRES=postgres://… runs them on PostgreSQL too)"
        )
        return url
    }()

    /// The test folder's own schema on the PostgreSQL server, or nil on SQLite.
    public static func database(for folder: DataFolder) throws -> DatabaseURL? {
        guard let server else { return nil }
        let name = URL(fileURLWithPath: folder.path).lastPathComponent.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return try DatabaseURL(server + (server.contains("?") ? "&" : "?") + "schema=t_" + name.suffix(60))
    }

    public static func engine(for folder: DataFolder) async throws -> any SQLEngine {
        let logger = Logger(label: "test")
        if let database = try database(for: folder) { return try await PostgresEngine(url: database, logger: logger) }
        return try await SQLiteEngine(path: folder.databasePath, logger: logger)
    }

    /// Everything the database keeps for the folder's installation, as bytes to search for what
    /// must never be stored in the clear: SQLite's files (write-ahead log included), or every row
    /// of every table of the folder's schema as text.
    public static func storedBytes(for folder: DataFolder) async throws -> Data {
        var all = Data()
        if try database(for: folder) != nil {
            let engine = try await engine(for: folder)
            do {
                let tables = try await engine.reader.raw(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                ).all().map { try $0.decode(column: "table_name", as: String.self) }
                for table in tables {
                    for row in try await engine.reader.raw("SELECT t::text AS line FROM \(ident: table) t").all() {
                        all.append(Data(try row.decode(column: "line", as: String.self).utf8))
                    }
                }
            } catch {
                try? await engine.close()
                throw error
            }
            try await engine.close()
            return all
        }
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: folder.databasePath + suffix) {
            all.append(try Data(contentsOf: URL(fileURLWithPath: folder.databasePath + suffix)))
        }
        return all
    }
}
