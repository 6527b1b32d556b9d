/// Places units written in rosters and reports in an inspection's scope, with every unit's
/// comparison keys made once (a roster of thousands places thousands of units).
public struct UnitPlacer: Sendable {
    public let scope: InspectionScope
    private let unitKeys: [[String]]
    private let nextKeys: [[String]]
    private let nextParentIndex: [Int?]

    public init(_ scope: InspectionScope) {
        self.scope = scope
        unitKeys = scope.units.map { InspectionScope.variants(InspectionScope.key($0)) }
        nextKeys = scope.nextLevel.map { InspectionScope.variants(InspectionScope.key($0.name)) }
        nextParentIndex = scope.nextLevel.map { n in scope.units.firstIndex(of: n.parent) }
    }

    /// Where `unit` stands: a next-level unit first (县财政局城关财政所 is the 财政所, not the
    /// bureau), then an inspected unit or a part of one, then a next-level unit written short
    /// (青石村 for 白沙镇青石村, when only one fits) or under its parent's short name; nil when it
    /// is in no part of the scope.
    public func place(_ unit: String) -> UnitPlacement? {
        let key = InspectionScope.key(unit)
        guard !key.isEmpty else { return nil }
        let keys = InspectionScope.variants(key)
        let nextLevel = scope.nextLevel
        if let exact = nextKeys.firstIndex(where: { $0.contains(where: keys.contains) }) { return .nextLevel(nextLevel[exact]) }
        if let u = unitKeys.firstIndex(where: { Self.matchesInspected(keys, $0) }) {
            // 县财政局城关财政所: the part after the parent's name may be one of its next level.
            let rests = keys.flatMap { k in unitKeys[u].filter { k.count > $0.count && k.hasPrefix($0) }.map { String(k.dropFirst($0.count)) } }
            let under = nextLevel.indices.filter { i in
                nextParentIndex[i] == u && nextKeys[i].contains { nk in rests.contains { $0 == nk || ($0.count >= 2 && nk.hasSuffix($0)) } }
            }
            return under.count == 1 ? .nextLevel(nextLevel[under[0]]) : .inspected(scope.units[u])
        }
        let abbreviated = nextLevel.indices.filter { i in keys.contains { k in k.count >= 3 && nextKeys[i].contains { $0.hasSuffix(k) } } }
        if abbreviated.count == 1 { return .nextLevel(nextLevel[abbreviated[0]]) }
        let underParent = nextLevel.indices.first { i in
            guard let p = nextParentIndex[i], let nk = nextKeys[i].first, nk.count >= 2, key.count > nk.count, key.hasSuffix(nk) else {
                return false
            }
            return Self.matchesInspected(InspectionScope.variants(String(key.dropLast(nk.count))), unitKeys[p])
        }
        return underParent.map { .nextLevel(nextLevel[$0]) }
    }

    /// A unit is the inspected unit when equal to it, written with a part after it
    /// (县财政局城关财政所), or written without its place (财政局; three characters at least).
    static func matchesInspected(_ keys: [String], _ unitKeys: [String]) -> Bool {
        keys.contains { k in unitKeys.contains { u in k == u || k.hasPrefix(u) || (k.count >= 3 && u.hasSuffix(k)) } }
    }
}
