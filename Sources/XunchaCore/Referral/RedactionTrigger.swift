/// The words after which a report gives something about its writer, in simplified script (the
/// text is normalized before they are looked for), matched leftmost-longest so that 被举报人
/// hides 举报人 and 工作单位 hides 工作.
enum RedactionTrigger {
    enum Role: Sendable, Hashable {
        /// A longer word that must not fire the one inside it (被举报人, 住建局).
        case blocker
        /// A name follows as surely as words can say it (我叫, 姓名, 署名); `firstPerson` when
        /// the word itself says it is the writer's (我叫) rather than a label anyone may carry.
        case explicitName(firstPerson: Bool)
        /// A name may follow, read only when it ends cleanly (本人王五，…; 举报人：王五).
        case weakName
        /// 我姓…: a surname follows, and perhaps 名/叫 and the given name (鄙人姓宁名志高).
        case surname
        /// 我是…: a name right after, or after …的 / a word such as 村民 (我是李家村的王五).
        case introduction
        /// A family member's name follows (我父亲王某…).
        case relative
        /// An address follows; `label` when it is a contact label that is the writer's unless the
        /// sentence says whose it is (联系地址).
        case residence(label: Bool)
        /// A workplace follows after 是/为/: (工作单位：…).
        case workplaceLabel
        /// Ends a workplace: 在 … 工作 (the words between are the workplace).
        case workVerb
        /// A house number follows (门牌号…).
        case houseNumber
        /// A staff, police or student number follows (工号…).
        case workNumber
        /// A phone number follows, perhaps with digits starred out.
        case phoneLabel
        /// The last digits of a phone number follow (手机尾号6688).
        case phoneTail
        /// An ID number follows, perhaps written in groups.
        case idLabel
        /// A QQ number or WeChat ID follows.
        case account
    }

    static let relatives = [
        "父亲", "母亲", "爸爸", "妈妈", "爱人", "妻子", "丈夫", "老婆", "老公", "儿子", "女儿", "哥哥", "姐姐", "弟弟", "妹妹", "爷爷", "奶奶",
        "外公", "外婆", "公公", "婆婆", "岳父", "岳母", "儿媳", "女婿", "孙子", "孙女",
    ]

    static let table: [(word: String, role: Role)] = {
        var t: [(String, Role)] = []
        for w in ["被举报人", "被反映人", "被投诉人", "举报对象", "反映对象", "被举报人姓名", "被反映人姓名", "住建", "住房", "住院", "住宿", "住户"] {
            t.append((w, .blocker))
        }
        for w in ["我叫", "我名叫", "本人叫", "本人名叫", "我的名字叫", "我的名字是", "我的姓名是", "我的姓名", "本人姓名", "本人的姓名", "我姓名", "俺叫", "鄙人叫"] {
            t.append((w, .explicitName(firstPerson: true)))
        }
        for w in ["姓名", "署名", "落款", "签名", "举报人姓名", "反映人姓名", "投诉人姓名", "联系人姓名", "名叫"] {
            t.append((w, .explicitName(firstPerson: false)))
        }
        for w in ["本人", "鄙人", "举报人", "反映人", "投诉人", "来信人", "写信人", "实名举报人", "实名反映人", "举报者", "反映者"] {
            t.append((w, .weakName))
        }
        for w in ["我是", "我系", "本人是", "本人系", "我们是", "俺是", "鄙人是", "鄙人系"] { t.append((w, .introduction)) }
        for w in ["我姓", "本人姓", "鄙人姓", "俺姓"] { t.append((w, .surname)) }
        for r in relatives {
            for p in ["我", "我的", "本人", "本人的", "我家"] { t.append((p + r, .relative)) }
        }
        for w in [
            "家住", "住在", "住", "现住", "现居住在", "居住在", "居住于", "租住在", "家在", "家就在", "家就住在", "老家在", "住址", "家庭住址", "地址",
            "户籍地", "户籍所在地", "居住地", "现居",
        ] {
            t.append((w, .residence(label: false)))
        }
        for w in ["联系地址", "通讯地址", "通信地址"] { t.append((w, .residence(label: true))) }
        for w in ["工作单位", "所在单位", "单位是", "单位在"] { t.append((w, .workplaceLabel)) }
        for w in ["工作", "上班", "任职", "就职", "供职", "务工", "打工", "实习", "担任", "当"] { t.append((w, .workVerb)) }
        for w in ["工号", "警号", "学号", "职工号", "员工号", "工作证号"] { t.append((w, .workNumber)) }
        for w in ["门牌号码", "门牌号", "门牌"] { t.append((w, .houseNumber)) }
        for w in ["电话", "手机", "手机号", "手机号码", "电话号码", "联系电话", "联系方式", "座机", "号码", "固话", "办公电话", "宅电", "联系人电话"] {
            t.append((w, .phoneLabel))
        }
        for w in ["手机尾号", "电话尾号", "号码尾号", "手机号尾号", "手机号码尾号"] { t.append((w, .phoneTail)) }
        for w in ["身份证", "身份证号", "身份证号码", "证件号", "证件号码", "身份号码"] { t.append((w, .idLabel)) }
        for w in ["QQ", "QQ号", "QQ号码", "qq", "qq号", "微信", "微信号", "微信号码", "微信ID", "vx", "VX", "V信", "wechat", "WeChat"] {
            t.append((w, .account))
        }
        return t
    }()

    /// Words that may follow a name (本人王五，男 / 举报人王五反映): the name ends before them.
    static let afterName: [[Unicode.Scalar]] = [
        "实名", "现年", "今年", "男", "女", "系", "是", "家住", "住", "身份证", "电话", "手机", "联系", "反映", "举报", "投诉", "向", "于", "在", "已",
        "曾", "多次", "本人", "现", "同志", "先生", "女士", "特此", "一", "和", "与", "自", "从", "因", "对",
    ].map { Array($0.unicodeScalars) }

    /// Words after which 我是/本人是 is followed by the name (我是李家村村民王五).
    static let roleWords: [[Unicode.Scalar]] = [
        "村民", "居民", "职工", "员工", "党员", "教师", "老师", "业主", "群众", "农民", "工人", "干部", "社员", "学生", "家长", "护士", "医生",
        "司机", "退休职工", "退休干部", "退休教师", "村民小组长", "网格员", "志愿者", "个体户",
    ].map { Array($0.unicodeScalars) }

    /// Function words and verbs that given names do not use: a given name read after a surname
    /// stops before one (本人李明在… reads 李明). Narrower than the subject finder's stops, which
    /// end names at 大, 长, 多 … that given names do use (蒋大明).
    static let notInGivenNames: Set<Unicode.Scalar> = Set(
        "的了是在和与把被对向给从到我你他她它们说找反映举报投诉请将及或等这那该某本个有没不也都还就又曾已让叫为因以但而且收拿要吃占挪侵贪打骂逼拖虚私擅借伙其之于去过着跟帮替却再才很太更最并"
            .unicodeScalars
    )

    /// Characters after 当 that make it no verb of working (当着, 当场, 当时 …).
    static let notWorkingAfterDang: Set<Unicode.Scalar> = Set("着场时天年面地中即然作成初选前日晚".unicodeScalars)

    /// Characters of organisations and places that given names do not use: a name read after
    /// 本人 stops before them (本人向纪委… is no name).
    static let notInNames: Set<Unicode.Scalar> = Set("局委办院所厂司校站队处科馆店场村镇乡县市区省街路号楼室栋组部厅".unicodeScalars)

    /// Last characters of an organisation's name (…局, …公司, …学校, …粮站): 在…工作 names a
    /// workplace only when the words before 工作 end in one.
    static let organisationEnds: Set<Unicode.Scalar> = Set("局委办院所厂司校站队处科馆店场园村镇乡心学府关位社会部行室组团厅署营".unicodeScalars)

    /// Two-character words that start with a surname and follow 本人/我是 in running text.
    static let falseNameWords = [
        "申请", "申报", "申诉", "揭发", "揭露", "居住", "查处", "查看", "付款", "支付", "支持", "关于", "成为", "原来", "原本", "曾经", "解决",
        "计划", "谈话", "信访", "宣传", "常年", "从来", "时常", "卫生", "向上", "高度", "和他", "和她", "于是", "多次", "经常",
    ]
}

/// Character classes the redactor reads the normalized text with.
enum RedactionChars {
    @inline(__always)
    static func isIdeograph(_ c: Unicode.Scalar) -> Bool {
        let s = c.value
        return (s >= 0x4E00 && s <= 0x9FFF) || (s >= 0x3400 && s <= 0x4DBF) || (s >= 0xF900 && s <= 0xFAFF) || (s >= 0x2_0000 && s <= 0x3_134F)
    }

    @inline(__always)
    static func isASCIIDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    @inline(__always)
    static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value | 0x20
        return c.isASCII && v >= 0x61 && v <= 0x7A
    }

    /// 0…9 for an ASCII or Chinese digit (〇零一…九, 幺 as callers read 1), 10 for an ID number's
    /// check character X (or ×), nil otherwise.
    static func digitValue(_ c: Unicode.Scalar) -> UInt32? {
        if isASCIIDigit(c) { return c.value - 0x30 }
        switch c {
        case "X", "x", "×": return 10
        case "〇", "零", "○": return 0
        case "一", "幺": return 1
        case "二": return 2
        case "三": return 3
        case "四": return 4
        case "五": return 5
        case "六": return 6
        case "七": return 7
        case "八": return 8
        case "九": return 9
        default: return nil
        }
    }

    static func isChineseDigit(_ c: Unicode.Scalar) -> Bool { !c.isASCII && c != "×" && digitValue(c) != nil }

    static func lowerASCII(_ c: Unicode.Scalar) -> Unicode.Scalar {
        c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 0x20)! : c
    }

    /// Ends a sentence: whose a detail is is not looked for across it. A semicolon does not:
    /// forms put 举报人姓名：…；工作单位：… on one line.
    static func endsSentence(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "。", "!", "?", "\n", "！", "？", "\r": true
        default: false
        }
    }

    /// Ends a clause: a value read after a label stops here.
    static func endsClause(_ c: Unicode.Scalar) -> Bool {
        if endsSentence(c) { return true }
        switch c {
        case ",", "，", "、", ";", "；", "(", ")", "（", "）", "“", "”", "\"", "【", "】", "[", "]", "<", ">", "《", "》", "\t": return true
        default: return c.properties.generalCategory == .control
        }
    }

    /// Marks that belong to the character before them: a mask ending before one takes it along.
    static func attachesToPrevious(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return c.value == 0x200D || (0xFE00...0xFE0F).contains(c.value) || (0xE0100...0xE01EF).contains(c.value)
        }
    }
}
