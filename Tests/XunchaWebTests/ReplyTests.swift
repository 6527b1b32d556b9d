import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk
import XunchaStore
import XunchaWeb

private func text(_ r: TestResponse) -> String { String(buffer: r.body) }

/// The group's public replies: written by staff of the report's own inspection when it replies at
/// all, read by the reporter with the query code (page and API).
@Suite struct ReplyTests {
    static let replying = Inspection(
        id: "test-replies",
        group: "市委第五巡察组",
        units: ["市教育局"],
        periodStart: CivilDate(year: 2023, month: 3, day: 1)!,
        periodEnd: CivilDate(year: 2023, month: 5, day: 31)!,
        deadline: CivilDate(year: 2023, month: 5, day: 31)!,
        repliesEnabled: true
    )

    /// A report sent through the public form to `inspectionID`: its id (from the store) and code.
    static func report(_ b: Browser, _ store: SQLStore, inspectionID: String, content: String) async throws -> (id: String, code: String) {
        let csrf = try await b.csrf(from: "/")
        let page = text(try await b.report(["csrf": csrf, "content": content, "inspection_id": inspectionID]))
        let code = try #require(Browser.queryCode(in: page))
        let id = try #require(
            try await store.reports(inspectionID: inspectionID, includeUnassigned: false, limit: 50, offset: 0).first { $0.content == content }?.id
        )
        return (id, code)
    }

    /// A member of the replying inspection, created by the admin through the API, logged in on `b`.
    static func replyingMember(_ client: any TestClientProtocol, _ installation: TestInstallation, into b: Browser) async throws {
        let admin = Browser(client)
        let token = try await StaffAPITests.token(admin, "admin", try #require(installation.passwords["admin"]))
        let created = try await admin.postJSON(
            "/api/v1/staff",
            #"{"username":"wuzu","display_name":"五组组员","role":"member","inspection_id":"\#(replying.id)"}"#,
            headers: [.authorization: "Bearer \(token)"]
        )
        #expect(created.status == .created)
        try await installation.confirm("wuzu")
        try await b.logIn("wuzu", try #require(try json(created)["one_time_password"] as? String))
    }

    @Test func aReplyIsWrittenAuditedAndSeenByTheReporter() async throws {
        let installation = try await TestInstallation.make()
        try await installation.store.createInspection(Self.replying, actor: .system, at: Date())
        try await installation.test { client async throws in
            let reporter = Browser(client)
            let (id, code) = try await Self.report(reporter, installation.store, inspectionID: Self.replying.id, content: "反映某校食堂账目不清。")
            let csrf = try await reporter.csrf(from: "/status")
            #expect(text(try await reporter.post("/status", form: ["csrf": csrf, "query_code": code])).contains("巡察组尚未答复"))

            let staff = Browser(client)
            try await Self.replyingMember(client, installation, into: staff)
            let page = text(try await staff.get("/staff/reports/\(id)"))
            #expect(page.contains("发出答复"))
            let staffCSRF = try Browser.field("csrf", in: page)
            let sent = try await staff.post("/staff/reports/\(id)/replies", form: ["csrf": staffCSRF, "content": "您反映的问题已转有关部门核查。"])
            #expect(sent.status == .seeOther || sent.status == .found)
            let after = text(try await staff.get("/staff/reports/\(id)"))
            #expect(after.contains("您反映的问题已转有关部门核查。"))
            let trail = try await installation.store.auditEvents(subject: .report, id: id)
            #expect(trail.filter { $0.action == "report.replied" }.count == 1)

            let status = text(try await reporter.post("/status", form: ["csrf": csrf, "query_code": code]))
            #expect(status.contains("您反映的问题已转有关部门核查。"))
            #expect(!status.contains("五组组员"))
            let api = try json(try await reporter.postJSON("/api/v1/status", #"{"query_code":"\#(code)"}"#))
            let replies = try #require(api["replies"] as? [[String: Any]])
            #expect(replies.count == 1)
            #expect(replies.first?["content"] as? String == "您反映的问题已转有关部门核查。")
            #expect(replies.first?["written_at"] is String)

            // An empty reply comes back with its message; nothing is stored.
            let empty = try await staff.post("/staff/reports/\(id)/replies", form: ["csrf": staffCSRF, "content": "  "])
            #expect(empty.status == .unprocessableContent)
            #expect(text(empty).contains("请填写答复的内容"))
            #expect(try await installation.store.replies(reportID: id).count == 1)
        }
    }

    @Test func withoutRepliesTheConsoleOffersNoFormAndTheStatusPageSaysSo() async throws {
        let installation = try await TestInstallation.make()
        try await installation.test { client async throws in
            let reporter = Browser(client)
            let (id, code) = try await Self.report(reporter, installation.store, inspectionID: "demo-seed-2023-laoganbu", content: "反映某科室违规发放补贴。")
            let csrf = try await reporter.csrf(from: "/status")
            let status = text(try await reporter.post("/status", form: ["csrf": csrf, "query_code": code]))
            #expect(status.contains("本轮巡察不逐件答复反映人"))
            #expect(!status.contains("不负责答复"))
            let api = try json(try await reporter.postJSON("/api/v1/status", #"{"query_code":"\#(code)"}"#))
            #expect((api["replies"] as? [Any])?.isEmpty == true)

            let staff = Browser(client)
            try await staff.logIn("zuzhang", try #require(installation.passwords["zuzhang"]))
            let page = text(try await staff.get("/staff/reports/\(id)"))
            #expect(page.contains("本巡察组按公告不答复反映人"))
            #expect(!page.contains("reply-content"))
            let refused = try await staff.post(
                "/staff/reports/\(id)/replies",
                form: ["csrf": try Browser.field("csrf", in: page), "content": "已收到。"]
            )
            #expect(refused.status == .forbidden)
            #expect(try await installation.store.replies(reportID: id).isEmpty)
        }
    }

    @Test func aMemberOfAnotherInspectionCannotReply() async throws {
        let installation = try await TestInstallation.make()
        try await installation.store.createInspection(Self.replying, actor: .system, at: Date())
        try await installation.test { client async throws in
            let (id, _) = try await Self.report(Browser(client), installation.store, inspectionID: Self.replying.id, content: "反映某校违规收费。")
            let other = Browser(client)
            try await other.logIn("zuyuan", try #require(installation.passwords["zuyuan"]))
            let csrf = try await other.csrf(from: "/staff")
            let refused = try await other.post("/staff/reports/\(id)/replies", form: ["csrf": csrf, "content": "已收到。"])
            #expect(refused.status == .notFound)
            #expect(try await installation.store.replies(reportID: id).isEmpty)
        }
    }

    @Test func aReplyWithoutTheSessionsTokenIsRefused() async throws {
        let installation = try await TestInstallation.make()
        try await installation.store.createInspection(Self.replying, actor: .system, at: Date())
        try await installation.test { client async throws in
            let (id, _) = try await Self.report(Browser(client), installation.store, inspectionID: Self.replying.id, content: "反映某校违规招生。")
            let staff = Browser(client)
            try await Self.replyingMember(client, installation, into: staff)
            for token in [nil, "forged-token-forged-token-forged-token"] {
                var form = ["content": "已收到。"]
                form["csrf"] = token
                let refused = try await staff.post("/staff/reports/\(id)/replies", form: form)
                #expect(refused.status == .forbidden)
            }
            #expect(try await installation.store.replies(reportID: id).isEmpty)
        }
    }
}
