import Foundation
import Logging
import SQLKit
import Testing
import XunchaCore
import XunchaStore

private func field(_ name: String, in json: String) -> String? {
    guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
    return object[name] as? String
}

/// These start the real binary and talk HTTP to it; they run one at a time to keep ports and
/// processes simple to reason about.
@Suite(.serialized) struct ServerLifecycleTests {
    @Test func firstStartCreatesTheKeyFileAndOneAdminPasswordOnlyOnce() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let first = try await XunchaProcess.serve(data: data.path)
        first.stop()
        #expect(first.log.contains("admin"))
        #expect(first.log.contains("one-time password"))
        let mode = try FileManager.default.attributesOfItem(atPath: data.path + "/xuncha.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let second = try await XunchaProcess.serve(data: data.path)
        second.stop()
        #expect(!second.log.contains("one-time password"))
    }

    @Test func aDeletedKeyFileStopsEveryCommandAndIsNotReplaced() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path)
        #expect(try await server.post("/api/v1/reports", json: #"{"content":"密钥测试：某局长违规收受礼金。"}"#).status == 201)
        server.stop()
        try FileManager.default.removeItem(atPath: data.path + "/xuncha.key")
        for command in [["report", "list", "--data", data.path], ["audit", "verify", "--data", data.path]] {
            let refused = try XunchaProcess.run(command)
            #expect(refused.status != 0, "\(command)")
            #expect(refused.output.contains("密钥文件 xuncha.key 不见了"), "\(refused.output)")
        }
        #expect(!FileManager.default.fileExists(atPath: data.path + "/xuncha.key"))
    }

    @Test func anAcknowledgedReportSurvivesKillNine() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path)
        let created = try await server.post("/api/v1/reports", json: #"{"content":"断电前提交的反映：某局长违规收受礼金。"}"#)
        server.kill9()
        #expect(created.status == 201)
        let id = try #require(field("id", in: created.body))
        let code = try #require(field("query_code", in: created.body))

        let listed = try XunchaProcess.run(["report", "list", "--data", data.path, "--json"])
        #expect(listed.status == 0)
        #expect(listed.output.contains(id))
        #expect(listed.output.contains("断电前提交的反映"))

        let restarted = try await XunchaProcess.serve(data: data.path)
        defer { restarted.stop() }
        let status = try await restarted.post("/api/v1/status", json: #"{"query_code":"\#(code)"}"#)
        #expect(status.status == 200)
        #expect(field("status", in: status.body) == "received")
    }

    @Test func reporterIdentityAndCodeAreInNeitherTheDatabaseNorTheLog() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path, demo: true)
        let created = try await server.post(
            "/api/v1/reports",
            json:
                #"{"content":"反映内容","reporter":{"name":"慕容实名","phone":"13511112222","id_number":"11010519491231002X","address":"某市某路99号","email":"whistle@example.org"}}"#
        )
        #expect(created.status == 201)
        let code = try #require(field("query_code", in: created.body))
        _ = try await server.post("/api/v1/status", json: #"{"query_code":"\#(code)"}"#)
        server.stop()

        var stored = Data()
        for suffix in ["", "-wal", "-shm"] {
            if let bytes = FileManager.default.contents(atPath: data.path + "/xuncha.sqlite" + suffix) { stored.append(bytes) }
        }
        #expect(stored.range(of: Data("反映内容".utf8)) != nil, "the content itself is stored")
        let listed = try XunchaProcess.run(["report", "list", "--data", data.path, "--json"]).output
        for secret in ["慕容实名", "13511112222", "11010519491231002X", "某市某路99号", "whistle@example.org", code] {
            #expect(stored.range(of: Data(secret.utf8)) == nil, "\(secret) found in the database file")
            #expect(!server.log.contains(secret), "\(secret) found in the server log")
            #expect(!listed.contains(secret), "\(secret) found in report list")
        }
    }

    @Test func auditVerifyProvesTheChainAndNamesTheFirstTamperedEvent() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path, demo: true)
        // The demo's trail, as it stands before these reports come in.
        let demo = try XunchaProcess.run(["audit", "verify", "--data", data.path])
        #expect(demo.status == 0, "\(demo.output)")
        let demoEvents = try #require(
            demo.output.components(separatedBy: "verified ").last?.split(separator: " ").first.flatMap { Int($0) }
        )
        for i in 0..<3 {
            #expect(try await server.post("/api/v1/reports", json: #"{"content":"第\#(i)件反映"}"#).status == 201)
        }
        server.stop()

        let verified = try XunchaProcess.run(["audit", "verify", "--data", data.path])
        #expect(verified.status == 0)
        // These 3, each received and screened, after the demo's events.
        #expect(verified.output.contains("verified \(demoEvents + 6) events"), "\(verified.output)")

        let engine = try await SQLiteEngine(path: data.path + "/xuncha.sqlite", logger: Logger(label: "tamper"))
        try await engine.transaction { db in
            try await db.raw("UPDATE audit_events SET actor = 'user:someone-else' WHERE seq = 6").run()
        }
        try await engine.close()

        let broken = try XunchaProcess.run(["audit", "verify", "--data", data.path])
        #expect(broken.status != 0)
        #expect(broken.output.contains("event 6"))
    }

    @Test func theAuditChainCatchesCutsARecomputedChainAndEditedData() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path)
        for n in 1...3 {
            #expect(try await server.post("/api/v1/reports", json: #"{"content":"链测试\#(n)：某局长违规收受礼金。"}"#).status == 201)
        }
        server.stop()
        // The admin's account, then each report received and screened.
        #expect(try XunchaProcess.run(["audit", "verify", "--data", data.path]).output.contains("verified 7 events"))
        let checkpoint = try XunchaProcess.run(["audit", "checkpoint", "--data", data.path]).output
        let keptHash = try #require(checkpoint.split(separator: "\n").last?.split(separator: " ").dropFirst().first.map(String.init))
        #expect(try XunchaProcess.run(["audit", "verify", "--data", data.path, "--head", keptHash]).status == 0)

        /// Runs verify on a copy of the folder changed by `tamper`, and returns what it printed.
        func verifyAfter(_ tamper: @escaping @Sendable (any SQLDatabase) async throws -> Void, head: String? = nil) async throws -> (Int32, String) {
            let copy = TemporaryDataFolder()
            try FileManager.default.copyItem(atPath: data.path, toPath: copy.path)
            defer { copy.remove() }
            let engine = try await SQLiteEngine(path: copy.path + "/xuncha.sqlite", logger: Logger(label: "tamper"))
            try await engine.transaction { try await tamper($0) }
            try await engine.close()
            return try XunchaProcess.run(["audit", "verify", "--data", copy.path] + (head.map { ["--head", $0] } ?? []))
        }
        let cutEnd = try await verifyAfter { try await $0.raw("DELETE FROM audit_events WHERE seq > 4").run() }
        #expect(cutEnd.0 != 0 && cutEnd.1.contains("the chain was cut"), "\(cutEnd.1)")
        let cutAfterOne = try await verifyAfter { try await $0.raw("DELETE FROM audit_events WHERE seq > 1").run() }
        #expect(cutAfterOne.0 != 0 && cutAfterOne.1.contains("the chain was cut"), "\(cutAfterOne.1)")
        let recomputed = try await verifyAfter { db in
            var previous = ""
            for row in try await db.raw("SELECT * FROM audit_events ORDER BY seq").all() {
                var event = try AuditEvent(
                    seq: Int(row.decode(column: "seq", as: Int64.self)),
                    at: Date(timeIntervalSince1970: Double(try row.decode(column: "at", as: Int64.self)) / 1000),
                    actor: row.decode(column: "actor", as: String.self),
                    action: row.decode(column: "action", as: String.self),
                    subjectType: row.decode(column: "subject_type", as: String.self),
                    subjectID: row.decode(column: "subject_id", as: String.self),
                    detail: row.decode(column: "detail", as: String.self),
                    previousHash: row.decode(column: "previous_hash", as: String.self),
                    hash: ""
                )
                event.digest = try row.decode(column: "digest", as: String.self)
                if event.seq >= 3 {
                    if event.seq == 3 { event.detail = "forged" }
                    event.previousHash = previous
                    event.hash = AuditChain.hash(of: event, key: nil)
                    try await db.raw(
                        "UPDATE audit_events SET detail = \(bind: event.detail), previous_hash = \(bind: event.previousHash), hash = \(bind: event.hash) WHERE seq = \(bind: event.seq)"
                    ).run()
                } else {
                    event.hash = try row.decode(column: "hash", as: String.self)
                }
                previous = event.hash
            }
        }
        #expect(recomputed.0 != 0 && recomputed.1.contains("audit chain broken at event 3"), "\(recomputed.1)")
        let edited = try await verifyAfter { try await $0.raw("UPDATE reports SET content = '内容被改' WHERE content LIKE '%链测试2%'").run() }
        #expect(edited.0 != 0 && edited.1.contains("differs from what its events wrote"), "\(edited.1)")
        // A head kept elsewhere catches a cut that took the head file with it.
        let withoutHeadFile = try await verifyAfter(
            { try await $0.raw("DELETE FROM audit_events WHERE seq > 4").run() },
            head: keptHash
        )
        #expect(withoutHeadFile.0 != 0, "\(withoutHeadFile.1)")
    }

    @Test func commandsOnAFolderWithoutADatabaseSaySo() throws {
        let data = TemporaryDataFolder()
        let result = try XunchaProcess.run(["report", "list", "--data", data.path])
        #expect(result.status != 0)
        #expect(result.output.contains("xuncha init --data"), "an operator is told the command that makes one")
        #expect(!FileManager.default.fileExists(atPath: data.path), "a read-only command creates nothing")
    }
}
