import Testing
import XunchaCore
import XunchaIntake

@Suite("Announcement parser: bad input")
struct AnnouncementBadInputTests {
    let parser = AnnouncementParser()

    @Test(arguments: ["", "   \n\n", "今天天气很好，我们去公园散步，晚上六点回家。", "本站电话：0731-88886666，邮箱 web@example.gov.cn。"])
    func notAnAnnouncement(_ text: String) {
        #expect(parser.parse(text).isEmpty)
    }

    @Test func endBeforeStartIsFlagged() throws {
        let a = parser.parse("市委第一巡察组于2024年6月30日至2024年3月1日对市审计局开展巡察。值班电话：0731-88880001。")
        #expect(a.inspections.first?.flags.map(\.code).contains("period_reversed") == true)
    }

    @Test func deadlineAfterTheEndIsFlagged() throws {
        let a = parser.parse("市委第一巡察组于2024年3月1日至5月31日对市审计局开展巡察。受理信访截止时间为2024年6月15日。")
        let i = try #require(a.inspections.first)
        #expect(i.deadline?.value == (try CivilDate(iso: "2024-06-15")))
        #expect(i.flags.map(\.code).contains("deadline_after_end"))
    }

    @Test func yearOutsideTheCalendarIsFlaggedNotRefused() throws {
        let a = parser.parse("市委第一巡察组于2031年3月3日至5月30日对市审计局开展巡察。受理信访截止时间为巡察结束前2个工作日。")
        let i = try #require(a.inspections.first)
        #expect(i.periodEnd?.value == (try CivilDate(iso: "2031-05-30")))
        #expect(i.flags.map(\.code).contains("calendar_unknown"))
        // Workdays in 2031 are not known: the relative deadline stays empty rather than guessed.
        #expect(i.deadline == nil)
    }

    @Test func announcementBuriedInALongNewsPage() throws {
        var page = "首页 | 新闻中心 | 政务公开\n"
        let filler = "本市今年以来持续推进城市更新行动，完成老旧小区改造项目多个，惠及居民数万户，群众满意度明显提升。"
        while page.utf8.count < 100_000 { page += filler + "\n" }
        page += AnnouncementParserTests.traditional + "\n"
        while page.utf8.count < 200_000 { page += filler + "\n" }
        page += "主办单位：某市人民政府办公室 联系电话：0731-88886666 网站邮箱：web@example.gov.cn\n"
        let clock = ContinuousClock()
        let start = clock.now
        let a = parser.parse(page)
        #expect(clock.now - start < .seconds(10))
        try #require(a.inspections.count == 1)
        let i = a.inspections[0]
        #expect(i.group?.value == "县委第一巡察组")
        #expect(i.phones.map(\.value) == ["0738-8312345"])
        #expect(i.emails.map(\.value) == ["xcz1@163.com"])
        #expect(a.originalText(i.group!.evidence.span) == "縣委第一巡察組")
    }

    @Test func savedHTMLPageIsReadAsItsText() throws {
        let body = AnnouncementParserTests.traditional.split(separator: "\n").map { "<p>\($0)</p>" }.joined(separator: "\n")
        let html = """
            <!DOCTYPE html><html><head><title>巡察公告</title><script>var phone = "0731-88886666";</script></head>
            <body><div class="nav"><a href="/">首页</a></div><div class="article">\(body)</div>
            <div class="footer">主办单位：某市人民政府办公室 联系电话：0731-88886666 版权所有</div></body></html>
            """
        let a = parser.parse(page: html)
        let i = try #require(a.inspections.first)
        #expect(i.group?.value == "县委第一巡察组")
        #expect(i.phones.map(\.value) == ["0738-8312345"])
        #expect(a.originalText(i.group!.evidence.span) == "縣委第一巡察組")
    }

    @Test func jsonIsOneObjectOrAnArray() throws {
        let one = parser.parse(AnnouncementParserTests.traditional).json()
        #expect(one.hasPrefix("{"))
        #expect(one.contains("\"period_start\": \"2024-03-05\""))
        #expect(one.contains("\"evidence\""))
        let several = parser.parse(AnnouncementParserTests.twoGroups).json()
        #expect(several.hasPrefix("["))
    }
}
