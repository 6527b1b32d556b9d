import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// `xuncha init` as an operator runs it on a new machine: the folder, its key and the first admin,
/// then an announcement and a roster imported before the server first starts.
@Suite(.serialized) struct InitCommandTests {
    static let announcement = "市委第五巡察组于2024年4月1日至6月28日对市水务局开展巡察。巡察期间设立值班电话：0731-88880005。受理信访截止时间为2024年6月26日。"

    func file(_ data: TemporaryDataFolder, _ name: String, _ text: String) throws -> String {
        let path = data.path + "-" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func initThenImportThenServeIsAnOperatorsInstall() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let made = try XunchaProcess.run(["init", "--data", data.path])
        #expect(made.status == 0, "\(made.output)")
        let password = try #require(made.output.firstMatch(of: #/account: admin（.*）一次性密码 / one-time password: (\S+)/#)?.output.1)
        #expect(made.output.contains(data.path + "/xuncha.key"))
        let mode = try FileManager.default.attributesOfItem(atPath: data.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)

        let imported = try XunchaProcess.run(["inspection", "import", try file(data, "a.txt", Self.announcement), "--data", data.path, "--yes"])
        #expect(imported.status == 0, "\(imported.output)")
        let roster = try file(data, "r.csv", "姓名,单位,职务\n周明,市水务局,党组书记、局长\n")
        let rostered = try XunchaProcess.run(["roster", "import", roster, "--data", data.path, "--yes"])
        #expect(rostered.status == 0, "\(rostered.output)")
        #expect(rostered.output.contains("imported 1 people"), "\(rostered.output)")

        let server = try await XunchaProcess.serve(data: data.path)
        defer { server.stop() }
        #expect(!server.log.contains("one-time password"), "serve makes no second admin")
        var login = HTTPClientRequest(url: server.baseURL + "/api/v1/session")
        login.method = .POST
        login.headers.add(name: "Content-Type", value: "application/json")
        login.body = .bytes(ByteBuffer(string: #"{"username":"admin","password":"\#(password)"}"#))
        let response = try await HTTPClient.shared.execute(login, timeout: .seconds(30))
        #expect(response.status == .ok, "the password init printed opens the admin account")
    }

    @Test func initRefusesAnExistingInstallationAndChangesNothing() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        #expect(try XunchaProcess.run(["init", "--data", data.path]).status == 0)
        let key = try Data(contentsOf: URL(fileURLWithPath: data.path + "/xuncha.key"))
        let again = try XunchaProcess.run(["init", "--data", data.path])
        #expect(again.status != 0)
        #expect(again.output.contains("已有 Xuncha 安装"), "\(again.output)")
        #expect(again.output.contains("nothing was changed"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: data.path + "/xuncha.key")) == key)

        // A key file alone (the database lost) is an installation too: a new database beside it is no new install.
        try FileManager.default.removeItem(atPath: data.path + "/xuncha.sqlite")
        #expect(try XunchaProcess.run(["init", "--data", data.path]).status != 0)
    }
}
