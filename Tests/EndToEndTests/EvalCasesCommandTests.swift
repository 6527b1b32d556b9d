import Foundation
import Testing

/// `xuncha eval cases FILE --folds K [--json]` as a user runs it, on our own written texts.
@Suite struct EvalCasesCommandTests {
    static let written = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("XunchaCoreTests/Fixtures/written-cases-f.jsonl").path

    @Test func foldsEndWithTheSummaryLine() throws {
        let run = try XunchaProcess.run(["eval", "cases", Self.written, "--folds", "4"])
        #expect(run.status == 0, "\(run.output)")
        let lines = run.output.split(separator: "\n")
        let last = try #require(lines.last.map(String.init))
        #expect(last.wholeMatch(of: #/macro-F1 [01]\.\d{3} \(lexicon alone [01]\.\d{3}\) over \d+ cases, 4 folds/#) != nil, "\(last)")
        // One line per fold, and per label both figures.
        #expect(lines.filter { $0.wholeMatch(of: #/\s+[1-4]\s+\d+\s+\d+.*/#) != nil }.count == 4)
        #expect(lines.contains { $0.hasPrefix("political") })
    }

    @Test func foldsAsJSON() throws {
        let run = try XunchaProcess.run(["eval", "cases", Self.written, "--folds", "3", "--json"])
        #expect(run.status == 0, "\(run.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect((object["folds"] as? [Any])?.count == 3)
        let learned = try #require(object["learned"] as? [String: Any])
        #expect(learned["cases"] as? Int ?? 0 >= 100)
        #expect((object["summary"] as? String)?.hasSuffix("3 folds") == true)
    }

    @Test func withoutFoldsItIsTheEvaluationAsBefore() throws {
        let run = try XunchaProcess.run(["eval", "cases", Self.written])
        #expect(run.status == 0)
        #expect(run.output.contains("confusion (rows gold, columns predicted)"))
        #expect(!run.output.contains("folds"))
    }

    @Test(arguments: [["--folds", "1"], ["--folds", "0"], ["--folds", "-3"], ["--folds", "abc"], ["--folds", "101"]])
    func badFoldCountsAreRefused(arguments: [String]) throws {
        let run = try XunchaProcess.run(["eval", "cases", Self.written] + arguments)
        #expect(run.status != 0)
    }

    @Test func moreFoldsThanCasesIsRefusedAndBrokenLinesAreNamed() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("eval-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"text": "收受红包", "label": "integrity"}"#.utf8 + [0x0a]).write(to: file)
        let few = try XunchaProcess.run(["eval", "cases", file.path, "--folds", "5"])
        #expect(few.status != 0 && few.output.contains("fewer cases"))
        try Data("{\"text\": \"a\"}\n\u{FF}\u{FE}not json\n".utf8).write(to: file)
        let broken = try XunchaProcess.run(["eval", "cases", file.path, "--folds", "2"])
        #expect(broken.status != 0 && broken.output.contains("line 1"))
    }
}
