import Testing
import XunchaCore

@Suite("Subject finding on random text")
struct SubjectPropertyTests {
    /// Pieces that make the finder's rules meet each other in odd orders.
    static let pieces = [
        "王", "张", "欧阳", "向", "和", "关", "某", "某某", "局", "局长", "副局长", "書記", "村支书", "(", ")", "（", "）", "、", "，", ":",
        "被反映人", "财务科", "科长", "县", "财政局", "公司", "老板", "开发商", "的", "收受", "红包", "根據(jù)", "　", " ", "1", "a", "\u{200B}",
        "大队队长", "有关领导", "单位", "一把手",
    ]

    @Test("spans are inside the original and show the words found; same text, same result")
    func randomTexts() {
        var rng = SplitMix64(seed: 20_240_101)
        let roster = [
            RosterPerson(name: "王建国", post: "局长"), RosterPerson(name: "王建国", post: "科员"), RosterPerson(name: "张三", post: "村支书", aliases: ["张"]),
        ]
        for finder in [SubjectFinder(), SubjectFinder(roster: roster)] {
            for _ in 0..<400 {
                var text = ""
                for _ in 0..<Int(rng.next() % 12) { text += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }
                let analysis = finder.find(in: text)
                let length = text.unicodeScalars.count
                for f in analysis.findings {
                    #expect(f.range.lowerBound >= 0 && f.range.upperBound <= length, "\(text)")
                    #expect(originalWords(text, f.range) == f.text, "\(text)")
                    #expect((0...1).contains(f.confidence))
                }
                #expect(finder.find(in: text) == analysis)
            }
        }
    }
}
