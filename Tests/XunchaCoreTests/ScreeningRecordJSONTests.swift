import Foundation
import Testing
import XunchaCore

/// The screening record is stored as JSON written by hand (`ScreeningRecord+JSON`); it must be
/// the very bytes `JSONEncoder` writes with sorted keys, so that records written before and after
/// read the same and one screening is always the same bytes. A field added to the record and not
/// to the writer fails here, provided the full record below sets it.
@Suite struct ScreeningRecordJSONTests {
    static func encoderBytes(_ record: ScreeningRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    /// Every field and every optional set, with strings that need escaping and numbers of every form.
    static let full = #"""
        {"suggestion":"refer","accept_as_lead":false,"recipient":{"code":"inspected_unit","name_zh":"县\"财政\"局"},
         "disciplines":[{"code":"integrity","score":0.976,"articles":[97,109],"cues":[
            {"entry":"integrity.gifts","text":"购物卡\\/","start":3,"end":6,"weight":2,"modifiers":["negated","hearsay"]},
            {"entry":"integrity.cars","text":"a\tb\nc\u0001d\re\u001ff\bg\fh/i😀\u2028j\u007fk\u0000","start":0,"end":-1,"weight":0.001,"modifiers":[]}]},
            {"code":"mass","score":0,"articles":[],"cues":[]}],
         "non_lead":[{"code":"service_complaint","score":100.5},{"code":"x","score":-3}],
         "subjects":[{"kind":"person","pattern":"name_post","text":"张伟","start":1,"end":3,"name":"张伟","post":"局长","unit":"县水利局",
            "role":"leadership_member","candidates":[{"roster_index":12,"name":"张伟","unit":"县水利局","post":"局长",
            "role":"leadership_member","confidence":0.95,"basis":"name+post"}],"confidence":1},
            {"kind":"post","pattern":"post_only","text":"某局长","start":5,"end":8,"candidates":[],"confidence":0.333}],
         "reasons":[{"rule":"subject.other_unit","message_zh":"“县水利局”不是本次巡察的被巡察单位。","decisive":true,"evidence":[
            {"kind":"text_span","text":"张伟","start":1,"end":3,"key":"subject"},
            {"kind":"roster_entry","roster_index":4,"person":{"name":"刘建华","unit":"县委老干部局","post":"局长","aliases":["老刘","劉建華"],
              "role":{"role":"leadership_member","rule":"post.head","matched":["局长"],"explanation":"局长是领导班子成员","unitLevel":"被巡察单位"}}},
            {"kind":"roster_entry","roster_index":5,"person":{"name":"苏明远","unit":"","post":"","aliases":[],
              "role":{"role":"leadership_member","rule":"default","matched":[],"explanation":""}}},
            {"kind":"value","key":"score","text":"0.5"},{"kind":"earlier_report"}]},
            {"rule":"suggestion.refer","message_zh":"建议转办。","decisive":false,"evidence":[]}],
         "deciding_rule":"subject.other_unit","rules_version":"2026.12-test"}
        """#

    @Test func aRecordWithEveryFieldIsWrittenAsJSONEncoderWritesIt() throws {
        let record = try JSONDecoder().decode(ScreeningRecord.self, from: Data(Self.full.utf8))
        #expect(record.jsonText == (try Self.encoderBytes(record)))
        #expect(try JSONDecoder().decode(ScreeningRecord.self, from: Data(record.jsonText.utf8)) == record, "reads back as it was")
    }

    @Test func screeningsOfReportsAreWrittenAsJSONEncoderWritesThem() throws {
        let screener = Screener(roster: ScopeScreeningTests.roster, inspection: ScopeScreeningTests.inspection, scope: ScopeScreeningTests.scope)
        for text in [
            "县委老干部局局长刘建华在2025年2月用公款报销个人旅游费用3万元，有发票为证。",
            "县水利局副局长张伟在2025年3月的河道工程招标中收受承包商好处费8万元，有转账记录。",
            "小区物业乱收费，\"停车费\"一年涨了三次/每次200元，没人管。",
            "",
        ] {
            let record = ScreeningRecord(screener.screen(text))
            #expect(record.jsonText == (try Self.encoderBytes(record)), "\(text)")
        }
    }
}
