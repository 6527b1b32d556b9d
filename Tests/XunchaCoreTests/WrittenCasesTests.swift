import Foundation
import Testing

@testable import XunchaCore

/// The classifier against `Fixtures/written-cases.jsonl`: short reports and case-notice sentences
/// written in our own words for every discipline and non-lead kind (traditional script, negations
/// and hedges among them). The first half was written before the lexicon was extended, so it
/// measures how the lexicon generalises rather than what it was edited for. The evaluation sets in
/// `../shared/datasets/cases` are never read here.
@Suite("Classification: written cases")
struct WrittenCasesTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/written-cases.jsonl")

    /// Batches D and E, written before the second round of lexicon work: D guided it, E was
    /// measured only before and after (see docs/classifier.md).
    static let laterFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/written-cases-de.jsonl")

    /// Batch F, written before the learned layer and the clause-level work of issue 18, with
    /// more political discipline (串供, 对抗组织审查, 妄议, 搞迷信, 干扰巡察) in circumstantial wording.
    static let batchFFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/written-cases-f.jsonl")

    /// Every written text, A to F.
    static func allWritten() throws -> [CaseEvaluation.Case] {
        try cases() + cases(in: laterFile) + cases(in: batchFFile)
    }

    static func cases(in file: URL = file, batch: String? = nil) throws -> [CaseEvaluation.Case] {
        let text = try String(contentsOf: file, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.isEmpty }.compactMap { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            let text = try #require(object?["text"])
            let label = try #require(object?["label"])
            if let batch, object?["batch"] != batch { return nil }
            return CaseEvaluation.Case(text: text, label: label)
        }
    }

    @Test func theSetCoversEveryLabel() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 150)
        let known = Discipline.allCases.map(\.rawValue) + NonLeadKind.allCases.map(\.rawValue)
        for label in known { #expect(cases.filter { $0.label == label }.count >= 12, "\(label)") }
        for c in cases { #expect(known.contains(c.label), "\(c.label)") }
        #expect(Set(cases.map(\.text)).count == cases.count)
    }

    /// Floors a little below the figures when they were set (see docs/classifier.md): a drop
    /// below them is a regression.
    @Test func floors() throws {
        let evaluation = CaseEvaluation(cases: try Self.cases())
        #expect(evaluation.macroF1 >= 0.88, "\(evaluation.table())")
        #expect(evaluation.accuracy >= 0.88, "\(evaluation.table())")
    }

    /// D guided round two (0.99 after it); E was measured only before (0.60) and after (0.67).
    @Test("floors of batches D and E", arguments: [("D", 0.9), ("E", 0.6)])
    func laterBatchFloors(batch: String, floor: Double) throws {
        let evaluation = CaseEvaluation(cases: try Self.cases(in: Self.laterFile, batch: batch))
        #expect(evaluation.macroF1 >= floor, "\(evaluation.table())")
        #expect(evaluation.accuracy >= floor, "\(evaluation.table())")
    }

    /// Batches written on 2026-12-02 by someone who had read neither the lexicon nor the other
    /// batches, 110 texts each (10 per label), each measured before anything was changed for it
    /// (docs/classifier.md). G: 0.655 macro-F1, then its misses guided round four (0.801). H:
    /// 0.615, never read while rules were written, 0.640 after round four: the figure for
    /// unseen wording. The floors keep those figures from falling; they are no targets to tune to.
    static let unseenBatches = ["g", "h"].map { batch in
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/written-cases-\(batch).jsonl")
    }

    @Test("batches G and H are measured as they were written", arguments: unseenBatches)
    func unseenBatchIsMeasuredAsItWasWritten(file: URL) throws {
        let cases = try Self.cases(in: file)
        let known = Discipline.allCases.map(\.rawValue) + NonLeadKind.allCases.map(\.rawValue)
        for label in known { #expect(cases.filter { $0.label == label }.count == 10, "\(label)") }
        let others = try Self.unseenBatches.filter { $0 != file }.flatMap { try Self.cases(in: $0) }
        let earlier = Set(try (Self.allWritten() + others).map(\.text))
        #expect(cases.allSatisfy { !earlier.contains($0.text) })
        let evaluation = CaseEvaluation(cases: cases)
        #expect(evaluation.macroF1 >= 0.62, "\(evaluation.table())")
    }

    @Test("batches D and E cover every label", arguments: [("D", 8), ("E", 6)])
    func laterBatchCoversEveryLabel(batch: String, perLabel: Int) throws {
        let cases = try Self.cases(in: Self.laterFile, batch: batch)
        let known = Discipline.allCases.map(\.rawValue) + NonLeadKind.allCases.map(\.rawValue)
        for label in known { #expect(cases.filter { $0.label == label }.count >= perLabel, "\(batch) \(label)") }
        for c in cases { #expect(known.contains(c.label), "\(c.label)") }
        let earlier = Set(try Self.cases().map(\.text))
        #expect(Set(cases.map(\.text)).count == cases.count)
        #expect(cases.allSatisfy { !earlier.contains($0.text) })
    }

    @Test func batchFCoversEveryLabelWithMorePolitical() throws {
        let cases = try Self.cases(in: Self.batchFFile)
        let known = Discipline.allCases.map(\.rawValue) + NonLeadKind.allCases.map(\.rawValue)
        for label in known { #expect(cases.filter { $0.label == label }.count >= 8, "\(label)") }
        #expect(cases.filter { $0.label == "political" }.count >= 12)
        let earlier = Set(try Self.cases().map(\.text) + Self.cases(in: Self.laterFile).map(\.text))
        #expect(Set(cases.map(\.text)).count == cases.count)
        #expect(cases.allSatisfy { !earlier.contains($0.text) && known.contains($0.label) })
    }

    /// The learned layer as it will be used: trained on four fifths of the written texts as if
    /// staff had decided them, it beats the lexicon alone on the held-out fifth (docs/classifier.md).
    @Test func withFoldsTheLearnedLayerBeatsTheLexiconAlone() throws {
        let evaluation = FoldEvaluation(cases: try Self.allWritten(), folds: 5)
        #expect(evaluation.learned.macroF1 > evaluation.lexicon.macroF1 + 0.01, "\(evaluation.table())")
        #expect(evaluation.learned.accuracy > evaluation.lexicon.accuracy, "\(evaluation.table())")
    }

    /// The clause pairs (verb and object anywhere in one clause) against the lexicon before them:
    /// they may not lose what the phrases had on the sets written before them.
    @Test func clausePairsKeepTheWrittenSets() throws {
        let before = DisciplineClassifier(
            lexicon: DisciplineLexicon(entries: DisciplineLexicon.standardEntries, modifiers: DisciplineLexicon.standardModifiers)
        )
        for (name, cases) in [("A–C", try Self.cases()), ("D–E", try Self.cases(in: Self.laterFile)), ("F", try Self.cases(in: Self.batchFFile))] {
            let without = CaseEvaluation(cases: cases, classifier: before)
            let with = CaseEvaluation(cases: cases)
            print("clause pairs on \(name): macro-F1 \(without.macroF1) → \(with.macroF1), top-1 \(without.accuracy) → \(with.accuracy)")
            #expect(with.macroF1 >= without.macroF1 - 0.005, "\(name)")
        }
    }
}
