import ArgumentParser
import Foundation
import XunchaIntake

/// `xuncha eval …`: measures the parsers against a folder of texts and what a careful reader
/// took from each.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "评测 / Score parsers against evaluation sets.",
        subcommands: [Announcements.self, Cases.self]
    )

    struct Announcements: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "公告解析评测 / Compare `inspection parse` with NN.expected.json for every NN.txt in DIR.",
            discussion: "Prints per-field counts, precision, recall and F1, and the overall field F1 (micro-averaged)."
        )

        @Argument(help: "数据集目录 / folder with NN.txt and NN.expected.json.")
        var directory: String

        @Option(help: "总体 F1 低于此值（0–1）时以状态 1 退出 / exit 1 when the overall F1 is below this (0–1).")
        var minF1: Double?

        func run() throws {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("\(directory) 不是目录 / is not a folder")
            }
            let evaluation = try AnnouncementEvaluation.run(directory: directory)
            guard !evaluation.files.isEmpty else { throw ValidationError("\(directory) 中没有 NN.txt 与 NN.expected.json / no pairs in \(directory)") }
            print(evaluation.table(), terminator: "")
            if let minF1, evaluation.f1 < minF1 {
                printError(String(format: "overall F1 %.3f is below the floor %.3f", evaluation.f1, minF1))
                throw ExitCode(1)
            }
        }
    }
}
