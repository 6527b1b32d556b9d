import Foundation
import Testing
import XunchaCore
import XunchaText

@Suite struct EarlierReportIndexTests {
    let normalizer = TextNormalizer()
    let first = """
        我反映城南街道办事处副主任刘海涛的问题。他分管辖区老旧小区改造，去年把加装电梯的工程交给他同学的公司，\
        工程款比别的街道贵了三成。居民多次到街道反映电梯质量问题，他都推说不归他管。请巡察组查一查。
        """

    @Test func matchCarriesTheEarlierReportAndWhenItCameIn() throws {
        var earlier = EarlierReportIndex()
        let receivedAt = Date(timeIntervalSince1970: 1_780_000_000)
        let added = earlier.add(reportID: "XC-0001", text: normalizer.normalizeWithOffsets(first), receivedAt: receivedAt)
        let addedAgain = earlier.add(reportID: "XC-0001", text: normalizer.normalizeWithOffsets("另一件事"), receivedAt: nil)
        #expect(added && !addedAgain)
        #expect(earlier.count == 1)
        let retyped = normalizer.normalizeWithOffsets(first.replacingOccurrences(of: "三成", with: "30%") + "希望尽快处理。")
        let match = try #require(earlier.nearDuplicate(of: retyped))
        #expect(match.reportID == "XC-0001" && match.receivedAt == receivedAt && match.similarity >= 0.9)
        #expect(earlier.nearDuplicate(of: retyped, excluding: "XC-0001") == nil)
    }

    @Test func unrelatedReportHasNoMatch() {
        var earlier = EarlierReportIndex()
        earlier.add(reportID: "XC-0001", text: normalizer.normalizeWithOffsets(first))
        let other = normalizer.normalizeWithOffsets("城南街道办事处副主任刘海涛上班时间经常在办公室打牌，还让社区书记替他签到，群众意见很大，请调查。")
        #expect(earlier.nearDuplicate(of: other) == nil)
    }

    @Test func worksAsTheScreenersHook() {
        var earlier = EarlierReportIndex()
        earlier.add(reportID: "XC-0001", text: normalizer.normalizeWithOffsets(first))
        let hook: any EarlierReports = earlier
        #expect(hook.nearDuplicate(of: normalizer.normalizeWithOffsets(first))?.reportID == "XC-0001")
    }

    @Test func screenerReportsTheRepeat() {
        var earlier = EarlierReportIndex()
        earlier.add(reportID: "XC-0001", text: normalizer.normalizeWithOffsets(first))
        let screening = Screener(earlierReports: earlier).screen(first)
        #expect(screening.repeatMatch?.reportID == "XC-0001")
        #expect(screening.reasons.contains { $0.rule == "repeat.near_duplicate" })
    }
}
