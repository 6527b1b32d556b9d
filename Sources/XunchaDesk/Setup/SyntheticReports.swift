import Foundation
import XunchaCore

/// Seeded synthetic reports and rosters for the benchmarks and the generated data set (`xuncha
/// bench screen`, `bench duplicates`, `bench generate`): invented names, units and conduct.
public enum SyntheticScreeningData {
    public static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    public static let given = Array("建国红梅志强秀英海涛丽娟文军晓明春华玉兰永刚桂芳德胜凤霞立新雪梅振宇静怡国庆小平伟东丹丹金龙慧敏宏亮")
    public static let units = ["县财政局", "县教育局", "县住建局", "县卫健局", "县自然资源局", "县交通运输局", "城关镇", "河口乡", "县人民医院", "县第一中学", "县水利局", "县农业农村局"]
    public static let posts = ["党组书记、局长", "副局长", "党组成员、副局长", "办公室主任", "财务股股长", "科员", "党委书记", "镇长", "副镇长", "村支书", "院长", "校长", "干部"]
    public static let conduct = [
        "收受工程老板红包", "违规发放津贴补贴", "公车私用接送孩子", "在低保评定中优亲厚友", "安排亲属承揽工程", "大操大办儿子婚宴", "违规报销差旅费",
        "对群众诉求推诿扯皮", "插手工程招投标", "在统计数据中弄虚作假", "与他人保持不正当性关系", "在民主推荐中拉票", "挪用扶贫资金", "接受宴请并收受购物卡",
    ]
    public static let openings = ["反映", "举报", "我要反映", "群众反映", "实名举报"]
    public static let details = ["，有转账记录为证", "，有照片", "，知情人可以作证", "，金额较大", "，群众意见很大", ""]

    public static func roster(count: Int, using rng: inout SplitMix64) -> [RosterPerson] {
        (0..<count).map { _ in
            let name =
                String(surnames.randomElement(using: &rng)!) + String(given.randomElement(using: &rng)!)
                + (Bool.random(using: &rng) ? String(given.randomElement(using: &rng)!) : "")
            return RosterPerson(name: name, unit: units.randomElement(using: &rng)!, post: posts.randomElement(using: &rng)!)
        }
    }

    public static func report(roster: [RosterPerson], using rng: inout SplitMix64) -> String {
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
