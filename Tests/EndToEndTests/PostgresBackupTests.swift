import Foundation
import Testing

/// `xuncha backup` and `xuncha restore` of an installation on PostgreSQL (pg_dump, pg_restore), as
/// an operator runs them: restored into a fresh database, `audit verify` passes and every count is
/// the same. Runs where `XUNCHA_TEST_POSTGRES` names a server (CI); skipped, and says so, elsewhere.
@Suite(.serialized, .enabled(if: PostgresTestServer.url != nil, "needs XUNCHA_TEST_POSTGRES")) struct PostgresBackupTests {
    func reportCount(in database: String, folder: String) throws -> Int {
        let listed = try XunchaProcess.run(["report", "list", "--json", "--data", folder, "--database", database])
        guard listed.status == 0, let rows = try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]] else {
            throw Failure("report list failed: \(listed.output)")
        }
        return rows.count
    }

    @Test func aBackupRestoresIntoAFreshDatabaseWithTheSameCountsAndAChainThatVerifies() async throws {
        let source = try await PostgresTestServer.createDatabase("backup_src")
        let target = try await PostgresTestServer.createDatabase("backup_dst")
        let data = TemporaryDataFolder()
        let restoredFolder = TemporaryDataFolder()
        let refusedFolder = TemporaryDataFolder()
        defer {
            data.remove()
            restoredFolder.remove()
            refusedFolder.remove()
        }
        let sourceURL = try PostgresTestServer.address(of: source, extra: "schema=office")
        let targetURL = try PostgresTestServer.address(of: target, extra: "schema=office")
        do {
            let server = try await XunchaProcess.serve(data: data.path, options: ["--database", sourceURL])
            defer { server.stop() }
            for i in 0..<25 {
                let created = try await server.post("/api/v1/reports", json: #"{"content":"第\#(i)件：某局长违规收受礼金，请核查。"}"#)
                #expect(created.status == 201, "\(created.body)")
            }
            let backupFile = data.path + "-pg-backup.zip"
            // Taken while the server serves.
            let backup = try XunchaProcess.run(["backup", "--data", data.path, "--database", sourceURL, "--out", backupFile])
            #expect(backup.status == 0, "\(backup.output)")
            #expect(backup.output.contains("backed up: 25 "), "\(backup.output)")
            #expect(backup.output.contains("cannot be opened without"), "the key stays apart: \(backup.output)")
            server.stop()

            // A PostgreSQL backup needs a database to go into.
            let withoutDatabase = try XunchaProcess.run(["restore", backupFile, "--data", refusedFolder.path, "--key", data.path + "/xuncha.key"])
            #expect(withoutDatabase.status != 0)
            #expect(withoutDatabase.output.contains("backup of a PostgreSQL database"), "\(withoutDatabase.output)")

            let restored = try XunchaProcess.run([
                "restore", backupFile, "--data", restoredFolder.path, "--database", targetURL, "--key", data.path + "/xuncha.key",
            ])
            #expect(restored.status == 0, "\(restored.output)")
            #expect(restored.output.contains("audit chain verified"), "\(restored.output)")
            let verified = try XunchaProcess.run(["audit", "verify", "--data", restoredFolder.path, "--database", targetURL])
            #expect(verified.status == 0, "\(verified.output)")
            let sourceEvents = try XunchaProcess.run(["audit", "verify", "--data", data.path, "--database", sourceURL])
            #expect(
                verified.output.firstMatch(of: #/verified (\d+) events/#)?.output.1
                    == sourceEvents.output.firstMatch(of: #/verified (\d+) events/#)?.output.1
            )
            #expect(try reportCount(in: targetURL, folder: restoredFolder.path) == 25)
            #expect(try reportCount(in: sourceURL, folder: data.path) == 25)

            // Restored once, the database is no longer empty: a second restore is refused and changes nothing.
            let again = try XunchaProcess.run([
                "restore", backupFile, "--data", refusedFolder.path, "--database", targetURL, "--key", data.path + "/xuncha.key",
            ])
            #expect(again.status != 0)
            #expect(again.output.contains("already holds tables"), "\(again.output)")
            #expect(!FileManager.default.fileExists(atPath: refusedFolder.path))
            #expect(try reportCount(in: targetURL, folder: restoredFolder.path) == 25)
        } catch {
            await PostgresTestServer.drop(source)
            await PostgresTestServer.drop(target)
            throw error
        }
        await PostgresTestServer.drop(source)
        await PostgresTestServer.drop(target)
    }
}
