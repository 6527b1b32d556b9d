import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk

@testable import XunchaWeb

private func text(_ r: TestResponse) -> String { String(buffer: r.body) }

/// The public page as a citizen meets it: whether the group takes reports now said first, every
/// error of the form at once at the top, and the pages an official site has.
@Suite struct PublicPageStateTests {
    static func at(_ iso: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: iso)) }

    static func installation(at iso: String) async throws -> TestInstallation {
        var installation = try await TestInstallation.make()
        let now = try at(iso)
        installation.now = { now }
        return installation
    }

    /// Before the period, after the deadline and outside call hours, the top of the page says so,
    /// with the standing channels when the group does not take reports.
    @Test(arguments: [
        ("2023-02-20T02:00:00Z", "本轮巡察尚未开始受理，2023年3月1日起受理", true),
        ("2023-06-01T02:00:00Z", "本轮巡察已于2023年5月31日截止受理", true),
        ("2023-03-06T12:00:00Z", "值班电话现在不在受理时间，下次受理时间为2023年3月7日（星期二）8:00", false),
        ("2023-03-06T02:20:00Z", "值班电话现在可以接通", false),
    ])
    func theTopOfThePageSaysWhetherReportsAreTakenNow(_ moment: String, _ expected: String, _ closed: Bool) async throws {
        try await Self.installation(at: moment).test { client async throws in
            let page = text(try await Browser(client).get("/"))
            let state = try #require(page.range(of: "受理状态"))
            let said = try #require(page.range(of: expected), "\(moment)")
            let form = try #require(page.range(of: #"action="/report""#))
            #expect(state.lowerBound < said.lowerBound && said.lowerBound < form.lowerBound, "said before the form")
            #expect(page.contains(#"href="tel:12388""#) == closed || page.contains("举报须知"))
            if closed {
                #expect(page.contains("纪检监察机关"))
                #expect(page.contains("作为本轮巡察的问题线索") || page.contains("不在本轮巡察受理期间内"))
            }
        }
    }

    /// A report sent after the deadline is told plainly what will happen to it.
    @Test func aReportSentAfterTheDeadlineIsToldWhatHappensToIt() async throws {
        try await Self.installation(at: "2023-06-02T02:00:00Z").test { client async throws in
            let b = Browser(client)
            let csrf = try await b.csrf(from: "/")
            let page = text(try await b.report(["csrf": csrf, "content": "截止后才想起来反映某科长的问题。"]))
            #expect(Browser.queryCode(in: page) != nil)
            #expect(page.contains(#"id="received-note""#))
            #expect(page.contains("已于2023年5月31日截止受理"))
            #expect(page.contains("转交有关部门处理"))
            // The status page says it too while the report waits, not just "under review".
            let code = try #require(Browser.queryCode(in: page))
            let status = text(try await b.post("/status", form: ["csrf": try await b.csrf(from: "/status"), "query_code": code]))
            #expect(status.contains(#"id="outside-period""#))
            #expect(status.contains("不作为本轮巡察的问题线索"))
        }
        try await Self.installation(at: "2023-03-06T02:00:00Z").test { client async throws in
            let b = Browser(client)
            let csrf = try await b.csrf(from: "/")
            let page = text(try await b.report(["csrf": csrf, "content": "受理期间内反映某科长的问题。"]))
            #expect(!page.contains(#"id="received-note""#))
        }
    }

    /// Every wrong field at once: a summary at the top linking to each field, focus on it, the
    /// fields marked and described.
    @Test func everyErrorIsListedAtTheTopAndEachFieldMarked() async throws {
        try await Self.installation(at: "2023-03-06T02:00:00Z").test { client async throws in
            let b = Browser(client)
            let csrf = try await b.csrf(from: "/")
            let refused = try await b.post(
                "/report",
                form: [
                    "csrf": csrf, "content": "反映某科长收受购物卡。", "reporter[phone]": "138-abc", "reporter[id_number]": "110105194912310021",
                    "reporter[email]": "zhou@", "reporter[name]": "周某",
                ]
            )
            #expect(refused.status == .unprocessableContent)
            let page = text(refused)
            let summary = try #require(page.range(of: #"class="error-summary""#))
            #expect(summary.lowerBound < (page.range(of: "受理状态")?.lowerBound ?? page.endIndex), "the summary comes first")
            #expect(page.contains("请修改下面3处后再提交"))
            #expect(page.contains("autofocus"))
            for (id, message) in [("reporter_phone", "联系电话只能包含数字"), ("reporter_id_number", "校验位不对"), ("reporter_email", "电子邮箱格式不正确")] {
                #expect(page.contains(##"<a href="#\##(id)">"##), "\(id)")
                #expect(page.contains(#"id="\#(id)-error""#), "\(id)")
                #expect(page.contains(message), "\(message)")
                let input = try #require(page.range(of: #"<input id="\#(id)""#).map { String(page[$0.lowerBound...].prefix { $0 != ">" }) })
                #expect(input.contains(#"aria-invalid="true""#), "\(id)")
                #expect(input.contains("\(id)-error"), "\(id): aria-describedby names its error")
            }
            #expect(page.contains(#"value="周某""#))
            #expect(page.contains("反映某科长收受购物卡。"))
            let name = try #require(page.range(of: #"<input id="reporter_name""#).map { String(page[$0.lowerBound...].prefix { $0 != ">" }) })
            #expect(!name.contains("aria-invalid"))
            let content = try #require(page.range(of: #"<textarea id="content""#).map { String(page[$0.lowerBound...].prefix { $0 != ">" }) })
            #expect(content.contains(#"aria-describedby="content-hint""#))
        }
    }

    /// The header names who sent the group, the footer the organiser; phone numbers and mail
    /// addresses are links a phone follows; the notice to reporters is there.
    @Test func theHomePageReadsAsAnOfficialPage() async throws {
        try await Self.installation(at: "2023-03-06T02:00:00Z").test { client async throws in
            let page = text(try await Browser(client).get("/"))
            let header = try #require(page.range(of: "<header").map { String(page[$0.lowerBound...].prefix(400)) })
            #expect(header.contains("中共娄底市委"))
            #expect(header.contains("市委第四巡察组"))
            #expect(page.contains("主办单位：市委第四巡察组（中共娄底市委派出）"))
            #expect(page.contains(#"href="tel:17773806700""#))
            #expect(page.contains(#"href="mailto:17773806700@189.cn""#))
            #expect(page.contains("举报须知"))
            #expect(page.contains("不得捏造"))
            #expect(page.contains("实名反映优先办理"))
            #expect(!page.contains("不负责答复"))
        }
    }

    /// Every inspection at its own stable address, with its announcement; the list links them.
    @Test func eachInspectionHasItsOwnPageWithTheAnnouncement() async throws {
        let installation = try await Self.installation(at: "2023-03-06T02:00:00Z")
        try await installation.test { client async throws in
            let b = Browser(client)
            let list = text(try await b.get("/inspections"))
            #expect(list.contains(#"href="/inspections/demo-seed-2023-laoganbu""#))
            #expect(list.contains("正在受理"))
            let page = try await b.get("/inspections/demo-seed-2023-laoganbu")
            #expect(page.status == .ok)
            #expect(text(page).contains("根据市委巡察工作统一部署"))
            #expect(text(page).contains("受理状态"))
            #expect(try await b.get("/inspections/no-such").status == .notFound)
            #expect(try await b.get("/inspections/%3Cscript%3E").status == .notFound)
        }
    }

    /// The page that shows the code, reached without a slot, with a forged token or a hostile
    /// one: it says the code is shown once, and nothing else.
    @Test func theCodesPageWithoutItsSlotShowsNoCode() async throws {
        try await Self.installation(at: "2023-03-06T02:00:00Z").test { client async throws in
            for cookie in [
                nil, "xuncha_received=forged-forged-forged-forged-forged-forged", "xuncha_received=%3Cscript%3E",
                "xuncha_received=" + String(repeating: "a", count: 4000),
            ] {
                let b = Browser(client)
                if let cookie {
                    let pair = cookie.split(separator: "=", maxSplits: 1)
                    b.cookies[String(pair[0])] = String(pair[1])
                }
                let page = try await b.get("/received")
                #expect(page.status == .ok)
                #expect(Browser.queryCode(in: text(page)) == nil)
                #expect(text(page).contains("查询码只显示一次"))
            }
            #expect(try await Browser(client).get("/inspections/" + String(repeating: "x", count: 5000)).status == .notFound)
        }
    }

    @Test func otherChannelsReadAsChinese() {
        #expect(InspectionView.chinesePunctuation("意见箱 (设在一楼大厅)") == "意见箱（设在一楼大厅）")
        #expect(InspectionView.chinesePunctuation("来访接待室  (二楼)") == "来访接待室（二楼）")
    }
}
