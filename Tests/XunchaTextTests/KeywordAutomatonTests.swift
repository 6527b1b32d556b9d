import Testing

@testable import XunchaText

@Suite struct KeywordAutomatonTests {
    @Test func findsAllOverlappingMatches() {
        let automaton = KeywordAutomaton(patterns: ["he", "she", "his", "hers"])
        let found = automaton.matches(in: "ushers").map { ($0.pattern, $0.range) }
        #expect(found.map(\.0) == [1, 0, 3])
        #expect(found.map(\.1) == [1..<4, 2..<4, 2..<6])
    }

    @Test func chinesePatternsWithSpans() {
        let automaton = KeywordAutomaton(patterns: ["张三", "张三丰", "三丰", "组长", "巡察组"])
        let text = "市委巡察组组长张三丰"
        let all = automaton.matches(in: text)
        #expect(Set(all.map(\.pattern)) == [0, 1, 2, 3, 4])
        let longest = automaton.matches(in: text, mode: .leftmostLongest)
        #expect(longest.map(\.pattern) == [4, 3, 1])
        #expect(longest.map(\.range) == [2..<5, 5..<7, 7..<10])
    }

    @Test func matchesInTheOriginalOfANormalizedText() {
        let normalizer = TextNormalizer()
        let automaton = KeywordAutomaton(patterns: ["党委书记", "张三"].map { normalizer.normalize($0) })
        let text = normalizer.normalizeWithOffsets("該鎮黨委書記(shū jì)張三")
        let found = automaton.originalMatches(in: text, mode: .leftmostLongest)
        #expect(found.map(\.pattern) == [0, 1])
        let scalars = Array(text.original.unicodeScalars)
        #expect(found.map { String(String.UnicodeScalarView(scalars[$0.range])) } == ["黨委書記", "張三"])
    }

    @Test func duplicatesAndEmptyPatterns() {
        let automaton = KeywordAutomaton(patterns: ["", "局长", "局长"])
        #expect(automaton.matches(in: "局长").map(\.pattern) == [1, 2])
        #expect(!automaton.containsMatch(in: "处长"))
    }

    @Test func astralAndCaseFolding() {
        let automaton = KeywordAutomaton(patterns: ["𠀀𠀁", "ABC"], caseInsensitiveASCII: true)
        #expect(automaton.matches(in: "x𠀀𠀁y abc").map(\.range) == [1..<3, 5..<8])
    }

    @Test func matchesNaiveSearchOnRandomTexts() {
        var rng = SplitMix(seed: 7)
        let alphabet = Array("甲乙丙丁ab")
        for _ in 0..<200 {
            let patterns = (0..<rng.next(8) + 1).map { _ in String((0..<rng.next(4) + 1).map { _ in alphabet[rng.next(alphabet.count)] }) }
            let text = String((0..<rng.next(40)).map { _ in alphabet[rng.next(alphabet.count)] })
            let automaton = KeywordAutomaton(patterns: patterns)
            let got = Set(automaton.matches(in: text).map { "\($0.pattern):\($0.range)" })
            #expect(got == naive(patterns, text))
        }
    }

    @Test func manyPatternsMatchNaiveSearch() {
        var rng = SplitMix(seed: 11)
        let alphabet = Array("巡察组长市委书记局党员干部纪律违反收受礼金公款吃喝")
        func word(_ length: Int) -> String { String((0..<length).map { _ in alphabet[rng.next(alphabet.count)] }) }
        let patterns = (0..<3000).map { _ in word(rng.next(5) + 2) }
        let automaton = KeywordAutomaton(patterns: patterns)
        for _ in 0..<3 {
            let text = word(250)
            let got = Set(automaton.matches(in: text).map { "\($0.pattern):\($0.range)" })
            #expect(got == naive(patterns, text))
        }
    }

    private func naive(_ patterns: [String], _ text: String) -> Set<String> {
        let t = Array(text.unicodeScalars)
        var out: Set<String> = []
        for (k, p) in patterns.enumerated() {
            let q = Array(p.unicodeScalars)
            guard !q.isEmpty, q.count <= t.count else { continue }
            for start in 0...(t.count - q.count) where Array(t[start..<start + q.count]) == q {
                out.insert("\(k):\(start..<start + q.count)")
            }
        }
        return out
    }
}

/// A small deterministic generator so failures reproduce.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}
