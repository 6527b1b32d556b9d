import Foundation
import Testing

private let browserAvailable =
    WebDriver.chromedriverPath != nil || ProcessInfo.processInfo.environment["XUNCHA_REQUIRE_BROWSER"] == "1"

/// A leader on a phone, JavaScript off, refers a report and reviews the referral: the list, the
/// masks beside the original, and the letter fit a 390 px screen, and the letter holds nothing of
/// the reporter. (Sending needs a day the official calendar covers, so it is tested on a fixed
/// clock in XunchaWebTests, not here on the real one.)
@Suite(.serialized, .enabled(if: browserAvailable, "needs chromium and chromium-driver")) struct ReferralBrowserTests {
    @Test func aLeaderRefersFromAPhoneAndTheReviewAndTheLetterFitTheScreen() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path, demo: true)
        defer { server.stop() }
        let sent = try await server.post(
            "/api/v1/reports",
            json: #"""
                {"content":"我叫周建华，手机13712345678，家住幸福路66号3栋402室。反映市委老干部局活动中心管理员刘某某长期占用活动室打牌，并向离退休干部收取场地费。",
                 "reporter":{"name":"周建华","phone":"13712345678","address":"娄底市娄星区幸福路66号3栋402室"}}
                """#
        )
        #expect(sent.status == 201)
        let password = try server.oneTimePassword("zuzhang")
        let browser = try await WebDriver()
        do {
            try await browser.logInFirstTime(server.baseURL, "zuzhang", oneTime: password, password: "leader-password-1")

            try await browser.click("table.inbox tbody tr td.snippet a")
            try await browser.click(#"#decision-outcome option[value="refer"]"#)
            try await browser.clear("#decision-recipient")
            try await browser.type("市委老干部局", into: "#decision-recipient")
            try await browser.type("属一般性管理问题，转主管单位办理", into: "#decision-reason")
            try await browser.click("#decision-form button[type=submit]")
            #expect(try await browser.text("#notice").contains("已作出处理决定"))
            #expect(try await browser.text("ul.referrals").contains("待发出"))

            func fits(_ selectors: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
                for css in selectors {
                    let extent = try await browser.horizontalExtent(css)
                    #expect(
                        extent.x >= 0 && extent.x + extent.width <= 390.5,
                        "\(css) is \(extent) on a 390 px screen",
                        sourceLocation: sourceLocation
                    )
                }
            }
            try await browser.open(server.baseURL + "/staff/referrals")
            #expect(try await browser.text("#referral-list").contains("市委老干部局"))
            try await fits(["main", "#referral-list", "#referral-list tbody tr"])
            try await browser.screenshot(to: data.path + "-referrals.png")

            // The demo's referrals are there too, sent and answered: this one is the only draft.
            try await browser.click("#referral-list tbody tr:has(span.state-draft) td.number a")
            #expect(try await browser.text("#mask-list").contains("反映人的电话号码"))
            #expect(try await browser.text("#referral-original mark").contains("周建华"))
            try await fits(["main", "#referral-edit", "#mask-list", "#referral-original", "#send-button", "#feedback-due-input"])
            try await browser.screenshot(to: data.path + "-referral.png")

            try await browser.click("#letter-link")
            #expect(try await browser.text(".letter-title") == "转办函")
            let letter = try await browser.text("#letter")
            #expect(letter.contains("市委老干部局") && letter.contains("刘某某") && letter.contains("前将办理情况反馈巡察组"))
            for secret in ["周建华", "13712345678", "幸福路66号", "3栋402室"] { #expect(!letter.contains(secret), "the letter holds \(secret)") }
            try await fits(["#letter", ".letter-draft"])
            try await browser.screenshot(to: data.path + "-letter.png")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
