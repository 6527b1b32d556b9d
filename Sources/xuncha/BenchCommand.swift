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
                the rounds on the calling thread. Build with -c release for a meaningful figure.
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

        func validate() throws {
            guard reports > 0, roster >= 0, rounds > 0 else { throw ValidationError("reports and rounds must be positive, roster not negative") }
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
    }
}
