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

/// Case-notice wording and citizens' wording for the same behaviours, written for these tests.
@Suite("Classification: notice and citizen wording")
struct ClassificationWordingTests {
    @Test(
        arguments: [
            ("在接受组织审查期间，与他人订立攻守同盟，将涉案资金转移隐匿。", Discipline.political),
            ("长期信奉风水，多次请所谓大师到办公室做法。", .political),
            ("对党中央决策部署阳奉阴违，在落实耕地保护政策上搞变通。", .political),
            ("在巡察期间授意下属隐瞒问题、统一口径，干扰巡察工作。", .political),
            ("在担任组织部长期间，违规为其亲属调整职级。", .organizational),
            ("多次不如实报告个人有关事项，隐瞒其配偶经商情况。", .organizational),
            ("未经批准多次因私出境，私自持有因私护照。", .organizational),
            ("违反民主集中制原则，未经党委集体研究决定大额资金使用。", .organizational),
            ("违规接受管理服务对象安排的高档宴请和旅游活动。", .integrity),
            ("利用职务上的便利为他人在项目承揽上谋取利益，收受财物共计50万元。", .integrity),
            ("违规使用公务用车接送子女上学。", .integrity),
            ("违规在企业兼职并领取报酬。", .integrity),
            ("在危房改造补助评定中为不符合条件的亲属违规办理，群众意见很大。", .mass),
            ("在办理群众宅基地审批时故意刁难，索要好处费。", .mass),
            ("违规向村民收取卫生费，加重农民负担。", .mass),
            ("对辖区内违法建设问题失察失责，导致问题长期存在。", .work),
            ("在疫情防控中层层加码，搞一刀切。", .work),
            ("违规泄露案件调查信息，为涉案人员通风报信。", .work),
            ("在脱贫攻坚统计工作中虚报数据。", .work),
            ("与多名女性发生不正当性关系。", .life),
            ("长期沉迷赌博，欠下巨额赌债。", .life),
            ("醉酒后驾驶机动车被查获。", .life),
            ("我们村的书记天天和一个女的出双入对，大家都知道是他的相好。", .life),
            ("镇里的干部到我们村收钱，说不交就不给办低保。", .mass),
            ("他儿子结婚摆了六十多桌，收了好多人的礼。", .integrity),
            ("局长上班时间经常不在，都在外面打牌。", .work),
        ]
    )
    func wording(text: String, expected: Discipline) {
        let result = DisciplineClassifier.standard.classify(text)
        #expect(result.topDiscipline == expected, "\(text): \(result.disciplines.map { "\($0.discipline) \($0.weight)" })")
    }
}
