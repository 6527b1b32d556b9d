import XunchaText

/// A group the announcement names, with every place it is named.
struct GroupName {
    var name: String
    /// Numbered (第二巡察组) rather than generic (市委巡察组, 各巡察组).
    var numbered: Bool
    /// Normalized ranges of its mentions and the sentences they are in.
    var mentions: [(range: Range<Int>, sentence: Int)]
    var found: Found<String>
}

extension AnnouncementReader {
    static let numerals = "一二三四五六七八九十0123456789"
    /// Characters that end a group's name going leftwards: the words that come before a name in
    /// a sentence (召开了…, 由…, 向…, 对…, 各…), never inside one.
    static let softStops: Set<Character> = Set("了由对向和与在将是的为从于把被给跟同及并就等让经请以受使即按据个位名到至称号箱址楼层室")

    /// Every group named in the announcement. Numbered groups are the inspections; a generic
    /// name (市委各巡察组, 9个中央巡视组) is used only when no group is numbered, and when only
    /// 巡察组 is written, the name is composed from the committee that sent it (区委 → 区委巡察组).
    func findGroups() -> [GroupName] {
        var numbered: [GroupName] = []
        var generic: [GroupName] = []
        func add(_ name: String, _ range: Range<Int>, _ k: Int, confidence: Double, rule: String) {
            let isNumbered = Self.isNumbered(name)
            var list = isNumbered ? numbered : generic
            if let at = list.firstIndex(where: { Self.sameGroup($0.name, name) }) {
                list[at].mentions.append((range, k))
                // The first full name stands; a later one replaces it only when it adds the
                // committee the first lacked (第二巡察组 → 县委第二巡察组), since an address can
                // run into a name (…四号楼十一楼县委第二巡察组).
                if name.hasSuffix(list[at].name), !Self.hasCommittee(list[at].name), Self.hasCommittee(name) {
                    list[at].name = name
                    list[at].found = Found(name, t.evidence(range, in: t.sentences[k], confidence, rule))
                }
            } else {
                list.append(
                    GroupName(
                        name: name,
                        numbered: isNumbered,
                        mentions: [(range, k)],
                        found: Found(name, t.evidence(range, in: t.sentences[k], confidence, rule))
                    )
                )
            }
            if isNumbered { numbered = list } else { generic = list }
        }
        for (k, s) in regionSentences {
            var taken: [Range<String.Index>] = []
            // 县委第二、第三、第四巡察组 names three groups; 第一至第三巡察组 too.
            for m in s.text.matches(of: Self.numberedGroups) {
                let prefix = namePrefix(s.text, before: m.range.lowerBound)
                let suffix = String(m.output.3)
                for n in Self.expandOrdinals(String(m.output.1), String(m.output.2)) {
                    add(prefix.text + "第" + n + suffix, s.offsets(prefix.start..<m.range.upperBound), k, confidence: 0.85, rule: "group.list")
                }
                taken.append(m.range)
            }
            // 巡察组, and 提级巡察“回头看”第一组.
            for m in s.text.matches(of: Self.groupWord) {
                guard !taken.contains(where: { $0.overlaps(m.range) }) else { continue }
                let prefix = namePrefix(s.text, before: m.range.lowerBound)
                let name = prefix.text + s.text[m.range]
                guard name.count > 3, Self.hasCommittee(prefix.text) || Self.isNumbered(prefix.text + s.text[m.range]) else { continue }
                add(name, s.offsets(prefix.start..<m.range.upperBound), k, confidence: 0.9, rule: "group.name")
            }
        }
        if !numbered.isEmpty { return numbered }
        if let best = generic.max(by: { $0.mentions.count < $1.mentions.count }) { return [best] }
        return composedGroup().map { [$0] } ?? []
    }

    /// When only 巡察组 is written, the committee that sends it (按照区委巡察工作统一安排, 十八届区委第一轮巡察).
    private func composedGroup() -> GroupName? {
        guard regionSentences.contains(where: { $0.sentence.text.contains("巡察组") || $0.sentence.text.contains("巡视组") }) else { return nil }
        for (k, s) in regionSentences {
            if let m = s.text.firstMatch(of: Self.committeeInspection) {
                let name = String(m.output.1) + String(m.output.2) + "组"
                let range = s.offsets(m.range)
                return GroupName(
                    name: name,
                    numbered: false,
                    mentions: [(range, k)],
                    found: Found(name, t.evidence(range, in: s, 0.5, "group.composed"))
                )
            }
        }
        return nil
    }

    /// The words before a group's 巡察组 that belong to its name: back to punctuation or a word
    /// that cannot be part of a name, skipping 各 (市委各巡察组 is 市委's groups).
    func namePrefix(_ text: String, before end: String.Index) -> (text: String, start: String.Index) {
        var k = end
        var dropped: String.Index?
        while k > text.startIndex {
            let p = text.index(before: k)
            let c = text[p]
            if p == text.index(before: end), c == "各" {
                dropped = p
                k = p
                continue
            }
            let nameChar = c.unicodeScalars.first!.isHan || c.isNumber || c == "(" || c == ")"
            guard nameChar, text.distance(from: p, to: end) <= 24 else { break }
            if Self.softStops.contains(c) {
                // 苏州市委第三轮对村(社区)提级巡察: a 对 inside a name whose committee is further left.
                let sofar = String(text[k..<end])
                let before = String(text[text.index(p, offsetBy: -min(12, text.distance(from: text.startIndex, to: p)))..<p])
                guard c == "对", !Self.hasCommittee(sofar), Self.hasCommittee(before) else { break }
            }
            k = p
        }
        var prefix = String(text[k..<(dropped ?? end)])
        var start = k
        // An enumerator ((一), 1.) or a stray closing parenthesis is not part of the name.
        if let m = prefix.prefixMatch(of: Self.numberOrBracketEnd) {
            start = text.index(start, offsetBy: m.output.count)
            prefix = String(prefix.dropFirst(m.output.count))
        }
        return (prefix, start)
    }

    static func hasCommittee(_ s: String) -> Bool {
        s.contains("委") || s.contains("中央") || s.contains("党组") || s.contains("政府")
    }

    /// 第二巡察组, 第三提级交叉巡察组, “回头看”第一组 — but not 第三轮 or 十八届.
    static func isNumbered(_ name: String) -> Bool {
        name.contains(ordinal)
    }

    /// Two names of one group: the same number (第二, 第一组) and the same committee where both
    /// name one (区委第二巡察组 and 卫滨区委第二巡察组), or one the other with more words before it.
    static func sameGroup(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if a.hasSuffix(b) && hasCommittee(b) || b.hasSuffix(a) && hasCommittee(a) { return true }
        guard let na = a.firstMatch(of: ordinal)?.output, let nb = b.firstMatch(of: ordinal)?.output, na == nb,
            a.contains("巡视") == b.contains("巡视")
        else { return false }
        let ca = a.firstMatch(of: committee)?.output
        let cb = b.firstMatch(of: committee)?.output
        return ca == nil || cb == nil || ca == cb
    }

    nonisolated(unsafe) static let ordinal: Regex<Substring> = #/第[一二三四五六七八九十\d]{1,3}(?![轮届批次期年])/#
    nonisolated(unsafe) static let committee: Regex<Substring> = #/[省市县区州旗盟]委|党委|党组|中央/#

    /// 二 + 、第三、第四 → 二 三 四; 一 + 至第三 → 一 二 三.
    static func expandOrdinals(_ first: String, _ rest: String) -> [String] {
        var out = [first]
        var separator: Character = "、"
        var current = ""
        func flush() {
            guard !current.isEmpty else { return }
            if "至到-".contains(separator), let a = out.last.flatMap(ordinalValue), let b = ordinalValue(current), a < b, b - a < 20 {
                out += (a + 1...b).map { ordinalText($0, like: current) }
            } else {
                out.append(current)
            }
            current = ""
        }
        for c in rest {
            if "、,和及与至到-".contains(c) {
                flush()
                separator = c
            } else if c != "第" {
                current.append(c)
            }
        }
        flush()
        return out
    }

    static func ordinalValue(_ s: String) -> Int? {
        if let n = Int(s) { return n }
        let digits = Array("一二三四五六七八九")
        if s.count == 1, let d = digits.firstIndex(of: s.first!) { return d + 1 }
        if s == "十" { return 10 }
        if s.count == 2, s.first == "十", let d = digits.firstIndex(of: s.last!) { return 11 + d }
        return nil
    }

    static func ordinalText(_ n: Int, like example: String) -> String {
        if Int(example) != nil { return String(n) }
        let digits = Array("一二三四五六七八九")
        if n < 10 { return String(digits[n - 1]) }
        return "十" + (n > 10 ? String(digits[n - 11]) : "")
    }

    // MARK: - Sections

    /// Which group's part of the text each sentence is in. A group named at the start of a line
    /// or an enumerated item ((一)县委第二巡察组巡察…) or in a table row owns what follows, up to
    /// the next such group or the next top-level heading (四、…).
    func assignSections() -> [Int?] {
        var owner = [Int?](repeating: nil, count: t.sentences.count)
        guard groups.count > 1 else { return owner }
        var starts: [Int: Int] = [:]
        for (g, group) in groups.enumerated() {
            for mention in group.mentions {
                let s = t.sentences[mention.sentence]
                let lead = t.string(s.range.lowerBound..<mention.range.lowerBound)
                // At the start of a sentence (区委第二巡察组：值班电话…) too, not only of a line.
                if s.isCell || lead.wholeMatch(of: Self.listNumber) != nil {
                    starts[mention.sentence] = starts[mention.sentence] ?? g
                }
            }
        }
        var current: Int?
        var currentLine = -1
        for k in t.sentences.indices {
            let s = t.sentences[k]
            if let g = starts[k] {
                current = g
                currentLine = s.line
            } else if s.opensLine, s.text.prefixMatch(of: Self.chineseListNumber) != nil {
                current = nil
            } else if k > 0, t.sentences[k - 1].isCell, !s.isCell || s.line != currentLine {
                // A table row without a group of its own, or the text after a table, is no group's.
                current = nil
            }
            owner[k] = current
        }
        return owner
    }

    // Patterns built once: a regex literal in a function is parsed and compiled again each time
    // it is reached. Matching with one from several threads is safe (its program is set once,
    // atomically); the compiler cannot see that, hence nonisolated(unsafe).
    nonisolated(unsafe) static let numberedGroups = #/第([一二三四五六七八九十\d]{1,3})((?:[、,和及与至到-]第?[一二三四五六七八九十\d]{1,3})+)(巡察组|巡视组)/#
    nonisolated(unsafe) static let groupWord = #/(巡察|巡视)(?:工作)?组|(巡察|巡视)(“[^”]{1,12}”)?第[一二三四五六七八九十\d]{1,3}组/#
    nonisolated(unsafe) static let committeeInspection = #/([省市县区州旗盟]委|中央)(?:第[一二三四五六七八九十\d]{1,3}轮)?(巡察|巡视)/#
    nonisolated(unsafe) static let numberOrBracketEnd = #/\([一二三四五六七八九十\d]{1,3}\)|[^(]*\)/#
    nonisolated(unsafe) static let listNumber = #/\s*(\(?[一二三四五六七八九十\d]{1,3}[)、.]?)?\s*/#
    nonisolated(unsafe) static let chineseListNumber = #/[一二三四五六七八九十]{1,3}、/#
}
