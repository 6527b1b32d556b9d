import Foundation
import XunchaCore
import XunchaText

/// Scores the parser against a folder of `NN.txt` announcements and the `NN.expected.json` a
/// careful reader wrote for each: per field, true and false positives and misses, then
/// precision, recall and F1 over all fields (micro-averaged).
///
/// Values are compared after normalization (expected values may be simplified where the text is
/// traditional), ignoring spaces and quotation marks; phones by their digits; `phone_hours` as
/// (days, from, to). `other_channels` is free text, so an item matches one of the same kind
/// (意见箱, 接待, 短信, 码上…, 监督电话 …) or with similar wording. A key the expected file does
/// not have is not scored for that file; a null scores as "nothing to find".
public struct AnnouncementEvaluation: Sendable {
    public struct FieldScore: Sendable, Equatable {
        public var field: String
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        /// Files where the field came out exactly right, and files that scored it.
        public var exact = 0
        public var files = 0

        public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
        public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
        public var f1: Double { f1Score(precision, recall, truePositives + falsePositives + falseNegatives) }
    }

    public struct FileScore: Sendable, Equatable {
        public var name: String
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        public var f1: Double {
            let p = ratio(truePositives, truePositives + falsePositives)
            let r = ratio(truePositives, truePositives + falseNegatives)
            return f1Score(p, r, truePositives + falsePositives + falseNegatives)
        }
    }

    public static let fieldOrder = [
        "group", "group_leader", "units", "period_start", "period_end", "phones", "emails", "postal_boxes", "other_channels", "phone_hours",
        "deadline", "deadline_time", "scope_subjects", "scope_disciplines",
    ]

    public var fields: [FieldScore] = fieldOrder.map { FieldScore(field: $0) }
    public var files: [FileScore] = []

    public var truePositives: Int { fields.reduce(0) { $0 + $1.truePositives } }
    public var falsePositives: Int { fields.reduce(0) { $0 + $1.falsePositives } }
    public var falseNegatives: Int { fields.reduce(0) { $0 + $1.falseNegatives } }
    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double { f1Score(precision, recall, truePositives + falsePositives + falseNegatives) }

    public init() {}

    /// Evaluates every `NN.txt` in `directory` that has an `NN.expected.json`.
    public static func run(directory: String, parser: AnnouncementParser = AnnouncementParser()) throws -> AnnouncementEvaluation {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txt") }.sorted()
        var evaluation = AnnouncementEvaluation()
        for name in names {
            let stem = String(name.dropLast(4))
            let expectedPath = directory + "/" + stem + ".expected.json"
            guard FileManager.default.fileExists(atPath: expectedPath) else { continue }
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: expectedPath)))
            evaluation.add(name: stem, parsed: parser.parse(text), expected: JSONNode(any: expected))
        }
        return evaluation
    }

    /// Scores one file.
    mutating func add(name: String, parsed: Announcement, expected: JSONNode) {
        let predicted = JSONNode.object(parsed.mergedFields())
        var file = FileScore(name: name)
        for k in fields.indices {
            let key = fields[k].field
            guard let want = expected[key] else { continue }
            let got = predicted[key] ?? .null
            let (tp, fp, fn) = Self.compare(key, got: got, want: want)
            fields[k].truePositives += tp
            fields[k].falsePositives += fp
            fields[k].falseNegatives += fn
            fields[k].files += 1
            if fp == 0 && fn == 0 { fields[k].exact += 1 }
            file.truePositives += tp
            file.falsePositives += fp
            file.falseNegatives += fn
        }
        files.append(file)
    }

    static func compare(_ key: String, got: JSONNode, want: JSONNode) -> (Int, Int, Int) {
        let a = items(key, got)
        let b = items(key, want)
        var unmatched = b
        var tp = 0
        for x in a {
            if let at = unmatched.firstIndex(where: { same(key, x, $0) }) {
                unmatched.remove(at: at)
                tp += 1
            }
        }
        return (tp, a.count - tp, unmatched.count)
    }

    /// A field's values as comparable strings: scalars are one item (none when null).
    static func items(_ key: String, _ node: JSONNode) -> [String] {
        switch node {
        case .null: return []
        case .array(let values): return values.flatMap { items(key, $0) }
        case .object:
            let from = node["from"]?.string ?? "-"
            let to = node["to"]?.string ?? "-"
            return [(node["days"]?.string ?? "") + " " + from + " " + to]
        case .string(let s): return [canonical(key, s)]
        case .number(let n): return [String(n)]
        case .bool(let b): return [String(b)]
        }
    }

    static func canonical(_ key: String, _ s: String) -> String {
        let text = TextNormalizer().normalize(s).filter { !$0.isWhitespace && !"“”\"'‘’「」".contains($0) }
        return key == "phones" ? text.filter(\.isNumber) : text
    }

    static let channelKinds = ["监督电话", "意见箱", "意见信箱", "巡察信箱", "举报信箱", "接待", "短信", "码上", "二维码", "网站", "微信", "来访", "小程序"]

    static func same(_ key: String, _ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard key == "other_channels" else { return false }
        let kind = { (s: String) in channelKinds.first { s.contains($0) } }
        if let ka = kind(a), ka == kind(b) { return true }
        return similarity(a, b) >= 0.5
    }

    /// Dice coefficient of character bigrams.
    static func similarity(_ a: String, _ b: String) -> Double {
        func bigrams(_ s: String) -> [String] {
            let c = Array(s)
            return c.count < 2 ? [s] : (0..<c.count - 1).map { String(c[$0...$0 + 1]) }
        }
        var y = bigrams(b)
        var common = 0
        let x = bigrams(a)
        for g in x {
            if let at = y.firstIndex(of: g) {
                y.remove(at: at)
                common += 1
            }
        }
        return Double(2 * common) / Double(x.count + bigrams(b).count)
    }

    /// The score table `xuncha eval announcements` prints.
    public func table() -> String {
        func pct(_ x: Double) -> String { String(format: "%5.1f", x * 100) }
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        var out = pad("field", 18) + "files  exact   tp   fp   fn      P      R     F1\n"
        for f in fields where f.files > 0 {
            out += pad(f.field, 18) + String(format: "%5d  %5d %4d %4d %4d  ", f.files, f.exact, f.truePositives, f.falsePositives, f.falseNegatives)
            out += pct(f.precision) + "  " + pct(f.recall) + "  " + pct(f.f1) + "\n"
        }
        out += pad("overall", 18) + String(format: "%5d  %5s %4d %4d %4d  ", files.count, "", truePositives, falsePositives, falseNegatives)
        out += pct(precision) + "  " + pct(recall) + "  " + pct(f1) + "\n"
        out += "per file F1: " + files.map { $0.name + " " + String(format: "%.2f", $0.f1) }.joined(separator: ", ") + "\n"
        return out
    }
}

private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }

/// F1, or 1 when there was nothing to find and nothing was found.
private func f1Score(_ p: Double, _ r: Double, _ total: Int) -> Double {
    total == 0 ? 1 : (p + r == 0 ? 0 : 2 * p * r / (p + r))
}

extension JSONNode {
    /// From what `JSONSerialization` returns.
    init(any value: Any) {
        switch value {
        case let s as String: self = .string(s)
        case let n as NSNumber: self = .number(n.doubleValue)
        case let a as [Any]: self = .array(a.map(JSONNode.init(any:)))
        case let d as [String: Any]: self = .object(d.keys.sorted().map { ($0, JSONNode(any: d[$0]!)) })
        default: self = .null
        }
    }
}
