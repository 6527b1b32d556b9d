import Foundation
import Testing

private let browserAvailable =
    WebDriver.chromedriverPath != nil || ProcessInfo.processInfo.environment["XUNCHA_REQUIRE_BROWSER"] == "1"

/// The learned layer as a leader meets it: they correct the category of a report in wording the
/// lexicon does not know, and the next similar report arrives screened with that category, the
/// reason naming the decided report it resembles.
@Suite(.serialized, .enabled(if: browserAvailable, "needs chromium and chromium-driver")) struct LearningBrowserTests {
    static let first = "老干部活动中心主任让新来的两个大学生每天下班去他家给孩子辅导作业、帮老人做饭。"
    static let next = "老年大学副校长让刚分来的大学生每天去他家给孩子辅导作业，还要帮忙做饭买菜。"

    @Test func aCorrectedCategoryScreensTheNextSimilarReport() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path, demo: true)
        defer { server.stop() }
        #expect(try await server.post("/api/v1/reports", json: #"{"content":"\#(Self.first)"}"#).status == 201)
        let password = try server.oneTimePassword("zuzhang")
        let browser = try await WebDriver()
        do {
            try await browser.logInFirstTime(server.baseURL, "zuzhang", oneTime: password, password: "leader-password-1")
            try await browser.clickRow(of: "inbox", containing: String(Self.first.prefix(12)), cell: "snippet")
            let screening = try await browser.waitForText("#screening", containing: "初筛建议")
            #expect(!screening.contains("廉洁纪律"), "the lexicon alone reads: \(screening)")
            let number = try await browser.text("h1")
            try await browser.click(#"#decision-category option[value="integrity"]"#)
            try await browser.type("占用下属为个人家务服务", into: "#decision-reason")
            try await browser.click("#decision-form button[type=submit]")
            try await browser.waitForText("#decisions ol.dispositions", containing: "问题类别：廉洁纪律")

            // Retraining runs in the background after the approval; it takes milliseconds here.
            try await Task.sleep(for: .seconds(2))
            #expect(try await server.post("/api/v1/reports", json: #"{"content":"\#(Self.next)"}"#).status == 201)
            try await browser.open(server.baseURL + "/staff")
            try await browser.clickRow(of: "inbox", containing: String(Self.next.prefix(12)), cell: "snippet")
            let learned = try await browser.waitForText("#screening", containing: "据本组已处置的相似信访件判断")
            #expect(learned.contains("廉洁纪律"), "\(learned)")
            #expect(learned.contains("相似已处置件"), "\(learned)")
            #expect(learned.contains("据已处置件"), "the n-grams are shown as cues: \(learned)")
            let firstNumber = number.components(separatedBy: CharacterSet(charactersIn: " ")).first { $0.contains("第") } ?? number
            #expect(learned.contains(firstNumber) || number.isEmpty, "\(number) in \(learned)")
            try await browser.screenshot(to: NSTemporaryDirectory() + "xuncha-learned.png")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
