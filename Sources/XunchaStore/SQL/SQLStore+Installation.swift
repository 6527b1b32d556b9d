import Foundation
import SQLKit

extension SQLStore {
    /// The identifier of the key file this database was first opened with, if recorded.
    public func installationKeyID() async throws -> String? {
        try await Self.installationKeyID(engine)
    }

    static func installationKeyID(_ engine: any SQLEngine) async throws -> String? {
        try await engine.reader.raw("SELECT value FROM installation_facts WHERE name = 'key_id'").first()?.decode(column: "value", as: String.self)
    }

    /// Records the key the database is first opened with; a second server recording it at the same
    /// moment leaves the first one's.
    func recordInstallationKeyID(_ id: String) async throws {
        try await engine.transaction { db in
            try await db.raw("INSERT INTO installation_facts (name, value) VALUES ('key_id', \(bind: id)) ON CONFLICT (name) DO NOTHING").run()
        }
    }

    /// Whether a database, perhaps from an older version, was ever used with a key: it names one,
    /// or it holds reports (their query codes, reporters and files are sealed under it). Read
    /// before any key is chosen; tables a new database lacks count as nothing.
    static func wasUsedWithAKey(_ engine: any SQLEngine) async -> Bool {
        if let id = try? await installationKeyID(engine), !id.isEmpty { return true }
        let held = try? await engine.reader.raw("SELECT CASE WHEN EXISTS (SELECT 1 FROM reports) THEN 1 ELSE 0 END AS held").first()?.decode(
            column: "held",
            as: Int.self
        )
        return held == 1
    }
}
