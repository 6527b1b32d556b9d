import XunchaText

/// Finds who a report is about: names with posts, surname + 某, posts alone, units, private
/// parties, and roster people when a roster is given. Pure and deterministic; every finding
/// carries its span in the original text (docs/screening-subjects.md).
public struct SubjectFinder: Sendable {
    public let roster: [RosterPerson]
    public let lexicon: SubjectLexicon
    public let rules: ScopeRoleRules

    enum TermKind: Sendable { case post, privateParty, unit }

    private let normalizer = TextNormalizer()
    private let terms: KeywordAutomaton
    private let termKinds: [TermKind]
    private let rosterAutomaton: KeywordAutomaton?
    /// Per roster pattern: the people it names and whether it is their name or an alias.
    private let rosterEntries: [[(index: Int, basis: String)]]
    private let rosterNames: [[Unicode.Scalar]]
    /// The names' lengths side by side, read before a name itself (a cache miss per person).
    private let rosterNameLengths: [Int]
    private let rosterPosts: [[Unicode.Scalar]]
    /// Each roster person's unit as an index into `distinctUnits`: a place read in the text is
    /// compared with each unit once, not once per person.
    private let rosterUnitIndex: [Int]
    private let distinctUnits: [[Unicode.Scalar]]
    private let falseNames: ScalarPairSet
    private let compoundSurnames: ScalarPairSet
    /// Labels reports put before the subject's name (被反映人：…).
    private let labels = KeywordAutomaton(patterns: ["被反映人", "被举报人", "被投诉人", "举报对象", "反映对象"])
    /// Office stems as scalars, longest first, so 招投标 wins over 招标's neighbours.
    let officesLongestFirst: [[Unicode.Scalar]]
    /// Roster indices by the first character of the name, for surname look-ups.
    private let bySurnameInitial: [Unicode.Scalar: [Int]]
    /// Roster indices whose post fits each post word of the lexicon, computed once.
    private let byPostWord: [String: [Int]]

    /// The inspection's scope: the units it names are read whole, and a person written beside a
    /// unit in no part of it is not in scope (docs/screening-subjects.md).
    public let placer: UnitPlacer?

    public init(roster: [RosterPerson] = [], lexicon: SubjectLexicon = .standard, rules: ScopeRoleRules = .standard, scope: InspectionScope? = nil) {
        self.roster = roster
        self.lexicon = lexicon
        self.rules = rules
        self.placer = scope.map(UnitPlacer.init)
        let n = TextNormalizer()
        func norm(_ s: String) -> String { n.normalize(s).filter { !$0.isWhitespace } }
        var patterns: [String] = []
        var kinds: [TermKind] = []
        var seen = Set<String>()
        let scopeNames = scope.map { Self.unitNames($0) } ?? []
        for (list, kind) in [(lexicon.officialPosts, TermKind.post), (lexicon.privateParties, .privateParty), (lexicon.units + scopeNames, .unit)] {
            for word in list {
                let key = norm(word)
                guard !key.isEmpty, seen.insert(key).inserted else { continue }
                patterns.append(key)
                kinds.append(kind)
            }
        }
        terms = KeywordAutomaton(patterns: patterns)
        termKinds = kinds
        falseNames = ScalarPairSet(Self.falseNameWords)
        compoundSurnames = ScalarPairSet(lexicon.compoundSurnames)
        officesLongestFirst = lexicon.offices.map { Array(norm($0).unicodeScalars) }.sorted { $0.count > $1.count }

        var index: [String: Int] = [:]
        var entries: [[(index: Int, basis: String)]] = []
        var rosterPatterns: [String] = []
        for (i, person) in roster.enumerated() {
            for (word, basis) in [(person.name, "name")] + person.aliases.map({ ($0, "alias") }) {
                let key = norm(word)
                // One character is a surname, not a name: it would fire everywhere.
                guard key.unicodeScalars.count >= 2 else { continue }
                if let p = index[key] {
                    if !entries[p].contains(where: { $0.index == i }) { entries[p].append((i, basis)) }
                } else {
                    index[key] = rosterPatterns.count
                    rosterPatterns.append(key)
                    entries.append([(i, basis)])
                }
            }
        }
        rosterAutomaton = rosterPatterns.isEmpty ? nil : KeywordAutomaton(patterns: rosterPatterns)
        rosterEntries = entries
        rosterNames = roster.map { ScalarSearch.scalars(norm($0.name)) }
        rosterNameLengths = rosterNames.map(\.count)
        rosterPosts = roster.map { ScalarSearch.scalars(norm($0.post)) }
        var unitIndex: [[Unicode.Scalar]: Int] = [:]
        var units: [[Unicode.Scalar]] = []
        rosterUnitIndex = roster.map { person in
            let unit = ScalarSearch.scalars(norm(person.unit))
            if let u = unitIndex[unit] { return u }
            unitIndex[unit] = units.count
            units.append(unit)
            return units.count - 1
        }
        distinctUnits = units
        var initials: [Unicode.Scalar: [Int]] = [:]
        for (i, name) in rosterNames.enumerated() {
            if let first = name.first { initials[first, default: []].append(i) }
        }
        bySurnameInitial = initials
        var posts: [String: [Int]] = [:]
        let normalizedPosts = rosterPosts
        if !roster.isEmpty {
            for word in Set(lexicon.officialPosts.map(norm)) {
                let w = ScalarSearch.scalars(word)
                let fitting = normalizedPosts.indices.filter { Self.postAgrees(normalizedPosts[$0], w) }
                if !fitting.isEmpty { posts[word] = fitting }
            }
        }
        byPostWord = posts
    }

    /// The scope's unit names as reports write them: in full, without the party body's word, and
    /// without the place in front (老干部局 for 县委老干部局, 青石村 for 白沙镇青石村).
    static func unitNames(_ scope: InspectionScope) -> [String] {
        var names: [String] = []
        for name in scope.units + scope.nextLevel.map(\.name) {
            let key = InspectionScope.key(name)
            for variant in InspectionScope.variants(key) {
                names.append(variant)
                if let short = withoutPlace(variant) { names.append(short) }
            }
        }
        return names.filter { $0.count >= 3 }
    }

    /// The name without a leading place (县, 某某市, 白沙镇, 县委): nil when nothing of three
    /// characters or more would be left, or no place leads.
    static func withoutPlace(_ name: String) -> String? {
        let chars = Array(name)
        var cut: Int?
        for i in 0..<min(chars.count, 7) where "省市县区镇乡".contains(chars[i]) {
            var end = i + 1
            if end < chars.count, chars[end] == "委" { end += 1 }
            if chars.count - end >= 3 { cut = end }
        }
        return cut.map { String(chars[$0...]) }
    }

    /// Where a unit written beside a person stands: nil when it is not judged (no scope, or a
    /// unit every place has: 该局, 镇政府, 村委会), `.some(nil)` when it names a unit in no part
    /// of the scope.
    func placement(ofWritten unit: String?) -> UnitPlacement?? {
        guard let placer, let unit else { return nil }
        if let placement = placer.place(unit) { return .some(placement) }
        guard let first = unit.first, !"该某本我此".contains(first) else { return nil }
        let specific = Self.specificUnit(unit)
        guard specific.count >= 2, !Self.unitsEveryPlaceHas.contains(specific) else { return nil }
        return .some(nil)
    }

    /// Units named by their kind alone: not a particular unit that could be outside the scope.
    static let unitsEveryPlaceHas: Set<String> = [
        "财政所", "派出所", "卫生院", "医院", "学校", "中学", "小学", "幼儿园", "村委会", "居委会", "村委", "社区", "街道办", "街道办事处",
        "政府", "镇政府", "乡政府", "县政府", "区政府", "市政府", "人民政府", "党委", "纪委", "公司", "集团", "银行", "信用社", "合作社",
        "供销社", "管委会", "指挥部", "单位", "部门", "局", "委", "办", "中心", "所", "站",
    ]

    /// Finds the subjects of `text` as the reporter wrote it.
    public func find(in text: String) -> SubjectAnalysis {
        find(in: normalizer.normalizeWithOffsets(text))
    }

    /// Finds the subjects of an already normalized text; spans are in its original.
    public func find(in normalized: NormalizedText) -> SubjectAnalysis {
        var scan = Scan(finder: self, normalized: normalized)
        return scan.run()
    }

    // MARK: - Roster resolution

    func candidates(rosterPattern: Int?, name: String?, fullName: Bool, post: String?, postWord: String?, unit: String?) -> [SubjectCandidate] {
        guard !roster.isEmpty else { return [] }
        let postAgrees = Self.postAgrees
        let post = post.map(ScalarSearch.scalars)
        var picked: [(Int, String)] = []
        var base = 0.0
        if let rosterPattern {
            let people = rosterEntries[rosterPattern]
            let agreeing = post.map { p in people.filter { postAgrees(rosterPosts[$0.index], p) } } ?? []
            if !agreeing.isEmpty {
                picked = agreeing.map { ($0.index, $0.basis + "+post") }
                base = 0.98
            } else {
                picked = people.map { ($0.index, $0.basis) }
                base = 0.9
            }
        } else if let name, fullName, let first = name.unicodeScalars.first,
            case let scalars = ScalarSearch.scalars(name),
            case let exact = (bySurnameInitial[first] ?? []).filter({ rosterNameLengths[$0] == scalars.count && rosterNames[$0] == scalars }),
            !exact.isEmpty
        {
            picked = exact.map { ($0, "name") }
            base = 0.9
        } else if let name, !name.isEmpty {
            let surname = Array(name.unicodeScalars.prefix(while: { $0 != "某" }))
            let pool = surname.first.flatMap { bySurnameInitial[$0] } ?? []
            // The pool shares the first character: a one-character surname only needs the name to be longer.
            let same = pool.filter {
                surname.count == 1
                    ? rosterNameLengths[$0] != 1 : ScalarSearch.hasPrefix(rosterNames[$0], surname) && rosterNames[$0] != surname
            }
            if let post {
                // When the post is the lexicon word, the people fitting it are known already.
                let fitting = postWord.flatMap { $0.unicodeScalars.elementsEqual(post) ? byPostWord[$0] ?? [] : nil }
                picked = same.filter { i in fitting.map { Self.sortedContains($0, i) } ?? postAgrees(rosterPosts[i], post) }
                    .map { ($0, "surname+post") }
                base = 0.8
            } else if same.count <= 3 {
                picked = same.map { ($0, "surname") }
                base = 0.3
            }
        } else if let post {
            let place = ScalarSearch.scalars(unit.map(Self.specificUnit) ?? "")
            if let fitting = people(fitting: post, postWord: postWord, place: place, atMost: 3) {
                picked = fitting.map { ($0, place.isEmpty ? "post" : "post+unit") }
                base = 0.6
            }
        }
        let share = picked.isEmpty ? 0 : base / Double(picked.count)
        return picked.map { SubjectCandidate(rosterIndex: $0.0, person: roster[$0.0], confidence: share, basis: $0.1) }
    }

    /// The roster people whose post fits `post` and whose unit fits `place` (when there is one),
    /// in roster order; nil as soon as more than `limit` fit, for then none is picked.
    private func people(fitting post: [Unicode.Scalar], postWord: String?, place: [Unicode.Scalar], atMost limit: Int) -> [Int]? {
        // Only people whose post fits the lexicon's post word can fit the post as written, and
        // when the post is that word they all do.
        let pool = postWord.map { byPostWord[$0] ?? [] } ?? Array(rosterPosts.indices)
        let postIsWord = postWord?.unicodeScalars.elementsEqual(post) ?? false
        // Per distinct unit: 0 not compared yet, 1 fits the place, 2 does not.
        var unitFits = [UInt8](repeating: 0, count: place.isEmpty ? 0 : distinctUnits.count)
        var found: [Int] = []
        for i in pool where postIsWord || Self.postAgrees(rosterPosts[i], post) {
            if !place.isEmpty {
                let u = rosterUnitIndex[i]
                if unitFits[u] == 0 {
                    let unit = distinctUnits[u]
                    unitFits[u] = ScalarSearch.contains(unit, place) || ScalarSearch.contains(place, unit) ? 1 : 2
                }
                if unitFits[u] == 2 { continue }
            }
            found.append(i)
            if found.count > limit { return nil }
        }
        return found
    }

    /// Binary search in ascending indices.
    private static func sortedContains(_ sorted: [Int], _ value: Int) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == value
    }

    /// Whether a roster post fits a post read in the text: 党组书记 fits 书记, 副局长 does not fit 局长.
    static func postAgrees(_ rosterPost: [Unicode.Scalar], _ post: [Unicode.Scalar]) -> Bool {
        guard !rosterPost.isEmpty else { return false }
        if ScalarSearch.contains(rosterPost, post) { return post.first == "副" || !ScalarSearch.contains(rosterPost, ["副"] + post) }
        return ScalarSearch.contains(post, rosterPost)
    }

    /// The unit without 该/某/本/我 and level words, empty when nothing specific is left (该局).
    static func specificUnit(_ unit: String) -> String {
        var u = Substring(unit)
        while let f = u.first, isDeterminerOrLevel(f) { u = u.dropFirst() }
        return u.count >= 2 ? String(u) : ""
    }

    /// 该某本我 or a level word, tested by scalar rather than by searching a string of them for
    /// the character (thousands of instructions per unit). The same answer: no other character
    /// is canonically equivalent to one of these ideographs, none has a compatibility twin.
    private static func isDeterminerOrLevel(_ c: Character) -> Bool {
        guard c.unicodeScalars.count == 1, let scalar = c.unicodeScalars.first else { return false }
        switch scalar {
        case "该", "某", "本", "我", "县", "市", "区", "镇", "乡": return true
        default: return false
        }
    }

    /// Two-character words that start with a surname and are not names (张贴, 王法, 李子 …).
    static let falseNameWords: [String] = [
        "单位", "张贴", "张罗", "张扬", "张口", "王法", "王牌", "李子", "黄金", "高价", "高额", "高档", "高兴", "方面", "方便", "方法", "方式", "方案",
        "白白", "常常", "明显", "明确", "文件", "安排", "安全", "成立", "成本", "全部", "全面", "平时", "国家", "都是", "来到", "关于", "关系",
        "石头", "马上", "万元", "门口", "公款", "公开", "公司", "信息", "相关", "利用", "利益", "应该", "应当", "党员", "党费", "司机", "车辆",
        "包括", "连续", "管理", "钱财", "左右", "农民", "农村", "简单", "项目", "费用", "师傅", "商人", "商量", "权力", "权利", "容易", "普通",
        "宿舍", "银行", "公布", "居然", "展开", "周末", "周围", "周边", "许多", "许可", "何时", "于是", "时间", "时候", "任何", "任务", "任职",
        "程序", "金额", "余额", "范围", "毛病", "严重", "严格", "施工", "包庇", "曾经", "曾多", "孙子", "强迫", "强制", "华丽", "乐意",
    ]

    func isFalseName(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        guard scalars.count >= 2 else { return false }
        return falseNames.contains(scalars[scalars.startIndex], scalars[scalars.startIndex + 1])
    }

    func isCompoundSurname(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool { compoundSurnames.contains(first, second) }

    func term(_ pattern: Int) -> (word: String, kind: TermKind) { (terms.patterns[pattern], termKinds[pattern]) }

    func labelMatches(_ text: String) -> [KeywordMatch] { labels.matches(in: text, mode: .leftmostLongest) }
    func termMatches(_ text: String) -> [KeywordMatch] { terms.matches(in: text) }
    func rosterMatches(_ text: String) -> [KeywordMatch] { rosterAutomaton?.matches(in: text, mode: .leftmostLongest) ?? [] }
}
