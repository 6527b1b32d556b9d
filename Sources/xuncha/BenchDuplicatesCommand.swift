import ArgumentParser
import Foundation
import XunchaCore
import XunchaDesk
import XunchaText

/// `xuncha bench duplicates`: the near-duplicate index on synthetic reports.
struct BenchDuplicatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates",
        abstract: "重复件索引 / Near-duplicate index: add N reports, then query N (half retyped repeats, half new), one core.",
        discussion: """
            Generates synthetic reports with a fixed seed, normalizes them (not timed), adds them to a \
            NearDuplicateIndex, then queries as many texts: every other one an earlier report retyped (its clauses in \
            another order and a sentence added), the rest new reports. By default the reports are random sentences \
            over a vocabulary of report words and names (unrelated ones share about 5% of their shingles); \
            --templated uses the `bench screen` generator instead, whose reports all end in the same 40-character \
            sentence and share 20–40% of their shingles, the worst case for the LSH step. Prints wall clock and \
            this thread's CPU time. Build with -c release for a meaningful figure.
            """
    )

    @Option(help: "索引中的信访件数 / reports added to the index.")
    var reports = 10_000

    @Option(help: "查询次数 / queries.")
    var queries = 10_000

    @Option(help: "随机种子 / seed.")
    var seed: UInt64 = 2026

    @Flag(help: "使用 bench screen 的模板化信访件 / use the templated reports of `bench screen`.")
    var templated = false

    func validate() throws {
        guard reports > 0, queries > 0 else { throw ValidationError("reports and queries must be positive") }
    }

    func run() throws {
        var rng = SplitMix64(seed: seed)
        let roster = SyntheticScreeningData.roster(count: 2_000, using: &rng)
        let normalizer = TextNormalizer()
        let generate: (inout SplitMix64) -> String =
            templated
            ? { SyntheticScreeningData.report(roster: roster, using: &$0) }
            : { SyntheticLetters.letter(using: &$0) }
        let texts = (0..<reports).map { _ in normalizer.normalize(generate(&rng)) }
        var expected: [String?] = []
        let queryTexts: [String] = (0..<queries).map { i in
            guard i % 2 == 0 else {
                expected.append(nil)
                return normalizer.normalize(generate(&rng))
            }
            let earlier = Int.random(in: 0..<reports, using: &rng)
            expected.append("r\(earlier)")
            return Self.retype(texts[earlier], using: &rng)
        }
        let clock = ContinuousClock()
        var index = NearDuplicateIndex()
        let addStart = clock.now
        let addCPUStart = Self.threadCPUSeconds()
        for (i, text) in texts.enumerated() { index.add(id: "r\(i)", normalizedText: text) }
        let addCPU = Self.threadCPUSeconds() - addCPUStart
        let addTime = Self.seconds(clock.now - addStart)
        var found = 0
        var missed = 0
        var otherRepeat = 0
        var newFlagged = 0
        let queryStart = clock.now
        let queryCPUStart = Self.threadCPUSeconds()
        let answers = queryTexts.map { index.nearest(toNormalized: $0) }
        let queryCPU = Self.threadCPUSeconds() - queryCPUStart
        let queryTime = Self.seconds(clock.now - queryStart)
        for (answer, want) in zip(answers, expected) {
            switch (answer, want) {
            case (let a?, let w?): if a.id == w { found += 1 } else { otherRepeat += 1 }
            case (nil, _?): missed += 1
            case (_?, nil): newFlagged += 1
            case (nil, nil): break
            }
        }
        print("index: \(reports) reports, mean \(texts.reduce(0) { $0 + $1.count } / texts.count) characters")
        // CPU time of this thread next to wall clock: on a busy machine the wall clock mostly measures the others.
        print(String(format: "add:   %.1f µs/report wall clock, %.1f µs CPU", addTime / Double(reports) * 1e6, addCPU / Double(reports) * 1e6))
        print(String(format: "query: %.1f µs/query wall clock, %.1f µs CPU", queryTime / Double(queries) * 1e6, queryCPU / Double(queries) * 1e6))
        print(
            "retyped repeats: \(found) found, \(otherRepeat) matched another report, \(missed) missed; "
                + "new reports called repeats: \(newFlagged) of \(queries / 2)"
        )
    }

    /// An earlier report as a reporter might send it again: clauses (split at ; or 。, as
    /// normalized) in reverse order and a sentence added at the end.
    static func retype(_ text: String, using rng: inout SplitMix64) -> String {
        let clauses = text.split(separator: text.contains(";") ? ";" : "。").map(String.init)
        let added = ["我上个月已经反映过一次，到现在还没有结果。", "以上情况属实，我愿意配合调查。", "他们现在还在销毁证据，请尽快处理。"]
        return clauses.reversed().joined(separator: "。") + "。" + added.randomElement(using: &rng)!
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Seeded letter-like reports without a shared template: 3–7 sentences, each a name and 6–13
/// words drawn from report vocabulary, sometimes a number.
enum SyntheticLetters {
    static let words =
        ("反映 举报 局长 书记 主任 科长 村支书 镇长 工程 项目 资金 补贴 低保 扶贫 拆迁 征地 招标 中标 合同 回扣 红包 "
        + "购物卡 宴请 公车 私用 挂名 工资 违规 收受 索要 侵占 挪用 虚报 冒领 打招呼 亲属 表弟 妻子 儿子 公司 "
        + "酒店 饭店 茶楼 别墅 土地 耕地 村民 群众 干部 职工 县里 乡里 村里 单位 领导 关系 问题 情况 调查 处理 "
        + "核实 查处 公道 多次 长期 去年 今年 春节 中秋 国庆 以来 期间 金额 万元 现金 信封 礼品 香烟 白酒 茅台").split(separator: " ")

    static func letter(using rng: inout SplitMix64) -> String {
        (0..<Int.random(in: 3...7, using: &rng)).map { _ in
            var parts = [
                String(SyntheticScreeningData.surnames.randomElement(using: &rng)!)
                    + String(SyntheticScreeningData.given.randomElement(using: &rng)!)
                    + String(SyntheticScreeningData.given.randomElement(using: &rng)!)
            ]
            for _ in 0..<Int.random(in: 6...13, using: &rng) {
                parts.append(
                    Int.random(in: 0..<7, using: &rng) == 0
                        ? String(Int.random(in: 1..<100_000, using: &rng)) : String(words.randomElement(using: &rng)!)
                )
            }
            return parts.joined(separator: Bool.random(using: &rng) ? "，" : "") + "。"
        }.joined()
    }
}
