import Testing

@testable import XunchaText

/// Reports written for these tests in the style of citizens' letters (no real people or places).
enum Letters {
    static let sentences = [
        "我要反映清河县交通运输局局长王建国的问题。",
        "2022年3月以来，王建国多次利用职务便利，在县城至柳庄公路改造工程招标中为其表弟李志强的公司打招呼，李志强的公司最终中标，合同金额约1200万元。",
        "工程完工后路面多处开裂，至今没有人追究责任。",
        "去年春节前，李志强在县城锦江酒店请王建国吃饭，并送给他两条中华烟和一个装有现金的信封。",
        "王建国的妻子在交通局下属的运输管理所挂名领工资，从不上班。",
        "局里的干部职工对此议论纷纷，但都敢怒不敢言。",
        "我曾经向县纪委写信反映过，没有任何回音。",
        "请巡察组认真调查，还群众一个公道！",
    ]

    static let original = sentences.joined()

    /// The same letter in traditional script with full-width digits and other punctuation, as a
    /// reporter in Hong Kong might retype it.
    static let traditional = """
        我要反映清河縣交通運輸局局長王建國的問題。２０２２年３月以來，王建國多次利用職務便利，在縣城至柳莊公路改造工程招標中\
        為其表弟李志強的公司打招呼，李志強的公司最終中標，合同金額約１２００萬元。工程完工後路面多處開裂，至今沒有人追究責任。\
        去年春節前，李志強在縣城錦江酒店請王建國吃飯，並送給他兩條中華煙和一個裝有現金的信封。王建國的妻子在交通局下屬的運輸\
        管理所掛名領工資，從不上班。局裡的幹部職工對此議論紛紛，但都敢怒不敢言。我曾經向縣紀委寫信反映過，沒有任何回音。\
        請巡察組認真調查，還群眾一個公道！
        """

    static let reordered = [4, 0, 3, 1, 2, 6, 5, 7].map { sentences[$0] }.joined(separator: "\n")

    static let sentenceAdded = original + "另外，王建国还在老家违规修建了一栋三层别墅，占用了村里的耕地，村干部都不敢管。"

    static let sentenceChanged = sentences.enumerated().map { i, sentence in
        i == 3 ? "今年中秋节前，李志强又到王建国家里送了两盒月饼，月饼盒里装着购物卡。" : sentence
    }.joined()

    /// Another matter about the same person and unit: shares names, not the report.
    static let otherMatter = """
        清河县交通运输局局长王建国违反中央八项规定精神，经常在工作日中午带着办公室主任赵敏到城郊的农家乐喝酒，\
        每次都用公车接送，费用由局里报销。2023年国庆节期间，他还开着公车带家人去邻县的景区旅游。\
        局里的车辆使用登记本记录混乱，很多出车没有登记事由。我要反映清河县交通运输局局长王建国的问题，请巡察组调查核实。
        """
}

/// A deterministic generator of letter-like text for the size tests.
private struct LetterGenerator {
    private var state: UInt64
    private static let words = Array(
        ("反映 举报 局长 书记 主任 科长 村支书 镇长 工程 项目 资金 补贴 低保 扶贫 拆迁 征地 招标 中标 合同 回扣 红包 "
            + "购物卡 宴请 公车 私用 挂名 工资 违规 收受 索要 侵占 挪用 虚报 冒领 打招呼 亲属 表弟 妻子 儿子 公司 "
            + "酒店 饭店 茶楼 别墅 土地 耕地 村民 群众 干部 职工 县里 乡里 村里 单位 领导 关系 问题 情况 调查 处理 "
            + "核实 查处 公道 多次 长期 去年 今年 春节 中秋 国庆 以来 期间 金额 万元 现金 信封 礼品 香烟 白酒 茅台").split(separator: " ")
            .map(String.init)
    )
    private static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗")
    private static let given = Array("建国志强明华丽娟伟军平秀英海涛春梅晓东玉兰国庆文斌")

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix64(state)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    mutating func name() -> String { String([pick(Self.surnames), pick(Self.given), pick(Self.given)]) }

    mutating func sentence() -> String {
        var words = [name()]
        for _ in 0..<(6 + Int(next() % 8)) { words.append(next() % 7 == 0 ? String(next() % 100_000) : pick(Self.words)) }
        return words.joined(separator: next() % 3 == 0 ? "，" : "") + "。"
    }

    mutating func letter(sentences: Int) -> String { (0..<sentences).map { _ in sentence() }.joined() }

    mutating func text(characters: Int) -> String {
        var text = ""
        while text.count < characters { text += sentence() }
        return text
    }
}

@Suite struct NearDuplicateIndexTests {
    let normalizer = TextNormalizer()

    func index(_ texts: [(String, String)]) -> NearDuplicateIndex {
        var index = NearDuplicateIndex()
        for (id, text) in texts {
            let added = index.add(id: id, text: normalizer.normalizeWithOffsets(text))
            #expect(added)
        }
        return index
    }

    func nearest(_ text: String, in index: NearDuplicateIndex, excluding id: String? = nil) -> NearDuplicateMatch? {
        index.nearest(to: normalizer.normalizeWithOffsets(text), excluding: id)
    }

    /// A signature made once answers as the text does, looked up and added.
    @Test func aSignatureServesAsItsText() throws {
        let texts = [Letters.original, Letters.traditional, Letters.reordered, Letters.otherMatter, "短"]
        var byText = NearDuplicateIndex()
        var bySignature = NearDuplicateIndex()
        for (i, text) in texts.enumerated() {
            let normalized = normalizer.normalizeWithOffsets(text)
            let signature = bySignature.signature(of: normalized.text)
            #expect(bySignature.nearest(to: signature) == byText.nearest(to: normalized))
            let added = (bySignature.add(id: "r\(i)", signature: signature), byText.add(id: "r\(i)", text: normalized))
            #expect(added.0 && added.1)
            let again = bySignature.add(id: "r\(i)", signature: signature)
            #expect(!again)
        }
        #expect(bySignature.count == byText.count)
    }

    @Test func exactCopyIsARepeat() throws {
        let index = index([("r1", Letters.otherMatter), ("r2", Letters.original)])
        let match = try #require(nearest(Letters.original, in: index))
        #expect(match.id == "r2" && match.similarity == 1 && match.jaccard == 1)
    }

    @Test func traditionalScriptAndFullWidthDigitsAreARepeat() throws {
        let index = index([("r1", Letters.original)])
        let match = try #require(nearest(Letters.traditional, in: index))
        #expect(match.id == "r1")
        #expect(match.jaccard >= 0.95)
    }

    @Test func reorderedSentencesAreARepeat() throws {
        let index = index([("r1", Letters.original)])
        let match = try #require(nearest(Letters.reordered, in: index))
        // Shingles stop at sentence ends, so the order of sentences does not matter at all.
        #expect(match.id == "r1" && match.jaccard == 1)
    }

    @Test func addedSentenceIsARepeatByContainment() throws {
        let index = index([("r1", Letters.original)])
        let match = try #require(nearest(Letters.sentenceAdded, in: index))
        #expect(match.id == "r1" && match.containment == 1 && match.jaccard < 1)
        // And the other way round: the shorter, earlier text repeats the longer later one.
        let reverse = try #require(nearest(Letters.original, in: self.index([("r9", Letters.sentenceAdded)])))
        #expect(reverse.id == "r9")
    }

    @Test func changedSentenceIsARepeat() throws {
        let index = index([("r1", Letters.original)])
        let match = try #require(nearest(Letters.sentenceChanged, in: index))
        #expect(match.id == "r1")
        #expect(match.jaccard >= 0.7 && match.jaccard < 1)
    }

    @Test func anotherMatterAboutTheSamePersonIsNotARepeat() {
        let index = index([("r1", Letters.original)])
        #expect(nearest(Letters.otherMatter, in: index) == nil)
        let comparison = index.compare(normalized: Letters.original, Letters.otherMatter)
        #expect(!comparison.isRepeat && comparison.jaccard < 0.3 && comparison.containment < 0.5)
    }

    @Test func shortTextsRepeatOnlyTheSameWords() throws {
        let index = index([("s1", "请查处"), ("s2", "请查处王建国"), ("r1", Letters.original)])
        // Punctuation and width do not count; anything else does.
        #expect(try #require(nearest("请查处！", in: index)).id == "s1")
        #expect(try #require(nearest(" 請 查 處 。", in: index)).id == "s1")
        #expect(nearest("请查处王建国", in: index)?.id == "s2")
        #expect(nearest("请查处李志强", in: index) == nil)
        // A short text is not near a long one that contains it, nor the other way round.
        #expect(nearest("请巡察组认真调查，还群众一个公道", in: index) == nil)
        #expect(nearest(Letters.original + "请查处", in: index)?.id == "r1")
        #expect(index.compare(normalized: "请查处", "请查处。") == NearDuplicateComparison.exact)
    }

    @Test func emptyTextRepeatsNothing() {
        var index = index([("r1", Letters.original)])
        #expect(nearest("", in: index) == nil)
        let added = [index.add(id: "e1", normalizedText: ""), index.add(id: "e2", normalizedText: "。。。 ！")]
        #expect(added == [true, true])
        #expect(nearest("", in: index) == nil)
        #expect(nearest("？", in: index) == nil)
        #expect(index.count == 3)
    }

    @Test func veryLongTextIsSampledAndStillMatched() throws {
        var generator = LetterGenerator(seed: 7)
        let long = generator.text(characters: 20_000)
        let other = generator.text(characters: 20_000)
        var index = NearDuplicateIndex()
        index.add(id: "long", normalizedText: long)
        index.add(id: "other", normalizedText: other)
        let extended = long + generator.letter(sentences: 5)
        let match = try #require(index.nearest(toNormalized: extended))
        #expect(match.id == "long" && match.containment > 0.95)
        #expect(index.nearest(toNormalized: generator.text(characters: 20_000)) == nil)
    }

    @Test func tenThousandLetters() throws {
        var generator = LetterGenerator(seed: 2026)
        var index = NearDuplicateIndex()
        var letters: [String] = []
        for i in 0..<10_000 {
            let letter = generator.letter(sentences: 3 + i % 5)
            letters.append(letter)
            index.add(id: "r\(i)", normalizedText: letter)
        }
        #expect(index.count == 10_000)
        var found = 0
        var wrong = 0
        for i in stride(from: 0, to: 10_000, by: 97) {
            let sentences = letters[i].split(separator: "。").map { String($0) + "。" }
            let retyped = (sentences.reversed() + [generator.sentence()]).joined()
            if let match = index.nearest(toNormalized: retyped) {
                if match.id == "r\(i)" { found += 1 } else { wrong += 1 }
            }
        }
        #expect(found == 104 && wrong == 0)
        var falseRepeats = 0
        for _ in 0..<500 where index.nearest(toNormalized: generator.letter(sentences: 5)) != nil { falseRepeats += 1 }
        #expect(falseRepeats == 0)
    }

    @Test func tiesGoToTheEarliestAndResultsAreDeterministic() throws {
        let texts = [("a", Letters.sentenceChanged), ("b", Letters.original), ("c", Letters.reordered), ("d", Letters.original)]
        let first = index(texts)
        let second = index(texts)
        // b, c and d are all identical in shingles to the query; b came first.
        #expect(try #require(nearest(Letters.original, in: first)).id == "b")
        #expect(nearest(Letters.original, in: first, excluding: "b")?.id == "c")
        for query in [Letters.original, Letters.traditional, Letters.sentenceAdded, Letters.sentenceChanged, Letters.otherMatter] {
            #expect(nearest(query, in: first) == nearest(query, in: second))
        }
    }

    @Test func excludingAndDuplicateIDs() {
        var index = index([("r1", Letters.original)])
        #expect(nearest(Letters.original, in: index, excluding: "r1") == nil)
        #expect(nearest(Letters.original, in: index, excluding: "unknown")?.id == "r1")
        let added = index.add(id: "r1", normalizedText: Letters.otherMatter)
        #expect(!added)
        #expect(index.count == 1 && index.contains(id: "r1"))
        #expect(nearest(Letters.otherMatter, in: index) == nil)
    }

    @Test func aRemovedTextIsNoMatchAndItsIDMayBeAddedAgain() throws {
        var index = index([("r1", Letters.original), ("r2", Letters.reordered), ("s", "请查处")])
        let removals = [index.remove(id: "r1"), index.remove(id: "r1"), index.remove(id: "unknown")]
        #expect(removals == [true, false, false])
        #expect(index.count == 2 && !index.contains(id: "r1"))
        #expect(try #require(nearest(Letters.original, in: index)).id == "r2")
        let removedShort = index.remove(id: "s")
        #expect(removedShort && nearest("请查处！", in: index) == nil)
        let addedAgain = index.add(id: "r1", normalizedText: Letters.otherMatter)
        #expect(addedAgain)
        #expect(nearest(Letters.otherMatter, in: index)?.id == "r1")
    }

    /// A thousand copies of one form letter fill the same buckets; a query still reads only the
    /// newest few of each, and still finds a repeat (the newest).
    @Test func bucketChainsAreReadOnlyToTheirBound() throws {
        var configuration = NearDuplicateConfiguration.standard
        configuration.maximumBucketScan = 8
        var bounded = NearDuplicateIndex(configuration: configuration)
        var whole = NearDuplicateConfiguration.standard
        whole.maximumBucketScan = 10_000
        var unbounded = NearDuplicateIndex(configuration: whole)
        for i in 0..<1_000 {
            bounded.add(id: "c\(i)", normalizedText: Letters.original)
            unbounded.add(id: "c\(i)", normalizedText: Letters.original)
        }
        let query = normalizer.normalizeWithOffsets(Letters.sentenceAdded)
        // Ties go to the earliest of the candidates read: all of them, or the newest eight.
        #expect(unbounded.nearest(to: query)?.id == "c0")
        let match = try #require(bounded.nearest(to: query))
        #expect(match.id == "c992" && match.similarity >= 0.9)
    }
}
