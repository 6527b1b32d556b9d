import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

private let browserAvailable =
    WebDriver.chromedriverPath != nil || ProcessInfo.processInfo.environment["XUNCHA_REQUIRE_BROWSER"] == "1"
private let pdfToolsAvailable =
    FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") || ProcessInfo.processInfo.environment["CI"] == "true"

/// A register printed by a real Chromium as its print dialog would: A4 landscape, the header on
/// every page, 第 N 页，共 M 页 at the foot of each, the signature lines at the end; and the
/// register on a phone's screen.
@Suite(.serialized, .enabled(if: browserAvailable && pdfToolsAvailable, "needs chromium, chromium-driver and poppler-utils"))
struct LedgerBrowserTests {
    typealias Lead = LeadBrowserTests

    @Test func aRegisterPrintsOnA4LandscapeWithItsHeaderAndPageNumbersOnEveryPage() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path, demo: true)
        defer { server.stop() }
        let oneTime = try server.oneTimePassword("zuzhang")
        let token = try await Lead.token(server, "zuzhang", oneTime, "leader-password-1")
        let inspections = try #require(try await Lead.call(server, "GET", "/api/v1/inspections").body["inspections"] as? [[String: Any]])
        let inspectionID = try #require(inspections.first?["id"] as? String)
        // The demo's web and e-mail reports, and enough more for several printed pages and two
        // pages on screen.
        let demoRows = try #require(try await Lead.call(server, "GET", "/api/v1/ledgers/web", token: token).body["rows"] as? [Any]).count
        #expect(demoRows > 0)
        let added = max(45, 101 - demoRows)
        for n in 1...added {
            let body = #"{"channel":"web","inspection_id":"\#(inspectionID)","content":"反映市委老干部局某科室负责人第\#(n)次违规报销差旅费用，金额约\#(n * 100)元，请巡察组核查相关凭证。"}"#
            #expect(try await Lead.call(server, "POST", "/api/v1/reports", body).status == 201)
        }

        let browser = try await WebDriver()
        do {
            try await browser.open(server.baseURL + "/staff/login")
            try await browser.type("zuzhang", into: "#username")
            try await browser.type("leader-password-1", into: "#password")
            try await browser.click(#"form[action="/staff/login"] button[type=submit]"#)
            try await browser.type(try await Phones.shared.code(server.baseURL, "zuzhang"), into: "#code")
            try await browser.click(#"form[action="/staff/login/code"] button[type=submit]"#)
            _ = try await browser.find("table.inbox")

            // On a phone the register is a list of labelled lines, nothing wider than the screen.
            try await browser.open(server.baseURL + "/staff/ledgers/web")
            _ = try await browser.find("#ledger-table")
            for css in ["main", "#ledger-table", "#ledger-filter"] {
                let extent = try await browser.horizontalExtent(css)
                #expect(extent.x >= 0 && extent.x + extent.width <= 390.5, "\(css) is \(extent) on a 390 px screen")
            }
            try await browser.screenshot(to: data.path + "-ledger-phone.png")

            // The second page goes on numbering the register; a page past the end is the last.
            for page in [2, 9] {
                try await browser.open(server.baseURL + "/staff/ledgers/web?page=\(page)")
                #expect(try await browser.text("#ledger-pager").contains("第2页，共2页"))
                #expect(try await browser.text("#ledger-table tbody tr td") == "101")
            }

            try await browser.open(server.baseURL + "/staff/ledgers/web/print")
            _ = try await browser.find("#ledger-table")
            let pdf = data.path + "-ledger.pdf"
            try await browser.printToPDF(to: pdf)

            let info = try Self.run("/usr/bin/pdfinfo", [pdf])
            // `Page size: 841.92 x 594.96 pts (A4)`: A4, wider than high.
            let size = try #require(info.split(separator: "\n").first { $0.hasPrefix("Page size:") }).split(separator: " ").compactMap { Double($0) }
            #expect(info.contains("pts (A4)") && size.count == 2 && size[0] > size[1], "A4 landscape: \(info)")
            let pageCount = try #require(
                Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "")
            )
            #expect(pageCount >= 2, "\(demoRows + added) rows take more than one page")
            for page in 1...pageCount {
                let text = try Self.run("/usr/bin/pdftotext", ["-layout", "-f", "\(page)", "-l", "\(page)", pdf, "-"])
                #expect(text.contains("收到时间") && text.contains("反映的主要问题"), "page \(page) repeats the header")
                #expect(text.contains("第 \(page) 页，共 \(pageCount) 页"), "page \(page) is numbered: \(text.suffix(200))")
                #expect(text.contains("填表人") == (page == pageCount), "the signature lines end the last page only")
            }
            let first = try Self.run("/usr/bin/pdftotext", ["-f", "1", "-l", "1", pdf, "-"])
            #expect(first.contains("网上及电子邮件举报登记簿") && first.contains("共\(demoRows + added)条"))
            // The pages as pictures for a person to look at, kept when XUNCHA_SHOTS names a folder
            // (docs/ledgers.md shows them).
            if let shots = ProcessInfo.processInfo.environment["XUNCHA_SHOTS"] {
                _ = try Self.run("/usr/bin/pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "2", pdf, shots + "/ledger-print-page"])
                try? FileManager.default.copyItem(atPath: data.path + "-ledger-phone.png", toPath: shots + "/ledger-phone.png")
            }
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    /// A program's standard output; an error when it fails.
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure("\(program) failed") }
        return String(decoding: data, as: UTF8.self)
    }
}
