// Cue families: general vocabulary added to the standard entries. Each family is a product of a
// few verbs and a few objects (销毁/烧了/扔进 × 账本/单据/硬盘), in both orders where the object
// can come first (把账本烧了 → 账本烧了), or a set of colloquial paraphrases of one behaviour.
// Written from the behaviours and from how a different writer would put them, never from an
// evaluation set. A family phrase that an entry already lists keeps the entry's weight and
// place (the first listing wins). See docs/classifier.md, "Cue families".

extension DisciplineLexicon {
    /// `entries` with each family appended to the entry of its id. A family phrase already
    /// listed anywhere in the lexicon, or twice in the families, is left out: the first listing
    /// keeps its entry and weight.
    static func addingCueFamilies(_ entries: [LexiconEntry]) -> [LexiconEntry] {
        var seen = Set(entries.flatMap { $0.weightedPhrases.map(\.phrase) })
        return entries.map { entry in
            guard let family = cueFamilies[entry.id] else { return entry }
            var added: [String] = []
            for raw in family {
                let phrase = raw.split(separator: "@").first.map(String.init) ?? raw
                if seen.insert(phrase).inserted { added.append(raw) }
            }
            return LexiconEntry(
                id: entry.id,
                category: entry.category,
                articles: entry.articles,
                weight: entry.weight,
                behaviour: entry.behaviour,
                phrases: entry.phrases + added
            )
        }
    }

    /// Phrases added to the entry with the key's id, after its own phrases.
    static let cueFamilies: [String: [String]] = [
        // 63: destroying, hiding and moving evidence and money; agreeing on a story.
        "political.obstruction":
            eitherOrder(
                ["烧掉", "烧了", "烧毁", "扔掉", "扔了", "扔进", "撕掉", "撕了", "撕毁", "粉碎", "删掉", "删了", "删除", "砸了", "砸坏", "毁了", "处理掉"],
                ["账本", "账目", "账册", "单据", "票据", "凭证", "报销单", "笔记本", "记账本", "硬盘", "U盘", "聊天记录", "通话记录", "证据", "发票"],
                2
            )
            + eitherOrder(
                ["藏到", "藏在", "藏进", "转移到", "转移至", "搬到", "搬走", "运走", "拉走", "放到亲戚"],
                ["现金", "赃款", "财物", "金条", "存折", "银行卡", "保险柜", "钱款", "账本", "单据", "凭证", "票据"],
                2
            )
            + [
                "统一口风", "对好口风", "口风一致", "不许乱说", "不要乱说", "不准乱说", "别乱说", "商量怎么@1.5", "商量如何@1.5", "如何应付@1.5", "怎么应付@1",
                "说成借款", "说成是借款", "当成借款", "伪装成借款", "伪造借条", "补写借条", "补签借条", "补了借条", "授意亲属", "授意家人", "授意@1",
            ],
        // 61: timing against an inspection.
        "political.inspection": ["巡察组进驻后@1.5", "巡察组进驻前@1.5", "巡察组来之前@1.5", "巡视组进驻后@1.5", "巡视组来之前@1.5", "巡察期间@0.5"],
        // 67–68: the folk words for temples, deities and fortune.
        "political.superstition": [
            "道观@1.5", "道士@1", "道场@1.5", "烧高香@1.5", "拜神@1.5", "保佑@1", "仕途@1", "算一卦", "看面相", "大仙@1.5", "神婆@1.5",
            "请神@1.5", "香炉@1.5", "寺里@0.5",
        ],
        // 50: attacking the Party, its leaders, heroes and system; foreign hostile sources.
        "political.speech":
            pairs(
                ["诋毁", "丑化", "抹黑", "攻击", "污蔑", "嘲讽", "恶搞"],
                ["党", "党的", "国家", "政府", "领导人", "英雄", "烈士", "制度", "社会主义"],
                2
            ) + ["境外网站@1.5", "境外媒体@1.5", "反动@1.5", "全是骗人的@1", "瞎折腾@1", "党的政策@0.5", "国家的政策@0.5"],
        // 56: saying yes and doing otherwise.
        "political.twoFaced":
            pairs(["表面上", "表面", "嘴上", "口头上", "当面"], ["答应", "同意", "表态", "说好", "应承"], 1.5) + [
                "阳一套阴一套", "明一套暗一套", "嘴上一套", "开会表态@1", "表态坚决@1",
            ],
        "political.defiance": ["照旧不办@1.5", "照样不办@1.5", "该怎么干还怎么干@1.5", "不当回事@1", "当耳旁风@1.5", "当耳边风@1.5"],
        // 77: one person deciding.
        "organizational.centralism": [
            "他自己定@1.5", "自己定的@1.5", "一个人定@1.5", "都是他定", "全是他定", "全由他定", "由他一人决定",
            "开会才知道@1.5", "开会时才知道@1.5", "才知道结果@1", "不经班子@1.5", "不上班子会", "绕开班子", "绕过班子",
        ],
        // 81: hiding from the organisation.
        "organizational.reporting": [
            "单位不知道@1", "单位根本不知道@1.5", "瞒着单位@1.5", "组织不知道@1.5", "没跟组织说@1.5", "没向单位报告", "不向单位报告", "组织上问他@1", "一直瞒着@1.5",
            "隐瞒不说@1.5",
        ],
        // 81, 85: falsified age, CV and records.
        "organizational.records":
            pairs(
                ["改", "篡改", "涂改", "伪造", "改了", "虚报"],
                ["年龄", "出生年份", "出生年月", "履历", "学历", "工龄", "入党时间", "参加工作时间"],
                2
            ) + ["履历@1.5", "出生年份@1.5", "出生年月@1.5", "改晚@1.5", "推迟退休@1.5", "延迟退休@1.5", "晚退休@1.5"],
        // 83: gifts and promises around an election.
        "organizational.canvassing": [
            "选村主任@1", "选村长@1", "选支书@1", "选举期间@1", "换届前@1", "投票前@1", "到时候选他", "投他@1.5", "给他投@1.5", "让大家选", "叫大家选",
            "让大家投", "叫大家投", "候选人@1", "挨家挨户送@1.5", "送米@1", "送油@1", "发米@1", "发油@1",
        ],
        // 84: who was promoted or hired, and how.
        "organizational.appointments":
            pairs(
                ["提拔", "提了", "提的是", "被提的是", "招进", "招的是", "安排进", "安排到", "调进", "弄进", "录用"],
                ["他外甥", "他侄子", "他侄女", "他小舅子", "他女婿", "他亲戚", "他儿子", "他女儿", "他老婆", "他妹妹", "他弟弟", "外甥", "侄子", "小舅子", "女婿", "亲戚"],
                1.5
            ) + [
                "没有民主推荐", "未经民主推荐", "不经民主推荐", "没搞民主推荐", "直接报上去@1.5", "进人@1",
            ],
        // 86–87: punishing a critic.
        "organizational.retaliation": [
            "整我@1.5", "在整我", "故意整我", "报复我@1.5", "打压我@1.5", "提了意见@1", "提过意见@1", "提了反对意见@1.5", "看仓库@1", "看大门@1",
            "发配@1.5", "坐冷板凳@1.5", "冷板凳@1.5", "边缘化@1.5",
        ],
        "organizational.fellowship": ["同县@1", "同乡@1", "老乡@1", "同乡群", "老乡群", "在外干部@1.5", "抱团@1.5"],
        // 90: emigration in everyday words.
        "organizational.nationality": [
            "定居@1.5", "国外定居", "定居国外", "出国定居", "去了国外@1", "国外@1", "海外@1", "入籍", "外籍@1.5",
        ],
        "organizational.travel": ["私人证件@1.5", "私人护照", "去了澳门@1", "去澳门@1", "去了香港@1", "去香港@1", "港澳@1"],
        // 94: a businessman pays; a price far below the market.
        "integrity.favours":
            pairs(
                ["老板", "老总", "商人", "开发商", "包工头", "承包商", "供货商", "供应商", "企业主", "施工方", "中标单位", "私营业主", "生意人", "搞建筑的", "搞工程的"],
                ["出的", "出钱", "掏钱", "掏的", "付的", "付钱", "买单", "埋单", "送的", "送给", "送来", "报销", "承担", "出资", "包了"],
                1.5
            )
            + pairs(["由老板", "由企业", "由商人", "由开发商", "由施工方", "由承包商"], ["承担", "支付", "买单", "埋单", "出钱", "报销", "结账", "付款"], 1.5)
            + ["便宜卖给@1.5", "低价卖给", "打折卖给@1.5", "半价@1", "付了一半@1", "白送@1.5", "白拿@1.5"],
        // 97: carrying gifts to an official's door; taking money from a businessman.
        "integrity.gifts":
            pairs(["提着", "拎着", "抱着", "扛着"], ["盒子", "礼盒", "东西", "烟酒", "袋子", "信封", "纸袋", "箱子", "礼品袋"], 1)
            + pairs(["收了", "拿了", "收下", "收过"], ["老板", "那个老板", "人家", "包工头", "开发商", "商人", "企业的", "对方", "他们"], 1.5)
            + ["上门拜年@1.5", "拜年@1", "一沓钱@1.5", "一叠钱@1.5", "信封里@1.5", "塞了@1", "塞给@1.5"],
        // 99: how many tables, and gifts paid at them.
        "integrity.celebrations":
            pairs(["摆了", "办了"], ["几十桌", "上百桌", "多桌", "酒席", "宴席", "流水席"], 2) + [
                "上了礼@1.5", "流水席@1.5", "大办@1.5", "满月宴", "周岁宴@1.5", "升学酒@1.5", "谢师酒", "乔迁酒@1.5", "寿酒@1.5", "做寿@1.5",
            ],
        // 100: meals and outings with businessmen who pay.
        "integrity.hospitality":
            pairs(
                ["和老板", "跟老板", "和几个老板", "跟几个老板", "和包工头", "跟包工头", "和开发商", "跟开发商", "和商人", "陪老板", "和企业老板", "和包工程的老板"],
                ["吃饭", "喝酒", "去酒店", "打牌", "钓鱼", "打球", "唱歌", "泡脚", "洗澡", "聚餐", "出去玩", "出游"],
                1.5
            ) + ["不是他掏钱@1.5", "不用他掏钱@1.5", "从不掏钱@1.5", "没掏过钱@1.5", "不掏钱@1.5", "一分钱不花@1.5", "不花一分钱@1.5"],
        // 103: a relative's company inside his remit.
        "integrity.familyBusiness":
            pairs(
                ["老婆", "妻子", "爱人", "儿子", "女儿", "弟弟", "哥哥", "妹妹", "姐姐", "小舅子", "亲戚", "女婿", "外甥", "侄子", "妹夫", "姐夫", "家属", "亲属", "配偶", "子女", "家人"],
                ["名下", "开的公司", "的公司", "办的公司", "开了一家", "开了家", "开的厂", "承包了", "承揽了"],
                1.5
            ) + ["都用他家的@1.5", "都用他家@1.5", "只用他家@1.5", "都找他家@1.5", "指定用@1"],
        // 105: spending the unit's or the village's money on oneself.
        "integrity.publicFunds":
            pairs(
                ["用", "拿", "动用", "花"],
                ["公家的钱", "单位的钱", "集体的钱", "村里的钱", "公家钱", "单位经费", "专项资金", "工会经费", "党费"],
                1.5
            ) + ["单位报@1", "单位报销@1", "公家报销@1.5", "找单位报@1.5"],
        // 107: a study trip that was a holiday.
        "integrity.junkets":
            pairs(
                ["以培训", "以学习", "以考察", "以调研", "以开会", "以会议", "以交流", "以招商", "以党建", "借培训", "借学习", "借考察", "借调研", "借招商", "借交流"],
                ["为名", "名义", "的名义", "之名"],
                2
            ) + ["玩了几天@1.5", "景点@1", "景区@1", "度假村@1.5"],
        // 109: the unit's car, its fuel.
        "integrity.cars":
            pairs(["单位的", "公家的", "局里的", "镇里的", "所里的", "院里的", "单位"], ["车", "越野车", "轿车", "小车", "商务车", "车子", "汽车"], 1.5)
            + pairs(["开", "开着", "用", "借"], ["单位的车", "公车", "公务车", "单位车"], 2) + ["油钱@1", "油费@1"],
        // 122: levies per head, money kept back, a price for a signature.
        "mass.burdens":
            pairs(
                ["被村会计", "被村干部", "被村长", "被村支书", "被村里", "被镇里", "被乡里", "被组长", "被村委会"],
                ["扣了", "扣掉", "扣留", "克扣", "截留", "拿走", "占了", "贪了", "吃了"],
                2
            )
            + pairs(["才肯", "才给", "才愿意"], ["签字", "盖章", "办", "办理", "批", "审批", "开证明", "出证明", "给办"], 1.5)
            + [
                "手续费@1", "每户收@1.5", "每家收@1.5", "每人收@1.5", "每家每户收",
            ],
        // 124: relief given to one's own people.
        "mass.favouritism":
            pairs(
                ["给了", "分给", "分给了", "先给", "都给了", "批给", "评给", "报给"],
                ["他亲戚", "他的亲戚", "他兄弟", "他几个兄弟", "他小舅子", "他亲家", "自家", "自己家", "他儿子", "他女儿", "他老婆", "亲戚", "自家人", "他的亲属", "村干部家"],
                1.5
            ) + [
                "列入名单@1", "补助名单@1.5", "救助名单@1.5", "低保名单@1.5", "兄弟家@1", "本人亲属@1.5",
                "自己亲属@1.5", "名额给了@1.5", "名额都给了@1.5", "真正需要的@1.5", "真正符合条件的@1.5",
            ],
        // 125: property wrecked, people pushed.
        "mass.bullying":
            eitherOrder(["推了", "推倒", "拆了", "砸了", "掀了", "摔了", "铲了", "扒了", "砸烂"], ["房子", "围墙", "大棚", "摊子", "菜摊", "秤", "庄稼", "果树"], 2)
            + ["把人推倒@2", "推倒在地@2", "拳打脚踢@2", "扇耳光@2", "动手打@1.5", "城管@0.5"],
        // 126: sent from one office to the next.
        "mass.indifference":
            pairs(
                ["说找", "让我找", "叫我找", "让我们找", "叫我们找", "让去找", "推给"],
                ["村里", "镇里", "乡里", "街道", "社区", "县里", "区里", "物业", "上级", "别的部门", "其他部门"],
                1.5
            ) + ["没人来看@1.5", "没人来管@1.5", "没人来处理@1.5", "一直没人来@1.5", "没有人来@1", "都说不归@1.5", "谁都不管@1.5"],
        // 129: accounts never shown.
        "mass.openness":
            pairs(
                ["没", "没有", "从没", "从来没", "从来没有", "不", "未", "从不", "一直没", "一直不", "拒不", "不肯"],
                ["公布", "公示", "张榜", "公开账目", "公开财务", "公布账目"],
                1.5
            ) + ["集体收入@1.5", "你管不着@1", "管不着@1", "不让看账@1.5", "不给看账@1.5"],
        // 130: not inspecting, not repairing, known and left; what followed.
        "work.dereliction":
            pairs(["明知道也", "明知也", "知道了也", "早知道也", "明知"], ["不修", "不管", "不处理", "不报", "不查", "不制止", "不上报", "不整改"], 1.5)
            + [
                "明知@1", "没去过@0.5", "炸了@1", "爆炸@1.5", "死了人@1.5", "死了两个@1", "出了人命@1.5", "出人命@1.5", "淹了@1", "塌了@1.5", "倒塌@1.5", "垮塌@1.5",
                "着火@1", "安全员@1",
            ],
        "work.absence": ["值班时@1", "不接电话@1"],
        // 137: figures pushed up or down.
        "work.falseReports":
            pairs(
                ["调高", "调低", "改高", "拔高", "虚增", "多报", "少报", "瞒报", "虚报", "篡改", "修改", "编造", "捏造", "做高", "注水"],
                ["数据", "产值", "收入", "增长率", "指标", "数字", "GDP", "统计数", "业绩", "完成率", "脱贫率", "就业率"],
                2
            )
            + pairs(["调高", "调低", "改高", "虚增", "拔高"], ["全县", "全市", "全镇", "全区"], 1.5)
            + ["应付考核@1.5", "产值@1", "规模以上@1"],
        // 132: photos, forms, groups and paperwork instead of work.
        "work.formalism": [
            "上传照片@1.5", "发照片@1", "交材料@1", "报送材料@1", "填表格@1", "各种表格@1.5", "各种材料@1.5", "好几个群@1.5", "不同的群@1.5", "群里打卡@1.5", "拍好几遍@1.5",
            "没时间干正事@2", "没时间干实事@2", "没空干正事@2", "忙于应付@1.5", "疲于应付@1.5", "连夜补@1.5", "学习笔记@1", "上面检查@1", "检查组来之前@1", "迎接检查@1.5",
        ],
        "work.marketMeddling": ["评标专家@1.5", "给评委@1.5", "评委@1", "打分@1", "把分打给@2"],
        // 141–142: the report shown to its target; the test paper handed out.
        "work.secrets":
            pairs(["告诉", "告诉了", "透露给", "泄露给", "转给", "交给", "拿给", "说给"], ["被举报人", "被举报的", "被反映人", "被反映的"], 2)
            + ["举报信的内容@2", "举报的内容@1.5"],
        "work.justice": ["找关系@1", "托关系@1", "放出来@1.5", "放了出来@1.5", "被抓的亲戚@1.5", "打架被抓@1"],
        // 151: the everyday words for an affair.
        "life.affairs":
            pairs(["关系"], ["不一般", "很不一般", "不正常", "很不正常", "特殊", "非同一般"], 1.5)
            + pairs(["一起", "经常", "单独", "两人"], ["出入宾馆", "去宾馆", "住宾馆", "开房间", "住酒店", "出入酒店", "过夜"], 2)
            + ["宾馆@1", "过夜@1.5", "夜不归宿@1.5", "好上了@1.5", "搞在一起@1.5", "睡在一起@2", "原配@1.5", "女朋友@1", "红颜知己@1.5"],
        // 153: drink-driving, gambling, neglect of parents.
        "life.publicOrder":
            pairs(
                ["喝了酒", "喝完酒", "喝酒后", "酒后", "喝多了", "喝醉了", "白酒后", "啤酒后", "喝完后"],
                ["开车", "驾车", "自己开车", "开车回家", "驾驶"],
                2
            ) + [
                "输掉@1", "不回去看@1.5", "不回家看@1.5", "一年都不回@1.5", "不去看望@1.5", "不管老人@1.5", "不管老娘@1.5", "不给老人钱", "不给父母钱",
                "打媳妇",
            ],
        "life.family": ["仗着@1", "没人敢管@1"],
        // 154: live streams, quarrels and insults online.
        "life.online": [
            "直播@1", "短视频@1", "抖音@1", "快手@0.5", "网友@0.5", "和网友@1.5", "对骂@1.5", "粗俗@1.5", "爆粗口@1.5", "脏话@1",
        ],
        "life.luxury": ["牌子货@1.5", "名牌衣服@1.5", "几万块一件@1.5", "几千块一件@1", "戴的表@1.5", "手表@1", "名车@1.5", "豪宅@1.5"],
        // Personal demands: what one is owed, where it is stuck, asking for help.
        "personal_demand.pay": [
            "应得的@1.5", "讨回@1", "想要回@1.5", "丧葬费@1.5", "没有领到@1.5", "没领到@1.5", "未领到@1.5", "医保关系@1.5", "社保关系@1.5", "转不过来@1",
            "转移接续@1.5", "办不下来@1.5", "不认账@1", "多补@1.5", "补一点@1", "给的钱太少@1.5", "钱太少@1", "赔得太少@1.5", "补得太少@1.5", "临时工@1", "正式编制@1.5", "转成正式@1.5",
            "转为正式@1.5", "转编@1.5",
        ],
        "personal_demand.request":
            pairs(["帮我", "给我", "替我", "为我"], ["协调", "落实", "争取", "查一下", "查查", "问问", "催催", "解决一下", "主持公道", "做主"], 1.5) + [
                "协调一下@1", "别人家都@1", "别人都有@1.5", "就我家没有@1.5", "唯独我家@1.5", "就是不给我@1.5",
            ],
        // Lawsuits, police reports, accident findings.
        "litigation.courts":
            pairs(["判"], ["他赢", "我输", "对方赢", "得不公", "得太重", "重了", "轻了", "给了"], 1.5) + [
                "报了案@1.5", "报过案@1.5", "申请复核@1.5", "复核@1", "有异议@1", "责任认定@1.5", "事故责任认定@2", "交警队@1.5", "离婚@0.5", "执行不回来@2", "执行不了@1.5",
            ],
        // Questions: A-not-A forms and question words.
        "consultation.question": [
            "收不收@1.5", "管不管@1.5", "受不受理@2", "要不要@1", "行不行@1", "多长时间@1.5", "在哪@1", "在哪里@1", "在哪儿@1", "地址@1.5",
            "多久能@1.5", "要多久@1.5", "需要多久@1.5", "哪天截止@1.5", "什么时候截止@1.5", "截止时间@1.5", "接访时间@1.5", "接待时间@1.5", "办公时间@1.5", "你们这里@0.5",
        ],
        // Service complaints: ignored at the counter, sent back and forth, told to come again.
        "service_complaint.attitude":
            pairs(["来回", "跑了", "白跑了"], ["三趟", "几趟", "两趟", "好几趟", "四趟", "五趟", "多趟", "好多趟", "好几次"], 1.5)
            + pairs(["下午", "改天", "下次", "过几天"], ["再来"], 1.5) + [
                "才理我@1.5", "不理我@1.5", "叫了好几遍@1.5", "一直在聊天@1.5", "上班聊天@1.5", "接电话的人@1.5", "接电话的@1", "打12345@1.5", "12345热线@1.5", "没听完@1.5",
                "没等我说完@1.5",
                "不听我说@1.5", "收费员@1.5", "嫌我@1", "每次说的都不一样@1.5", "说法不一样@1.5", "复印材料@1", "师傅@0.5", "弄坏了@1", "骂哭了@1.5", "大堂经理@1.5", "非要办卡@1.5", "办卡@1",
                "不收件@1.5", "排了半天@1.5", "排了好久@1.5", "排了两个钟头@1.5", "排了两个小时@1.5",
            ],
        // Labels with no conduct.
        "no_substance.label":
            pairs(["不是", "没一个", "没有一个", "都不是"], ["好人", "干净的", "好官", "好干部"], 1.5) + [
                "恨他@1", "都恨他@1.5", "老百姓都恨@1.5", "捞了多少@1.5", "捞了不少@1.5", "捞钱@1", "重点查@1", "作风霸道@1.5", "霸道@1", "谁都清楚@1", "大家都清楚@1", "谁都知道@1",
            ],
    ]
}

/// Every `first` followed by every `second`, at one weight: `pairs(["烧了"], ["账本"], 2)` is
/// `["烧了账本@2"]`.
private func pairs(_ first: [String], _ second: [String], _ weight: Double) -> [String] {
    first.flatMap { a in second.map { b in "\(a)\(b)@\(weight)" } }
}

/// `verbs × objects` and `objects × verbs`: 销毁账本, and (把)账本销毁.
private func eitherOrder(_ verbs: [String], _ objects: [String], _ weight: Double) -> [String] {
    pairs(verbs, objects, weight) + pairs(objects, verbs, weight)
}
