import Foundation
import XunchaText

extension RosterPerson {
    /// Whether this person is the principal (一把手) of one of the inspected `units` itself: the
    /// Party secretary (党组书记, 党委书记, 书记 …) or the chief (局长, 主任, 院长, 校长, 镇长,
    /// 县长 …) of the unit. Leads about the principal are handled by the leader alone.
    ///
    /// The person's unit must be one of `units` (traditional script, full width and spaces
    /// ignored, and 中共 before or 党组/党委 after a name), so a school head listed under a bureau,
    /// or another unit's chief, is not its principal. One part of the post (split at 、，/；兼
    /// and brackets), as written or with the unit's name or a tail of it in front taken off, must
    /// be exactly a principal's title: 副局长, 纪检组长, 纪委书记, 办公室主任 and 城关中学校长 are
    /// not. A person whose unit is not given is never taken for a principal.
    public func isUnitPrincipal(of units: [String]) -> Bool {
        let unit = Principal.unitKey(unit)
        guard !unit.isEmpty, units.contains(where: { Principal.unitKey($0) == unit }) else { return false }
        let fullName = Principal.normalized(self.unit)
        return Principal.postParts(post).contains { part in
            Principal.readings(part, unit: fullName, key: unit).contains(where: Principal.isPrincipalTitle)
        }
    }
}

/// The word lists and text handling behind `RosterPerson.isUnitPrincipal(of:)`.
enum Principal {
    /// A Party organisation's secretary. 纪委书记 and 机关党委书记 are not in the list: they are
    /// not the secretary of the unit.
    static let secretaries: Set<String> = [
        "书记", "党组书记", "党委书记", "党工委书记", "党总支书记", "党支部书记", "总支书记", "支部书记", "支书",
    ]

    /// The chief of a unit, by the kind of unit. 主任 alone: the head of a 委, 办 or 中心 (the
    /// head of an office inside the unit is 办公室主任, which is not here).
    static let chiefs: Set<String> = [
        "局长", "主任", "院长", "校长", "镇长", "乡长", "县长", "区长", "市长", "州长", "旗长", "厅长", "部长", "所长",
        "站长", "馆长", "园长", "厂长", "场长", "处长", "行长", "社长", "会长", "主席", "理事长", "董事长", "总经理",
        "检察长", "大队长", "村主任", "村委会主任", "居委会主任", "街道办主任", "街道办事处主任",
    ]

    static func isPrincipalTitle(_ part: String) -> Bool {
        secretaries.contains(part) || chiefs.contains(part)
    }

    private static let normalizer = TextNormalizer()

    /// Simplified, half-width, without spaces.
    static func normalized(_ text: String) -> String {
        normalizer.normalize(text).filter { !$0.isWhitespace }
    }

    /// A unit's name as compared: normalized, without 中共 in front or 党组/党委 after it.
    static func unitKey(_ unit: String) -> String {
        var key = normalized(unit)
        if key.hasPrefix("中共") { key.removeFirst(2) }
        for suffix in ["党组", "党委"] where key.hasSuffix(suffix) && key.count > suffix.count {
            key.removeLast(suffix.count)
        }
        return key
    }

    /// The separate offices a post names: 党组书记、局长 → 党组书记, 局长; 书记兼主任 → 书记, 主任.
    static func postParts(_ post: String) -> [String] {
        let separators: Set<Character> = ["、", ",", "，", "/", ";", "；", "(", ")", "（", "）", "兼"]
        return normalized(post).replacingOccurrences(of: "兼任", with: "兼")
            .split(whereSeparator: { separators.contains($0) })
            .map(String.init)
    }

    /// The ways a part can be read: as written, and without a tail of the unit's name in front
    /// (县教育局局长, 教育局局长 → 局长; 中共县教育局党组书记 → 党组书记; at 城关镇, 镇党委书记 →
    /// 党委书记).
    static func readings(_ part: String, unit fullName: String, key: String) -> [String] {
        var part = part
        if part.hasPrefix("中共") { part.removeFirst(2) }
        var out = [part]
        for name in [fullName, key] {
            let chars = Array(name)
            for start in chars.indices {
                let tail = String(chars[start...])
                if part.hasPrefix(tail), part.count > tail.count { out.append(String(part.dropFirst(tail.count))) }
            }
        }
        return out
    }
}
