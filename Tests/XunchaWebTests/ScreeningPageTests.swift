import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk
import XunchaStore

@testable import XunchaWeb

private func text(_ r: TestResponse) -> String { String(buffer: r.body) }

/// Screening as staff meet it: every report screened on arrival, the suggestion in the inbox, the
/// reasons with the evidence marked in the text on the report page, and a decision that confirms
/// or overrules it (audited, an overruling with its reason); re-screening after a roster change.
@Suite struct ScreeningPageTests {
    static let demo = DemoData.inspection.id
    /// Monday 10 April 2023, 10:00 in Beijing: a workday inside the demo inspection's hours.
    static let inHours = Date(timeIntervalSince1970: 1_681_092_000)
    static let director = RosterPerson(name: "王建国", unit: "市委老干部局", post: "局长")
    static let report = "反映市委老干部局局长王建国2023年春节期间收受下属单位送的购物卡两万元，有转账记录为证。"

    static func installation() async throws -> TestInstallation {
        var installation = try await TestInstallation.make()
        installation.now = { inHours }
        return installation
    }

    @discardableResult
    static func submit(_ b: Browser, _ content: String) async throws -> TestResponse {
        let csrf = try await b.csrf(from: "/")
        return try await b.report(["csrf": csrf, "content": content, "inspection_id": demo])
    }

    static func reportID(_ store: SQLStore, _ content: String) async throws -> String {
        let all = try await store.reports(inspectionID: demo, includeUnassigned: false, limit: 100, offset: 0)
        return try #require(all.first { $0.content == content }?.id)
    }

    static func leader(_ client: any TestClientProtocol, _ installation: TestInstallation) async throws -> Browser {
        let b = Browser(client)
        try await b.logIn("zuzhang", try #require(installation.passwords["zuzhang"]))
        return b
    }

    @Test func aPublicReportIsScreenedAndTheSuggestionShowsInTheConsole() async throws {
        let installation = try await Self.installation()
        try await installation.store.replaceRoster(
            inspectionID: Self.demo,
            people: [Self.director],
            source: "test",
            actor: .commandLine(name: "test"),
            at: Self.inHours
        )
        try await installation.test { client async throws in
            #expect(try await Self.submit(Browser(client), Self.report).status == .ok)
            let id = try await Self.reportID(installation.store, Self.report)
            let staff = try await Self.leader(client, installation)

            let inbox = text(try await staff.get("/staff"))
            #expect(inbox.contains("初筛建议"))
            #expect(inbox.contains(#"<span class="tag suggestion-accept">受理</span>"#))
            #expect(inbox.contains("廉洁纪律"))

            let page = text(try await staff.get("/staff/reports/\(id)"))
            #expect(page.contains(#"id="screening""#))
            // Adjacent evidence merges into one mark: the gift and its amount, the post and the name.
            #expect(page.contains("<mark>购物卡两万元</mark>"))
            // The inspected unit's name is read whole with the post and the name.
            #expect(page.contains("<mark>市委老干部局局长王建国</mark>"))
            #expect(page.contains("王建国（市委老干部局局长）"))
            #expect(page.contains(Screener.rulesVersion))
            #expect(page.contains(#"<option value="accept" selected>受理（初筛建议）</option>"#))

            let api = try json(try await staff.get("/api/v1/reports/\(id)"))
            let screening = try #require(api["screening"] as? [String: Any])
            #expect(screening["suggestion"] as? String == "accept")
            #expect(screening["accept_as_lead"] as? Bool == true)
            #expect((screening["disciplines"] as? [[String: Any]])?.first?["code"] as? String == "integrity")
            #expect(screening["rules_version"] as? String == Screener.rulesVersion)
            let listed = try json(try await staff.get("/api/v1/reports"))
            let item = try #require((listed["reports"] as? [[String: Any]])?.first { $0["id"] as? String == id })
            #expect(item["suggestion"] as? String == "accept")
            #expect(item["top_discipline"] as? String == "integrity")

            let trail = try await installation.store.auditEvents(subject: .report, id: id).map(\.action)
            #expect(trail == ["report.received", "report.screened"])
        }
    }

    @Test func overrulingNeedsAReasonAndEveryDecisionIsAudited() async throws {
        let installation = try await Self.installation()
        try await installation.store.replaceRoster(
            inspectionID: Self.demo,
            people: [Self.director],
            source: "test",
            actor: .commandLine(name: "test"),
            at: Self.inHours
        )
        try await installation.test { client async throws in
            try await Self.submit(Browser(client), Self.report)
            let id = try await Self.reportID(installation.store, Self.report)
            let staff = try await Self.leader(client, installation)
            let path = "/staff/reports/\(id)/decision"

            var csrf = try await staff.csrf(from: "/staff/reports/\(id)")
            let bare = try await staff.post(path, form: ["csrf": csrf, "outcome": "file", "reason": "  "])
            #expect(bare.status == .unprocessableContent)
            #expect(text(bare).contains("改变初筛建议时请说明理由"))
            // Said at the top too, linked to the box, which is marked and described by it.
            let summary = try #require(text(bare).range(of: #"class="error-summary""#))
            #expect(summary.lowerBound < text(bare).range(of: "<h1>反映详情")!.lowerBound)
            #expect(text(bare).contains(##"<a href="#decision-reason">改变初筛建议时请说明理由"##))
            #expect(
                text(bare).contains(
                    #"id="decision-reason" name="reason" rows="3" maxlength="2000" aria-invalid="true" aria-describedby="decision-error""#
                )
            )
            #expect(text(bare).contains(#"<option value="file" selected>存查</option>"#))
            #expect(text(bare).contains(#"<option value="accept">受理（初筛建议）</option>"#))
            #expect(try await installation.store.decisions(reportID: id).isEmpty)

            #expect(try await staff.post(path, form: ["csrf": csrf, "outcome": "archive"]).status == .unprocessableContent)
            #expect(try await staff.post(path, form: ["outcome": "accept"]).status == .forbidden)

            // The leader's own decision is in force at once; the page by GET says so.
            let overruled = try await staff.post(path, form: ["csrf": csrf, "outcome": "file", "reason": "同一事项已由<b>市纪委</b>立案"])
            #expect(overruled.status == .seeOther)
            let page = text(try await staff.get(try #require(overruled.headers[.location])))
            #expect(page.contains("已作出处理决定。"))
            #expect(page.contains("改变初筛建议（原建议：受理）"))
            #expect(page.contains("同一事项已由&lt;b&gt;市纪委&lt;/b&gt;立案"))
            #expect(!page.contains(#"id="decision-form""#), "no proposal while a decision is in force")
            #expect(try await installation.store.report(id: id)?.status == .filed)

            // Changing it takes a reopening with a reason first.
            csrf = try Browser.field("csrf", in: page)
            let again = try await staff.post(path, form: ["csrf": csrf, "outcome": "accept"])
            #expect(again.status == .conflict && text(again).contains("请组长先重新打开"))
            #expect(try await staff.post(path + "/reopen", form: ["csrf": csrf, "reason": ""]).status == .unprocessableContent)
            #expect(try await staff.post(path + "/reopen", form: ["csrf": csrf, "reason": "立案情况有误"]).status == .seeOther)
            #expect(try await staff.post(path, form: ["csrf": csrf, "outcome": "accept"]).status == .seeOther)
            #expect(try await installation.store.report(id: id)?.status == .accepted)
            let decided = try await installation.store.auditEvents(subject: .report, id: id)
                .filter { $0.action.hasPrefix("report.decision") }.map(\.detail)
            #expect(
                decided == [
                    "overrules accept → file [category integrity]: 同一事项已由<b>市纪委</b>立案", "0: file", "0: 立案情况有误",
                    "confirms accept [category integrity]", "1: accept",
                ]
            )

            // A member through the API: the same checks; a proposal waits for the leader.
            let token = try await StaffAPITests.token(Browser(client), "zuyuan", try #require(installation.passwords["zuyuan"]))
            let api = Browser(client)
            let other = "反映市委老干部局某科长工作日中午饮酒。"
            try await Self.submit(Browser(client), other)
            let otherID = try await Self.reportID(installation.store, other)
            let refused = try await api.postJSON(
                "/api/v1/reports/\(otherID)/decision",
                #"{"outcome":"reject"}"#,
                headers: [.authorization: "Bearer \(token)"]
            )
            #expect(refused.status == .unprocessableContent)
            #expect((try json(refused)["error"] as? [String: Any])?["code"] as? String == "comment_required")
            let proposed = try await api.postJSON(
                "/api/v1/reports/\(otherID)/decision",
                #"{"outcome":"reject","comment":"无具体内容"}"#,
                headers: [.authorization: "Bearer \(token)"]
            )
            #expect(proposed.status == .created)
            #expect(try json(proposed)["state"] as? String == "proposed")
            #expect(try await installation.store.report(id: otherID)?.status == .received)
            let memberApproves = try await api.send(
                "/api/v1/reports/\(otherID)/decision/approve",
                .post,
                headers: [.authorization: "Bearer \(token)"],
                body: nil
            )
            #expect(memberApproves.status == .forbidden)
        }
    }

    @Test func theAdminNeitherSeesNorDecides() async throws {
        let installation = try await Self.installation()
        try await installation.test { client async throws in
            try await Self.submit(Browser(client), Self.report)
            let id = try await Self.reportID(installation.store, Self.report)
            let admin = Browser(client)
            try await admin.logIn("admin", try #require(installation.passwords["admin"]))
            let csrf = try await admin.csrf(from: "/staff")
            #expect(try await admin.post("/staff/reports/\(id)/decision", form: ["csrf": csrf, "outcome": "accept"]).status == .forbidden)
            #expect(try await admin.post("/staff/rescreen", form: ["csrf": csrf]).status == .forbidden)
            #expect(try await installation.store.decisions(reportID: id).isEmpty)
        }
    }

    @Test func aRosterImportedLaterTakesEffectForNewReportsAndOnRescreening() async throws {
        let installation = try await Self.installation()
        try await installation.test { client async throws in
            let first = "王建国2023年春节期间收受下属单位送的购物卡两万元，有转账记录为证。"
            try await Self.submit(Browser(client), first)
            let id = try await Self.reportID(installation.store, first)
            let before = try #require(try await installation.store.screening(reportID: id)).record
            #expect(before.suggestion != .accept)

            // As `xuncha roster import` beside the running server would: straight into the store.
            try await installation.store.replaceRoster(
                inspectionID: Self.demo,
                people: [Self.director],
                source: "cli",
                actor: .commandLine(name: "test"),
                at: Self.inHours
            )
            let second = "王建国在办公室收受红包，知情人可以作证。"
            try await Self.submit(Browser(client), second)
            let later = try #require(try await installation.store.screening(reportID: try await Self.reportID(installation.store, second))).record
            #expect(later.suggestion == .accept)
            #expect(later.subjects.first?.candidates.first?.name == "王建国")

            let staff = try await Self.leader(client, installation)
            let csrf = try await staff.csrf(from: "/staff")
            let done = text(try await staff.post("/staff/rescreen", form: ["csrf": csrf]))
            #expect(done.contains("已重新初筛"))
            #expect(try await installation.store.screening(reportID: id)?.record.suggestion == .accept)
            #expect(
                try await installation.store.auditEvents(subject: .report, id: id).filter { $0.action == "report.screened" }.count == 2
            )
        }
    }

    @Test func theSameReportSentTwiceIsARepeatOfTheFirst() async throws {
        let installation = try await Self.installation()
        try await installation.test { client async throws in
            try await Self.submit(Browser(client), Self.report)
            let firstID = try await Self.reportID(installation.store, Self.report)
            let again = "  " + Self.report.replacingOccurrences(of: "，", with: ", ") + "\n"
            try await Self.submit(Browser(client), again)
            let secondID = try await Self.reportID(installation.store, again)
            let record = try #require(try await installation.store.screening(reportID: secondID)).record
            #expect(record.suggestion == .duplicate)
            let staff = try await Self.leader(client, installation)
            let page = text(try await staff.get("/staff/reports/\(secondID)"))
            let firstNumber = try #require(try await installation.store.report(id: firstID)?.number)
            // The earlier report by its register number and a link; its id in no sentence.
            #expect(page.contains(#"<a href="/staff/reports/\#(firstID)">\#(firstNumber)</a>"#))
            #expect(page.contains("与此前的信访件\(firstNumber)内容基本相同"))
            #expect(page.components(separatedBy: firstID).count - 1 == page.components(separatedBy: "/staff/reports/\(firstID)").count - 1)
            #expect(try await installation.store.screening(reportID: firstID)?.record.suggestion != .duplicate)
        }
    }

    @Test func whatTheReporterAddsIsScreenedWithTheReport() async throws {
        let installation = try await Self.installation()
        try await installation.store.replaceRoster(
            inspectionID: Self.demo,
            people: [Self.director],
            source: "test",
            actor: .commandLine(name: "test"),
            at: Self.inHours
        )
        try await installation.test { client async throws in
            let reporter = Browser(client)
            let vague = "王建国有问题，请查一查。"
            let page = text(try await Self.submit(reporter, vague))
            let code = try #require(Browser.queryCode(in: page))
            let id = try await Self.reportID(installation.store, vague)
            #expect(try await installation.store.screening(reportID: id)?.record.suggestion == .reject)

            let csrf = try await reporter.csrf(from: "/status")
            let detail = "补充：2023年春节他收受下属单位送的购物卡两万元，有转账记录为证。"
            #expect(try await reporter.post("/status/add", form: ["csrf": csrf, "query_code": code, "content": detail]).status == .ok)
            let record = try #require(try await installation.store.screening(reportID: id)).record
            #expect(record.suggestion == .accept)
            let trail = try await installation.store.auditEvents(subject: .report, id: id).map(\.action)
            #expect(trail == ["report.received", "report.screened", "report.added_to", "report.screened"])

            let staff = try await Self.leader(client, installation)
            let shown = text(try await staff.get("/staff/reports/\(id)"))
            #expect(shown.contains("<mark>购物卡两万元</mark>"))
            #expect(shown.contains("含反映人补充的内容"))
        }
    }

    @Test func markupInAReportStaysTextWhenTheEvidenceIsMarked() async throws {
        let installation = try await Self.installation()
        try await installation.test { client async throws in
            let hostile = "<script>alert(1)</script>局长<b>收受红包</b>两万元"
            try await Self.submit(Browser(client), hostile)
            let id = try await Self.reportID(installation.store, hostile)
            let staff = try await Self.leader(client, installation)
            let page = text(try await staff.get("/staff/reports/\(id)"))
            #expect(!page.contains("<script>alert(1)"))
            #expect(!page.contains("<b>收受"))
            #expect(page.contains("&lt;script&gt;"))
            #expect(page.contains("<mark>收受红包</mark>"))
        }
    }

    @Test func highlightingCutsAtScalarOffsetsAndIgnoresSpansOutsideTheText() {
        let pieces = ReportView.highlighted("a𠀀收受红包b", spans: [2..<6, 3..<5, 40..<50])
        #expect(pieces.map(\.text) == ["a𠀀", "收受红包", "b"])
        #expect(pieces.map(\.mark) == [false, true, false])
    }
}
