import Foundation
import Logging
import Testing
import XunchaStore

/// `xuncha roster import` run as a user runs it, on the data folder `serve --demo` made (one
/// inspection, of 市委老干部局, with its roster of the unit's leaders).
@Suite(.serialized) struct RosterImportTests {
    func write(_ bytes: [UInt8], _ data: TemporaryDataFolder, _ name: String) throws -> String {
        let path = data.path + "-" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func rosterNames(_ data: TemporaryDataFolder) async throws -> [String] {
        let store = try await Installation.open(DataFolder(path: data.path), creating: false, logger: Logger(label: "test")).store
        let names = try await store.roster(inspectionID: "demo-seed-2023-laoganbu", rules: .standard).map(\.name)
        try await store.close()
        return names
    }

    @Test func importPreviewsThenReplacesAndABadFileImportsNothing() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        try await XunchaProcess.serve(data: data.path, demo: true).stop()
        let demoRoster = try await rosterNames(data)
        #expect(!demoRoster.isEmpty, "the demo imports its roster")
        let listed = try XunchaProcess.run(["report", "list", "--json", "--data", data.path]).output
        let reportCount = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [Any]).count

        let good = try write(
            [0xEF, 0xBB, 0xBF] + Array("序号,姓名,单位,职务,别名\r\n1,王建国,市委老干部局,党组书记、局长,老王\r\n2,李红梅,市委老干部局,财务科科长,\r\n".utf8),
            data,
            "good.csv"
        )
        let imported = try XunchaProcess.run(["roster", "import", good, "--data", data.path, "--yes"])
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("CSV UTF-8 (BOM)"))
        #expect(imported.output.contains("领导班子成员 leadership_member: 1"))
        #expect(imported.output.contains("重要岗位领导干部 key_post_leader: 1"))
        #expect(imported.output.contains("李红梅\t市委老干部局\t财务科科长\t→ 重要岗位领导干部 [keyPost.office，被巡察单位市委老干部局]"))
        #expect(imported.output.contains("imported 2 people"))
        #expect(imported.output.contains("replaces \(demoRoster.count) people"))
        #expect(imported.output.contains("re-screened \(reportCount) reports"), "\(imported.output)")
        #expect(try await rosterNames(data) == ["王建国", "李红梅"])

        let bad = try write(Array("姓名,单位,职务\n赵敏,市委老干部局,科员\n,市委老干部局,科员\n钱多,县财政局,局长\n赵敏,市委老干部局,科员\n".utf8), data, "bad.csv")
        let refused = try XunchaProcess.run(["roster", "import", bad, "--data", data.path, "--yes"])
        #expect(refused.status == 1)
        #expect(refused.output.contains("line 3: 缺少姓名"))
        #expect(refused.output.contains("line 4: 单位“县财政局”不是本次巡察的被巡察单位"))
        #expect(refused.output.contains("line 5: 与第 2 行重复"))
        #expect(refused.output.contains("nothing imported"))
        #expect(try await rosterNames(data) == ["王建国", "李红梅"])

        let prose = try write(Array("今天天气很好。\n".utf8), data, "prose.csv")
        let notRoster = try XunchaProcess.run(["roster", "import", prose, "--data", data.path, "--yes"])
        #expect(notRoster.status == 1)
        #expect(notRoster.output.contains("not a roster"))

        let unknown = try XunchaProcess.run(["roster", "import", good, "--inspection", "nope", "--data", data.path, "--yes"])
        #expect(unknown.status != 0)
        #expect(unknown.output.contains("no inspection nope"))

        // A second inspection: the roster must now name its inspection.
        let announcement = try write(Array(InspectionImportTests.announcement.utf8), data, "announcement.txt")
        #expect(try XunchaProcess.run(["inspection", "import", announcement, "--data", data.path, "--yes"]).status == 0)
        let ambiguous = try XunchaProcess.run(["roster", "import", good, "--data", data.path, "--yes"])
        #expect(ambiguous.status != 0)
        #expect(ambiguous.output.contains("choose one with --inspection"))
        let named = try XunchaProcess.run(["roster", "import", good, "--inspection", "demo-seed-2023-laoganbu", "--data", data.path, "--yes"])
        #expect(named.status == 0, "\(named.output)")
        #expect(named.output.contains("replaces 2 people"))
        #expect(try XunchaProcess.run(["audit", "verify", "--data", data.path]).status == 0)
    }

    @Test func anXLSXWorkbookIsPreviewedAndItsWrongUnitsRefused() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        try await XunchaProcess.serve(data: data.path, demo: true).stop()
        let demoRoster = try await rosterNames(data)
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("XunchaIntakeTests/Fixtures")
        // The fixture's people work at 县财政局, not at the demo inspection's 市委老干部局.
        let run = try XunchaProcess.run(["roster", "import", fixtures.appendingPathComponent("roster.xlsx").path, "--data", data.path, "--yes"])
        #expect(run.status == 1)
        #expect(run.output.contains("(XLSX)"))
        #expect(run.output.contains("王建国（别名 老王、王局）\t县财政局\t党组书记、局长\t→ 领导班子成员"))
        #expect(run.output.contains("line 3: 单位“县财政局”不是本次巡察的被巡察单位"))
        #expect(try await rosterNames(data) == demoRoster, "a refused file changes nothing")

        let broken = try XunchaProcess.run(
            ["roster", "import", fixtures.appendingPathComponent("roster-truncated.xlsx").path, "--data", data.path, "--yes"]
        )
        #expect(broken.status == 1)
        #expect(broken.output.contains("malformed XLSX"))
    }
}
