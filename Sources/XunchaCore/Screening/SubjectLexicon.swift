/// The word lists `SubjectFinder` reads a report with, in simplified script (reports are
/// normalized before matching). Names are never guessed from a surname alone: a surname
/// character becomes a name only next to a post, 某, or a roster entry.
public struct SubjectLexicon: Sendable {
    /// Posts of officials, matched leftmost-longest (副局长 before 局长).
    public var officialPosts: [String]
    /// Words for private parties; they take names like posts do (王老板, 开发商李某).
    public var privateParties: [String]
    /// Unit names: known stems with their suffixes, and the generic 某局/该单位.
    public var units: [String]
    /// Office stems a post may carry in front (财务科长, 办公室主任).
    public var offices: [String]
    /// Single-character surnames.
    public var surnames: Set<Unicode.Scalar>
    /// Surname characters that are also everyday words (向, 和, 高 …): a name starting with one
    /// needs a boundary in front of it.
    public var ambiguousSurnames: Set<Unicode.Scalar>
    /// Two-character surnames (欧阳, 司马 …).
    public var compoundSurnames: [String]
    /// Characters that end a name or a unit reached by extension: function words and the verbs
    /// reports put around names (收, 让, 举报 …).
    public var stops: Set<Unicode.Scalar>

    public init(
        officialPosts: [String],
        privateParties: [String],
        units: [String],
        offices: [String],
        surnames: Set<Unicode.Scalar>,
        ambiguousSurnames: Set<Unicode.Scalar>,
        compoundSurnames: [String],
        stops: Set<Unicode.Scalar>
    ) {
        self.officialPosts = officialPosts
        self.privateParties = privateParties
        self.units = units
        self.offices = offices
        self.surnames = surnames
        self.ambiguousSurnames = ambiguousSurnames
        self.compoundSurnames = compoundSurnames
        self.stops = stops
    }

    public static let standard = SubjectLexicon(
        officialPosts: [
            "党组书记", "党委书记", "党组副书记", "党委副书记", "党总支书记", "党支部书记", "支部书记", "村党支部书记", "村支书", "支书",
            "纪委书记", "纪检组长", "纪检组组长", "副书记", "书记", "党组成员", "班子成员", "局长", "副局长", "主任", "副主任", "村主任",
            "村委会主任", "社区主任", "科长", "副科长", "股长", "副股长", "处长", "副处长", "县长", "副县长", "区长", "市长", "镇长", "副镇长",
            "乡长", "站长", "副站长", "所长", "副所长", "校长", "副校长", "院长", "副院长", "园长", "厂长", "馆长", "场长", "队长", "大队长", "大队队长",
            "中队长", "董事长", "总经理", "副总经理", "经理", "会计", "出纳", "主席", "部长", "一把手", "二把手", "负责人", "领导", "局领导",
            "单位领导", "干部", "村干部", "工作人员", "网格员", "总会计师", "总工程师", "主任科员", "科员",
        ],
        privateParties: [
            "老板", "老板娘", "开发商", "包工头", "商人", "个体户", "私营业主", "企业主", "承包商", "承包人", "中介", "房东", "邻居", "黑中介",
        ],
        units: standardUnits,
        offices: [
            "财务", "财会", "计财", "人事", "组织", "干部", "政工", "审批", "采购", "招标", "招投标", "基建", "工程", "项目", "资金", "资产",
            "审计", "执法", "稽查", "监管", "规划", "征收", "拆迁", "办公", "信贷", "招生", "扶贫", "社保", "综合", "业务", "法规", "宣传",
            "党建", "安全", "统计", "信息", "档案", "后勤", "保卫", "监察", "纪检", "法制", "督查", "行政", "党政",
        ],
        surnames: Set(
            ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖"
                + "贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟"
                + "殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳"
                + "时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞"
                + "敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井"
                + "祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公"
                + "湛宾戎勾茅利呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由").unicodeScalars
        ),
        ambiguousSurnames: Set(
            ("向和于从时成高明文全平常国安都来原区海花强方白关江金石马田万云门公信由相计利但干元富智应党司车路包连管华南乐能钱"
                + "宁尚包甘左林黄龙雷易齐庄曲谷盛游解阳农古吉简项费冷席米宗师商沙荣郎海权初容敬普戈伏薄羊乌母修宿鲜印隆战危玉银公"
                + "呼居揭斯元束衣展阴幸奉植衡闭勾位单").unicodeScalars
        ),
        compoundSurnames: ["欧阳", "司马", "诸葛", "上官", "东方", "夏侯", "皇甫", "尉迟", "公孙", "令狐", "慕容", "司徒", "长孙", "宇文"],
        stops: Set(
            ("的了是在和与把被对向给从到我你他她它们说找反映举报投诉请将及或等这那该某本个一有没不也都还就又曾已让叫为因以但而且"
                + "收拿要吃占挪侵贪打骂逼拖克虚私多大经长擅借带伙同其之于去来过着跟帮替让却再才很太更最并及").unicodeScalars
        )
    )

    private static let standardUnits: [String] = {
        let stems = [
            "财政", "住建", "住房和城乡建设", "自然资源", "国土", "国土资源", "教育", "卫健", "卫生健康", "民政", "人社", "人力资源和社会保障",
            "公安", "交通", "交通运输", "水利", "农业农村", "农业", "市场监管", "市场监督管理", "税务", "发改", "发展和改革", "城管", "林业",
            "生态环境", "环保", "应急管理", "文旅", "文化和旅游", "审计", "统计", "司法", "商务", "医保", "医疗保障", "退役军人事务", "乡村振兴",
            "科技", "工信", "粮食", "烟草", "供销", "信访", "机关事务", "行政审批", "政务服务", "住房公积金", "不动产登记", "规划", "畜牧",
            "气象", "体育", "档案", "老干部",
        ]
        let suffixes = ["局", "委", "厅", "办", "中心", "所", "站"]
        let generic = [
            "财政所", "派出所", "卫生院", "医院", "学校", "中学", "小学", "幼儿园", "村委会", "居委会", "村委", "社区", "街道办",
            "街道办事处", "镇政府", "乡政府", "县政府", "区政府", "市政府", "党委", "纪委", "组织部", "宣传部", "统战部", "法院", "检察院",
            "公司", "集团", "银行", "信用社", "合作社", "供销社", "管委会", "指挥部", "某局", "该局", "本局", "某单位", "该单位", "本单位",
            "我单位", "某部门", "该部门", "某公司", "该公司", "某村", "该村", "某镇", "该镇",
        ]
        return stems.flatMap { stem in suffixes.map { stem + $0 } } + generic
    }()
}
