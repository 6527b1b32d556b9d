import Foundation

/// The learned layer measured as it will be used: the labelled cases are split into K folds; for
/// each fold the layer is trained on the other K − 1 as if staff had decided them, and the held-out
/// fold is classified by the lexicon alone and by the lexicon with the learned layer.
///
/// The split is stratified and deterministic: the j-th case of each label (in file order) goes to
/// fold j mod K, so every fold holds every label about equally and a rerun gives the same figures.
public struct FoldEvaluation: Sendable {
    public struct Fold: Sendable {
        public let index: Int
        /// Cases the layer was trained on (those whose label is a category), and cases scored.
        public let trainedOn: Int
        public let lexicon: CaseEvaluation
        public let learned: CaseEvaluation
    }

    public let folds: [Fold]
    /// Every held-out prediction pooled, in the order of the cases.
    public let lexicon: CaseEvaluation
    public let learned: CaseEvaluation

    public init(cases: [CaseEvaluation.Case], folds k: Int, classifier: DisciplineClassifier = .standard) {
        precondition(k >= 2, "at least two folds")
        var seen: [String: Int] = [:]
        let foldOf = cases.map { c -> Int in
            let j = seen[c.label, default: 0]
            seen[c.label] = j + 1
            return j % k
        }
        var lexiconPredictions = [String](repeating: CaseEvaluation.none, count: cases.count)
        var learnedPredictions = lexiconPredictions
        var folds: [Fold] = []
        for fold in 0..<k {
            let held = cases.indices.filter { foldOf[$0] == fold }
            let training = cases.indices.filter { foldOf[$0] != fold }.compactMap { i in
                ReportCategory(code: cases[i].label).map { DecidedExample(text: cases[i].text, category: $0, reference: "#\(i + 1)") }
            }
            let heldCases = held.map { cases[$0] }
            let alone = CaseEvaluation.predict(heldCases, with: classifier, labelsOf: cases)
            let withLearned = CaseEvaluation.predict(heldCases, with: classifier.learning(from: LearnedModel.train(training)), labelsOf: cases)
            for (n, i) in held.enumerated() {
                lexiconPredictions[i] = alone[n]
                learnedPredictions[i] = withLearned[n]
            }
            let gold = heldCases.map(\.label)
            folds.append(
                Fold(
                    index: fold,
                    trainedOn: training.count,
                    lexicon: CaseEvaluation(gold: gold, predictions: alone),
                    learned: CaseEvaluation(gold: gold, predictions: withLearned)
                )
            )
        }
        self.folds = folds
        lexicon = CaseEvaluation(gold: cases.map(\.label), predictions: lexiconPredictions)
        learned = CaseEvaluation(gold: cases.map(\.label), predictions: learnedPredictions)
    }

    /// The last line `xuncha eval cases --folds` prints.
    public var summary: String {
        "macro-F1 \(Self.fmt(learned.macroF1)) (lexicon alone \(Self.fmt(lexicon.macroF1))) over \(learned.gold.count) cases, \(folds.count) folds"
    }

    /// Per fold and per label, lexicon alone beside lexicon + learned, then the summary line.
    public func table() -> String {
        var out = "fold  trained  cases  lexicon macro-F1  +learned macro-F1  lexicon top-1  +learned top-1\n"
        for f in folds {
            out += Self.pad("\(f.index + 1)", 4) + Self.pad("\(f.trainedOn)", 9) + Self.pad("\(f.learned.gold.count)", 7)
            out += Self.pad(Self.fmt(f.lexicon.macroF1), 18) + Self.pad(Self.fmt(f.learned.macroF1), 19)
            out += Self.pad(Self.fmt(f.lexicon.accuracy), 15) + Self.pad(Self.fmt(f.learned.accuracy), 15) + "\n"
        }
        out += "\nlabel            support  lexicon F1  +learned F1\n"
        for (a, b) in zip(lexicon.figures, learned.figures) {
            out += a.label.padding(toLength: 16, withPad: " ", startingAt: 0) + Self.pad("\(a.support)", 8)
            out += Self.pad(Self.fmt(a.f1), 12) + Self.pad(Self.fmt(b.f1), 13) + "\n"
        }
        out += "\ntop-1 accuracy \(Self.fmt(learned.accuracy)) (lexicon alone \(Self.fmt(lexicon.accuracy)))\n"
        return out + summary + "\n"
    }

    static func fmt(_ x: Double) -> String { String(format: "%.3f", x) }

    private static func pad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
