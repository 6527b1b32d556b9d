import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk
import XunchaWeb

/// A roster whose units the scope does not know: the preview asks, per unit, which inspected unit
/// it is a next-level unit of, or whether it is out of scope; nothing is imported until each is
/// settled, and the settled units join the scope with the import.
@Suite("Console: roster units settled in the preview")
struct RosterUnitChoiceTests {
    static let inspectionID = RosterUploadTests.inspectionID
    static let rosterURI = RosterUploadTests.rosterURI
    static let csv = Data(
        """
        姓名,单位,职务
        刘国栋,市委老干部局,局长
        宋雨晴,市老年大学,校长
        唐一鸣,市老年大学,副校长
        魏青,市财政局,副局长

        """.utf8
    )

    func text(_ r: TestResponse) -> String { String(buffer: r.body) }

    /// Every hidden and chosen field of the form that holds `button`, with the selects set by `choose`.
    func form(_ page: String, choose: [String: String]) throws -> [(String, String)] {
        var fields: [(String, String)] = []
        for m in page.matches(of: #/<input type="hidden" name="([^"]+)" value="([^"]*)">/#) {
            fields.append(
                (String(m.output.1), String(m.output.2).replacingOccurrences(of: "&#61;", with: "=").replacingOccurrences(of: "&#43;", with: "+"))
            )
        }
        for (name, value) in choose { fields.append((name, value)) }
        return fields
    }

    @Test func unknownUnitsAreChosenThenImportedWithTheScope() async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["admin"])
        try await installation.test { client async throws in
            let b = Browser(client)
            try await b.logIn("admin", password)
            let upload = try await RosterUploadTests().upload(b, Self.csv)
            #expect(upload.status == .unprocessableContent)
            let page = text(upload)
            #expect(page.contains("单位待确认") && page.contains(#"<option value="parent:0">市委老干部局的下一级单位</option>"#))
            #expect(page.contains(#"value="市老年大学""#) && page.contains(#"value="市财政局""#))
            #expect(page.contains("按所选处理，重新预览") && !page.contains("确认导入"))

            // Only one settled: still nothing to confirm.
            let uploadPage = page
            func settle(_ choose: [String: String]) async throws -> TestResponse {
                let names = uploadPage.matches(of: #/name="(unit_name_\d+)" value="([^"]+)"/#).map { (String($0.output.1), String($0.output.2)) }
                var chosen: [String: String] = [:]
                for (field, unit) in names { if let c = choose[unit] { chosen[field.replacingOccurrences(of: "name", with: "choice")] = c } }
                let fields = try form(uploadPage, choose: chosen) + [("settle", "1")]
                return try await RosterUploadTests().confirm(b, fields)
            }
            let half = try await settle(["市老年大学": "parent:0"])
            #expect(half.status == .unprocessableContent)
            #expect(text(half).contains("单位待确认") && !text(half).contains("确认导入"))

            let settled = try await settle(["市老年大学": "parent:0", "市财政局": "out"])
            #expect(settled.status == .ok)
            let ready = text(settled)
            #expect(ready.contains("市老年大学（学校，市委老干部局的下一级单位）"))
            #expect(ready.contains("其中 1 行不在巡察范围、不导入") && ready.contains("不导入</span>"))
            #expect(ready.contains("确认导入") && !ready.contains("单位待确认"))
            #expect(try await installation.store.roster(inspectionID: Self.inspectionID, rules: .standard).isEmpty)

            let confirmed = try await RosterUploadTests().confirm(b, try form(ready, choose: [:]).filter { $0.0 != "settle" })
            #expect(confirmed.status == .ok)
            let roster = try await installation.store.roster(inspectionID: Self.inspectionID, rules: .standard)
            #expect(roster.map(\.name) == ["刘国栋", "宋雨晴", "唐一鸣"])
            #expect(roster.map(\.role.role) == [.leadershipMember, .subordinatePrincipal, .other])
            let scope = try #require(try await installation.store.scope(inspectionID: Self.inspectionID))
            #expect(scope.nextLevel == [NextLevelUnit(name: "市老年大学", kind: .school, parent: "市委老干部局")])
        }
    }

    @Test func aChoiceNamingNoInspectedUnitSettlesNothing() async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["admin"])
        try await installation.test { client async throws in
            let b = Browser(client)
            try await b.logIn("admin", password)
            let page = text(try await RosterUploadTests().upload(b, Self.csv))
            var fields = try form(page, choose: [:])
            fields += [("unit_choice_0", "parent:7"), ("unit_choice_1", "<script>"), ("settle", "1")]
            let again = try await RosterUploadTests().confirm(b, fields)
            #expect(again.status == .unprocessableContent && text(again).contains("单位待确认"))
            // Confirming without settling imports nothing.
            let forced = try await RosterUploadTests().confirm(b, try form(page, choose: [:]))
            #expect(forced.status == .unprocessableContent)
            #expect(try await installation.store.roster(inspectionID: Self.inspectionID, rules: .standard).isEmpty)
        }
    }
}
