/// Reads Chinese addresses as runs of components: places that end in a place word (长沙市,
/// 书院路, 金色家园) and numbered parts that end in a house word (188号, 7栋, 1203室, 三组).
enum AddressParser {
    struct Component: Equatable {
        var range: Range<Int>
        /// A number followed by a house word: 188号, 7栋, 三组, A座.
        var numbered: Bool
        /// A numbered part a household lives in (栋, 单元, 室, 组 …), not a street number alone.
        var dwelling: Bool
        /// An administrative place or a village (省 市 区 县 镇 乡 街道 村 社区): a unit's name,
        /// kept when it only leads a finer address.
        var administrative: Bool
    }

    /// Words that end a named place, longest first where one ends another.
    static let placeWords: [[Unicode.Scalar]] = [
        "特别行政区", "自治区", "自治州", "自治县", "街道", "大道", "胡同", "社区", "小区", "新村", "花园", "家园", "公寓", "大厦", "广场", "省", "市",
        "区", "县", "旗", "镇", "乡", "路", "街", "巷", "弄", "村", "屯", "寨", "苑", "园", "府", "湾", "庄",
    ].map { Array($0.unicodeScalars) }

    static let administrativeWords: Set<[Unicode.Scalar]> = Set(
        ["特别行政区", "自治区", "自治州", "自治县", "街道", "社区", "省", "市", "区", "县", "旗", "镇", "乡", "村", "屯", "寨", "庄"].map {
            Array($0.unicodeScalars)
        }
    )

    /// Words that end a numbered part, longest first.
    static let houseWords: [[Unicode.Scalar]] = ["号楼", "号院", "单元", "号", "栋", "幢", "座", "楼", "层", "室", "户", "组", "队"].map {
        Array($0.unicodeScalars)
    }

    static let dwellingWords: Set<[Unicode.Scalar]> = Set(
        ["号楼", "号院", "单元", "栋", "幢", "楼", "层", "室", "户", "组", "队"].map { Array($0.unicodeScalars) }
    )

    /// Characters a place name read leftwards from its place word does not take in: verbs and
    /// function words before an address (住, 在, 于, 是 …).
    static let leftStops: Set<Unicode.Scalar> = Set("住居址位在于是到往的了和与及或从向对把被给我你他她其该这那就也都还曾已又".unicodeScalars)

    /// Single-character level words: a place name read leftwards stops after one (天心区|书院路).
    static let levelEnds: Set<Unicode.Scalar> = Set("省市区县镇乡".unicodeScalars)

    /// Whether a numbered part may be made of `c`: digits, Chinese numerals, Latin letters, a hyphen.
    static func isNumberScalar(_ c: Unicode.Scalar) -> Bool {
        RedactionChars.isASCIIDigit(c) || RedactionChars.isASCIILetter(c) || c == "-" || "〇零一二三四五六七八九十百两".unicodeScalars.contains(c)
    }

    // MARK: - Reading forwards (an address given as a value)

    /// The components of `s[range]`, read left to right: each ends at the first place or house
    /// word with at least one character before it. What follows the last one is not included.
    static func components(_ s: [Unicode.Scalar], in range: Range<Int>) -> [Component] {
        var out: [Component] = []
        var start = range.lowerBound
        var j = range.lowerBound + 1
        while j < range.upperBound {
            if let end = componentEnd(s, start: start, endingAt: j, limit: range.upperBound) {
                out.append(component(s, start..<end.end, word: end.word))
                start = end.end
                j = start + 1
            } else {
                j += 1
            }
        }
        return out
    }

    /// If a place or house word ends at `j` (inclusive) with something before it from `start`,
    /// the end of the component, taking a longer word that goes on after `j` (街 → 街道, 号 → 号楼).
    private static func componentEnd(_ s: [Unicode.Scalar], start: Int, endingAt j: Int, limit: Int) -> (end: Int, word: [Unicode.Scalar])? {
        func word(endingAt e: Int) -> [Unicode.Scalar]? {
            var best: [Unicode.Scalar]?
            for w in placeWords + houseWords where e - w.count + 1 > start && e < limit && e - w.count + 1 >= 0 {
                if s[(e - w.count + 1)...e].elementsEqual(w), w.count > (best?.count ?? 0) { best = w }
            }
            return best
        }
        guard let w = word(endingAt: j) else { return nil }
        for k in 1...2 {
            if let longer = word(endingAt: j + k), longer.count > k, j + k - longer.count + 1 <= j { return (j + k + 1, longer) }
        }
        return (j + 1, w)
    }

    private static func component(_ s: [Unicode.Scalar], _ range: Range<Int>, word: [Unicode.Scalar]) -> Component {
        let body = s[range.lowerBound..<(range.upperBound - word.count)].drop { $0 == "第" }
        let isHouseWord = houseWords.contains(word)
        let numbered = isHouseWord && !body.isEmpty && body.allSatisfy(isNumberScalar) && body.contains { !($0 == "-") }
        return Component(
            range: range,
            numbered: numbered,
            dwelling: numbered && dwellingWords.contains(word),
            administrative: !numbered && administrativeWords.contains(word) && !(word == ["区"] && range.count >= 2 && s[range.upperBound - 2] == "小")
        )
    }

    /// The runs of an identity's address worth looking for in a text: the whole address, and
    /// every run of two or more components that ends in a numbered part. Each comes with where
    /// its mask starts: past the leading administrative places, which name units the referral
    /// may be about (an address that is nothing but such places is not looked for).
    static func runs(of address: [Unicode.Scalar]) -> [(needle: [Unicode.Scalar], maskFrom: Int)] {
        guard address.count >= 4 else { return [] }
        let parts = components(address, in: 0..<address.count)
        var out: [(needle: [Unicode.Scalar], maskFrom: Int)] = []
        func add(_ range: Range<Int>, maskFrom: Int) {
            let needle = Array(address[range])
            if !out.contains(where: { $0.needle == needle }) { out.append((needle, maskFrom - range.lowerBound)) }
        }
        let firstSpecific = parts.first(where: { !$0.administrative })?.range.lowerBound ?? (parts.last?.range.upperBound ?? 0)
        if firstSpecific < address.count { add(0..<address.count, maskFrom: firstSpecific) }
        for last in parts.indices where parts[last].numbered {
            for first in 0..<last {
                let from = parts[first...last].first(where: { !$0.administrative })?.range.lowerBound ?? parts[last].range.lowerBound
                add(parts[first].range.lowerBound..<parts[last].range.upperBound, maskFrom: from)
            }
        }
        return out.sorted { $0.needle.count > $1.needle.count }
    }

    // MARK: - Reading backwards (an address met in running text)

    /// Addresses in running text: each run of numbered parts (12号, 3栋402室, 三组) with the
    /// named places written right before it (湘江路, 李家村), as lists of components.
    static func chains(in s: [Unicode.Scalar]) -> [[Component]] {
        var out: [[Component]] = []
        var i = 0
        while i < s.count {
            guard let first = numbered(s, at: i) else {
                i += 1
                continue
            }
            var chain = [first]
            while let next = numbered(s, at: chain.last!.range.upperBound) { chain.append(next) }
            while chain.count < 8, let before = placeEnding(s, at: chain[0].range.lowerBound) { chain.insert(before, at: 0) }
            out.append(chain)
            i = chain.last!.range.upperBound
        }
        return out
    }

    /// A numbered part starting at `i` (not inside a longer number).
    private static func numbered(_ s: [Unicode.Scalar], at i: Int) -> Component? {
        guard i < s.count else { return nil }
        var j = i
        if s[j] == "第" { j += 1 }
        if i > 0, isNumberScalar(s[i - 1]), s[i] != "第" { return nil }
        let bodyStart = j
        while j < s.count, j - bodyStart < 8, isNumberScalar(s[j]) { j += 1 }
        guard j > bodyStart, s[bodyStart..<j].contains(where: { $0 != "-" }) else { return nil }
        // A Latin word is not a house number (Room, A座 is).
        if s[bodyStart..<j].filter(RedactionChars.isASCIILetter).count > 2 { return nil }
        for w in houseWords where j + w.count <= s.count && s[j..<(j + w.count)].elementsEqual(w) {
            let range = i..<(j + w.count)
            return Component(range: range, numbered: true, dwelling: dwellingWords.contains(w), administrative: false)
        }
        return nil
    }

    /// A named place ending right before `end` (书院路, 金色家园, 李家村), read leftwards over
    /// ideographs up to a stop word; nil when no place word ends there.
    private static func placeEnding(_ s: [Unicode.Scalar], at end: Int) -> Component? {
        var best: [Unicode.Scalar]?
        for w in placeWords where end - w.count >= 1 && s[(end - w.count)..<end].elementsEqual(w) {
            if w.count > (best?.count ?? 0) { best = w }
        }
        guard let word = best else { return nil }
        var start = end - word.count
        while start > 0, end - word.count - start < 6, RedactionChars.isIdeograph(s[start - 1]) || isNumberScalar(s[start - 1]),
            !leftStops.contains(s[start - 1]), !levelEnds.contains(s[start - 1])
        {
            start -= 1
        }
        guard start < end - word.count else { return nil }
        let administrative = administrativeWords.contains(word) && !(word == ["区"] && s[end - 2] == "小")
        return Component(range: start..<end, numbered: false, dwelling: false, administrative: administrative)
    }

    /// The part of a chain to mask: from its first place that is not administrative (all of it
    /// when every place is).
    static func maskedRange(of chain: [Component]) -> Range<Int> {
        let from = chain.first(where: { !$0.administrative })?.range.lowerBound ?? chain[0].range.lowerBound
        return from..<chain.last!.range.upperBound
    }
}
