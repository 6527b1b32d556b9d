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
        // 65: clan power over the village's elections.
        ClausePair(
            entry: "political.clan",
            weight: 1.5,
            heads: ["祠堂", "宗族", "家族", "大姓", "族长", "族里", "本家"],
            objects: ["换届", "选举", "人选", "村委", "选票", "投票", "说了算", "村干部"]
        ),
        // 58: what the level above decided, not done.
        ClausePair(
            entry: "political.defiance",
            weight: 1.5,
            heads: ["上面要求", "上级要求", "上面定的", "上级定的", "中央要求", "上级部署", "上面部署", "上级决定", "上面的决定", "上级的决定", "上级文件", "上面的文件"],
            objects: ["不搞", "不执行", "拖着不办", "不落实", "不照办", "糊弄", "打折扣", "搞变通", "对着干", "不当回事"]
        ),
        // 61: threats against whoever talks to the inspection group.
        ClausePair(
            entry: "political.inspection",
            weight: 1.5,
            heads: ["乱说", "乱讲", "瞎说", "递材料", "告状", "找巡察组", "往巡察组", "跟巡察组"],
            objects: ["保不住", "别想", "饭碗", "收拾", "走着瞧", "好果子", "给你好看", "不好过"]
        ),
        // 84: posts for one's own people, and posts bought.
        ClausePair(
            entry: "organizational.appointments",
            weight: 1.5,
            heads: ["外甥", "小姨子", "侄子", "侄女", "亲戚", "小舅子", "表弟", "表妹", "女婿", "亲信", "自己人", "走得近"],
            objects: ["转了编", "入编", "进编", "没考试", "没考", "不用考", "直接进", "提拔", "提了", "重用", "当上了"]
        ),
        ClausePair(
            entry: "organizational.appointments",
            weight: 1.5,
            heads: ["花了", "花钱", "送了", "送钱", "托人送", "拿钱"],
            objects: ["提拔", "副科", "正科", "科长", "位子", "组织部", "买官", "买了个"]
        ),
        // 102: a share held in another's name.
        ClausePair(
            entry: "integrity.business",
            weight: 1.5,
            heads: ["股份", "入股", "干股", "分红", "占股", "股东"],
            objects: ["名字", "名义", "挂名", "代持", "表哥", "表弟", "亲戚"]
        ),
        // 105: an allowance drawn by whoever is not owed it.
        ClausePair(
            entry: "integrity.publicFunds",
            weight: 1.5,
            heads: ["补贴", "补助", "津贴", "加班费", "差旅费", "误餐费", "交通费"],
            objects: ["自己领", "冒领", "虚领", "多领", "领了两份", "自己拿"]
        ),
        // 107: a study trip that was a holiday.
        ClausePair(
            entry: "integrity.junkets",
            weight: 1.5,
            heads: ["考察", "学习", "培训", "调研", "交流"],
            objects: ["旅游", "游玩", "玩了", "景区", "景点", "度假", "单位的钱", "公款"]
        ),
        // 122: money asked beyond what is due, money due held back.
        ClausePair(
            entry: "mass.burdens",
            weight: 1.5,
            heads: ["多收", "多要", "另收", "额外收", "加收", "乱收", "还要收", "另外收"],
            objects: ["钱", "块", "元", "费", "每人", "每户"]
        ),
        ClausePair(
            entry: "mass.burdens",
            weight: 1.5,
            heads: ["补贴", "补助", "救济款", "低保金", "抚恤金", "粮补", "地力补贴"],
            objects: ["没到", "没发", "没拿到", "扣下", "截留", "存在村里", "一分钱没", "一分没", "统一存"]
        ),
        // 130: a licence given where the conditions are not met.
        ClausePair(
            entry: "work.dereliction",
            weight: 1.5,
            heads: ["手续不全", "没有手续", "环评", "不合格", "不达标", "没验收"],
            objects: ["照样", "照批", "照发", "还是批", "批了", "发了证", "给发", "放行"]
        ),
        // 132: a show put on for whoever inspects.
        ClausePair(
            entry: "work.formalism",
            weight: 1.5,
            heads: ["验收", "检查", "考核", "上级来", "领导来", "评比"],
            objects: ["拍照", "摆拍", "借来", "牵来", "牵到", "装样子", "做样子", "演戏", "作秀"]
        ),
        // 139: a word put in for a case.
        ClausePair(
            entry: "work.justice",
            weight: 1.5,
            heads: ["打招呼", "托人", "说情", "递条子"],
            objects: ["案子", "立案", "不立", "判", "放人", "放出来"]
        ),
        // 151 and 153: a second household; violence at home.
        ClausePair(
            entry: "life.affairs",
            weight: 1.5,
            heads: ["养了", "养着", "包了", "在外面养", "外面有"],
            objects: ["女人", "情人", "小三", "二奶", "相好"]
        ),
        ClausePair(
            entry: "life.publicOrder",
            weight: 1.5,
            heads: ["老公", "丈夫", "我男人", "喝了酒"],
            objects: ["打我", "打她", "家暴", "打断", "打伤", "动手打"]
        ),
    ]
}
