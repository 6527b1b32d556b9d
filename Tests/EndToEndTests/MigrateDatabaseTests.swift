import Foundation
import Testing

/// `xuncha migrate-db`: the demo inspection's SQLite folder (reports, decisions, leads, papers,
/// referrals, handovers, sessions, the audit chain) moved into an empty PostgreSQL database, then
/// used there. Runs where `XUNCHA_TEST_POSTGRES` names a server (CI); skipped, and says so, elsewhere.
@Suite(.serialized, .enabled(if: PostgresTestServer.url != nil, "needs XUNCHA_TEST_POSTGRES")) struct MigrateDatabaseTests {
    func reportIDs(_ arguments: [String]) throws -> [String] {
        let listed = try XunchaProcess.run(["report", "list", "--json"] + arguments)
        guard listed.status == 0, let rows = try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]] else {
            throw Failure("report list failed: \(listed.output)")
        }
        return rows.compactMap { $0["id"] as? String }.sorted()
    }

    @Test func theDemoFolderMovesWithEveryRowAndAChainThatVerifiesAndANonEmptyTargetIsRefused() async throws {
        let database = try await PostgresTestServer.createDatabase("move")
        let data = TemporaryDataFolder()
        defer { data.remove() }
        do {
            let server = try await XunchaProcess.serve(data: data.path, demo: true)
            server.stop()
            let url = try PostgresTestServer.address(of: database)
            let moved = try XunchaProcess.run(["migrate-db", "--from", data.path, "--to", url, "--batch", "7"])
            #expect(moved.status == 0, "\(moved.output)")
            #expect(moved.output.contains("moving reports: 7/"), "batches with a progress line: \(moved.output)")
            #expect(moved.output.contains("audit chain verified on the target"), "\(moved.output)")
            let counts = moved.output.split(separator: "\n").filter { $0.contains(" = ") }
            #expect(counts.count > 20, "every table counted: \(counts)")
            #expect(counts.allSatisfy { line in line.split(separator: " ").suffix(3).first == line.split(separator: " ").last })

            let onSQLite = try reportIDs(["--data", data.path])
            #expect(onSQLite.count >= 60)
            #expect(try reportIDs(["--data", data.path, "--database", url]) == onSQLite)
            let verified = try XunchaProcess.run(["audit", "verify", "--data", data.path, "--database", url])
            #expect(verified.status == 0, "\(verified.output)")

            // The moved installation serves: a new report gets the next number of the register.
            let server2 = try await XunchaProcess.serve(data: data.path, options: ["--database", url])
            let created = try await server2.post("/api/v1/reports", json: #"{"content":"迁移之后：某局长违规收受礼金，请核查。"}"#)
            server2.stop()
            #expect(created.status == 201, "\(created.body)")
            #expect(try reportIDs(["--data", data.path, "--database", url]).count == onSQLite.count + 1)

            let again = try XunchaProcess.run(["migrate-db", "--from", data.path, "--to", url])
            #expect(again.status != 0)
            #expect(again.output.contains("database_not_empty"), "\(again.output)")
            #expect(try reportIDs(["--data", data.path, "--database", url]).count == onSQLite.count + 1, "a refused move changes nothing")
        } catch {
            await PostgresTestServer.drop(database)
            throw error
        }
        await PostgresTestServer.drop(database)
    }
}
