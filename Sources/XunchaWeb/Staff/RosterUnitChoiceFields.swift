import XunchaCore
import XunchaIntake

/// What the admin chose in the roster preview for units the scope does not know, as form fields
/// carried with the file (`RosterFileCarry`) to the next preview and to the confirmation:
/// `unit_name_N` is the unit as the file writes it, `unit_choice_N` is `parent:K` (a next-level
/// unit of the inspection's K-th unit) or `out` (not in scope, not imported).
enum RosterUnitChoiceFields {
    static let settleField = "settle"
    static let outOfScope = "out"
    /// More units than any roster has; the fields stop at the first gap anyway.
    static let maxChoices = 1_000

    static func nameField(_ i: Int) -> String { "unit_name_\(i)" }
    static func choiceField(_ i: Int) -> String { "unit_choice_\(i)" }
    static func parentValue(_ k: Int) -> String { "parent:\(k)" }

    /// The choices in the form; a field left at 请选择, or naming no unit of the inspection, is no choice.
    static func read(_ fields: [String: String], units: [String]) -> [String: RosterUnitChoice] {
        var choices: [String: RosterUnitChoice] = [:]
        for i in 0..<maxChoices {
            guard let name = fields[nameField(i)] else { break }
            let value = fields[choiceField(i)] ?? ""
            if value == outOfScope {
                choices[name] = .outOfScope
            } else if value.hasPrefix("parent:"), let k = Int(value.dropFirst("parent:".count)), units.indices.contains(k) {
                choices[name] = .nextLevel(of: units[k])
            }
        }
        return choices
    }

    /// The choices made, as hidden fields numbered from 0, in a stable order.
    static func hidden(_ choices: [String: RosterUnitChoice], units: [String]) -> [String: String] {
        var fields: [String: String] = [:]
        for (i, (name, choice)) in choices.sorted(by: { $0.key < $1.key }).enumerated() {
            fields[nameField(i)] = name
            switch choice {
            case .outOfScope: fields[choiceField(i)] = outOfScope
            case .nextLevel(let of): fields[choiceField(i)] = units.firstIndex(of: of).map(parentValue) ?? ""
            }
        }
        return fields
    }
}

extension RosterView {
    /// A unit the scope does not know, with the choices the preview offers for it.
    struct UnsettledUnit {
        struct Option {
            var value: String
            var label: String
        }

        var name: String
        var nameField: String
        var choiceField: String
        var options: [Option]

        /// `first`: the field number after the choices already made.
        static func list(_ units: [String], inspectionUnits: [String], first: Int) -> [UnsettledUnit] {
            units.enumerated().map { i, unit in
                UnsettledUnit(
                    name: unit,
                    nameField: RosterUnitChoiceFields.nameField(first + i),
                    choiceField: RosterUnitChoiceFields.choiceField(first + i),
                    options: [Option(value: "", label: "请选择")]
                        + inspectionUnits.enumerated().map {
                            Option(value: RosterUnitChoiceFields.parentValue($0.offset), label: "\($0.element)的下一级单位")
                        }
                        + [Option(value: RosterUnitChoiceFields.outOfScope, label: "不在巡察范围（不导入）")]
                )
            }
        }
    }
}
