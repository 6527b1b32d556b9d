/// Next-level units proposed from an inspection's units as announcements write them: 县教育局党组
/// 及所辖城关第一中学、东岭学区 is one inspected unit (县教育局) with two next-level units; 白沙镇党委
/// 及所辖行政村 is 白沙镇 with next-level units of a kind but no names (the roster names them).
public enum NextLevelProposal {
    public struct Split: Sendable, Equatable {
        public var units: [String]
        public var nextLevel: [NextLevelUnit]
    }

    /// Splits written units into inspected units and the next-level units named after 所辖 /
    /// 所属 / 下属: the unit after the word and the ones listed after it, until one that reads as
    /// a unit of the same level as the parent (县卫健局 after 县教育局及所辖学校).
    public static func split(_ written: [String]) -> Split {
        var units: [String] = []
        var nextLevel: [NextLevelUnit] = []
        var parent: String?
        for item in written {
            if let m = item.firstMatch(of: Self.unitWithNextLevel) {
                let name = String(m.output.1)
                if !units.contains(name) { units.append(name) }
                let rest = String(m.output.2)
                if rest.isEmpty || isGeneric(rest) {
                    parent = nil
                } else {
                    nextLevel.append(NextLevelUnit(name: rest, parent: name))
                    parent = name
                }
                continue
            }
            if let p = parent, !isPeer(item) {
                nextLevel.append(NextLevelUnit(name: item, parent: p))
                continue
            }
            parent = nil
            if !units.contains(item) { units.append(item) }
        }
        return Split(units: units, nextLevel: nextLevel)
    }

    /// 行政村, 村(社区), 9个学区, 各学校: a kind of unit, not a unit's name.
    static func isGeneric(_ text: String) -> Bool {
        text.wholeMatch(
            of:
                Self.kindOfUnit
        ) != nil
    }

    /// A unit of a county or city's own level (县卫健局, 市审计局), which is not listed under another.
    static func isPeer(_ text: String) -> Bool {
        guard let first = text.first, "省市县区州旗".contains(first) else { return false }
        return text.firstMatch(of: Self.peerUnitEnd) != nil
    }

    // Patterns built once: a regex literal in a function is parsed and compiled again each time
    // it is reached. Matching with one from several threads is safe (its program is set once,
    // atomically); the compiler cannot see that, hence nonisolated(unsafe).
    nonisolated(unsafe) static let unitWithNextLevel = #/^(.+?)(?:党组|党委|党工委|党总支|党支部)?(?:以及|及|和)其?(?:所辖|所属|下属|直属)的?(.*)$/#
    nonisolated(unsafe) static let kindOfUnit =
        #/(?:各|全部)?(?:[\d一二三四五六七八九十两百]+个)?(?:行政村|村|社区|居委会|村居|村[(（]社区[)）]|学校|中小学校?|学区|单位|站所|二级机构|直属单位|下属单位|部门|科室|企业|公司|乡镇|街道|乡镇[(（]街道[)）]|党组织|和|、)+/#
    nonisolated(unsafe) static let peerUnitEnd = #/(局|委员会|委|办公室|办|部|院|厅|中心|党组|党委)$/#
}
