import Testing

@testable import XunchaCore

/// One sentence or more per cue family of the lexicon, in citizen and case-notice wording we
/// wrote ourselves, with negated and hedged forms of the new phrases.
@Suite("Classification: cue families")
struct ClassificationCueFamilyTests {
    let classifier = DisciplineClassifier.standard

    @Test(
        "political: obstruction, factions, superstition, defiance, two-faced speech",
        arguments: [
            "他让下属统一说法，应付组织调查。",
            "他在办公室供着佛像，还常去寺庙烧香。",
            "他和几个老板搞小团伙，排斥异己。",
            "他对中央的决策说三道四。",
            "他对党中央决策部署打折扣、做选择。",
            "该同志对党不忠诚，说一套做一套。",
            "留置前，他销毁账本并与涉案人员串通。",
        ]
    )
    func political(text: String) {
        #expect(classifier.classify(text).topDiscipline == .political, "\(text)")
    }

    @Test(
        "organizational: centralism, personal matters, canvassing, passports, fellowship, appointments",
        arguments: [
            "书记一个人说了算，大事从来不开会。",
            "他填报个人事项时漏报了两套房产。",
            "换届时他请代表吃饭，让大家投他一票。",
            "他的护照一直没有上交，还私自出境。",
            "他组织同乡聚会，还当上了联谊会会长。",
            "他把亲戚安排进单位，没有经过考察程序。",
            "他的妻子和孩子都已移民国外。",
        ]
    )
    func organizational(text: String) {
        #expect(classifier.classify(text).topDiscipline == .organizational, "\(text)")
    }

    @Test(
        "integrity: gifts, cars, hospitality, business, junkets, celebrations, relatives",
        arguments: [
            "过年时他收下了老板送来的两箱名酒。",
            "他经常开着公车接送孩子。",
            "他多次接受企业安排的宴请。",
            "他在一家企业挂名拿钱，每月领取顾问费。",
            "他以开会名义带家属去海南旅游。",
            "他女儿出嫁摆了三十多桌酒席，收了不少礼钱。",
            "他老婆开的公司专门承接他分管领域的工程。",
            "他利用手中的权力为请托人谋取利益。",
        ]
    )
    func integrity(text: String) {
        #expect(classifier.classify(text).topDiscipline == .integrity, "\(text)")
    }

    @Test(
        "mass: favouritism, forced demolition, indifference, withholding, levies",
        arguments: [
            "村干部把低保给了自家亲戚。",
            "镇里带人强拆了我家的房子。",
            "社区对我们多次反映的问题不管不问。",
            "上级拨的补助款被村里扣下了一半。",
            "村里向每户集资修路，不交钱就不给办理证明。",
        ]
    )
    func mass(text: String) {
        #expect(classifier.classify(text).topDiscipline == .mass, "\(text)")
    }

    @Test(
        "work: supervision, formalism, leaks, meddling in cases, false figures, absence, shirking",
        arguments: [
            "他对辖区非法采砂睁一只眼闭一只眼。",
            "每天要求拍照上传，层层加码。",
            "他把案件情况透露给了当事人。",
            "他给法官打招呼，要求从轻处理。",
            "上报的数据都是编出来的。",
            "他上班时间经常找不到人。",
            "他推卸责任，遇事就甩锅。",
            "他违规发包，把工程交给没有资质的挂靠单位。",
        ]
    )
    func work(text: String) {
        #expect(classifier.classify(text).topDiscipline == .work, "\(text)")
    }

    @Test(
        "life: affairs, gambling, drink-driving, violence at home, luxury, family conduct",
        arguments: [
            "他和一名已婚女子长期同居。",
            "他天天在麻将馆打麻将，输赢上万。",
            "他喝酒开车被交警查获。",
            "他经常打老婆。",
            "他穿名牌、戴名表，生活极尽奢华。",
            "他儿子仗着老子是局长到处惹事。",
        ]
    )
    func life(text: String) {
        #expect(classifier.classify(text).topDiscipline == .life, "\(text)")
    }

    @Test(
        "non-lead kinds in their own words",
        arguments: [
            ("我的工龄补偿一直没有落实。", NonLeadKind.personalDemand),
            ("我和他打官司，法院判我输了。", .litigation),
            ("请问举报电话几点到几点有人接？", .consultation),
            ("窗口的工作人员说话很冲，还挂了电话。", .serviceComplaint),
            ("这个镇长就是个蛀虫，大家都知道。", .noSubstance),
        ]
    )
    func nonLead(text: String, kind: NonLeadKind) {
        #expect(classifier.classify(text).primary == .nonLead(kind), "\(text)")
    }

    @Test(
        "negated forms of the new phrases barely count",
        arguments: [
            ("他从未收下过老板送的东西。", Discipline.integrity),
            ("他没有在麻将馆打麻将。", .life),
            ("经核实，他并无强拆行为。", .mass),
            ("他并没有透露案件情况。", .work),
            ("他从没拍板决定过重大事项。", .organizational),
            // Round two's verb × object families.
            ("他并没有把账本烧了。", .political),
            ("他从未和老板喝酒。", .integrity),
            ("他没有把补助给了他亲戚。", .mass),
            ("他没有调高数据。", .work),
        ]
    )
    func negated(text: String, discipline: Discipline) {
        let result = classifier.classify(text)
        let cues = result.cues.filter { $0.category == .discipline(discipline) }
        #expect(!cues.isEmpty, "\(text)")
        #expect(cues.allSatisfy { $0.isNegated }, "\(text)")
        #expect(result.score(for: discipline) < 0.2, "\(text)")
    }

    @Test(
        "hedged forms of the new phrases count less",
        arguments: [
            ("听群众说，书记把低保给了自家亲戚。", Discipline.mass),
            ("貌似他和女同事关系暧昧。", .life),
            ("有传言说他经常出入赌场。", .life),
            ("不排除他在招标过程中透露了标底。", .work),
            // Round two's verb × object families.
            ("听村民说，他把账本扔进了河里。", .political),
            ("好像他的学费是一个开发商出的。", .integrity),
            ("据说补助款被村干部扣了一部分。", .mass),
            ("有人说他和女下属关系不一般。", .life),
        ]
    )
    func hedged(text: String, discipline: Discipline) {
        let result = classifier.classify(text)
        let cues = result.cues.filter { $0.category == .discipline(discipline) }
        #expect(!cues.isEmpty, "\(text)")
        #expect(cues.allSatisfy { $0.isHedged && !$0.isNegated }, "\(text)")
        #expect(result.topDiscipline == discipline, "\(text)")
    }

    @Test func refutedByTheFacts() throws {
        let result = classifier.classify("反映其强拆问题，经核查与事实不符。")
        let c = try #require(result.cues.first { $0.category == .discipline(.mass) })
        #expect(c.modifiers.contains { $0.kind == .refuted })
    }

    /// Omissions are the conduct, not a denial of it.
    @Test(
        "omissions are not negations",
        arguments: [
            ("补助款至今没有发放到农户手中。", Discipline.mass),
            ("他把外甥调进机关，没有经过考察程序。", .organizational),
            ("他拒绝执行党中央决策部署。", .political),
        ]
    )
    func omissions(text: String, discipline: Discipline) {
        let result = classifier.classify(text)
        #expect(result.topDiscipline == discipline, "\(text)")
        #expect(result.cues.filter { $0.category == .discipline(discipline) }.allSatisfy { !$0.isNegated }, "\(text)")
    }
}
