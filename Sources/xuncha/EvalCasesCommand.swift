import ArgumentParser
import Foundation
import XunchaCore

extension EvalCommand {
    /// `xuncha eval cases FILE.jsonl`: the discipline classifier against labelled case texts.
    struct Cases: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "违纪类别评测 / Score the discipline classifier against JSON lines with `text` and `label`.",
            discussion: """
                Prints per-label precision, recall and F1, top-1 accuracy, macro-F1 and the confusion table. \
                The prediction is the top discipline when every label is a discipline, else the primary category.
                """
        )

        @Argument(help: "JSON lines 文件，每行含 text 与 label / a JSON lines file, each line with `text` and `label`.")
        var file: String

        @Option(help: "macro-F1 低于此值（0–1）时以状态 1 退出 / exit 1 when macro-F1 is below this (0–1).")
        var minMacroF1: Double?

        @Flag(help: "逐条打印预测与线索 / print each case's prediction and cues.")
        var verbose = false

        @Option(
            help: """
                分 K 折：以其余 K−1 折为已处置件训练学习层，评测留出的一折 / split into K folds: train the learned \
                layer on K−1 as if staff had decided them, score the held-out fold (2–100).
                """
        )
        var folds: Int?

        @Flag(help: "以 JSON 输出 / print the figures as JSON.")
        var json = false

        func validate() throws {
            if let folds, !(2...100).contains(folds) {
                throw ValidationError("--folds 须在 2 到 100 之间 / --folds must be between 2 and 100")
            }
        }

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("无法读取 \(file) / cannot read \(file)")
            }
            var cases: [CaseEvaluation.Case] = []
            for (number, line) in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).enumerated() {
                if line.allSatisfy(\.isWhitespace) { continue }
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let text = object["text"] as? String, let label = object["label"] as? String
                else {
                    throw ValidationError("第 \(number + 1) 行不是含 text 与 label 的 JSON 对象 / line \(number + 1) is not a JSON object with text and label")
                }
                cases.append(CaseEvaluation.Case(text: text, label: label))
            }
            guard !cases.isEmpty else { throw ValidationError("\(file) 中没有案例 / no cases in \(file)") }
            if let folds {
                guard cases.count >= folds else {
                    throw ValidationError("案例少于折数 / fewer cases (\(cases.count)) than folds (\(folds))")
                }
                let evaluation = FoldEvaluation(cases: cases, folds: folds)
                print(json ? try Self.json(evaluation) : evaluation.table(), terminator: json ? "\n" : "")
                try check(evaluation.learned.macroF1)
                return
            }
            let evaluation = CaseEvaluation(cases: cases)
            if verbose {
                for (index, c) in cases.enumerated() {
                    let result = DisciplineClassifier.standard.classify(c.text)
                    let mark = evaluation.predictions[index] == c.label ? "ok " : "ERR"
                    print("\(mark) #\(index + 1) gold \(c.label) predicted \(evaluation.predictions[index])")
                    for d in result.disciplines {
                        let cues = d.cues.map { "\($0.text)(\($0.weight))" }.joined(separator: " ")
                        print("    \(d.discipline.rawValue) \(String(format: "%.2f", d.weight)) \(d.articles.map(\.article)) \(cues)")
                    }
                    for n in result.nonLead {
                        print("    \(n.kind.rawValue) \(String(format: "%.2f", n.weight)) \(n.cues.map(\.text).joined(separator: " "))")
                    }
                }
                print()
            }
            print(json ? try Self.json(evaluation) : evaluation.table(), terminator: json ? "\n" : "")
            try check(evaluation.macroF1)
        }

        private func check(_ macroF1: Double) throws {
            if let minMacroF1, macroF1 < minMacroF1 {
                FileHandle.standardError.write(Data(String(format: "macro-F1 %.3f is below the floor %.3f\n", macroF1, minMacroF1).utf8))
                throw ExitCode(1)
            }
        }

        private static func figures(_ e: CaseEvaluation) -> [String: Any] {
            [
                "cases": e.gold.count, "accuracy": rounded(e.accuracy), "macro_f1": rounded(e.macroF1),
                "labels": e.figures.map {
                    [
                        "label": $0.label, "support": $0.support, "predicted": $0.predicted, "correct": $0.correct,
                        "precision": rounded($0.precision), "recall": rounded($0.recall), "f1": rounded($0.f1),
                    ] as [String: Any]
                },
            ]
        }

        static func json(_ e: CaseEvaluation) throws -> String {
            try text(figures(e))
        }

        static func json(_ e: FoldEvaluation) throws -> String {
            try text([
                "folds": e.folds.map {
                    ["fold": $0.index + 1, "trained_on": $0.trainedOn, "lexicon": figures($0.lexicon), "learned": figures($0.learned)]
                },
                "lexicon": figures(e.lexicon), "learned": figures(e.learned), "summary": e.summary,
            ])
        }

        private static func text(_ object: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }

        private static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
    }
}
