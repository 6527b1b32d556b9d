import Foundation
import Logging
import Testing
import XunchaCore
import XunchaStore

/// An inspection whose announcement names next-level units, its roster listing their heads under
/// their own names, and reports about a next-level principal, a next-level deputy and another
/// unit's deputy head, all through the real binary and server.
@Suite(.serialized) struct ScopeJourneyTests {
    /// A period around today, so that reports arrive while the group takes them.
    static func announcement() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        func day(_ offset: Int) -> String {
            let d = calendar.dateComponents([.year, .month, .day], from: Date().addingTimeInterval(Double(offset) * 86_400))
            return "\(d.year!)年\(d.month!)月\(d.day!)日"
        }
        return """
            县委第三巡察组进驻县教育局开展巡察工作的公告

            根据县委巡察工作统一部署，县委第三巡察组于\(day(-10))至\(day(50))对县教育局党组及所辖城关第一中学、东岭学区开展常规巡察。\
            巡察期间设立值班电话：0731-5512345，电子邮箱：xcsanzu@example.com。受理信访截止时间为\(day(48))。
            """
    }

    static let roster = """
        姓名,单位,职务
        周立新,县教育局,党组书记、局长
        陈晓东,城关第一中学,校长
        林一帆,城关第一中学,副校长
        黄志明,东岭学区,主任

        """

    func write(_ text: String, _ data: TemporaryDataFolder, _ name: String) throws -> String {
        let path = data.path + "-" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func withStore<T>(_ data: TemporaryDataFolder, _ body: (SQLStore) async throws -> T) async throws -> T {
        let store = try await Installation.open(DataFolder(path: data.path), creating: false, logger: Logger(label: "test")).store
        let result = try await body(store)
        try await store.close()
        return result
    }

    @Test func nextLevelPrincipalsAreLeadsTheirDeputiesAndOtherUnitsAreReferred() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        try await XunchaProcess.serve(data: data.path).stop()

        let imported = try XunchaProcess.run(["inspection", "import", try write(Self.announcement(), data, "a.txt"), "--data", data.path, "--yes"])
        #expect(imported.status == 0, "\(imported.output)")
        let id = String(try #require(imported.output.firstMatch(of: #/created ([0-9a-f-]{36}) 县委第三巡察组/#)?.output.1))
        let scope = try #require(try await withStore(data) { try await $0.scope(inspectionID: id) })
        #expect(scope.units == ["县教育局"])
        #expect(scope.nextLevel.map(\.name) == ["城关第一中学", "东岭学区"])

        let rosterRun = try XunchaProcess.run([
            "roster", "import", try write(Self.roster, data, "r.csv"), "--inspection", id, "--data", data.path, "--yes",
        ])
        #expect(rosterRun.status == 0, "\(rosterRun.output)")
        #expect(rosterRun.output.contains("陈晓东\t城关第一中学\t校长\t→ 下一级党组织主要负责人 [nextLevel.principal，县教育局的下一级单位城关第一中学（学校）]"))
        #expect(rosterRun.output.contains("林一帆\t城关第一中学\t副校长\t→ 其他人员 [nextLevel.deputy"))

        let server = try await XunchaProcess.serve(data: data.path)
        let reports = [
            "城关第一中学校长陈晓东在学校食堂承包中收受承包商好处费5万元，有转账记录为证。",
            "城关第一中学副校长林一帆在教辅资料采购中收受回扣3万元，有转账记录为证。",
            "县水利局副局长张伟在河道工程招标中收受承包商好处费8万元，有转账记录为证。",
        ]
        for text in reports {
            let sent = try await server.post("/api/v1/reports", json: #"{"content":"\#(text)","inspection_id":"\#(id)"}"#)
            #expect(sent.status == 201, "\(sent.body)")
        }
        server.stop()

        let screened: [String: (SuggestionKind, String?, [String])] = try await withStore(data) { store in
            var out: [String: (SuggestionKind, String?, [String])] = [:]
            for report in try await store.reports(inspectionID: id, includeUnassigned: false, limit: 10, offset: 0) {
                let record = try #require(try await store.screening(reportID: report.id)).record
                out[report.content] = (record.suggestion, record.decidingRule, record.reasons.map(\.messageZH))
            }
            return out
        }
        #expect(screened[reports[0]]?.0 == .accept)
        #expect(screened[reports[0]]?.1 == "subject.in_scope")
        #expect(screened[reports[1]]?.0 == .refer)
        #expect(screened[reports[1]]?.1 == "subject.other_official")
        #expect(screened[reports[2]]?.0 == .refer)
        #expect(screened[reports[2]]?.1 == "subject.other_unit")
        #expect(screened[reports[2]]?.2.contains { $0.contains("“县水利局”不是本次巡察的被巡察单位或其下一级单位") } == true)
    }
}
