import Testing
import XunchaText

/// Index words and keyword queries for Chinese full-text search.
@Suite struct SearchKeysTests {
    let keys = SearchKeys()

    @Test func hanRunsBecomePairsAndOtherRunsWords() {
        #expect(keys.indexWords("收受红包") == "收受 受红 红包")
        #expect(keys.indexWords("局长收受ABC公司红包2万元") == "局长 长收 收受 abc 公司 司红 红包 2 万元")
        #expect(keys.indexWords("紅包") == "红包", "traditional script is searched as simplified")
        #expect(keys.indexWords("１３９１２３４５６７８") == "13912345678", "full-width digits are plain digits")
        #expect(keys.indexWords("") == "")
    }

    @Test func aKeywordIsThePhraseOfItsPairs() {
        #expect(keys.phrases("红包") == [["红包"]])
        #expect(keys.phrases("收受红包") == [["收受", "受红", "红包"]])
        #expect(keys.phrases("红包 购物卡") == [["红包"], ["购物", "物卡"]])
        #expect(keys.phrases("ABC") == [["abc"]])
        #expect(keys.phrases("紅包") == [["红包"]])
    }

    @Test func whatTheIndexCannotFindAloneIsLeftToTheCaller() {
        #expect(keys.phrases("红") == nil)
        #expect(keys.phrases("  ，。") == nil)
        #expect(keys.phrases("红 包") == nil, "two single characters are not a pair")
        #expect(keys.phrases("\"") == nil, "quotes never reach the query syntax")
    }
}
