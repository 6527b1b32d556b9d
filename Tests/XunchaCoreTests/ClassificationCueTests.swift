import Testing

@testable import XunchaCore

/// Negations, hedges, refutations, evidence spans and the lexicon's own consistency.
@Suite("Classification: cues, modifiers and the lexicon")
struct ClassificationCueTests {
    let classifier = DisciplineClassifier.standard

    private func cue(_ result: DisciplineClassification, _ phrase: String) -> ClassificationCue? {
        result.cues.first { $0.phrase == phrase }
    }

    @Test(
        "negations lower the weight and are recorded",
        arguments: ["他没有收受礼金。", "经了解，李某从未收受红包。", "王局长拒绝收受购物卡。", "我们未发现其收受礼品。", "他不收礼。"]
    )
    func negation(text: String) throws {
        let result = classifier.classify(text)
        let c = try #require(result.cues.first { $0.category == .discipline(.integrity) })
        #expect(c.isNegated)
        #expect(c.weight < c.baseWeight * 0.2)
        #expect(c.modifiers.contains { $0.kind == .negated })
        #expect(result.score(for: .integrity) < 0.2)
    }

    @Test func anInformantIsNoLover() {
        let c = classifier.classify("中心一楼出租给茶室的两间房子，租金一直打到了中心一名工作人员的个人账户上。知情人")
        #expect(!c.cues.contains { $0.text.contains("情人") }, "知情人 holds 情人 but is no cue")
        #expect(classifier.classify("该局长长期包养情人。").cues.contains { $0.text == "情人" || $0.text == "包养" })
    }

    @Test func negationStopsAtTheClause() throws {
        let result = classifier.classify("他没有遵守规定，收受红包两次。")
        let c = try #require(cue(result, "收受红包"))
        #expect(!c.isNegated)
    }

    @Test func negationInsideTheConductIsNotADenial() throws {
        // 不如实 and 未经 describe how the rule was broken.
        let result = classifier.classify("他没有如实报告个人有关事项，未经批准私自出国。")
        let personal = try #require(cue(result, "个人有关事项"))
        #expect(!personal.isNegated)
        #expect(result.topDiscipline == .organizational)
        #expect(result.disciplines[0].cues.allSatisfy { !$0.isNegated })
    }

    @Test func wordsWithANegationCharacterAreNotNegations() throws {
        let result = classifier.classify("他不但收受红包，还没少收礼。")
        #expect(result.cues.filter { $0.category == .discipline(.integrity) }.allSatisfy { !$0.isNegated })
    }

    @Test("hedges lower the weight and are recorded", arguments: ["听说他收受了礼金。", "据说局长可能有婚外情。", "好像村支书把低保给了亲戚。"])
    func hedge(text: String) throws {
        let result = classifier.classify(text)
        let c = try #require(result.cues.first { if case .discipline = $0.category { true } else { false } })
        #expect(c.isHedged)
        #expect(!c.isNegated)
        #expect(c.weight < c.baseWeight)
        let hedge = try #require(c.modifiers.first { $0.kind == .hedged })
        let scalars = Array(text.unicodeScalars)
        #expect(["听说", "据说", "可能", "好像"].contains(String(String.UnicodeScalarView(scalars[hedge.range]))))
    }

    @Test func hedgeEndsWithTheSentence() throws {
        let result = classifier.classify("听说他要调走。他收受红包两万元。")
        #expect(try #require(cue(result, "收受红包")).isHedged == false)
    }

    @Test func theRegulationsOwnWordingIsNoHedge() throws {
        let result = classifier.classify("收受可能影响公正执行公务的礼品。")
        #expect(result.cues.allSatisfy { !$0.isHedged })
        #expect(result.topDiscipline == .integrity)
    }

    @Test func refutationAfterTheCue() throws {
        let result = classifier.classify("反映其收受红包问题，经调查核实不属实。")
        let c = try #require(cue(result, "收受红包"))
        #expect(c.modifiers.contains { $0.kind == .refuted })
        #expect(c.isNegated)
    }

    @Test func spansPointAtTheOriginalTraditionalText() throws {
        let text = "李局長２０２３年收受禮金５萬元，還與女下屬保持不正當性關係。"
        let result = classifier.classify(text)
        let scalars = Array(text.unicodeScalars)
        func original(_ c: ClassificationCue) -> String { String(String.UnicodeScalarView(scalars[c.range])) }
        let gift = try #require(cue(result, "收受礼金"))
        #expect(original(gift) == "收受禮金")
        #expect(gift.text == "收受禮金")
        let affair = try #require(cue(result, "不正当性关系"))
        #expect(original(affair) == "不正當性關係")
        #expect(Set(result.disciplines.map(\.discipline)).isSuperset(of: [.integrity, .life]))
    }

    @Test func spansSurviveFullWidthAndPinyinArtefacts() throws {
        let text = "ＡＢ局長收(shōu)受紅包，還公款吃喝。"
        let result = classifier.classify(text)
        let scalars = Array(text.unicodeScalars)
        for c in result.cues {
            #expect(c.range.upperBound <= scalars.count)
            #expect(String(String.UnicodeScalarView(scalars[c.range])) == c.text)
        }
        #expect(result.topDiscipline == .integrity)
    }

    @Test func deterministic() {
        let text = "张书记搞一言堂，收受购物卡，还插手工程项目，听说和女下属关系暧昧。请问这归谁管？"
        let first = classifier.classify(text)
        for _ in 0..<5 {
            #expect(classifier.classify(text) == first)
            #expect(DisciplineClassifier().classify(text) == first)
        }
    }

    @Test func everyArticleLiesInItsDisciplinesChapter() {
        for entry in DisciplineLexicon.standard.entries {
            guard case .discipline(let d) = entry.category else {
                #expect(entry.articles.isEmpty, "\(entry.id)")
                continue
            }
            // Cross-chapter alternatives are allowed only after the first article.
            if let first = entry.articles.first { #expect(d.articles.contains(first), "\(entry.id): \(first)") }
            for a in entry.articles { #expect((49...154).contains(a), "\(entry.id): \(a)") }
            #expect(entry.id.hasPrefix(d.rawValue + "."))
            #expect(entry.weight > 0 && entry.weight <= 3)
        }
    }

    @Test func noPhraseIsListedTwice() {
        var seen: [String: String] = [:]
        for entry in DisciplineLexicon.standard.entries {
            for (phrase, _) in entry.weightedPhrases {
                #expect(seen[phrase] == nil, "\(phrase) in \(entry.id) and \(seen[phrase] ?? "")")
                seen[phrase] = entry.id
            }
        }
        #expect(Set(DisciplineLexicon.standard.entries.map(\.id)).count == DisciplineLexicon.standard.entries.count)
    }

    @Test func everyDisciplineAndKindHasEntries() {
        let categories = Set(DisciplineLexicon.standard.entries.map(\.category))
        for d in Discipline.allCases { #expect(categories.contains(.discipline(d))) }
        for k in NonLeadKind.allCases { #expect(categories.contains(.nonLead(k))) }
    }

    @Test func evaluationFigures() {
        let cases = [
            CaseEvaluation.Case(text: "他收受礼金。", label: "integrity"),
            CaseEvaluation.Case(text: "他有婚外情。", label: "life"),
            CaseEvaluation.Case(text: "他搞形式主义。", label: "life"),
        ]
        let e = CaseEvaluation(cases: cases)
        #expect(e.predictions == ["integrity", "life", "work"])
        #expect(abs(e.accuracy - 2.0 / 3) < 1e-9)
        let life = e.figures.first { $0.label == "life" }!
        #expect(life.support == 2 && life.predicted == 1 && life.correct == 1)
        #expect(abs(life.f1 - 2.0 / 3) < 1e-9)
        #expect(e.table().contains("macro-F1"))
    }
}
