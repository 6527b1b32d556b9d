import Foundation
import Logging
import Testing
import XunchaStore

/// `xuncha inspection parse | import` run as a user runs them, on a data folder the real server
/// created.
@Suite(.serialized) struct InspectionImportTests {
    static let announcement = """
        根據(jù)市委統(tǒng)一部署，市委第二巡察組於２０２４年４月１日至６月２８日對市民政局開展巡察。
        巡察期間設立值班電話：０７３１－８８８８０００２，電子郵箱：swxcz2@163.com。受理信訪截止時間為２０２４年６月２６日。
        """

    func write(_ text: String, _ data: TemporaryDataFolder, _ name: String) throws -> String {
        let path = data.path + "-" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func inspectionCount(_ data: TemporaryDataFolder) async throws -> Int {
        let store = try await Installation.open(DataFolder(path: data.path), creating: false, logger: Logger(label: "test")).store
        let count = try await store.inspections().count
        try await store.close()
        return count
    }

    @Test func parseThenImportCreatesTheInspectionAndPrintsItsID() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        try await XunchaProcess.serve(data: data.path).stop()
        let file = try write(Self.announcement, data, "announcement.txt")

        let parsed = try XunchaProcess.run(["inspection", "parse", file, "--json"])
        #expect(parsed.status == 0)
        #expect(parsed.output.hasPrefix("{"))
        #expect(parsed.output.contains("\"group\": \"市委第二巡察组\""))
        #expect(parsed.output.contains("\"deadline\": \"2024-06-26\""))

        let before = try await inspectionCount(data)
        let imported = try XunchaProcess.run(["inspection", "import", file, "--data", data.path, "--yes"])
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("被巡察单位：市民政局"))
        let id = try #require(imported.output.firstMatch(of: #/created ([0-9a-f-]{36}) 市委第二巡察组/#)?.output.1)
        #expect(!id.isEmpty)
        #expect(try await inspectionCount(data) == before + 1)
    }

    @Test func nothingFoundOrContradictoryDatesCreateNothing() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        try await XunchaProcess.serve(data: data.path).stop()
        let before = try await inspectionCount(data)

        let empty = try write("", data, "empty.txt")
        let emptyRun = try XunchaProcess.run(["inspection", "import", empty, "--data", data.path, "--yes"])
        #expect(emptyRun.status != 0)
        #expect(emptyRun.output.contains("nothing found"))

        let prose = try write("今天天气很好，我们去公园散步。", data, "prose.txt")
        #expect(try XunchaProcess.run(["inspection", "parse", prose, "--json"]).status != 0)

        let late = try write(
            "市委第三巡察组于2024年3月1日至5月31日对市审计局开展巡察，值班电话：0731-88880003。受理信访截止时间为2024年6月15日。",
            data,
            "late.txt"
        )
        let lateRun = try XunchaProcess.run(["inspection", "import", late, "--data", data.path, "--yes"])
        #expect(lateRun.status != 0)
        #expect(lateRun.output.contains("晚于巡察结束日期"), "the flag is shown")
        #expect(lateRun.output.contains("未创建任何巡察"))
        #expect(try await inspectionCount(data) == before)
    }
}
