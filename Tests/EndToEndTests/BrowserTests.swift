import Foundation
import Testing

/// The browser test runs wherever Chromium is installed, and must run in CI (scripts/test sets
/// XUNCHA_REQUIRE_BROWSER=1 after installing it), so a missing browser there fails loudly.
private let browserAvailable =
    WebDriver.chromedriverPath != nil || ProcessInfo.processInfo.environment["XUNCHA_REQUIRE_BROWSER"] == "1"

@Suite(.serialized, .enabled(if: browserAvailable, "needs chromium and chromium-driver")) struct BrowserTests {
    /// A citizen on a phone, JavaScript off: reads the page, reports, keeps the code, checks status.
    @Test func aCitizenReportsFromAPhoneWithoutJavaScript() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path, demo: true)
        defer { server.stop() }
        let browser = try await WebDriver()
        do {
            try await browser.open(server.baseURL + "/")
            #expect(try await browser.text("h1").contains("市委第四巡察组"))
            // Nothing on the page is wider than the phone.
            for css in ["main", "textarea#content", "button[type=submit]", "dl"] {
                let extent = try await browser.horizontalExtent(css)
                #expect(extent.x >= 0 && extent.x + extent.width <= 390.5, "\(css) is \(extent) on a 390 px screen")
            }
            try await browser.type("反映某科长利用职务便利为亲属承揽工程，2023年3月有合同可查。", into: "textarea#content")
            try await browser.type("钱某", into: "#subject_name")
            try await browser.click("button[type=submit]")
            let code = try await browser.text("#query-code")
            #expect(code.filter(\.isNumber).count == 16)
            #expect(!(try await browser.currentURL()).contains(code.filter(\.isNumber)), "the code is never in a URL")
            try await browser.screenshot(to: data.path + "-received.png")

            try await browser.open(server.baseURL + "/status")
            try await browser.type(code, into: "#query_code")
            try await browser.click("button[type=submit]")
            #expect(try await browser.text("dd.status") == "已登记，待审查")
            try await browser.type("补充：合同编号在第二页。", into: "textarea#content")
            try await browser.click("button[type=submit]")
            #expect(try await browser.text(".notice") == "补充内容已收到。")
            #expect(try await browser.text("ol.additions").contains("合同编号在第二页"))
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    /// A report sent by a citizen reaches a leader's inbox with its screening suggestion; the
    /// leader reads the reasons beside the marked text and overrules it with a reason.
    @Test func aLeaderSeesTheScreeningAndOverrulesItWithAReason() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path, demo: true)
        defer { server.stop() }
        let sent = try await server.post("/api/v1/reports", json: #"{"content":"反映局长收受红包两万元，有转账记录为证。"}"#)
        #expect(sent.status == 201)
        let password = try server.oneTimePassword("zuzhang")
        let browser = try await WebDriver()
        do {
            try await browser.logInFirstTime(server.baseURL, "zuzhang", oneTime: password, password: "leader-password-1")

            let suggestion = try await browser.text("table.inbox tbody tr td.suggestion span.tag")
            #expect(["受理", "转办", "存查", "重复件", "不予受理"].contains(suggestion), "inbox shows \(suggestion)")
            try await browser.click("table.inbox tbody tr td.snippet a")
            #expect(try await browser.text("#screening h2") == "初筛建议")
            #expect(try await browser.text("#screening ol.reasons").contains("收到"))
            #expect(try await browser.text("#report-content mark").contains("红包"))
            try await browser.screenshot(to: NSTemporaryDirectory() + "xuncha-screening.png")

            let other = suggestion == "存查" ? "reject" : "file"
            try await browser.click(#"#decision-outcome option[value="\#(other)"]"#)
            try await browser.click("#decision-form button[type=submit]")
            #expect(try await browser.text("#decision-error").contains("改变初筛建议时请说明理由"))
            try await browser.type("已由市纪委监委立案调查", into: "#decision-reason")
            try await browser.click("#decision-form button[type=submit]")
            #expect(try await browser.text("#decisions ol.dispositions").contains("已由市纪委监委立案调查"))
            #expect(try await browser.text("#decisions ol.dispositions").contains("改变初筛建议"))
            #expect(try await browser.text("#notice").contains("已作出处理决定"))
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
