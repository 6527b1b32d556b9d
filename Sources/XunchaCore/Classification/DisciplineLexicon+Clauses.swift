// Clause pairs: a verb and an object that mean a behaviour when they stand anywhere in one clause
// (收了他两条好烟 and 红包他也收, 把小舅子安排到财政所工作), where a phrase list would need every
// word in between. Written from the behaviours of the 条例, never from an evaluation set; see
// docs/classifier.md, "Clause pairs".

/// A verb and an object of one behaviour, in either order within one clause (no ，。；：！？ between).
public struct ClausePair: Sendable, Hashable {
    /// The lexicon entry the pair supports (`integrity.gifts`): its category and articles.
    public let entry: String
    public let weight: Double
    public let heads: [String]
    public let objects: [String]

    public init(entry: String, weight: Double, heads: [String], objects: [String]) {
        self.entry = entry
        self.weight = weight
        self.heads = heads
        self.objects = objects
    }
}

extension DisciplineLexicon {
    /// How far apart (in characters) the two words of a pair may stand.
    static let clausePairReach = 24

    static let standardClausePairs: [ClausePair] = [
        // 63: agreeing on what to tell the organisation; destroying or forging what it would read.
        ClausePair(
            entry: "political.obstruction",
            weight: 1.5,
            heads: ["统一", "商量", "交代", "叮嘱", "嘱咐", "串通", "对好", "教他们", "教对方"],
            objects: ["口径", "说法", "说辞", "口供", "怎么说", "怎么回答", "怎么应付", "如何应对", "如何回答", "该说什么"]
        ),
        ClausePair(
            entry: "political.obstruction",
            weight: 1.5,
            heads: ["烧", "删", "扔", "销毁", "撕", "藏起", "转移", "砸", "伪造"],
            objects: ["账", "记录", "手机", "电脑", "硬盘", "证据", "借条", "借据", "收据", "合同", "票据", "凭证"]
        ),
        // 61: keeping people from the inspection group.
        ClausePair(
            entry: "political.inspection",
            weight: 1.5,
            heads: ["不许", "不准", "不让", "威胁", "警告", "阻止", "拦着", "拦住", "吓唬"],
            objects: ["巡察组", "巡察", "反映情况", "反映问题", "去反映", "举报", "提意见", "说出"]
        ),
        ClausePair(
            entry: "political.inspection",
            weight: 1.5,
            heads: ["拿走", "摘掉", "撤掉", "锁起来", "藏起来", "撕掉"],
            objects: ["意见箱", "举报箱", "巡察公告", "公告"]
        ),
        // 67: superstition.
        ClausePair(
            entry: "political.superstition",
            weight: 1.5,
            heads: ["请", "找", "信", "去", "拜", "求"],
            objects: ["风水先生", "算命", "大师", "看方位", "看日子", "烧香", "菩萨", "神婆", "道士", "求签", "寺庙", "庙里"]
        ),
        // 50: speaking against the Party's decisions.
        ClausePair(
            entry: "political.speech",
            weight: 1.5,
            heads: ["骂", "讽刺", "嘲讽", "开玩笑", "抹黑", "攻击", "诋毁", "歪曲"],
            objects: ["中央", "党的", "上面的决策", "上级的决策", "党中央", "大政方针", "党史", "决策部署"]
        ),
        // 97: taking gifts, in any words between.
        ClausePair(
            entry: "integrity.gifts",
            weight: 1.5,
            heads: ["收了", "收下", "收受", "拿了", "接受", "笑纳", "要了", "索要", "照单全收", "送到", "塞给", "拎着"],
            objects: ["红包", "礼金", "购物卡", "加油卡", "消费卡", "烟酒", "好烟", "茅台", "现金", "金条", "礼品", "好处费", "土特产"]
        ),
        // 96, 103: a post found for one's own.
        ClausePair(
            entry: "integrity.relatives",
            weight: 1.5,
            heads: ["安排到", "安排进", "安排在", "调到", "弄进", "塞进", "招进"],
            objects: ["亲戚", "儿子", "女儿", "小舅子", "外甥", "侄子", "侄女", "妻子", "老婆", "家属", "亲属", "女婿"]
        ),
        // 83: buying votes.
        ClausePair(
            entry: "organizational.canvassing",
            weight: 1.5,
            heads: ["塞", "送钱", "发红包", "请客", "挨家挨户", "上门", "打招呼", "打电话"],
            objects: ["投票", "投他", "选他", "推荐他", "一票", "选票"]
        ),
        // 137: figures raised or records made up.
        ClausePair(
            entry: "work.falseReports",
            weight: 1.5,
            heads: ["报高", "多报", "虚报", "补写", "补做", "编造", "造假", "改成"],
            objects: ["数据", "报表", "会议记录", "台账", "收入", "进度", "完成率", "签名"]
        ),
        // 151: an improper relationship.
        ClausePair(
            entry: "life.affairs",
            weight: 1.5,
            heads: ["同居", "开房", "暧昧", "包养"],
            objects: ["女同事", "女下属", "情人", "女人", "男同事"]
        ),
    ]
}
