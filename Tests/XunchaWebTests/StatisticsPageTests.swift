import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk
import XunchaStore

@testable import XunchaWeb

private func text(_ r: TestResponse) -> String { String(buffer: r.body) }

/// The statistics page: the summary sentences, charts drawn on the server, the workbook.
@Suite struct StatisticsPageTests {
    @Test func theLeaderReadsTheFiguresWithChartsAndDownloadsTheWorkbook() async throws {
        let installation = try await TestInstallation.make()
        let leaderPassword = try #require(installation.passwords["zuzhang"])
        let adminPassword = try #require(installation.passwords["admin"])
        let count = try await installation.store.reportCount(inspectionID: nil, includeUnassigned: true)
        try await installation.test { client async throws in
            let leader = Browser(client)
            try await leader.logIn("zuzhang", leaderPassword)
            let page = try await leader.get("/staff/statistics")
            #expect(page.status == .ok)
            #expect(text(page).contains("共受理信访举报\(count)件次"))
            #expect(text(page).components(separatedBy: "<svg ").count - 1 == 7)
            #expect(!text(page).contains("<script"))
            let book = try await leader.get("/staff/statistics.xlsx")
            #expect(book.status == .ok)
            #expect(Array(book.body.readableBytesView.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
            #expect(book.headers[.contentDisposition]?.contains("attachment") == true)

            let admin = Browser(client)
            try await admin.logIn("admin", adminPassword)
            let office = text(try await admin.get("/staff/statistics"))
            #expect(office.contains("全部巡察信访统计") && office.contains("共受理信访举报\(count)件次"))
        }
    }

    @Test func chartLabelsAreEscapedBeforeTheyEnterThePage() {
        let svg = BarChart(title: "<b>标题</b>", bars: [("<script>x</script>", 3), ("\u{1}转&办", 0)]).svg
        #expect(!svg.contains("<script>") && svg.contains("&lt;script&gt;") && svg.contains("转&amp;办") && !svg.contains("\u{1}"))
    }
}

/// The one stylesheet: a rule left open swallows every rule after it, silently.
@Suite struct StylesheetTests {
    @Test func everyBlockOfTheStylesheetIsClosed() async throws {
        let css = String(buffer: try await Pages().stylesheet)
        var depth = 0
        var line = 1
        for c in css {
            if c == "\n" { line += 1 }
            if c == "{" { depth += 1 }
            if c == "}" { depth -= 1 }
            #expect(depth >= 0, "a } without its { at line \(line)")
            #expect(depth <= 2, "a block opened inside a block inside a block at line \(line)")
        }
        #expect(depth == 0, "a block left open")
        #expect(css.components(separatedBy: "/*").count == css.components(separatedBy: "*/").count)
    }
}
