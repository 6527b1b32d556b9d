import ArgumentParser
import Foundation
import XunchaCore
import XunchaDesk
import XunchaText

/// `xuncha bench …`: throughput measurements on synthetic data.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "性能测试 / Benchmarks on synthetic, seeded data.",
        subcommands: [Screen.self, BenchDuplicatesCommand.self, BenchGenerateCommand.self, BenchConsoleCommand.self, BenchCommitCommand.self]
    )

    /// `xuncha bench screen`: reports per second through the whole screening on one core.
    struct Screen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "初筛吞吐量 / Screening throughput: normalize → extract → subjects → classify → rules, one core.",
            discussion: """
                Generates synthetic reports (about 200 characters, 2–4 people) and a synthetic roster with a fixed seed \
                (SplitMix64), builds the screener once (not timed), screens every report once to warm up, then times \
                the rounds on the calling thread. Build with -c release for a meaningful figure. With --decisions N it \
                also trains the learned layer on N synthetic decided reports (each labelled with the lexicon's primary \
                category, or a rotating one where nothing weighed), times the training, and times the same reports \
                screened with that model beside the lexicon, round by round against the lexicon alone.
                """
        )

        @Option(help: "合成信访件数 / number of synthetic reports.")
        var reports = 5_000

        @Option(help: "合成名册人数 / number of people in the synthetic roster.")
        var roster = 2_000

        @Option(help: "计时轮数 / timed rounds over all reports.")
        var rounds = 3

        @Option(help: "随机种子 / seed.")
        var seed: UInt64 = 2026

        @Option(help: "学习层的合成已处置件数（0 不训练）/ synthetic decided reports to train the learned layer on (0: none).")
        var decisions = 0

        func validate() throws {
            guard reports > 0, roster >= 0, rounds > 0, decisions >= 0 else {
                throw ValidationError("reports and rounds must be positive, roster not negative")
            }
        }

        func run() throws {
            var rng = SplitMix64(seed: seed)
            let people = SyntheticScreeningData.roster(count: roster, using: &rng)
            let texts = (0..<reports).map { _ in SyntheticScreeningData.report(roster: people, using: &rng) }
            let clock = ContinuousClock()
            let buildStart = clock.now
            let screener = Screener(roster: people)
            let buildTime = clock.now - buildStart
            var tally: [SuggestionKind: Int] = [:]
            for text in texts { tally[screener.screen(text).suggestion, default: 0] += 1 }
            var checksum = 0
            let start = clock.now
            for _ in 0..<rounds {
                for text in texts { checksum &+= screener.screen(text).reasons.count }
            }
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let total = reports * rounds
            let chars = texts.reduce(0) { $0 + $1.count } / texts.count
            print("reports: \(reports) × \(rounds) rounds, mean \(chars) characters; roster: \(roster) people; screener built in \(buildTime)")
            print("suggestions: " + SuggestionKind.allCases.map { "\($0.rawValue) \(tally[$0, default: 0])" }.joined(separator: ", "))
            print(
                String(
                    format: "%.0f reports/s on one core (%.1f µs/report, checksum %d)",
                    Double(total) / seconds,
                    seconds / Double(total) * 1e6,
                    checksum
                )
            )
            if decisions > 0 { try compareLearned(people: people, texts: texts, lexiconScreener: screener, rng: &rng) }
            // Each stage alone, to see where the time goes (the whole runs all of them once).
            let normalizer = TextNormalizer()
            let normalized = texts.map { normalizer.normalizeWithOffsets($0) }
            let extractor = TextExtractor()
            let stages: [(String, () -> Int)] = [
                ("normalize", { texts.reduce(0) { $0 &+ normalizer.normalizeWithOffsets($1).text.utf8.count } }),
                ("extract", { normalized.reduce(0) { $0 &+ extractor.extract(from: $1).dates.count } }),
                ("subjects", { normalized.reduce(0) { $0 &+ screener.finder.find(in: $1).findings.count } }),
                ("classify", { normalized.reduce(0) { $0 &+ screener.classifier.classify($1).cues.count } }),
            ]
            for (name, body) in stages {
                let t0 = clock.now
                checksum &+= body()
                let t = clock.now - t0
                let s = Double(t.components.seconds) + Double(t.components.attoseconds) / 1e18
                print("  \(name) alone: " + String(format: "%.1f µs/report", s / Double(reports) * 1e6))
            }
        }

        /// Trains the learned layer on synthetic decisions and compares screening with and without it.
        private func compareLearned(people: [RosterPerson], texts: [String], lexiconScreener: Screener, rng: inout SplitMix64) throws {
            let clock = ContinuousClock()
            let categories = LearnedModel.categories
            let examples = (0..<decisions).map { i in
                let text = SyntheticScreeningData.report(roster: people, using: &rng)
                let category = DisciplineClassifier.standard.classify(text).primary ?? categories[i % categories.count]
                return DecidedExample(text: text, category: category, reference: "D\(i + 1)")
            }
            let trainStart = clock.now
            guard let model = LearnedModel.train(examples) else { throw ValidationError("too few decisions to train on") }
            let trainTime = clock.now - trainStart
            let learnedScreener = Screener(roster: people, classifier: .standard.learning(from: model))
            print("learned layer: trained on \(model.exampleCount) decisions in \(trainTime) (one core)")
            compare(texts, lexiconScreener, learnedScreener, what: "the synthetic reports")
            // The case the layer is for: pieces of the reports (40 characters, every 20) on which the
            // lexicon is not sure and the layer speaks, so that its whole cost is in the figure.
            let pieces = texts.lazy.flatMap { text -> [String] in
                let scalars = Array(text.unicodeScalars)
                return stride(from: 0, to: max(scalars.count - 20, 1), by: 20).map { start in
                    String(String.UnicodeScalarView(scalars[start..<min(start + 40, scalars.count)]))
                }
            }
            let spoken = Array(pieces.filter { learnedScreener.classifier.classify($0).learned != nil }.prefix(texts.count))
            guard !spoken.isEmpty else { return print("  no piece of the reports on which the layer speaks") }
            compare(spoken, lexiconScreener, learnedScreener, what: "\(spoken.count) pieces on which it speaks")
        }

        /// Screens the same texts with and without the learned layer, alternating rounds so that
        /// both see the same machine state.
        private func compare(_ texts: [String], _ lexicon: Screener, _ learned: Screener, what: String) {
            let clock = ContinuousClock()
            for text in texts { _ = learned.screen(text) }
            var alone = Duration.zero
            var withModel = Duration.zero
            var spoke = 0
            for _ in 0..<rounds {
                let t0 = clock.now
                for text in texts { _ = lexicon.screen(text) }
                let t1 = clock.now
                for text in texts where learned.screen(text).classification.learned != nil { spoke += 1 }
                alone += t1 - t0
                withModel += clock.now - t1
            }
            let total = Double(texts.count * rounds)
            let a = Self.seconds(alone)
            let b = Self.seconds(withModel)
            print(
                "  \(what): "
                    + String(
                        format: "lexicon alone %.0f reports/s, with the learned layer %.0f reports/s (%.1f%% slower; it spoke on %.1f%% of them)",
                        total / a,
                        total / b,
                        (b / a - 1) * 100,
                        Double(spoke) / total * 100
                    )
            )
        }

        private static func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
    }
}
