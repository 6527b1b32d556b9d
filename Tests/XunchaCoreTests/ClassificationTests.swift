import Testing

@testable import XunchaCore

/// Each discipline and non-lead kind from texts written for these tests.
@Suite("Classification: disciplines and non-lead kinds")
struct ClassificationTests {
    let classifier = DisciplineClassifier.standard

    @Test(
        "one report per discipline",
        arguments: [
            ("某局长在接受组织审查期间与行贿人串供，并指使他人销毁证据。", Discipline.political, 63),
            ("该局副局长家里请风水先生看风水，还经常找大师算命。", .political, 67),
            ("张某在换届选举前请代表吃饭拉票，并许诺提拔。", .organizational, 83),
            ("王书记在个人有关事项报告中隐瞒了两套房产，组织函询时不如实说明问题。", .organizational, 81),
            ("李主任春节期间收受下属送的购物卡和礼金共计两万元。", .integrity, 97),
            ("单位领导经常用公款吃喝，在私人会所接受老板宴请。", .integrity, 108),
            ("村支书把低保名额给了自己的亲戚，优亲厚友，真正困难的群众没有评上。", .mass, 124),
            ("村干部向村民乱收费、乱摊派，还克扣种粮补贴。", .mass, 122),
            ("这个局搞形式主义，层层加码，要求基层每天填表拍照过度留痕。", .work, 132),
            ("他插手工程项目招投标，指定施工单位，搞围标串标。", .work, 138),
            ("某副县长与女下属长期保持不正当性关系，还包养情人。", .life, 151),
            ("该干部经常参与赌博，还有醉驾行为。", .life, 153),
        ]
    )
    func discipline(text: String, expected: Discipline, article: Int) {
        let result = classifier.classify(text)
        #expect(result.topDiscipline == expected, "\(text)")
        let top = result.disciplines.first
        #expect(top?.articles.map(\.article).contains(article) == true, "\(text): \(top?.articles ?? [])")
        #expect(top?.cues.isEmpty == false)
        #expect((top?.score ?? 0) > 0.5)
    }

    @Test func severalDisciplinesAtOnce() {
        let text = "刘局长收受工程老板红包，还和女下属有婚外情，平时搞一言堂，什么事都个人说了算。"
        let result = classifier.classify(text)
        let found = Set(result.disciplines.filter { $0.score > 0.5 }.map(\.discipline))
        #expect(found.isSuperset(of: [.integrity, .life, .organizational]), "\(result.disciplines.map(\.discipline))")
    }

    @Test(
        "non-lead kinds",
        arguments: [
            ("我退休三年了，退休待遇一直没有落实，养老金比同事少，要求解决。", NonLeadKind.personalDemand),
            ("公司拖欠我八个月工资，请帮我讨薪。", .personalDemand),
            ("我和邻居的合同纠纷，法院一审判决不公，我已经上诉，希望巡察组过问。", .litigation),
            ("劳动仲裁结果出来了，但对方不执行，申请强制执行也没有用。", .litigation),
            ("请问农村危房改造需要什么材料？怎么申请？", .consultation),
            ("政务大厅窗口工作人员服务态度很差，很不耐烦，让我跑了好几趟。", .serviceComplaint),
            ("某某是贪官。", .noSubstance),
            ("王局长有问题，请彻查。", .noSubstance),
        ]
    )
    func nonLead(text: String, expected: NonLeadKind) {
        let result = classifier.classify(text)
        #expect(result.primary == .nonLead(expected), "\(text): \(result.nonLead.map(\.kind)) \(result.disciplines.map(\.discipline))")
    }

    @Test func aLabelBesideSpecificConductIsNotNoSubstance() {
        let result = classifier.classify("这个贪官2023年5月收受开发商礼金5万元，还用公款吃喝。")
        #expect(result.primary == .discipline(.integrity))
        #expect(result.score(for: .noSubstance) < result.score(for: .integrity))
    }

    @Test func aTextWithNoConductIsNoSubstance() {
        let result = classifier.classify("反映一下情况。")
        #expect(result.disciplines.isEmpty)
        #expect(result.nonLead.first?.kind == .noSubstance)
        #expect(result.nonLead.first?.note != nil)
    }

    @Test func caseNoticeSanctionWordsAreNotLitigation() {
        let result = classifier.classify("某某严重违纪违法，收受礼金，被开除党籍，涉嫌犯罪问题移送检察机关依法审查起诉。")
        #expect(result.score(for: .litigation) == 0)
        #expect(result.primary == .discipline(.integrity))
    }

    @Test func emptyAndOddInput() {
        #expect(classifier.classify("").disciplines.isEmpty)
        #expect(classifier.classify("").nonLead.isEmpty)
        #expect(classifier.classify("1234567890").disciplines.isEmpty)
        #expect(classifier.classify("The director took bribes.").disciplines.isEmpty)
        let long = String(repeating: "他收受红包。", count: 3000)
        let result = classifier.classify(long)
        #expect(result.topDiscipline == .integrity)
        // Repeats decay: three thousand times the same word is not three thousand times the weight.
        #expect(result.disciplines[0].weight < 2 * 2.0 + 0.01)
    }
}
