import Foundation
import Testing
import XunchaCore
import XunchaText

@Suite struct FiledEarlierReportsTests {
    let normalizer = TextNormalizer()
    let index = NearDuplicateIndex()
    let first = """
        我反映城南街道办事处副主任刘海涛的问题。他分管辖区老旧小区改造，去年把加装电梯的工程交给他同学的公司，\
        工程款比别的街道贵了三成。居民多次到街道反映电梯质量问题，他都推说不归他管。请巡察组查一查。
        """

    /// An earlier report as a store hands it over: what the index made of its normalized text.
    func filed(_ id: String, _ text: String, at receivedAt: Date? = nil) -> FiledEarlierReports.Report {
        FiledEarlierReports.Report(id: id, receivedAt: receivedAt, text: index.signature(of: normalizer.normalize(text)))
    }

    @Test func matchCarriesTheEarlierReportAndWhenItCameIn() throws {
        let receivedAt = Date(timeIntervalSince1970: 1_780_000_000)
        let earlier = FiledEarlierReports([filed("XC-0001", first, at: receivedAt)])
        let retyped = normalizer.normalizeWithOffsets(first.replacingOccurrences(of: "三成", with: "30%") + "希望尽快处理。")
        let match = try #require(earlier.nearDuplicate(of: retyped))
        #expect(match.reportID == "XC-0001" && match.receivedAt == receivedAt && match.similarity >= 0.9)
    }

    @Test func unrelatedReportHasNoMatch() {
        let earlier = FiledEarlierReports([filed("XC-0001", first)])
        let other = normalizer.normalizeWithOffsets("城南街道办事处副主任刘海涛上班时间经常在办公室打牌，还让社区书记替他签到，群众意见很大，请调查。")
        #expect(earlier.nearDuplicate(of: other) == nil)
    }

    /// Of two equally similar earlier reports the older one (first in the store's order) wins.
    @Test func theOldestOfTheMostSimilarWins() {
        let earlier = FiledEarlierReports([filed("XC-0001", first), filed("XC-0002", first)])
        #expect(earlier.nearDuplicate(of: normalizer.normalizeWithOffsets(first))?.reportID == "XC-0001")
    }

    /// The text the store looked up is not prepared again; another text the screener asks about
    /// is prepared from scratch, never answered with the looked-up one's signature.
    @Test func anotherTextThanTheQueryIsPreparedAfresh() {
        let query = normalizer.normalize("财政局某股长上班时间炒股，群众意见很大，希望巡察组认真查一查这件事。")
        let earlier = FiledEarlierReports([filed("XC-0001", first)], query: (query, index.signature(of: query)), index: index)
        #expect(earlier.nearDuplicate(of: normalizer.normalizeWithOffsets(first))?.reportID == "XC-0001")
    }

    @Test func screenerReportsTheRepeat() {
        let earlier = FiledEarlierReports([filed("XC-0001", first)])
        let screening = Screener(earlierReports: earlier).screen(first)
        #expect(screening.repeatMatch?.reportID == "XC-0001")
        #expect(screening.reasons.contains { $0.rule == "repeat.near_duplicate" })
        let passed = Screener().screen(normalized: normalizer.normalizeWithOffsets(first), arrival: ScreeningArrival(), earlierReports: earlier)
        #expect(passed.repeatMatch?.reportID == "XC-0001", "the hook passed with the call is the one asked")
    }
}
