import ArgumentParser
import Foundation
import XunchaCore
import XunchaText

/// `xuncha bench …`: throughput measurements on synthetic data.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "性能测试 / Benchmarks on synthetic, seeded data.",
        subcommands: [Screen.self, BenchDuplicatesCommand.self]
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

/// Seeded synthetic reports and rosters for the benchmark: invented names, units and conduct.
enum SyntheticScreeningData {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let given = Array("建国红梅志强秀英海涛丽娟文军晓明春华玉兰永刚桂芳德胜凤霞立新雪梅振宇静怡国庆小平伟东丹丹金龙慧敏宏亮")
    static let units = ["县财政局", "县教育局", "县住建局", "县卫健局", "县自然资源局", "县交通运输局", "城关镇", "河口乡", "县人民医院", "县第一中学", "县水利局", "县农业农村局"]
    static let posts = ["党组书记、局长", "副局长", "党组成员、副局长", "办公室主任", "财务股股长", "科员", "党委书记", "镇长", "副镇长", "村支书", "院长", "校长", "干部"]
    static let conduct = [
        "收受工程老板红包", "违规发放津贴补贴", "公车私用接送孩子", "在低保评定中优亲厚友", "安排亲属承揽工程", "大操大办儿子婚宴", "违规报销差旅费",
        "对群众诉求推诿扯皮", "插手工程招投标", "在统计数据中弄虚作假", "与他人保持不正当性关系", "在民主推荐中拉票", "挪用扶贫资金", "接受宴请并收受购物卡",
    ]
    static let openings = ["反映", "举报", "我要反映", "群众反映", "实名举报"]
    static let details = ["，有转账记录为证", "，有照片", "，知情人可以作证", "，金额较大", "，群众意见很大", ""]

    static func roster(count: Int, using rng: inout SplitMix64) -> [RosterPerson] {
        (0..<count).map { _ in
            let name =
                String(surnames.randomElement(using: &rng)!) + String(given.randomElement(using: &rng)!)
                + (Bool.random(using: &rng) ? String(given.randomElement(using: &rng)!) : "")
            return RosterPerson(name: name, unit: units.randomElement(using: &rng)!, post: posts.randomElement(using: &rng)!)
        }
    }

    static func report(roster: [RosterPerson], using rng: inout SplitMix64) -> String {
        var text = openings.randomElement(using: &rng)!
        let people = Int.random(in: 2...4, using: &rng)
        for i in 0..<people {
            let who: String
            switch roster.isEmpty ? 1 : Int.random(in: 0...2, using: &rng) {
            case 0:
                let p = roster.randomElement(using: &rng)!
                who = p.unit + p.post.split(separator: "、").last.map(String.init)! + p.name
            case 1: who = String(surnames.randomElement(using: &rng)!) + "某某" + ["局长", "书记", "主任", "股长"].randomElement(using: &rng)!
            default: who = units.randomElement(using: &rng)! + ["局长", "副局长", "村支书", "院长"].randomElement(using: &rng)!
            }
            let year = Int.random(in: 2021...2025, using: &rng)
            let month = Int.random(in: 1...12, using: &rng)
            let day = Int.random(in: 1...28, using: &rng)
            let money = Int.random(in: 1...90, using: &rng)
            text += (i == 0 ? "" : "；另外，") + who + "在\(year)年\(month)月\(day)日" + conduct.randomElement(using: &rng)!
            text += "，涉及金额\(money)万元" + details.randomElement(using: &rng)!
        }
        text += "。请巡察组认真调查，还群众一个公道，希望组织上尽快核实处理，我们相信组织会秉公处理此事。"
        return text
    }
}
