import Foundation
import XunchaCore

/// A JSON value whose objects keep their keys in order, so output reads like the announcement.
enum JSONNode: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([(String, JSONNode)])

    static func == (a: JSONNode, b: JSONNode) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    subscript(key: String) -> JSONNode? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var array: [JSONNode]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// Two-space indented JSON; arrays of scalars stay on one line.
    func encoded(indent: String = "") -> String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .string(let s): return Self.quoted(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .object = $0 { false } else if case .array = $0 { false } else { true } }) {
                return "[" + items.map { $0.encoded() }.joined(separator: ", ") + "]"
            }
            let inner = indent + "  "
            return "[\n" + items.map { inner + $0.encoded(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let inner = indent + "  "
            return "{\n" + members.map { inner + Self.quoted($0.0) + ": " + $0.1.encoded(indent: inner) }.joined(separator: ",\n") + "\n" + indent
                + "}"
        }
    }

    /// A JSON string literal (Foundation's escaping; slashes and non-ASCII left as they are).
    static func quoted(_ s: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return (try? encoder.encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}

extension Announcement {
    /// What `xuncha inspection parse --json` prints: one object per group (an array when there
    /// are several), with the dataset's keys, then `evidence` (for each field, the span and the
    /// sentence in the original text as Unicode scalar offsets, the words themselves, the
    /// confidence and the rule) and `flags`.
    public func json(evidence: Bool = true) -> String {
        let objects = inspections.map { node(for: $0, evidence: evidence) }
        return (objects.count == 1 ? objects[0] : .array(objects)).encoded() + "\n"
    }

    func node(for i: AnnouncedInspection, evidence: Bool) -> JSONNode {
        var members = Self.fields(of: i)
        members.append(("published", published.map { .string($0.value.iso) } ?? .null))
        if evidence {
            members.append(("evidence", .object(evidenceMembers(i))))
            members.append(
                (
                    "flags",
                    .array(
                        i.flags.map { f in
                            .object([
                                ("code", .string(f.code)), ("field", .string(f.field)), ("zh", .string(f.messageZH)), ("en", .string(f.messageEN)),
                            ])
                        }
                    )
                )
            )
        }
        return .object(members)
    }

    static func fields(of i: AnnouncedInspection) -> [(String, JSONNode)] {
        func s(_ f: Found<String>?) -> JSONNode { f.map { .string($0.value) } ?? .null }
        func d(_ f: Found<CivilDate>?) -> JSONNode { f.map { .string($0.value.iso) } ?? .null }
        func list(_ items: [Found<String>]) -> JSONNode { .array(items.map { .string($0.value) }) }
        return [
            ("group", s(i.group)),
            ("group_leader", s(i.leader)),
            ("units", list(i.units)),
            ("period_start", d(i.periodStart)),
            ("period_end", d(i.periodEnd)),
            ("phones", list(i.phones)),
            ("emails", list(i.emails)),
            ("postal_boxes", list(i.postalBoxes)),
            ("other_channels", list(i.otherChannels)),
            ("phone_hours", .array(i.phoneHours.map { Self.hoursNode($0.value) })),
            ("deadline", d(i.deadline)),
            ("deadline_time", i.deadlineTime.map { .string($0.value.description) } ?? .null),
            ("scope_subjects", list(i.scopeSubjects)),
            ("scope_disciplines", list(i.scopeDisciplines)),
        ]
    }

    static func hoursNode(_ h: ReceptionHours) -> JSONNode {
        .object([
            ("days", .string(h.days.rawValue)),
            ("from", h.from.map { .string($0.description) } ?? .null),
            ("to", h.to.map { .string($0.description) } ?? .null),
        ])
    }

    private func evidenceMembers(_ i: AnnouncedInspection) -> [(String, JSONNode)] {
        func one(_ e: Evidence) -> JSONNode {
            .object([
                ("span", .array([.number(Double(e.span.lowerBound)), .number(Double(e.span.upperBound))])),
                ("text", .string(originalText(e.span))),
                ("sentence", .array([.number(Double(e.sentence.lowerBound)), .number(Double(e.sentence.upperBound))])),
                ("confidence", .number((e.confidence * 100).rounded() / 100)),
                ("rule", .string(e.rule)),
            ])
        }
        var out: [(String, JSONNode)] = []
        func add(_ key: String, _ evidence: [Evidence]) {
            if !evidence.isEmpty { out.append((key, .array(evidence.map(one)))) }
        }
        add("group", [i.group?.evidence].compactMap { $0 })
        add("group_leader", [i.leader?.evidence].compactMap { $0 })
        add("units", i.units.map(\.evidence))
        add("period_start", [i.periodStart?.evidence].compactMap { $0 })
        add("period_end", [i.periodEnd?.evidence].compactMap { $0 })
        add("phones", i.phones.map(\.evidence))
        add("emails", i.emails.map(\.evidence))
        add("postal_boxes", i.postalBoxes.map(\.evidence))
        add("other_channels", i.otherChannels.map(\.evidence))
        add("phone_hours", i.phoneHours.map(\.evidence))
        add("deadline", [i.deadline?.evidence].compactMap { $0 })
        add("deadline_time", [i.deadlineTime?.evidence].compactMap { $0 })
        add("scope_subjects", i.scopeSubjects.map(\.evidence))
        add("scope_disciplines", i.scopeDisciplines.map(\.evidence))
        add("scope", [i.scope?.evidence].compactMap { $0 })
        add("replies_enabled", [i.repliesEnabled?.evidence].compactMap { $0 })
        return out
    }

    /// All groups as one record, as the evaluation sets write a multi-group announcement:
    /// `group` a list, list fields the union, single values the first group's.
    func mergedFields() -> [(String, JSONNode)] {
        guard inspections.count > 1 else { return inspections.first.map(Self.fields) ?? [] }
        var merged = Self.fields(of: inspections[0])
        for (k, member) in merged.enumerated() {
            let values = inspections.map { i in Self.fields(of: i)[k].1 }
            if member.0 == "group" {
                merged[k].1 = .array(values.filter { $0 != .null })
            } else if case .array = member.1 {
                var union: [JSONNode] = []
                for v in values { for item in v.array ?? [] where !union.contains(item) { union.append(item) } }
                merged[k].1 = .array(union)
            }
        }
        return merged
    }
}
