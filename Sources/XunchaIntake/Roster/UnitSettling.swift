import XunchaCore

/// What staff chose for a roster unit the inspection's scope does not know.
public enum RosterUnitChoice: Sendable, Hashable {
    /// A next-level unit of this inspected unit, added to the scope with the import.
    case nextLevel(of: String)
    /// Not in the inspection's scope: its rows are not imported.
    case outOfScope
}

/// Where one roster row's unit stands once the file and the choices have been read.
public enum RosterUnitSettlement: Sendable, Hashable {
    /// No scope to check against (a file read on its own).
    case unchecked
    case placed(UnitPlacement)
    /// A next-level unit this import adds to the scope.
    case added(NextLevelUnit)
    /// Chosen as out of scope: the row is shown and not imported.
    case excluded
    /// Unsettled: the unit (or, with a 上级单位 column, the parent) as written.
    case unknown(String)
}

/// Settles each row's unit against the scope: a unit the scope knows is placed; an unknown one
/// becomes a next-level unit of the inspected unit its 上级单位 / 所属单位 cell names, or what staff
/// chose for it; otherwise it stays unsettled and stops the import.
struct UnitSettling {
    let scope: InspectionScope?
    let choices: [String: RosterUnitChoice]
    /// Next-level units this file adds, in the order first seen.
    private(set) var added: [NextLevelUnit] = [] {
        didSet { placer = extendedScope.map(UnitPlacer.init) }
    }
    /// The scope with what was added, made again only when something is (a handful of times per file).
    private var placer: UnitPlacer?
    private let scopePlacer: UnitPlacer?
    /// Units neither the scope, the file nor a choice places, in the order first seen.
    private(set) var unsettled: [String] = []

    init(scope: InspectionScope?, choices: [String: RosterUnitChoice]) {
        self.scope = scope
        self.choices = Dictionary(choices.map { (InspectionScope.key($0.key), $0.value) }) { first, _ in first }
        scopePlacer = scope.map(UnitPlacer.init)
        placer = scopePlacer
    }

    var extendedScope: InspectionScope? {
        scope.map { InspectionScope(units: $0.units, nextLevel: $0.nextLevel + added) }
    }

    /// First pass, over every row: a unit the scope does not know, written with an inspected
    /// unit as its 上级单位, becomes a next-level unit of it (for every row of that unit).
    mutating func learn(unit: String, parent: String) {
        guard scope != nil, !parent.isEmpty, !InspectionScope.key(unit).isEmpty, placer?.place(unit) == nil,
            case .inspected(let inspected)? = scopePlacer?.place(parent)
        else { return }
        added.append(NextLevelUnit(name: unit, parent: inspected))
    }

    /// Second pass: where each row's unit stands.
    mutating func settle(unit: String, parent: String) -> RosterUnitSettlement {
        guard let scope else { return .unchecked }
        guard !InspectionScope.key(unit).isEmpty else { return .unknown("") }
        if let placement = placer?.place(unit) {
            if case .nextLevel(let n) = placement, added.contains(n) { return .added(n) }
            return .placed(placement)
        }
        if !parent.isEmpty {
            // learn() took every parent the scope knows: this one it does not.
            note(parent)
            return .unknown(parent)
        }
        switch choices[InspectionScope.key(unit)] {
        case .nextLevel(let of)? where scope.units.contains(of):
            added.append(NextLevelUnit(name: unit, parent: of))
            return .added(added[added.count - 1])
        case .outOfScope?:
            return .excluded
        default:
            note(unit)
            return .unknown(unit)
        }
    }

    private mutating func note(_ unit: String) {
        if !unsettled.contains(unit) { unsettled.append(unit) }
    }
}
