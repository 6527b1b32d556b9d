/// A next-level unit (下一级单位) of one inspected unit: its principal is in the group's scope as
/// 下一级党组织主要负责人, its other people are not.
public struct NextLevelUnit: Codable, Sendable, Hashable {
    public var name: String
    public var kind: UnitKind
    /// The inspected unit it belongs under, as the inspection names it.
    public var parent: String

    public init(name: String, kind: UnitKind? = nil, parent: String) {
        self.name = name
        self.kind = kind ?? UnitKind.guess(name: name)
        self.parent = parent
    }
}

/// Where a unit written in a roster or a report stands in an inspection's scope.
public enum UnitPlacement: Sendable, Hashable {
    /// One of the inspected units, or a part of one written with its name in front.
    case inspected(String)
    case nextLevel(NextLevelUnit)

    /// The level in words for reasons shown to staff: 被巡察单位县财政局, 下一级单位城关镇（乡镇（街道））.
    public var descriptionZH: String {
        switch self {
        case .inspected(let unit): "被巡察单位\(unit)"
        case .nextLevel(let unit): "\(unit.parent)的下一级单位\(unit.name)（\(unit.kind.chineseName)）"
        }
    }
}
