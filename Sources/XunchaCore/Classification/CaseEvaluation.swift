import Foundation

/// The classifier measured against labelled cases: per-label precision, recall and F1, top-1
/// accuracy, macro-F1 and a confusion table.
///
/// The prediction is the top discipline when every gold label is a discipline (what the
/// category rule needs), else the primary category, so non-lead labels can be measured too.
/// A case with no cue at all is predicted `none`.
public struct CaseEvaluation: Sendable {
    public struct Case: Sendable, Hashable {
        public let text: String
        public let label: String

        public init(text: String, label: String) {
            self.text = text
            self.label = label
        }
    }

    public struct LabelFigures: Sendable, Hashable {
        public let label: String
        public let support: Int
        public let predicted: Int
        public let correct: Int
        public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
        public var recall: Double { support == 0 ? 0 : Double(correct) / Double(support) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// Gold labels in a stable order: the six disciplines, the non-lead kinds, then any other.
    public let labels: [String]
    /// `predictions[i]` for `cases[i]`.
    public let predictions: [String]
    public let gold: [String]
    /// confusion[gold][predicted] = count.
    public let confusion: [String: [String: Int]]

    public static let none = "none"

    public init(cases: [Case], classifier: DisciplineClassifier = .standard) {
        self.init(gold: cases.map(\.label), predictions: Self.predict(cases, with: classifier))
    }

    /// Figures for predictions made elsewhere (the folds of `FoldEvaluation`); `predictions[i]` for `gold[i]`.
    public init(gold: [String], predictions: [String]) {
        precondition(gold.count == predictions.count, "one prediction per case")
        self.predictions = predictions
        self.gold = gold
        var confusion: [String: [String: Int]] = [:]
        for (g, p) in zip(gold, predictions) { confusion[g, default: [:]][p, default: 0] += 1 }
        self.confusion = confusion
        let known = Discipline.allCases.map(\.rawValue) + NonLeadKind.allCases.map(\.rawValue)
        let present = Set(gold)
        labels = known.filter { present.contains($0) } + present.subtracting(known).sorted()
    }

    /// The top discipline when every label of `cases` is a discipline, else the primary category;
    /// `none` when nothing weighed.
    public static func predict(_ cases: [Case], with classifier: DisciplineClassifier, labelsOf all: [Case]? = nil) -> [String] {
        let disciplineCodes = Set(Discipline.allCases.map(\.rawValue))
        let onlyDisciplines = (all ?? cases).allSatisfy { disciplineCodes.contains($0.label) }
        return cases.map { c in
            let result = classifier.classify(c.text)
            return onlyDisciplines ? result.topDiscipline?.rawValue ?? none : result.primary?.code ?? none
        }
    }

    public var figures: [LabelFigures] {
        labels.map { label in
            LabelFigures(
                label: label,
                support: gold.filter { $0 == label }.count,
                predicted: predictions.filter { $0 == label }.count,
                correct: zip(gold, predictions).filter { $0 == label && $1 == label }.count
            )
        }
    }

    public var accuracy: Double {
        gold.isEmpty ? 0 : Double(zip(gold, predictions).filter { $0 == $1 }.count) / Double(gold.count)
    }

    /// The mean of the per-label F1 over the gold labels.
    public var macroF1: Double {
        let f = figures
        return f.isEmpty ? 0 : f.reduce(0) { $0 + $1.f1 } / Double(f.count)
    }

    /// The report `xuncha eval cases` prints.
    public func table() -> String {
        var out = "label            support  pred  correct  precision  recall     F1\n"
        for f in figures {
            out +=
                pad(f.label, 16) + pad("\(f.support)", 9, right: true) + pad("\(f.predicted)", 6, right: true)
                + pad("\(f.correct)", 9, right: true) + pad(fmt(f.precision), 11, right: true) + pad(fmt(f.recall), 8, right: true)
                + pad(fmt(f.f1), 7, right: true) + "\n"
        }
        out += "\ncases \(gold.count)   top-1 accuracy \(fmt(accuracy))   macro-F1 \(fmt(macroF1))\n"
        let columns = labels + Set(predictions).subtracting(labels).sorted()
        out += "\nconfusion (rows gold, columns predicted)\n" + pad("", 16)
        for c in columns { out += pad(String(c.prefix(6)), 7, right: true) }
        out += "\n"
        for g in labels {
            out += pad(g, 16)
            for c in columns { out += pad("\(confusion[g]?[c] ?? 0)", 7, right: true) }
            out += "\n"
        }
        return out
    }

    private func fmt(_ x: Double) -> String { String(format: "%.3f", x) }

    private func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }
}
