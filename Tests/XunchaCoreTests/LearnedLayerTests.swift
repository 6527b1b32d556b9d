import Foundation
import Testing
import XunchaText

@testable import XunchaCore

/// The layer learned from the group's decisions: nothing changes without decisions, it speaks
/// where the lexicon is silent or unsure and never where it is sure, it explains itself, it is
/// deterministic, and it takes any text.
@Suite("Classification: the learned layer")
struct LearnedLayerTests {
    /// Decided reports about one conduct no lexicon phrase names (staff made to run a leader's
    /// household errands), and a few of others, as a group would have decided them.
    static let errands = [
        "科长让科里的年轻人每天下班去他家接孩子放学，周末还要帮他家搬东西。",
        "主任安排办公室的两个干事轮流去他家给老人做饭，说是组织上关心。",
        "他让单位司机每天早上先送他老婆去菜市场，再送孩子去学校，然后才来上班。",
        "所长叫所里的协警周末去他老家帮忙收玉米，谁不去就扣考核分。",
        "副院长让护士长帮他家里打扫卫生、洗衣服，已经持续一年多。",
        "局长家里装修，让后勤科的人白天去盯工地，活都是上班时间干的。",
    ]
    static let others: [(String, ReportCategory)] = [
        ("请问巡察组的接待时间是几点到几点？", .nonLead(.consultation)),
        ("想咨询一下反映问题要带什么材料。", .nonLead(.consultation)),
        ("单位拖欠我三个月工资，要求补发。", .nonLead(.personalDemand)),
        ("我的退休金算错了，少发了好几年。", .nonLead(.personalDemand)),
        ("法院的判决我不服，要求重审。", .nonLead(.litigation)),
        ("窗口工作人员态度恶劣，对群众大声呵斥。", .nonLead(.serviceComplaint)),
    ]

    static func model(_ extra: [DecidedExample] = []) throws -> LearnedModel {
        var examples = errands.enumerated().map { DecidedExample(text: $1, category: .discipline(.mass), reference: "市四巡〔2024〕第00\($0 + 1)号") }
        examples += others.enumerated().map { DecidedExample(text: $1.0, category: $1.1, reference: "市四巡〔2024〕第1\($0)号") }
        guard let model = LearnedModel.train(examples + extra) else { throw NoModel() }
        return model
    }

    struct NoModel: Error {}

    /// How many decisions a training learned from; nil when it made no model. (Expectations
    /// compare this, not the model, which is large to copy into a failure message.)
    static func trained(_ examples: [DecidedExample]) -> Int? {
        LearnedModel.train(examples)?.exampleCount
    }

    @Test func tooFewDecisionsOrOneCategoryTeachNothing() {
        let few = Self.errands.map { DecidedExample(text: $0, category: .discipline(.mass), reference: "x") }
        #expect(Self.trained([]) == nil)
        #expect(Self.trained(Array(few.prefix(5)) + [DecidedExample(text: "请问", category: .nonLead(.consultation), reference: "y")]) == nil)
        // Enough of them, but all one category: nothing to tell apart.
        #expect(Self.trained(few + few) == nil)
        // A neutral "category" is no label at all.
        #expect(Self.trained(few.map { DecidedExample(text: $0.text, category: .neutral, reference: "z") } + few) == nil)
    }

    /// A fresh installation (no model) classifies every written text exactly as the lexicon alone.
    @Test func withoutAModelTheClassifierIsTheLexicon() throws {
        let plain = DisciplineClassifier.standard
        let none = plain.learning(from: nil)
        for c in try WrittenCasesTests.cases() + WrittenCasesTests.cases(in: WrittenCasesTests.batchFFile) {
            #expect(none.classify(c.text) == plain.classify(c.text), "\(c.text)")
        }
    }

    @Test func itSpeaksWhereNothingFiredAndExplainsItself() throws {
        let text = "办公室主任让新来的干事每天去他家接送孩子、帮老人买菜。"
        let plain = DisciplineClassifier.standard.classify(text)
        // The lexicon finds at most a hint of something else: it is not sure.
        #expect(plain.topDiscipline != .mass && (plain.disciplines.first?.weight ?? 0) < 2, "the lexicon already reads it: \(plain.cues)")
        let learned = DisciplineClassifier.standard.learning(from: try Self.model()).classify(text)
        #expect(learned.topDiscipline == .mass)
        let suggestion = try #require(learned.learned)
        #expect(suggestion.category == .discipline(.mass))
        #expect(!suggestion.grams.isEmpty && suggestion.grams.count <= 3)
        // Each n-gram is a span of the text as written, and a cue of the learned entry.
        let cues = learned.cues.filter { $0.entry == "learned.mass" }
        #expect(cues.count == suggestion.grams.count)
        let scalars = Array(text.unicodeScalars)
        for cue in cues { #expect(String(String.UnicodeScalarView(scalars[cue.range])) == cue.text) }
        #expect(suggestion.similar.allSatisfy { $0.hasPrefix("市四巡〔2024〕第00") } && !suggestion.similar.isEmpty)
    }

    /// Only decided reports `shownSimilarity` alike are kept as neighbours: the one that may speak
    /// must be at least as alike.
    @Test func aNeighbourThatMaySpeakIsOneThatIsShown() {
        #expect(LearnedModel.neighbourSimilarity >= LearnedModel.shownSimilarity)
    }

    @Test func theLexiconWinsWhereItIsSure() throws {
        // Taught that gift cards are a mass-discipline matter, the layer still stays out of a
        // text in which the lexicon found an unmistakable integrity behaviour.
        let wrong = (0..<10).map { DecidedExample(text: "局长收受购物卡\($0)张", category: .discipline(.mass), reference: "w\($0)") }
        let text = "市财政局局长王建国收受下属单位购物卡三万元。"
        let plain = DisciplineClassifier.standard.classify(text)
        #expect(plain.topDiscipline == .integrity && plain.disciplines[0].weight >= 2)
        #expect(DisciplineClassifier.standard.learning(from: try Self.model(wrong)).classify(text) == plain)
    }

    @Test func theSameDecisionsGiveTheSameModelAndAnswers() throws {
        let a = DisciplineClassifier.standard.learning(from: try Self.model())
        let b = DisciplineClassifier.standard.learning(from: try Self.model())
        for text in Self.errands + ["他让下属去他家干活。", "请问怎么反映问题？", ""] {
            #expect(a.classify(text) == b.classify(text))
        }
    }

    /// Malformed, oversized, wrongly encoded and hostile texts: an answer, never a crash.
    @Test(arguments: [
        "", "。。。，，，！！！", "   \n\t  ", "😀😀😀🙈", String(repeating: "让下属去他家", count: 4_000),
        "\u{FFFD}\u{FFFD}é\u{0301}", "<script>alert(1)</script>", String(repeating: "1234567890", count: 2_000), "a", "家",
    ])
    func anyTextGetsAnAnswer(text: String) throws {
        let classifier = DisciplineClassifier.standard.learning(from: try Self.model())
        let result = classifier.classify(text)
        for cue in result.cues { #expect(cue.range.upperBound <= text.unicodeScalars.count) }
        if let s = result.learned { #expect(s.probability > 0 && s.probability <= 1) }
    }

    @Test func decidedExamplesMayBeAnyText() {
        let junk = ["", "😀", String(repeating: "。", count: 100), "\u{0}"].map {
            DecidedExample(text: $0, category: .discipline(.life), reference: "j")
        }
        let model = LearnedModel.train(junk + junk + junk + [DecidedExample(text: "请问", category: .nonLead(.consultation), reference: "k")])
        // Texts with no letters teach nothing but count; the model still answers.
        let count = model?.exampleCount
        let answered = model?.suggest(Array("请问".unicodeScalars)) != nil
        let silent = model?.suggest(Array("😀。".unicodeScalars)) == nil
        #expect(count == 13)
        #expect(answered && silent)
    }
}
