import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import ZIPFoundation

private let browserAvailable =
    WebDriver.chromedriverPath != nil || ProcessInfo.processInfo.environment["XUNCHA_REQUIRE_BROWSER"] == "1"

/// One report all the way in a real Chromium, scripts off, through the pages alone: a citizen
/// sends it from the public form with their identity in the text, the leader accepts it into a
/// lead, writes, submits, reviews and signs the working paper, hands it over, records the
/// receiver's outcome, and the archive holds the report with nothing of the reporter.
@Suite(.serialized, .enabled(if: browserAvailable, "needs chromium and chromium-driver")) struct HandoverBrowserTests {
    typealias Lead = LeadBrowserTests
    static let secrets = ["孙丽华", "13688889999", "幸福里小区7栋", "430102197505051234"]

    @Test func aReportGoesFromThePublicFormToALeadInAHandoverArchive() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path, demo: true)
        defer { server.stop() }
        let oneTime = try server.oneTimePassword("zuzhang")
        let shots = ProcessInfo.processInfo.environment["XUNCHA_SHOTS"]
        let browser = try await WebDriver()
        func shot(_ name: String) async throws {
            try await browser.screenshot(to: shots.map { "\($0)/chain-\(name).png" } ?? "\(data.path)-chain-\(name).png")
        }
        do {
            // The citizen, on a phone.
            try await browser.open(server.baseURL + "/")
            try await browser.type(
                "我叫孙丽华，电话13688889999，住幸福里小区7栋。反映市委老干部局老年大学校长钱某某2022年以来多次收受装修公司红包共计三万元，并将学校装修工程交给该公司，有转账截图为证。",
                into: "textarea#content"
            )
            try await browser.type("钱某某", into: "#subject_name")
            try await browser.type("市委老干部局老年大学", into: "#subject_unit")
            try await browser.type("校长", into: "#subject_post")
            try await browser.type("孙丽华", into: "#reporter_name")
            try await browser.type("13688889999", into: "#reporter_phone")
            try await browser.type("430102197505051234", into: "#reporter_id_number")
            try await browser.click("button[type=submit]")
            #expect(try await browser.text("#query-code").filter(\.isNumber).count == 16)

            // The leader accepts it into a new lead about the person it names.
            try await browser.logInFirstTime(server.baseURL, "zuzhang", oneTime: oneTime, password: "leader-password-1")
            try await browser.open(server.baseURL + "/staff?q=" + "转账截图".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            try await browser.click("table.inbox tbody tr td.snippet a")
            try await browser.click(#"#decision-outcome option[value="accept"]"#)
            try await browser.type("反映具体，有转账截图，予以受理。", into: "#decision-reason")
            try await browser.click("#decision-form button[type=submit]")
            try await browser.waitForText("#notice", containing: "已作出处理决定")
            try await shot("decided")

            // The member writes the paper and submits it; the leader reviews and signs it.
            let memberOneTime = try server.oneTimePassword("zuyuan")
            try await browser.click(#"form[action="/staff/logout"] button[type=submit]"#)
            try await browser.logInFirstTime(server.baseURL, "zuyuan", oneTime: memberOneTime, password: "member-password-1")
            try await browser.open(server.baseURL + "/staff/leads")
            #expect(try await browser.text("table.leads").contains("钱某某"))
            try await browser.clickRow(of: "leads", containing: "钱某某", cell: "number")
            _ = try await browser.find("#paper-form")
            try await browser.type("收受装修公司红包并将工程交由其承接", into: "#paper-title")
            try await browser.clear("#paper-unit")
            try await browser.type("市委老干部局", into: "#paper-unit")
            try await browser.type("信访举报", into: "#paper-source")
            try await browser.type("受理信访举报，调阅装修合同和转账记录", into: "#paper-how-found")
            try await browser.type("2022年以来，钱某某多次收受装修公司红包共计约三万元，并将学校装修工程交由该公司承接。", into: "#paper-summary")
            try await browser.type("装修合同复印件", into: "#paper-material-1")
            try await browser.click("#paper-form button[type=submit]")
            try await browser.waitForText("#notice", containing: "已起草问题底稿")
            try await browser.click("#submit-form button[type=submit]")
            try await browser.waitForText("#notice", containing: "已提交问题底稿")
            let leadURL = (try await browser.currentURL()).components(separatedBy: "?").first ?? ""
            try await browser.click(#"form[action="/staff/logout"] button[type=submit]"#)
            try await browser.type("zuzhang", into: "#username")
            try await browser.type("leader-password-1", into: "#password")
            try await browser.click(#"form[action="/staff/login"] button[type=submit]"#)
            try await browser.type(try await Phones.shared.code(server.baseURL, "zuzhang"), into: "#code")
            try await browser.click(#"form[action="/staff/login/code"] button[type=submit]"#)
            _ = try await browser.find("table.inbox")
            try await browser.open(leadURL)
            for (form, notice) in [("#review-form", "已审核问题底稿"), ("#sign-form", "已签发问题底稿")] {
                try await browser.click("\(form) button[type=submit]")
                try await browser.waitForText("#notice", containing: notice)
            }
            try await shot("signed")

            // The handover to 纪委监委 waits for the demo's other discipline leads, whose papers are
            // not signed; this lead is recorded as a matter for the department in charge, whose
            // plan is ready once its paper is signed.
            try await browser.open(server.baseURL + "/staff/handover")
            #expect(try await browser.text("#plan-discipline p.error").contains("签发后才能移交"))
            try await browser.open(leadURL)
            try await browser.click("details summary")
            try await browser.click(#"#lead-kind-select option[value="other"]"#)
            try await browser.click("#lead-form button[type=submit]")
            try await browser.waitForText("#lead-kind", containing: "其他问题")
            try await browser.open(server.baseURL + "/staff/handover")
            try await browser.click("#plan-department button[type=submit]")
            try await browser.waitForText("#notice", containing: "已生成移交档案")
            #expect(try await browser.text("#archives table").contains("有关部门"))
            try await shot("handover")

            // What the receiver reported back, and the lead closed out.
            try await browser.open(leadURL)
            try await browser.click(#"#outcome-disposition-select option[value="preliminary_check"]"#)
            try await browser.type("经初步核实，问题基本属实，已立案审查。", into: "#outcome-result")
            try await browser.click(#"#outcome-form input[name="close_out"]"#)
            try await browser.click("#outcome-form button[type=submit]")
            try await browser.waitForText("#notice", containing: "问题线索已销号")
            try await browser.waitForText("#lead-state", containing: "已销号")
            try await browser.open(server.baseURL + "/staff/ledgers/leads")
            let ledger = try await browser.text("#ledger-table")
            #expect(ledger.contains("初步核实") && ledger.contains("已销号") && ledger.contains("有关部门"))
            try await shot("lead-ledger")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()

        // The archive, as the leader downloads it: the report is in it, the reporter is not.
        let token = try await Lead.token(server, "zuzhang", "leader-password-1", "leader-password-2")
        let archives = try #require(try await Lead.call(server, "GET", "/api/v1/handover", token: token).body["archives"] as? [[String: Any]])
        let archiveID = try #require(archives.first?["id"] as? String)
        var request = HTTPClientRequest(url: server.baseURL + "/api/v1/handover/archives/\(archiveID)")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = Data(buffer: try await response.body.collect(upTo: 50 << 20))
        let path = data.path + "-archive.zip"
        try bytes.write(to: URL(fileURLWithPath: path))
        let verified = try XunchaProcess.run(["handover", "verify", path])
        #expect(verified.status == 0, "\(verified.output)")
        let archive = try Archive(data: bytes, accessMode: .read)
        var everything = ""
        for entry in archive {
            var content = Data()
            _ = try archive.extract(entry) { content.append($0) }
            everything += String(decoding: content, as: UTF8.self)
        }
        #expect(everything.contains("装修公司红包"), "the report's text is in the archive")
        for secret in Self.secrets { #expect(!everything.contains(secret), "the archive holds \(secret)") }
    }
}
