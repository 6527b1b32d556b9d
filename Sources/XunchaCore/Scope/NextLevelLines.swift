/// Next-level units as staff type them in the console, one inspected unit's at a time: one unit a
/// line (or several split by 、；), the kind after a comma or in brackets when the name does not
/// say it (城关第一中学 / 东岭学区，学校 / 老年大学（直属单位）). What the console shows is written the
/// same way, so a page saved unchanged is the same scope.
public enum NextLevelLines {
    /// The most characters one inspected unit's box takes.
    public static let maxLength = 60_000

    public static func parse(_ text: String, parent: String) throws(InputError) -> [NextLevelUnit] {
        try TextLimits.check(text, field: "next_level", labelZH: "下一级单位", max: maxLength)
        var units: [NextLevelUnit] = []
        for item in text.split(whereSeparator: { $0.isNewline || "、；;".contains($0) }) {
            let written = TextLimits.trimmed(String(item))
            guard !written.isEmpty else { continue }
            if let comma = written.lastIndex(where: { "，,\t".contains($0) }) {
                let name = TextLimits.trimmed(String(written[..<comma]))
                let kindText = TextLimits.trimmed(String(written[written.index(after: comma)...]))
                guard let kind = UnitKind.read(kindText) else { throw UnitKind.unknown(kindText, unit: written) }
                if !name.isEmpty { units.append(NextLevelUnit(name: name, kind: kind, parent: parent)) }
                continue
            }
            if let (name, kind) = bracketedKind(written) {
                units.append(NextLevelUnit(name: name, kind: kind, parent: parent))
            } else {
                units.append(NextLevelUnit(name: written, parent: parent))
            }
        }
        return units
    }

    /// The units written back, one a line with the kind after a comma.
    public static func text(_ units: [NextLevelUnit]) -> String {
        units.map { "\($0.name)，\($0.kind.chineseName)" }.joined(separator: "\n")
    }

    /// 老年大学（直属单位）: a name and a kind in brackets at its end; nil when the brackets hold no
    /// kind (河湾社区（居委会） keeps its brackets as part of the name only when they read as no kind).
    private static func bracketedKind(_ written: String) -> (String, UnitKind)? {
        guard let last = written.last, last == "）" || last == ")" else { return nil }
        var depth = 0
        for i in written.indices.reversed() {
            let c = written[i]
            if c == "）" || c == ")" { depth += 1 }
            if c == "（" || c == "(" {
                depth -= 1
                if depth == 0 {
                    let inside = String(written[written.index(after: i)..<written.index(before: written.endIndex)])
                    let name = TextLimits.trimmed(String(written[..<i]))
                    guard !name.isEmpty, let kind = UnitKind.read(inside) else { return nil }
                    return (name, kind)
                }
            }
        }
        return nil
    }
}
