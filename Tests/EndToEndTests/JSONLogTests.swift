import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// `serve --log-format json` as a collector reads it: every line an object, and nothing in any
/// line that names a reporter, their address or their query code, even at the most verbose level.
@Suite(.serialized) struct JSONLogTests {
    @Test func aSubmitAndStatusFlowLogsNoIdentityAddressOrCode() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        #expect(try XunchaProcess.run(["init", "--data", data.path]).status == 0)
        let server = try await XunchaProcess.serve(
            data: data.path,
            options: ["--log-format", "json", "--trusted-proxy", "127.0.0.1"],
            environment: ["LOG_LEVEL": "trace"]
        )
        defer { server.stop() }
        let client = "203.0.113.77"
        func send(_ path: String, _ body: String) async throws -> (Int, [String: Any]) {
            var request = HTTPClientRequest(url: server.baseURL + path)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "X-Forwarded-For", value: client)
            request.body = .bytes(ByteBuffer(string: body))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let bytes = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), (try? JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any]) ?? [:])
        }
        let identity =
            #""reporter":{"name":"欧阳明远","phone":"13912345678","email":"mingyuan@example.cn","id_number":"430102199001011238","address":"长沙市芙蓉区五一大道99号"}"#
        let (created, receipt) = try await send("/api/v1/reports", #"{"content":"日志测试：某处长违规报销差旅费。",\#(identity)}"#)
        #expect(created == 201)
        let code = try #require(receipt["query_code"] as? String)
        #expect(try await send("/api/v1/status", #"{"query_code":"\#(code)"}"#).0 == 200)
        #expect(try await send("/api/v1/status/additions", #"{"query_code":"\#(code)","content":"补充：还有加班费。"}"#).0 < 500)
        #expect(try await send("/api/v1/status", #"{"query_code":"0000000000000001"}"#).0 == 404)
        var get = HTTPClientRequest(url: server.baseURL + "/status?query_code=\(code)")
        get.headers.add(name: "X-Forwarded-For", value: client)
        _ = try await HTTPClient.shared.execute(get, timeout: .seconds(30))
        server.stop()

        let lines = server.log.split(separator: "\n").filter { $0.hasPrefix("{") }
        #expect(lines.count >= 5, "a line for each request: \(server.log)")
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "not JSON: \(line)")
        }
        let requestLines = lines.filter { $0.contains(#""message":"request""#) }
        #expect(requestLines.contains { $0.contains(#""route":"/api/v1/reports""#) && $0.contains(#""status":"201""#) })
        let logged = lines.joined(separator: "\n")
        for secret in [code, client, "欧阳明远", "13912345678", "mingyuan@example.cn", "430102199001011238", "五一大道", "差旅费", "加班费", "query_code"] {
            #expect(!logged.contains(secret), "\(secret) in the log")
        }
    }
}
