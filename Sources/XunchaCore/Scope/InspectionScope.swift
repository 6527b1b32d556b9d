import XunchaText

/// The units an inspection covers: the inspected units (被巡察单位) and, under each, its
/// next-level units (下一级单位). Rosters and reports name units in full, without their place
/// (老干部局 for 县委老干部局), with the party body's word (城关镇党委) or under their parent
/// (县财政局城关财政所); `place(_:)` reads all of these.
public struct InspectionScope: Codable, Sendable, Hashable {
    public var units: [String]
    public var nextLevel: [NextLevelUnit]

    public init(units: [String], nextLevel: [NextLevelUnit] = []) {
        self.units = units
        self.nextLevel = nextLevel
    }

    /// The most next-level units one inspection holds (a county bureau with all its schools is a
    /// few hundred).
    public static let maxNextLevelUnits = 2_000

    public func nextLevel(of unit: String) -> [NextLevelUnit] { nextLevel.filter { $0.parent == unit } }

    /// Where `unit` stands (see `UnitPlacer`); to place many units, make one `UnitPlacer`.
    public func place(_ unit: String) -> UnitPlacement? { UnitPlacer(self).place(unit) }

    /// Simplified, half-width, without spaces, and without the party body's word at the end
    /// (城关镇党委 is 城关镇) when something is left.
    public static func key(_ unit: String) -> String {
        var k = TextNormalizer().normalize(unit).filter { !$0.isWhitespace }
        for word in ["党工委", "党总支", "党支部", "党委", "党组", "机关"] where k.hasSuffix(word) && k.count - word.count >= 2 {
            k.removeLast(word.count)
            break
        }
        return k
    }

    /// The key, and the key without 委 after the place (县委老干部局 and 县老干部局 are one bureau).
    public static func variants(_ key: String) -> [String] {
        for place in ["县委", "市委", "区委", "州委", "旗委"] {
            guard let r = key.range(of: place), key.distance(from: key.startIndex, to: r.lowerBound) <= 6,
                key.distance(from: r.upperBound, to: key.endIndex) >= 2
            else { continue }
            var short = key
            short.replaceSubrange(r, with: String(place.prefix(1)))
            return [key, short]
        }
        return [key]
    }

    /// Refuses a scope that cannot be right: a next-level unit without a name, under no inspected
    /// unit, named twice under one, or too many.
    public func validated() throws(InputError) -> InspectionScope {
        var s = self
        s.units = units.map(TextLimits.trimmed).filter { !$0.isEmpty }
        s.nextLevel = []
        var seen = Set<String>()
        for var n in nextLevel {
            n.name = TextLimits.trimmed(n.name)
            n.parent = TextLimits.trimmed(n.parent)
            if n.name.isEmpty { continue }
            try TextLimits.check(n.name, field: "next_level", labelZH: "下一级单位名称", max: 100)
            guard s.units.contains(n.parent) else {
                throw InputError(
                    code: "unknown_parent_unit",
                    zh: "下一级单位“\(n.name)”的上级单位“\(n.parent)”不是本次巡察的被巡察单位。",
                    en: "next-level unit \"\(n.name)\": parent \"\(n.parent)\" is not an inspected unit.",
                    field: "next_level"
                )
            }
            guard seen.insert(n.parent + "\u{1F}" + Self.key(n.name)).inserted else {
                throw InputError(
                    code: "duplicate_next_level_unit",
                    zh: "“\(n.parent)”下的下一级单位“\(n.name)”重复。",
                    en: "next-level unit \"\(n.name)\" appears twice under \"\(n.parent)\".",
                    field: "next_level"
                )
            }
            s.nextLevel.append(n)
        }
        if s.nextLevel.count > Self.maxNextLevelUnits {
            throw InputError(
                code: "too_many_next_level_units",
                zh: "下一级单位最多 \(Self.maxNextLevelUnits) 个。",
                en: "at most \(Self.maxNextLevelUnits) next-level units.",
                field: "next_level"
            )
        }
        return s
    }
}
