import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaDesk
import XunchaWeb

private func text(_ r: TestResponse) -> String { String(buffer: r.body) }

@Suite struct PublicPageTests {
    @Test func theHomePageShowsTheInspectionItsChannelsAndAFormWithAToken() async throws {
        try await TestInstallation.make().test { client async throws in
            let b = Browser(client)
            let home = try await b.get("/")
            #expect(home.status == .ok)
            let page = text(home)
            for expected in ["市委第四巡察组", "市委老干部局", "17773806700", "17773806700@189.cn", "娄底市A032邮政信箱", "工作日 08:00—12:00", "受理范围"] {
                #expect(page.contains(expected), "\(expected)")
            }
            #expect(page.contains(#"<meta name="viewport""#))
            #expect(!page.contains("<script"))
            #expect(home.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(b.cookies["xuncha_csrf"] == (try Browser.field("csrf", in: page)))
            #expect(home.headers[values: .setCookie].allSatisfy { $0.contains("HttpOnly") && $0.contains("SameSite=Strict") })
        }
    }

    /// 2023-03-06 was a Monday; the demo group answers 8:00–12:00 and 14:30–17:30 on workdays.
    @Test(arguments: [("2023-03-06T01:30:00Z", "值班电话现在可以接通"), ("2023-03-06T04:30:00Z", "14:30"), ("2023-06-01T02:00:00Z", "本轮巡察已于2023年5月31日截止受理")])
    func theHomePageSaysWhetherThePhoneAnswersNow(_ moment: String, _ expected: String) async throws {
        var installation = try await TestInstallation.make()
        let now = try #require(ISO8601DateFormatter().date(from: moment))
        installation.now = { now }
        try await installation.test { client async throws in
            let page = text(try await Browser(client).get("/"))
            #expect(page.contains("受理状态"))
            #expect(page.contains(expected), "\(moment)")
            #expect(!page.contains("电话状态"), "the state is intake's as a whole, not the phone's")
        }
    }

    @Test func aReportThroughTheFormGivesACodeOnceAndTheStatusPageReadsIt() async throws {
        let installation = try await TestInstallation.make()
        try await installation.test { client async throws in
            let b = Browser(client)
            let csrf = try await b.csrf(from: "/")
            let sent = try await b.post(
                "/report",
                form: ["csrf": csrf, "content": "反映某科长违规报销。<b>加粗</b>", "subjects[0][name]": "钱某", "reporter[name]": "", "reporter[phone]": ""]
            )
            // POST, redirect, GET: the code is in neither the redirect nor its URL.
            #expect(sent.status == .seeOther)
            #expect(sent.headers[.location] == "/received")
            #expect(text(sent).isEmpty)
            let slotCookie = try #require(sent.headers[values: .setCookie].first { $0.hasPrefix("xuncha_received=") })
            #expect(slotCookie.contains("HttpOnly") && slotCookie.contains("SameSite=Strict") && slotCookie.contains("Path=/received"))
            let received = try await b.followRedirect(sent)
            #expect(received.status == .ok)
            #expect(received.headers[.cacheControl] == "no-store")
            let page = text(received)
            let code = try #require(Browser.queryCode(in: page))
            #expect(code.filter(\.isNumber).count == 16)
            #expect(code.split(separator: " ").map(\.count) == [4, 4, 4, 4])
            #expect(page.contains(#"<span class="group">"#), "groups of four that never break")
            #expect(page.contains(#"download="巡察信访查询码.txt""#))
            #expect(!slotCookie.contains(code.filter(\.isNumber)))

            // A reload shows the code no more and sends nothing again.
            let before = try await installation.store.reportCount(inspectionID: nil, includeUnassigned: true)
            let reloaded = try await b.get("/received")
            #expect(reloaded.status == .ok)
            #expect(Browser.queryCode(in: text(reloaded)) == nil)
            #expect(text(reloaded).contains("查询码只显示一次"))
            #expect(text(reloaded).contains("不需要再次提交"))
            #expect(try await installation.store.reportCount(inspectionID: nil, includeUnassigned: true) == before)

            let status = try await b.post("/status", form: ["csrf": csrf, "query_code": code])
            #expect(status.status == .ok)
            #expect(text(status).contains("已登记，待审查"))

            let added = try await b.post("/status/add", form: ["csrf": csrf, "query_code": code, "content": "补充一张发票的情况"])
            #expect(text(added).contains("补充内容已收到"))
            #expect(text(added).contains("补充一张发票的情况"))

            let wrong = try await b.post("/status", form: ["csrf": csrf, "query_code": "1111 1111 1111 1111"])
            #expect(wrong.status == .notFound)
            #expect(text(wrong).contains("未找到"))
        }
    }

    @Test func aFormWithoutItsTokenIsRefusedAndGivenBack() async throws {
        let installation = try await TestInstallation.make()
        try await installation.test { client async throws in
            let b = Browser(client)
            _ = try await b.get("/")
            let before = try await installation.store.reportCount(inspectionID: nil, includeUnassigned: true)
            let refused = try await b.post("/report", form: ["csrf": "forged-token-forged-token-forged-token", "content": "被拦下的反映"])
            #expect(refused.status == .forbidden)
            #expect(text(refused).contains("页面已过期"))
            #expect(text(refused).contains("请核对后再次点击提交"))
            #expect(!text(refused).contains("刷新"), "a refresh would send the form again")
            #expect(text(refused).contains("被拦下的反映"), "what was typed comes back")
            let noCookie = Browser(client)
            let again = try await noCookie.post("/report", form: ["content": "没有令牌"])
            #expect(again.status == .forbidden)
            // The page given back carries a fresh token; sending it again now works.
            let fresh = try Browser.field("csrf", in: text(again))
            #expect(try await noCookie.post("/report", form: ["csrf": fresh, "content": "没有令牌"]).status == .seeOther)
            #expect(try await installation.store.reportCount(inspectionID: nil, includeUnassigned: true) == before + 1)
        }
    }

    @Test func anInvalidReportComesBackWithWhatWasTyped() async throws {
        try await TestInstallation.make().test { client async throws in
            let b = Browser(client)
            let csrf = try await b.csrf(from: "/")
            let response = try await b.post("/report", form: ["csrf": csrf, "content": "  ", "reporter[name]": "周某", "reporter[phone]": "abc"])
            #expect(response.status == .unprocessableContent)
            #expect(text(response).contains("请填写反映的内容"))
            #expect(text(response).contains(#"value="周某""#))
            let bad = try await b.send(
                "/report",
                .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "content=%FF%FE&csrf=\(csrf)")
            )
            #expect(bad.status == .badRequest)
            #expect(text(bad).contains("UTF-8"))
        }
    }
}

@Suite struct StaffPageTests {
    @Test func staffSeeTheInboxAndAReportAsTextNeverAsMarkup() async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let reporter = Browser(client)
            let csrf = try await reporter.csrf(from: "/")
            try await reporter.post("/report", form: ["csrf": csrf, "content": "<script>alert('x')</script>局长收礼", "subjects[0][name]": "<i>孙某</i>"])

            let staff = Browser(client)
            #expect(try await staff.get("/staff").headers[.location] == "/staff/login")
            try await staff.logIn("zuyuan", password)
            let inbox = text(try await staff.get("/staff"))
            #expect(inbox.contains("收件箱 · 市委第四巡察组"))
            #expect(inbox.contains("共5件"))
            #expect(!inbox.contains("<script>alert"))
            #expect(inbox.contains("&lt;script&gt;"))
            #expect(inbox.contains("&lt;i&gt;孙某&lt;/i&gt;") && !inbox.contains("（）"), "a subject without a post shows no empty brackets")
            let newest = try #require(inbox.range(of: "/staff/reports/").map { String(inbox[$0.upperBound...].prefix { $0 != "\"" }) })
            let report = text(try await staff.get("/staff/reports/\(newest)"))
            #expect(report.contains("&lt;script&gt;") && report.contains("局长收礼"))
            #expect(!report.contains("<script>"), "the reporter's markup is never sent as markup")
            #expect(!report.contains("<i>孙某</i>"))
            #expect(report.contains("登记反映"))
        }
    }

    @Test func wrongPasswordsAndRolesAreRefusedOnThePages() async throws {
        let installation = try await TestInstallation.make()
        let adminPassword = try #require(installation.passwords["admin"])
        try await installation.test { client async throws in
            let b = Browser(client)
            let csrf = try await b.csrf(from: "/staff/login")
            let wrong = try await b.post("/staff/login", form: ["csrf": csrf, "username": "admin", "password": "not-the-password"])
            #expect(wrong.status == .unauthorized)
            #expect(text(wrong).contains("用户名或密码不正确"))

            try await b.logIn("admin", adminPassword)
            let console = text(try await b.get("/staff"))
            #expect(console.contains("工作人员账号"))
            #expect(console.contains("创建巡察"))
            let reports = try await installation.store.reports(inspectionID: nil, includeUnassigned: true, limit: 1, offset: 0)
            let forbidden = try await b.get("/staff/reports/\(reports[0].id)")
            #expect(forbidden.status == .forbidden)
            #expect(!text(forbidden).contains(reports[0].content))

            let formCSRF = try await b.csrf(from: "/staff")
            let created = try await b.post(
                "/staff/admin/users",
                form: [
                    "csrf": formCSRF, "username": "new.member", "display_name": "新组员", "role": "member", "inspection_id": "demo-seed-2023-laoganbu",
                ]
            )
            #expect(text(created).contains(#"id="one-time-password""#))
            let inspection = try await b.post(
                "/staff/admin/inspections",
                form: [
                    "csrf": formCSRF, "group": "区委第三巡察组", "units": "区某局\n区某中心", "period_start": "2026-10-08", "period_end": "2026-12-31",
                    "phone_hours": "工作日 8:30-12:00\n工作日 14:30-17:30",
                ]
            )
            #expect(text(inspection).contains("已创建巡察：区委第三巡察组"))
            let badHours = try await b.post(
                "/staff/admin/inspections",
                form: ["csrf": formCSRF, "group": "g", "units": "u", "period_start": "2026-10-08", "period_end": "2026-12-31", "phone_hours": "上午"]
            )
            #expect(badHours.status == .unprocessableContent)
            #expect(text(badHours).contains("受理电话时间"))
        }
    }
}
