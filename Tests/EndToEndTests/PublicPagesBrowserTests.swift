import Foundation
import Testing

private let browserAvailable =
    WebDriver.chromedriverPath != nil || ProcessInfo.processInfo.environment["XUNCHA_REQUIRE_BROWSER"] == "1"

/// Every public page in each of its states (taking reports, before the period, after the
/// deadline, a refused form, the code shown once, an inspection's page, the list), in Chromium
/// at a phone's 390 × 844 and a desktop's 1366 × 900, scripts off, with the accessibility checks
/// a citizen relies on: a label for every box, a name for every link and button, nothing wider
/// than the screen, focus on the error summary, the code's groups never broken. Screenshots go
/// to `XUNCHA_SCREENSHOTS` when set (docs/img holds the committed ones), else a throw-away folder.
@Suite(.serialized, .enabled(if: browserAvailable, "needs chromium and chromium-driver")) struct PublicPagesBrowserTests {
    static let sizes: [(name: String, width: Int, height: Int, mobile: Bool)] = [("phone", 390, 844, true), ("desktop", 1366, 900, false)]

    /// A day in Beijing, `days` from today, as announcements write it.
    static func day(_ days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let d = calendar.dateComponents([.year, .month, .day], from: Date().addingTimeInterval(Double(days) * 86400))
        return "\(d.year!)年\(d.month!)月\(d.day!)日"
    }

    /// A server holding one inspection imported from an announcement written for the test.
    static func serve(_ data: TemporaryDataFolder, from: Int, to: Int) async throws -> XunchaProcess {
        try await XunchaProcess.serve(data: data.path).stop()
        let text = """
            根据市委统一部署，市委第一巡察组于\(day(from))至\(day(to))对市交通运输局开展巡察。
            巡察期间设立值班电话：0738-8888001，电子邮箱：xcz1@example.cn。受理信访截止时间为\(day(to - 2))。
            """
        let file = data.path + "-announcement.txt"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try XunchaProcess.run(["inspection", "import", file, "--data", data.path, "--yes"])
        #expect(imported.status == 0, "\(imported.output)")
        return try await XunchaProcess.serve(data: data.path)
    }

    static let screenshots: String = {
        let dir = ProcessInfo.processInfo.environment["XUNCHA_SCREENSHOTS"] ?? NSTemporaryDirectory() + "xuncha-public-shots"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// What every public page must hold, whatever its state.
    static func checkAccessible(_ browser: WebDriver, _ page: String, width: Int) async throws {
        let html = try await browser.source()
        #expect(html.contains(#"<html lang="zh-CN">"#), "\(page)")
        #expect(html.contains("<h1"), "\(page): a heading")
        #expect(!html.contains("<script"), "\(page)")
        // Every visible box has a label that names it.
        for match in html.matches(of: #/<(input|textarea|select)\b([^>]*)>/#) {
            let attributes = String(match.output.2)
            guard !attributes.contains(#"type="hidden""#) else { continue }
            let id = try #require(attributes.firstMatch(of: #/\bid="([^"]+)"/#)?.output.1, "\(page): a box without an id")
            #expect(html.contains(#"<label for="\#(id)""#), "\(page): #\(id) has no label")
        }
        // Every link and button has a name a screen reader can say.
        for match in html.matches(of: #/<(a|button)\b[^>]*>(.*?)</(a|button)>/#.dotMatchesNewlines()) {
            let name = String(match.output.2).replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            #expect(!name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(page): \(match.output.0) has no name")
        }
        // Nothing is wider than the screen.
        for css in ["header.site", "main", "footer.site"] {
            let extent = try await browser.horizontalExtent(css)
            #expect(extent.x >= 0 && extent.x + extent.width <= Double(width) + 0.5, "\(page): \(css) is \(extent) on \(width) px")
        }
    }

    static func visit(_ browser: WebDriver, _ url: String, _ shot: String, width: Int) async throws {
        try await browser.open(url)
        try await checkAccessible(browser, shot, width: width)
        try await browser.fullPageScreenshot(to: "\(screenshots)/\(shot).png")
    }

    @Test func thePublicPagesInEachStateAtPhoneAndDesktopSize() async throws {
        let closedData = TemporaryDataFolder()
        let openData = TemporaryDataFolder()
        let beforeData = TemporaryDataFolder()
        defer {
            closedData.remove()
            openData.remove()
            beforeData.remove()
        }
        let closed = try await XunchaProcess.serve(data: closedData.path, demo: true)
        defer { closed.stop() }
        let open = try await Self.serve(openData, from: -20, to: 40)
        defer { open.stop() }
        let before = try await Self.serve(beforeData, from: 10, to: 70)
        defer { before.stop() }

        let browser = try await WebDriver()
        do {
            for size in Self.sizes {
                try await browser.emulate(width: size.width, height: size.height, mobile: size.mobile)
                let w = size.width

                try await Self.visit(browser, closed.baseURL + "/", "public-closed-\(size.name)", width: w)
                #expect(try await browser.text(".intake-title").contains("截止受理"))
                #expect(try await browser.text("#report .intake").contains("不再作为本轮巡察的问题线索"))
                try await Self.visit(browser, closed.baseURL + "/inspections", "public-inspections-\(size.name)", width: w)
                try await Self.visit(browser, closed.baseURL + "/inspections/demo-seed-2023-laoganbu", "public-inspection-\(size.name)", width: w)
                #expect(try await browser.text(".announcement-text").contains("市委第四巡察组"))

                try await Self.visit(browser, before.baseURL + "/", "public-before-\(size.name)", width: w)
                #expect(try await browser.text(".intake-title").contains("尚未开始受理"))

                try await Self.visit(browser, open.baseURL + "/", "public-open-\(size.name)", width: w)
                #expect(try await browser.text(".intake-title").contains("正在受理"))
                #expect(try await browser.text("header.site").contains("市委第一巡察组"))

                // Three wrong fields at once: all named at the top, the summary focused.
                try await browser.type("反映市交通运输局某处长在工程验收中收受施工方财物。", into: "textarea#content")
                try await browser.type("138-abc", into: "#reporter_phone")
                try await browser.type("110105194912310021", into: "#reporter_id_number")
                try await browser.type("zhou@", into: "#reporter_email")
                try await browser.click("#report button[type=submit]")
                let summary = try await browser.waitForText("#error-summary", containing: "3处")
                #expect(summary.contains("联系电话") && summary.contains("身份证号码") && summary.contains("电子邮箱"))
                #expect(try await browser.activeElementID() == "error-summary", "focus on the summary")
                #expect(try await browser.rects("#error-summary").first.map { $0.y < Double(size.height) } == true, "the summary is in sight")
                try await Self.checkAccessible(browser, "public-errors-\(size.name)", width: w)
                try await browser.fullPageScreenshot(to: "\(Self.screenshots)/public-errors-\(size.name).png")

                // Corrected and sent: the code once, in groups of four that never break.
                try await browser.clear("#reporter_phone")
                try await browser.clear("#reporter_id_number")
                try await browser.clear("#reporter_email")
                try await browser.click("#report button[type=submit]")
                let code = try await browser.text("#query-code")
                #expect(code.filter(\.isNumber).count == 16)
                #expect(!(try await browser.currentURL()).contains(code.filter(\.isNumber)))
                let groups = try await browser.rects("#query-code .group")
                #expect(groups.count == 4)
                let lineHeight = groups.map(\.height).min() ?? 0
                #expect(groups.allSatisfy { $0.height < lineHeight * 1.5 }, "no group is broken across lines: \(groups)")
                #expect(Set(groups.map(\.y)).count == 1, "the sixteen digits on one line: \(groups)")
                try await Self.checkAccessible(browser, "public-received-\(size.name)", width: w)
                try await browser.fullPageScreenshot(to: "\(Self.screenshots)/public-received-\(size.name).png")
                // A reload shows the code no more and sends nothing.
                try await browser.open(open.baseURL + "/received")
                #expect(try await browser.text("h1").contains("查询码只显示一次"))
            }
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
