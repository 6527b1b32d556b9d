import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SQLKit
import Synchronization
import Testing

/// Two `xuncha serve` on one PostgreSQL database, sharing one data folder (the key file, the
/// attachments, the audit head), behind nginx round robin: reports arrive concurrently through
/// nginx while one server is killed with SIGKILL, and afterwards every acknowledged report is there
/// once, the register is unique and gapless, the audit chain verifies, a staff session goes on
/// across the servers, and a repeat sent to one server of a report that came through the other is
/// found. Runs where `XUNCHA_TEST_POSTGRES` names a server and nginx is installed (CI installs both).
@Suite(.serialized, .enabled(if: PostgresTestServer.url != nil && NginxBalancer.binary != nil, "needs XUNCHA_TEST_POSTGRES and nginx"))
struct TwoServersTests {
    static func request(
        _ method: HTTPMethod,
        _ url: String,
        json: String? = nil,
        token: String? = nil
    ) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        if let token { request.headers.add(name: "Authorization", value: "Bearer " + token) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    static func object(_ body: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
    }

    /// A report through the public form on `first`, and the page with its query code fetched from
    /// `second`, as a browser whose requests a balancer sends to two servers: the code, or nil.
    static func formThenCode(first: String, second: String) async throws -> String? {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            var cookies: [String: String] = [:]
            func send(_ url: String, form: [String: String]? = nil) async throws -> (HTTPClientResponse, String) {
                var request = HTTPClientRequest(url: url)
                if let form {
                    request.method = .POST
                    request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                    let encoded = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                    request.body = .bytes(ByteBuffer(string: encoded.joined(separator: "&")))
                }
                if !cookies.isEmpty { request.headers.add(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
                let response = try await client.execute(request, timeout: .seconds(30))
                for line in response.headers["Set-Cookie"] {
                    let pair = line.prefix { $0 != ";" }.split(separator: "=", maxSplits: 1).map(String.init)
                    if pair.count == 2 { cookies[pair[0]] = pair[1] }
                }
                return (response, String(buffer: try await response.body.collect(upTo: 1 << 20)))
            }
            let (_, home) = try await send(first + "/")
            guard let token = home.firstMatch(of: #/name="csrf" value="([^"]+)"/#)?.output.1 else { throw Failure("no form token") }
            let (sent, _) = try await send(first + "/report", form: ["csrf": String(token), "content": "经公开表单反映：某交通运输局科长收受好处费。"])
            guard sent.status == .seeOther else { throw Failure("the form answered \(sent.status)") }
            let (_, page) = try await send(second + "/received")
            try await client.shutdown()
            return page.firstMatch(of: #/id="query-code"[^>]*>(.*?)</p>/#).map {
                String($0.output.1).replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// An announcement of an inspection open today, so that every report gets a register number.
    static func announcement() -> String {
        let calendar = Calendar(identifier: .gregorian)
        func day(_ offset: Int) -> String {
            let date = Date().addingTimeInterval(Double(offset) * 86_400)
            let parts = calendar.dateComponents(in: TimeZone(identifier: "Asia/Shanghai")!, from: date)
            return "\(parts.year!)年\(parts.month!)月\(parts.day!)日"
        }
        return "市委第二巡察组于\(day(-20))至\(day(60))对市交通运输局开展巡察。巡察期间设立值班电话：0731-88880002。受理信访截止时间为\(day(58))。"
    }

    static func storedReports(_ data: String, _ database: String) throws -> [[String: Any]] {
        let listed = try XunchaProcess.run(["report", "list", "--json", "--data", data, "--database", database])
        guard listed.status == 0, let rows = try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]] else {
            throw Failure("report list failed: \(listed.output)")
        }
        return rows
    }

    /// A value several tasks change, one at a time.
    final class Shared<Value: Sendable>: Sendable {
        private let state: Mutex<Value>
        init(_ value: Value) { state = Mutex(value) }
        func withLock<T: Sendable>(_ body: (inout Value) -> T) -> T { state.withLock { body(&$0) } }
    }

    @Test func reportsThroughABalancerSurviveTheLossOfOneServer() async throws {
        let database = try await PostgresTestServer.createDatabase("two")
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let url = try PostgresTestServer.address(of: database)
        var servers: [XunchaProcess] = []
        var balancer: NginxBalancer?
        defer {
            balancer?.stop()
            for server in servers { server.stop() }
        }
        do {
            let made = try XunchaProcess.run(["init", "--data", data.path, "--database", url])
            #expect(made.status == 0, "\(made.output)")
            let password = try #require(made.output.firstMatch(of: #/one-time password: (\S+)/#)?.output.1)
            let file = data.path + "-announcement.txt"
            try Self.announcement().write(toFile: file, atomically: true, encoding: .utf8)
            let imported = try XunchaProcess.run(["inspection", "import", file, "--data", data.path, "--database", url, "--yes"])
            #expect(imported.status == 0, "\(imported.output)")

            async let first = XunchaProcess.serve(data: data.path, options: ["--database", url])
            async let second = XunchaProcess.serve(data: data.path, options: ["--database", url])
            servers = try await [first, second]
            let (a, b) = (servers[0], servers[1])
            balancer = try await NginxBalancer(upstreams: [a.port, b.port])
            let front = try #require(balancer).baseURL

            // A repeat: the first through A, its near copy through B.
            let original = "市交通运输局局长王建国在2025年春节前后多次收受工程承包商送的购物卡共计五万元，并安排其亲属承接局属单位的绿化工程。"
            let sentToA = try await Self.request(.POST, a.baseURL + "/api/v1/reports", json: #"{"content":"\#(original)"}"#)
            #expect(sentToA.status == 201, "\(sentToA.body)")
            let repeatText = original.replacingOccurrences(of: "五万元", with: "约五万元") + "望巡察组查处。"
            let sentToB = try await Self.request(.POST, b.baseURL + "/api/v1/reports", json: #"{"content":"\#(repeatText)"}"#)
            #expect(sentToB.status == 201, "\(sentToB.body)")

            // The public form on A, the page with the code on B.
            let code = try await Self.formThenCode(first: a.baseURL, second: b.baseURL)
            #expect(code?.filter(\.isNumber).count == 16, "B shows the code of the report A took: \(code ?? "none")")

            // A staff session made on A goes on on B, and what B does to it holds on A.
            let login = try await Self.request(.POST, a.baseURL + "/api/v1/session", json: #"{"username":"admin","password":"\#(password)"}"#)
            #expect(login.status == 200, "\(login.body)")
            let token = try #require(Self.object(login.body)["token"] as? String)
            let onB = try await Self.request(.GET, b.baseURL + "/api/v1/reports", token: token)
            #expect(onB.status == 403 && onB.body.contains("password_change_required"), "B knows the session: \(onB.body)")
            let stranger = try await Self.request(.GET, b.baseURL + "/api/v1/reports", token: "not-a-session-token-at-all-0123456789abcdef")
            #expect(stranger.status == 401)
            let changed = try await Self.request(
                .POST,
                b.baseURL + "/api/v1/session/password",
                json: #"{"current":"\#(password)","new":"Xuncha-two-servers-2026!"}"#,
                token: token
            )
            #expect(changed.status == 204, "\(changed.body)")
            let ended = try await Self.request(.GET, a.baseURL + "/api/v1/reports", token: token)
            #expect(ended.status == 401, "a password changed through B ends the session on A: \(ended.body)")

            // Several hundred reports through nginx, 16 at a time; A is killed after a third.
            let total = 360
            let acknowledged = Shared<[String: String]>([:])
            let sent = Shared(0)
            let killed = Flag()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<16 {
                    group.addTask {
                        while true {
                            let n = sent.withLock { count -> Int? in
                                guard count < total else { return nil }
                                count += 1
                                return count
                            }
                            guard let n else { return }
                            let marker = "并发第\(n)号"
                            let body = #"{"content":"\#(marker)：某交通运输局科长\#(worker)在项目验收中收受好处费，请巡察组核查。"}"#
                            if let answer = try? await Self.request(.POST, front + "/api/v1/reports", json: body), answer.status == 201,
                                let id = Self.object(answer.body)["id"] as? String
                            {
                                acknowledged.withLock { $0[id] = marker }
                            }
                        }
                    }
                }
                group.addTask {
                    while sent.withLock({ $0 }) < total / 3 { try await Task.sleep(for: .milliseconds(20)) }
                    a.kill9()
                    killed.set()
                }
                try await group.waitForAll()
            }
            #expect(killed.isSet)
            let acknowledgedNow = acknowledged.withLock { $0 }
            #expect(acknowledgedNow.count > total * 9 / 10, "nginx sent on to B once A was gone: \(acknowledgedNow.count) of \(total)")

            let stored = try Self.storedReports(data.path, url)
            let ids = stored.compactMap { $0["id"] as? String }
            print(
                "two servers behind nginx: \(total) sent, \(acknowledgedNow.count) acknowledged, \(stored.count) stored in all, one killed after \(total / 3)"
            )
            #expect(Set(ids).count == ids.count)
            for (id, _) in acknowledgedNow { #expect(ids.contains(id), "acknowledged \(id) is stored") }
            // Exactly once: no report's text was registered twice (a retried POST would be).
            let markers = stored.compactMap { ($0["content"] as? String)?.firstMatch(of: #/并发第\d+号/#).map { String($0.output) } }
            #expect(Set(markers).count == markers.count, "each report once")
            let numbers = stored.compactMap { $0["number"] as? String }
            #expect(numbers.count == stored.count, "every report has a register number")
            #expect(Set(numbers).count == numbers.count, "register numbers are unique")
            let sequence = numbers.compactMap { Int($0.split(whereSeparator: { !$0.isNumber }).last ?? "") }.sorted()
            #expect(sequence == Array(1...stored.count), "register numbers are gapless: \(numbers.sorted().prefix(5))")

            let verified = try XunchaProcess.run(["audit", "verify", "--data", data.path, "--database", url])
            #expect(verified.status == 0, "\(verified.output)")

            // The repeat sent to B of the report that came through A was found.
            let firstID = try #require(Self.object(sentToA.body)["id"] as? String)
            let repeatID = try #require(Self.object(sentToB.body)["id"] as? String)
            var record = ""
            try await PostgresTestServer.on(url) { db in
                record =
                    try await db.raw("SELECT record FROM report_screening_records WHERE report_id = \(bind: repeatID)").first()?
                    .decode(column: "record", as: String.self) ?? ""
            }
            #expect(record.contains(firstID), "B's screening names the report that came through A as an earlier one: \(record.prefix(300))")
        } catch {
            await PostgresTestServer.drop(database)
            throw error
        }
        balancer?.stop()
        for server in servers { server.stop() }
        await PostgresTestServer.drop(database)
    }
}
