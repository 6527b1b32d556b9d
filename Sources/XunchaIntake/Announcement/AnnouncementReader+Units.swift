import Foundation

/// A list of inspected units as one sentence gives it.
struct UnitList {
    /// Lower is better: 对…开展巡察 (0), 第二巡察组巡察… (1), 被巡察单位： and table cells (2), 进驻… (3).
    var rank: Int
    var items: [Found<String>]
    /// The group the list is about, nil when it is about all of them.
    var group: Int?
}

extension AnnouncementReader {
    /// The units of group `g` (nil: of the announcement as a whole): the lists about that group
    /// if there are any, else the lists about all groups; of those, the best-ranked kind.
    func units(for g: Int?) -> [Found<String>] {
        let own = groups.count > 1 ? unitLists.filter { g != nil && $0.group == g } : []
        let candidates = !own.isEmpty ? own : groups.count > 1 ? unitLists.filter { $0.group == nil || g == nil } : unitLists
        guard let rank = candidates.map(\.rank).min() else { return [] }
        var out: [Found<String>] = []
        for list in candidates where list.rank == rank {
            for item in list.items where !out.contains(where: { Self.sameUnit($0.value, item.value) }) { out.append(item) }
        }
        return out
    }

    /// 市住建局 and 市住建局党组 are one unit, named once with its Party organisation.
    static func sameUnit(_ a: String, _ b: String) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        return a == b || long.hasPrefix(short) && ["党组", "党委", "党组织", "党支部", "党总支", "机关党委"].contains(String(long.dropFirst(short.count)))
    }

    func findUnitLists() -> [UnitList] {
        var lists: [UnitList] = []
        for (k, s) in regionSentences {
            var found: [(rank: Int, range: Range<String.Index>, group: Int?)] = []
            for m in s.text.matches(of: Self.unitsBeforeInspection) {
                found.append((0, m.output.1.startIndex..<m.output.1.endIndex, nil))
            }
            for (g, group) in groups.enumerated() {
                for mention in group.mentions where mention.sentence == k {
                    let after = s.text.unicodeScalars.index(s.text.startIndex, offsetBy: mention.range.upperBound - s.range.lowerBound)
                    if let m = s.text[after...].prefixMatch(
                        of: Self.unitsAfterInspectionWord
                    ) {
                        found.append((1, m.output.1.startIndex..<m.output.1.endIndex, g))
                    }
                }
            }
            // 召开巡察市供销合作社(工作)动员会: news of the mobilisation meeting names the unit inside it.
            for m in s.text.matches(of: Self.mobilisationMeetingUnits) {
                found.append((1, m.output.1.startIndex..<m.output.1.endIndex, nil))
            }
            for m in s.text.matches(of: Self.inspectedUnitsLabel) {
                found.append((2, m.output.1.startIndex..<m.output.1.endIndex, nil))
            }
            if s.isCell, s.header.contains(Self.unitColumnHeader) {
                found.append((2, s.text.startIndex..<s.text.endIndex, nil))
            }
            for m in s.text.matches(of: Self.stationedAt) {
                found.append((3, m.output.1.startIndex..<m.output.1.endIndex, nil))
            }
            // 第一巡察组、第二巡察组分别对区教育局、区卫生健康局开展巡察: one unit each, in order.
            let named = groups.indices.filter { g in groups[g].mentions.contains { $0.sentence == k } }
                .sorted { a, b in
                    groups[a].mentions.first { $0.sentence == k }!.range.lowerBound < groups[b].mentions.first { $0.sentence == k }!.range.lowerBound
                }
            if named.count > 1, s.text.contains("分别"), let f = found.first(where: { $0.rank == 0 }) {
                let items = unitItems(s, f.range)
                if items.count == named.count {
                    for (g, item) in zip(named, items) { lists.append(UnitList(rank: 0, items: [item], group: g)) }
                    continue
                }
            }
            for f in found {
                var items = unitItems(s, f.range)
                // 进驻 is also said of work (巡视进驻工作已完成过半): there, only unit names count.
                if f.rank == 3 { items = items.filter { $0.value.contains(Self.unitEnd) } }
                guard !items.isEmpty else { continue }
                lists.append(UnitList(rank: f.rank, items: items, group: f.group ?? listOwner(k)))
            }
        }
        return lists
    }

    /// The group a sentence is about: its section's, or the one numbered group it names.
    func listOwner(_ k: Int) -> Int? {
        if let g = owner[k] { return g }
        let named = Set(groups.indices.filter { g in groups[g].mentions.contains { $0.sentence == k } })
        return groups.count > 1 && named.count == 1 ? named.first : nil
    }

    nonisolated(unsafe) static let unitEnd: Regex<(Substring, Substring)> =
        #/(局|委|办|院|会|中心|公司|街道|镇|乡|村|社区|学校|中学|小学|部|所|站|队|厅|处|室|馆|集团|医院|大学|党组|党委|支部|机关|单位|法院|检察院|银行)$/#
    nonisolated(unsafe) static let countItem: Regex<(Substring, Substring?)> = #/^(等)?[\d一二三四五六七八九十两]+个/#
    nonisolated(unsafe) static let genericCount: Regex<(Substring, Substring)> = #/^[\d一二三四五六七八九十两]+个(单位|党组织|地区|部门|省区市|机关|单位党组织|地区和单位|中央和国家机关单位)/#

    /// Splits a written list of units: at 、 and commas outside parentheses, at 和/及 between two
    /// complete unit names; drops a trailing total (等7个单位, 6个单位党组织) and a list that is
    /// only a count of unspecified units (18个单位党组织); expands a shared town prefix
    /// (沙溪镇半泾村、香塘村 → 沙溪镇香塘村).
    func unitItems(_ s: Sentence, _ span: Range<String.Index>) -> [Found<String>] {
        var parts: [Range<String.Index>] = []
        var depth = 0
        var start = span.lowerBound
        var i = span.lowerBound
        while i < span.upperBound {
            let c = s.text[i]
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) }
            if depth == 0, c == "、" || c == "," {
                parts.append(start..<i)
                start = s.text.index(after: i)
            }
            i = s.text.index(after: i)
        }
        parts.append(start..<span.upperBound)
        // A total after the last name: …区营商服务中心等7个单位及村(社区), 荆山街道6个单位党组织.
        if let last = parts.last, let m = s.text[last].firstMatch(of: Self.trailingTotal),
            m.range.lowerBound > last.lowerBound, parts.count > 1 || m.output.1 != nil
        {
            parts[parts.count - 1] = last.lowerBound..<m.range.lowerBound
        }
        // 和/及/与 between two units: 市财政局和市审计局, not 双照街道及所辖29个村.
        var split: [Range<String.Index>] = []
        for p in parts {
            let text = s.text[p]
            if let m = text.firstMatch(of: Self.conjunction), m.range.lowerBound > text.startIndex {
                let left = text[..<m.range.lowerBound]
                let right = text[m.range.upperBound...]
                if left.contains(Self.unitEnd), right.contains(Self.unitEnd), !right.hasPrefix("所辖"), right.prefixMatch(of: Self.countItem) == nil,
                    left.firstMatch(of: Self.countItem) == nil
                {
                    split.append(p.lowerBound..<m.range.lowerBound)
                    split.append(m.range.upperBound..<p.upperBound)
                    continue
                }
            }
            split.append(p)
        }
        var items: [(text: String, range: Range<String.Index>)] = []
        for var r in split {
            // Leading words that are not part of a name: 我市…, 了, 以及.
            if let m = s.text[r].prefixMatch(of: Self.itemLead) { r = m.range.upperBound..<r.upperBound }
            var text = String(s.text[r]).trimmingCharacters(in: .whitespaces)
            if text.hasSuffix("等") {
                text.removeLast()
                r = r.lowerBound..<s.text.index(before: r.upperBound)
            }
            // 以下单位, 上述单位, 各被巡察单位: a pointer to a list, not a unit.
            if text.prefixMatch(of: Self.notAUnitLead) != nil { continue }
            // Words of the news around the list, not units: 动员会, 扎实, 会议要求.
            guard text.count >= 2, text.count <= 60, text.prefixMatch(of: Self.genericCount) == nil,
                !text.contains(Self.newsWord), text.wholeMatch(of: Self.newsItem) == nil
            else {
                continue
            }
            items.append((text, r))
        }
        // 沙溪镇半泾村、香塘村: a village or community after one with its town takes the town.
        var town: String?
        return items.map { item in
            var value = item.text
            if let m = value.firstMatch(of: Self.townPrefix), value.count > m.output.0.count {
                town = String(m.output.0)
            } else if let town, value.contains(Self.villageEnd), !value.contains(Self.townWord) {
                value = town + value
            }
            return Found(value, t.evidence(s.offsets(item.range), in: s, 0.8, "units.list"))
        }
    }

    // MARK: - Leader

    /// 组长彭书威, 巡察组组长李强同志, 组长为王秀兰 — the name after 组长 (not 副组长), up to the verb that follows.
    func leader(for g: Int?) -> Found<String>? {
        for (k, s) in regionSentences {
            for m in s.text.matches(of: Self.groupLeader) {
                if m.range.lowerBound > s.text.startIndex, s.text[s.text.index(before: m.range.lowerBound)] == "副" { continue }
                let written = m.output.1 ?? m.output.2!
                var name = String(written)
                if let stop = name.firstMatch(of: Self.afterLeaderName) {
                    name = String(name[..<stop.range.lowerBound])
                }
                guard (2...4).contains(name.count) else { continue }
                // Whose leader: the group named right before 组长, else the section's.
                let at = s.offset(m.range.lowerBound)
                let named = groups.indices.first { gi in groups[gi].mentions.contains { $0.sentence == k && $0.range.upperBound == at } }
                guard g == nil || groups.count == 1 || named == g || (named == nil && owner[k] == g) else { continue }
                let lower = written.startIndex
                let range = s.offsets(lower..<s.text.index(lower, offsetBy: name.count))
                return Found(name, t.evidence(range, in: s, named != nil ? 0.9 : 0.7, "leader.after"))
            }
        }
        return nil
    }

    // Patterns built once: a regex literal in a function is parsed and compiled again each time
    // it is reached. Matching with one from several threads is safe (its program is set once,
    // atomically); the compiler cannot see that, hence nonisolated(unsafe).
    nonisolated(unsafe) static let unitsBeforeInspection = #/对([^对。]{2,300}?)(?:开展|进行|实施)了?(?:为期[^,。]{1,8}的)?[^,。]{0,20}?(?:巡察|巡视)/#
    nonisolated(unsafe) static let unitsAfterInspectionWord =
        #/[:(]?\s*(?:巡察|巡视|进驻)(.{2,200}?)(?:巡察动员|巡视动员|工作动员|动员会|工作|期间|开展|\)(?=[:,;。]|$)|,|。|;|$)/#
    nonisolated(unsafe) static let mobilisationMeetingUnits = #/召开(?:巡察|巡视|对)(.{2,60}?)(?:开展)?(?:巡察|巡视)?(?:工作)?动员(?:部署)?会/#
    nonisolated(unsafe) static let inspectedUnitsLabel = #/(?:被巡察单位|被巡视单位|巡察对象|巡察单位)(?:[:]|为|是)(.{2,300}?)(?:。|;|$)/#
    nonisolated(unsafe) static let unitColumnHeader = #/单位|对象/#
    nonisolated(unsafe) static let stationedAt = #/(?:进驻|入驻)了?(.{2,120}?)(?=,|。|;|开展|召开|进行|并|巡察动员|动员会|$)/#
    nonisolated(unsafe) static let trailingTotal = #/(等|共)?[\d一二三四五六七八九十两]+个[^、]*$/#
    nonisolated(unsafe) static let conjunction = #/以及|和|及|与/#
    nonisolated(unsafe) static let itemLead = #/\s*(以及|我市|我县|我区|全市|全县|全区|本市|本县|了)?\s*/#
    nonisolated(unsafe) static let notAUnitLead = #/(以下|下列|如下|上述|各|有关|相关|被巡察|被巡视)/#
    nonisolated(unsafe) static let newsWord = #/巡察|巡视|[:]|\d{5,}|动员|扎实|会议|要求|部署|召开|同志|讲话/#
    nonisolated(unsafe) static let newsItem = #/工作|情况|进驻/#
    nonisolated(unsafe) static let townPrefix = #/^.{1,8}?(镇|乡|街道)/#
    nonisolated(unsafe) static let villageEnd = #/(村|社区|居委会)$/#
    nonisolated(unsafe) static let townWord = #/镇|乡|街道/#
    /// 组长彭书威 (the name runs on until a verb), or 组长为王秀兰 (the name alone, up to the sentence's end).
    nonisolated(unsafe) static let groupLeader =
        #/组长(?:(?:为|是)([\x{4E00}-\x{9FFF}]{2,4})(?=同志|[。,;(]|$)|[:]?\s*([\x{4E00}-\x{9FFF}]{2,8}))/#
    nonisolated(unsafe) static let afterLeaderName = #/同志|主持|介绍|作|就|在|讲话|对|强调|指出|表示|要求|宣读|说明|通报|带队|参加|出席|等|一行|和|及|与|为|到|率/#
}
