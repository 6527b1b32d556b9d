import Foundation
import Testing

/// A synchronous standby (scripts/postgres-standby-pair, the steps docs/postgres.md gives an
/// operator): the primary stops at once under load, the standby is promoted, the servers are
/// started again on it, and nothing acknowledged is lost; and a server whose database restarts
/// reconnects by itself. Runs where `XUNCHA_TEST_POSTGRES` is set and nginx is installed, as the
/// two-server test does (CI has both, and the server binaries the pair needs).
@Suite(.serialized, .enabled(if: PostgresTestServer.url != nil && NginxBalancer.binary != nil, "needs XUNCHA_TEST_POSTGRES and nginx"))
struct StandbyTests {
    /// The two clusters of one test, in a folder of their own on free ports.
    struct Pair {
        let environment: [String: String] = [
            "XUNCHA_PG_DIR": NSTemporaryDirectory() + "xuncha-pg-pair-\(UUID().uuidString)",
            "XUNCHA_PG_PORT": String(XunchaProcess.freePort()),
            "XUNCHA_PG_STANDBY_PORT": String(XunchaProcess.freePort()),
        ]
        static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/postgres-standby-pair").path

        /// Runs one of the script's commands. Its output goes to a file, not a pipe: the clusters it
        /// starts would keep a pipe open after the script has ended.
        @discardableResult
        func run(_ command: String) throws -> String {
            let log = (environment["XUNCHA_PG_DIR"] ?? NSTemporaryDirectory()) + "-\(command).log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            defer { try? FileManager.default.removeItem(atPath: log) }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            defer { try? handle.close() }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.script)
            process.arguments = [command]
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            process.waitUntilExit()
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            guard process.terminationStatus == 0 else { throw Failure("postgres-standby-pair \(command): \(output)") }
            return output
        }

        /// The primary's and the standby's addresses.
        func start() throws -> (primary: String, standby: String) {
            let lines = try run("start").split(separator: "\n").map(String.init).filter { $0.hasPrefix("postgres://") }
            guard lines.count == 2 else { throw Failure("postgres-standby-pair start printed \(lines)") }
            return (lines[0], lines[1])
        }
    }

    static func submit(_ server: XunchaProcess, _ text: String) async -> String? {
        guard let answer = try? await server.post("/api/v1/reports", json: #"{"content":"\#(text)：某交通运输局科长在项目验收中收受好处费，请巡察组核查。"}"#),
            answer.status == 201
        else { return nil }
        return TwoServersTests.object(answer.body)["id"] as? String
    }

    /// An installation on `database` with an inspection open today.
    static func install(_ data: TemporaryDataFolder, on database: String) throws {
        let made = try XunchaProcess.run(["init", "--data", data.path, "--database", database])
        guard made.status == 0 else { throw Failure(made.output) }
        let file = data.path + "-announcement.txt"
        try TwoServersTests.announcement().write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try XunchaProcess.run(["inspection", "import", file, "--data", data.path, "--database", database, "--yes"])
        guard imported.status == 0 else { throw Failure(imported.output) }
    }

    @Test func aServerGoesOnWhenItsDatabaseRestarts() async throws {
        let pair = Pair()
        let data = TemporaryDataFolder()
        defer {
            _ = try? pair.run("stop")
            data.remove()
        }
        let (primary, _) = try pair.start()
        try Self.install(data, on: primary)
        let server = try await XunchaProcess.serve(data: data.path, options: ["--database", primary])
        defer { server.stop() }
        #expect(await Self.submit(server, "重启前") != nil)
        try pair.run("restart-primary")
        // Both of the server's connections were cut; the next request finds new ones.
        var after: String?
        for attempt in 0..<20 where after == nil {
            after = await Self.submit(server, "重启后第\(attempt)次")
            if after == nil { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(after != nil, "the server reconnected without a restart: \(server.log.suffix(2000))")
        #expect(server.process.isRunning)
        #expect(await Self.submit(server, "重启后再一件") != nil)
    }

    @Test func nothingAcknowledgedIsLostWhenTheStandbyTakesOver() async throws {
        let pair = Pair()
        let data = TemporaryDataFolder()
        var servers: [XunchaProcess] = []
        defer {
            for server in servers { server.stop() }
            _ = try? pair.run("stop")
            data.remove()
        }
        let (primary, standby) = try pair.start()
        try Self.install(data, on: primary)
        async let first = XunchaProcess.serve(data: data.path, options: ["--database", primary])
        async let second = XunchaProcess.serve(data: data.path, options: ["--database", primary])
        servers = try await [first, second]

        // Eight clients on the two servers; the primary stops (as in a crash) after 60 are acknowledged.
        let acknowledged = TwoServersTests.Shared<[String]>([])
        let sent = TwoServersTests.Shared(0)
        let current = servers
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    while let n = sent.withLock({ count -> Int? in
                        guard count < 150 else { return nil }
                        count += 1
                        return count
                    }) {
                        if let id = await Self.submit(current[n % 2], "切换前\(worker)-\(n)号") { acknowledged.withLock { $0.append(id) } }
                    }
                }
            }
            group.addTask {
                while acknowledged.withLock({ $0.count }) < 60 { try await Task.sleep(for: .milliseconds(10)) }
                try pair.run("stop-primary")
            }
            try await group.waitForAll()
        }
        let beforeFailover = acknowledged.withLock { $0 }
        #expect(beforeFailover.count >= 60)
        #expect(beforeFailover.count < 150, "the primary stopped under load")

        // The operator's steps: promote the standby, start the servers on it.
        try pair.run("promote")
        for server in servers { server.kill9() }
        async let third = XunchaProcess.serve(data: data.path, options: ["--database", standby])
        async let fourth = XunchaProcess.serve(data: data.path, options: ["--database", standby])
        servers = try await [third, fourth]
        var afterFailover: [String] = []
        for n in 0..<20 {
            if let id = await Self.submit(servers[n % 2], "切换后\(n)号") { afterFailover.append(id) }
        }
        #expect(afterFailover.count == 20, "the promoted standby takes reports")

        let stored = try TwoServersTests.storedReports(data.path, standby)
        let ids = Set(stored.compactMap { $0["id"] as? String })
        let lost = beforeFailover.filter { !ids.contains($0) }
        #expect(lost.isEmpty, "acknowledged by the primary, missing on the standby: \(lost)")
        #expect(afterFailover.allSatisfy(ids.contains))
        let numbers = stored.compactMap { ($0["number"] as? String).flatMap { Int($0.split(whereSeparator: { !$0.isNumber }).last ?? "") } }
        #expect(numbers.sorted() == Array(1...stored.count), "the register goes on without a gap or a repeat")
        let verified = try XunchaProcess.run(["audit", "verify", "--data", data.path, "--database", standby])
        #expect(verified.status == 0, "\(verified.output)")
    }
}
