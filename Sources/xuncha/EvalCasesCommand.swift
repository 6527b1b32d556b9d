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
            print(evaluation.table(), terminator: "")
            if let minMacroF1, evaluation.macroF1 < minMacroF1 {
                FileHandle.standardError.write(Data(String(format: "macro-F1 %.3f is below the floor %.3f\n", evaluation.macroF1, minMacroF1).utf8))
                throw ExitCode(1)
            }
        }
    }
}
