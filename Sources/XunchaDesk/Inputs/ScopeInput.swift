import XunchaCore

/// An inspection's next-level units as a script sends them: each with its parent (an inspected
/// unit), its name and, optionally, its kind as a code or in Chinese (guessed from the name when
/// left out).
public struct ScopeInput: Decodable, Sendable {
    public struct Unit: Decodable, Sendable {
        public var parent: String
        public var name: String
        public var kind: String?

        public init(parent: String, name: String, kind: String? = nil) {
            self.parent = parent
            self.name = name
            self.kind = kind
        }
    }

    public var nextLevel: [Unit]

    public init(nextLevel: [Unit]) { self.nextLevel = nextLevel }

    public func units() throws(InputError) -> [NextLevelUnit] {
        var out: [NextLevelUnit] = []
        for unit in nextLevel {
            var kind: UnitKind?
            if let written = unit.kind.map(TextLimits.trimmed), !written.isEmpty {
                guard let read = UnitKind.read(written) else { throw UnitKind.unknown(written, unit: unit.name) }
                kind = read
            }
            out.append(NextLevelUnit(name: unit.name, kind: kind, parent: unit.parent))
        }
        return out
    }
}
