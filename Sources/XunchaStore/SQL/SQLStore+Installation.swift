import Foundation
import SQLKit

extension SQLStore {
    /// The identifier of the key file this database was first opened with, if recorded.
    public func installationKeyID() async throws -> String? {
        try await engine.reader.raw("SELECT value FROM installation_facts WHERE name = 'key_id'").first()?.decode(column: "value", as: String.self)
    }

    public func recordInstallationKeyID(_ id: String) async throws {
        try await engine.transaction { db in
            try await db.raw("INSERT INTO installation_facts (name, value) VALUES ('key_id', \(bind: id))").run()
        }
    }

    /// Whether anything here was sealed or hashed under a key: any report (its query code, its
    /// reporter, its files). A database from before key identifiers were recorded is judged by this.
    public func holdsSealedData() async throws -> Bool {
        try await engine.reader.raw("SELECT EXISTS (SELECT 1 FROM reports) AS held").first()?.decode(column: "held", as: Int.self) == 1
    }
}
