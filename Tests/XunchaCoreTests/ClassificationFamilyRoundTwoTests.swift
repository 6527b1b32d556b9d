import Testing

@testable import XunchaCore

/// The second round: the logic fixes (negations leave non-lead cues alone; a hedge that holds
/// a cue word is a hedge) and the cue families of `DisciplineLexicon+Families.swift`, each with
/// sentences of our own and their negated and hedged forms.
@Suite("Classification: cue families, round two")
struct ClassificationFamilyRoundTwoTests {
    let classifier = DisciplineClassifier.standard

    /// A grievance is often put as an omission: the negation is the demand, not a denial.
    @Test(
        "negations do not discount non-lead cues",
        arguments: [
            ("社保局一直没有给我办理手续。", NonLeadKind.personalDemand),
            ("单位不给我办调动。", .personalDemand),
            ("我去报了案，公安到现在没有立案。", .litigation),
        ]
    )
    func nonLeadCuesIgnoreNegations(text: String, kind: NonLeadKind) {
        let result = classifier.classify(text)
        let cues = result.cues.filter { $0.category == .nonLead(kind) }
        #expect(!cues.isEmpty, "\(text)")
        #expect(cues.allSatisfy { !$0.isNegated }, "\(text)")
        #expect(result.primary == .nonLead(kind), "\(text)")
    }

    @Test func disciplineCuesStillTakeNegations() throws {
        let result = classifier.classify("单位没有给我办理，但他没有收受礼金。")
        let gift = try #require(result.cues.first { $0.category == .discipline(.integrity) })
        #expect(gift.isNegated)
        #expect(result.cues.filter { $0.category == .nonLead(.personalDemand) }.allSatisfy { !$0.isNegated })
    }

    @Test func nonLeadCuesStillTakeHedges() throws {
        let result = classifier.classify("听说给我办的手续还卡着。")
        let c = try #require(result.cues.first { $0.category == .nonLead(.personalDemand) })
        #expect(c.isHedged && !c.isNegated)
    }

    /// 村民 is a mass cue; 听村民说 is hearsay, not a cue.
    @Test(
        "a hedge holding a cue word is read as a hedge",
        arguments: ["听村民说，书记把低保给了自家亲戚。", "听老百姓说他收受了礼金。"]
    )
    func hedgeHoldingACue(text: String) throws {
        let result = classifier.classify(text)
        #expect(!result.cues.contains { $0.phrase == "村民" || $0.phrase == "老百姓" }, "\(text)")
        let c = try #require(result.cues.first { if case .discipline = $0.category { true } else { false } })
        #expect(c.isHedged, "\(text)")
    }

    @Test func aCueHoldingANegationStillWins() throws {
        // The other way round is unchanged: 不如实报告 is conduct, its 不 no negation.
        let result = classifier.classify("他不如实报告个人有关事项。")
        #expect(result.topDiscipline == .organizational)
        #expect(result.cues.allSatisfy { !$0.isNegated })
    }

    @Test func everyFamilyNamesAnEntry() {
        let ids = Set(DisciplineLexicon.standard.entries.map(\.id))
        for key in DisciplineLexicon.cueFamilies.keys { #expect(ids.contains(key), "\(key)") }
    }

    @Test(
        "families: each discipline in words no earlier phrase listed",
        arguments: [
            ("他让会计把凭证撕了，又把硬盘扔进了水塘。", Discipline.political),
            ("他让妻子把存折转移到亲戚家。", .political),
            ("他对上级的部署嘴上答应，回去照旧不办。", .political),
            ("单位的事全是他自己定的，副职开会时才知道。", .organizational),
            ("他把出生年月改晚了三年。", .organizational),
            ("我提了意见以后就被发配去看大门。", .organizational),
            ("他的学费和房租都是一个开发商出的。", .integrity),
            ("他常开着单位的越野车去钓鱼。", .integrity),
            ("他以调研为名带着科室去了景区。", .integrity),
            ("村里的补偿款被村干部扣了一半。", .mass),
            ("救灾的棉被先分给了他几个兄弟。", .mass),
            ("村里的账从来没公布，问了就说你管不着。", .mass),
            ("县里为了好看，调高了全县的产值。", .work),
            ("安全员明知道也不管，结果塌了。", .work),
            ("他把举报的内容告诉了被举报的人。", .work),
            ("他和一个女商人关系不一般，常一起住酒店。", .life),
            ("他喝醉了自己开车回家。", .life),
            ("他在直播里和网友对骂，满口脏话。", .life),
        ]
    )
    func families(text: String, discipline: Discipline) {
        #expect(classifier.classify(text).topDiscipline == discipline, "\(text)")
    }

    @Test(
        "families: non-lead kinds",
        arguments: [
            ("我想讨回我应得的补偿。", NonLeadKind.personalDemand),
            ("请帮我协调一下医保关系。", .personalDemand),
            ("交警队的责任认定我有异议。", .litigation),
            ("巡察组的接访时间到哪天截止？", .consultation),
            ("窗口的人叫了好几遍才理我，让我改天再来。", .serviceComplaint),
            ("他们没有一个干净的，老百姓都恨他们。", .noSubstance),
        ]
    )
    func nonLeadFamilies(text: String, kind: NonLeadKind) {
        #expect(classifier.classify(text).primary == .nonLead(kind), "\(text)")
    }
}
