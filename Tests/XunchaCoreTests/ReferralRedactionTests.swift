import Foundation
import Testing
import XunchaCore
import XunchaText

/// The words at a mask's offsets in the input (Unicode scalars).
private func words(_ text: String, _ range: Range<Int>) -> String {
    var out = ""
    out.unicodeScalars.append(contentsOf: Array(text.unicodeScalars)[range])
    return out
}

private let redactor = ReferralRedactor()

private func redact(_ text: String, _ identity: ReporterIdentity = ReporterIdentity(), subjects: [String] = []) -> ReferralRedaction {
    redactor.redact(text, identity: identity, subjects: subjects)
}

/// Masks sorted, apart, inside the text, and the masked text rebuilt from them.
private func expectWellFormed(_ r: ReferralRedaction, of text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let length = text.unicodeScalars.count
    var end = 0
    for m in r.masks {
        #expect(m.original.lowerBound >= end && m.original.upperBound <= length && !m.original.isEmpty, sourceLocation: sourceLocation)
        #expect(!m.replacement.isEmpty && !m.reasonZH.isEmpty, sourceLocation: sourceLocation)
        end = m.original.upperBound
    }
    #expect(ReferralRedaction(original: text, masks: r.masks) == r, sourceLocation: sourceLocation)
}

@Suite("Referral redaction: the identity's values in the text")
struct ReferralRedactionIdentityTests {
    @Test func nameWhereverItIs() {
        let text = "反映人李明华反映：村主任赵某某挪用公款。李明华愿意配合调查。"
        let r = redact(text, ReporterIdentity(name: "李明华"), subjects: ["赵某某"])
        #expect(!r.text.contains("李明华"))
        #expect(r.text.contains("赵某某"))
        #expect(r.masks.count == 2)
        #expect(r.masks.allSatisfy { words(text, $0.original) == "李明华" })
        expectWellFormed(r, of: text)
    }

    @Test(
        "a phone however it is written",
        arguments: ["13812345678", "138 1234 5678", "138-1234-5678", "１３８１２３４５６７８", "+86 138 1234 5678", "一三八一二三四五六七八"]
    )
    func phoneSpellings(_ written: String) throws {
        let text = "如需核实请打\(written)找我。局长钱某收受礼金。"
        let r = redact(text, ReporterIdentity(name: "孙丽", phone: "138-1234-5678"), subjects: ["钱某"])
        let phone = try #require(r.masks.first { $0.kind == .phone })
        #expect(words(text, phone.original).hasSuffix(written.suffix(4)))
        #expect(phone.reasonZH == "反映人的电话号码（与登记的联系电话相同）")
        #expect(r.text.contains("［电话已隐去］"))
        #expect(!r.text.contains("5678") && !r.text.contains("五六七八"))
        #expect(r.text.hasSuffix("找我。局长钱某收受礼金。"))
        expectWellFormed(r, of: text)
    }

    @Test func landlineAndItsLocalNumber() {
        let text = "家里座机0731 84123456，白天打84123456也行。"
        let r = redact(text, ReporterIdentity(phone: "0731-84123456"))
        #expect(r.text == "家里座机［电话已隐去］，白天打［电话已隐去］也行。")
    }

    @Test(
        "an ID number with X as its check character",
        arguments: ["43010219870501108X", "43010219870501108x", "4301 0219 8705 0110 8X", "430102-19870501-108x"]
    )
    func idNumber(_ written: String) {
        let text = "本人身份证\(written)，特此说明。"
        let r = redact(text, ReporterIdentity(idNumber: "43010219870501108X"))
        #expect(r.masks.contains { $0.kind == .idNumber && words(text, $0.original) == written })
        #expect(r.text == "本人身份证［身份证号已隐去］，特此说明。")
    }

    @Test func emailInAnyCase() {
        let text = "材料已发到 YANG.FAN88@163.COM 邮箱，请查收。"
        let r = redact(text, ReporterIdentity(email: "yang.fan88@163.com"))
        #expect(r.text == "材料已发到 ［邮箱已隐去］ 邮箱，请查收。")
        #expect(r.masks.map(\.reasonZH) == ["反映人的电子邮箱（与登记的相同）"])
    }

    @Test func addressWholeOrInParts() {
        let identity = ReporterIdentity(name: "周敏", address: "长沙市天心区书院路188号金色家园7栋1203室")
        let text = "我家在金色家园7栋1203室。天心区书院路188号门口的违建是城管队长谭某批的。"
        let r = redact(text, identity, subjects: ["谭某"])
        #expect(r.text == "我家在［住址已隐去］。天心区［住址已隐去］门口的违建是城管队长谭某批的。")
    }

    @Test func traditionalScriptName() throws {
        let text = "本人陳曉華，實名反映鎮長陳國強違規發放補貼。"
        let r = redact(text, ReporterIdentity(name: "陈晓华"), subjects: ["陈国强"])
        let mask = try #require(r.masks.first)
        #expect(r.masks.count == 1)
        #expect(words(text, mask.original) == "陳曉華")
        #expect(mask.reasonZH.contains("反映人"))
        #expect(r.text == "本人［姓名已隐去］，實名反映鎮長陳國強違規發放補貼。")
    }

    @Test func nameWrittenWithSpacesOrPinyin() {
        let r = redact("署名：黄 志 强", ReporterIdentity(name: "黄志强"))
        #expect(r.text == "署名：［姓名已隐去］")
        let annotated = "我叫何丽(hé lì)，反映村会计冉某。"
        #expect(redact(annotated, ReporterIdentity(name: "何丽"), subjects: ["冉某"]).text == "我叫［姓名已隐去］，反映村会计冉某。")
    }

    @Test func subjectWithTheReportersSurnameStays() {
        let text = "我叫王芳，反映我们村的村主任王刚虚报青苗补偿款。王刚还占了我家的地。"
        let r = redact(text, ReporterIdentity(name: "王芳"), subjects: ["王刚"])
        #expect(r.text == "我叫［姓名已隐去］，反映我们村的村主任王刚虚报青苗补偿款。王刚还占了我家的地。")
    }

    @Test func subjectWhoseNameStartsWithTheReporters() {
        let text = "我是张伟，反映财政所张伟民所长截留补贴。"
        let r = redact(text, ReporterIdentity(name: "张伟"), subjects: ["张伟民"])
        #expect(r.text == "我是［姓名已隐去］，反映财政所张伟民所长截留补贴。")
    }

    @Test func subjectsPhoneIsMaskedToo() {
        let text = "镇长周文斌的手机号是13574312345，他让包工头打这个电话。"
        let r = redact(text, ReporterIdentity(name: "吴敏", phone: "18673100001"), subjects: ["周文斌"])
        #expect(r.text == "镇长周文斌的手机号是［电话已隐去］，他让包工头打这个电话。")
        #expect(r.masks.map(\.kind) == [.phone])
        #expect(r.masks.first?.reasonZH.contains("转办件不需要电话号码") == true)
    }
}

@Suite("Referral redaction: what reporters write about themselves")
struct ReferralRedactionFirstPersonTests {
    @Test(
        "self-introductions",
        arguments: [
            ("我叫刘芳，是城东社区居民。", "我叫［姓名已隐去］，是城东社区居民。"),
            ("本人刘芳，女，现年五十岁。", "本人［姓名已隐去］，女，现年五十岁。"),
            ("我是刘芳，反映社区主任的问题。", "我是［姓名已隐去］，反映社区主任的问题。"),
            ("我是城东社区的刘芳。", "我是城东社区的［姓名已隐去］。"),
            ("我是红星村村民刘芳，反映村里的事。", "我是红星村村民［姓名已隐去］，反映村里的事。"),
            ("举报人刘芳反映，社区主任私分捐款。", "举报人［姓名已隐去］反映，社区主任私分捐款。"),
            ("反映人：刘芳（女）", "反映人：［姓名已隐去］（女）"),
            ("此致\n署名 刘芳", "此致\n署名 ［姓名已隐去］"),
            ("我的姓名是欧阳丽华。", "我的姓名是［姓名已隐去］。"),
            ("俺是大塘村的贫困户，名叫覃二妹。", "俺是大塘村的贫困户，名叫［姓名已隐去］。"),
            ("姓名：柳春燕\n电话：另告", "姓名：［姓名已隐去］\n电话：另告"),
        ]
    )
    func selfIntroductions(text: String, expected: String) {
        let r = redact(text)
        #expect(r.text == expected)
        #expect(r.masks.map(\.kind) == [.selfIdentification])
    }

    @Test func aNameGivenOnceIsMaskedEverywhere() {
        let text = "我叫何文静。学校食堂的问题何文静可以作证。"
        #expect(redact(text).text == "我叫［姓名已隐去］。学校食堂的问题［姓名已隐去］可以作证。")
    }

    @Test(
        "surnames and given names apart",
        arguments: [
            ("鄙人姓宁名志高，县一中退休教师。", "鄙人姓［姓氏已隐去］名［名字已隐去］，县一中退休教师。"),
            ("我姓王，叫王大明，住在东风路12号。", "我姓［姓氏已隐去］，叫［姓名已隐去］，住在［住址已隐去］。"),
            ("我姓单，工号0317，在车间干了二十年。", "我姓［姓氏已隐去］，工号［工号已隐去］，在车间干了二十年。"),
        ]
    )
    func surnames(text: String, expected: String) {
        #expect(redact(text).text == expected)
    }

    @Test func nameGivenApartIsMaskedWhole() {
        let text = "鄙人姓宁名志高。宁志高可以当面说明情况。"
        #expect(redact(text).text == "鄙人姓［姓氏已隐去］名［名字已隐去］。［姓名已隐去］可以当面说明情况。")
    }

    @Test func notNames() {
        for text in [
            "村里有个名叫张三的包工头。", "我当着大家的面问过他。", "他的工号是A123。", "我姓名都不敢留。",
            "本人曾经多次向上级反映。", "本人向纪委反映过。", "我是王局长的司机。", "我是该村村民，反映村主任。", "被举报人：孔繁荣，县农业局办公室主任。",
            "举报人反映，村支书收受红包。", "本人申请，请求核查。",
        ] {
            #expect(redact(text, subjects: ["孔繁荣"]).masks.isEmpty, "\(text)")
        }
    }

    @Test(
        "contact and home details",
        arguments: [
            ("我的电话是138****5678，晚上打。", "我的电话是［电话已隐去］，晚上打。"),
            ("手机尾号6688的那个人就是我。", "手机尾号［电话已隐去］的那个人就是我。"),
            ("我家住东湖村三组，村会计陶某某截留承包费。", "我家住东湖村［住址已隐去］，村会计陶某某截留承包费。"),
            ("我家住东湖村，村会计陶某某截留承包费。", "我家住［住址已隐去］，村会计陶某某截留承包费。"),
            ("本人住韶山路120号，反映区商务局局长樊某。", "本人住［住址已隐去］，反映区商务局局长樊某。"),
            ("本人現住雨花區韶山路120號。", "本人現住雨花區［住址已隐去］。"),
            ("联系方式：sun_wei@126.com 或 15874312222。", "联系方式：［邮箱已隐去］ 或 ［电话已隐去］。"),
            ("我的QQ号是 835412977，微信：zhao_lin1990。", "我的QQ号是 ［联系账号已隐去］，微信：［联系账号已隐去］。"),
            ("我家门牌号是18号，就在他家对面。", "我家门牌号是［门牌号已隐去］，就在他家对面。"),
            ("本人在县自来水公司工作，公司经理马某吃空饷。", "本人在［工作单位已隐去］工作，公司经理马某吃空饷。"),
            ("我父亲吴老根是五保户，村主任晏某扣了他的五保金。", "我父亲［亲属姓名已隐去］是五保户，村主任晏某扣了他的五保金。"),
            ("我是李家村三组村民，反映村支书。", "我是李家村［住址已隐去］村民，反映村支书。"),
            ("姓名：柳春燕\n住址：金桥社区9栋2单元", "姓名：［姓名已隐去］\n住址：金桥社区［住址已隐去］"),
            ("举报人姓名：尤佳慧；工作单位：县财政局国库股；", "举报人姓名：［姓名已隐去］；工作单位：［工作单位已隐去］；"),
            ("我哥哥蒋大明是网格员，村支书章某某克扣补贴。", "我哥哥［亲属姓名已隐去］是网格员，村支书章某某克扣补贴。"),
            ("我在县粮食局下属的粮站当保管员。", "我在［工作单位已隐去］当保管员。"),
            ("反映人：邓秀兰（湘江路99号3栋）。", "反映人：［姓名已隐去］（［住址已隐去］）。"),
        ]
    )
    func details(text: String, expected: String) {
        let r = redact(text, subjects: ["陶某某", "樊某", "马某", "晏某", "章某某"])
        #expect(r.text == expected)
        expectWellFormed(r, of: text)
    }

    @Test(
        "places of the misconduct and other people's homes stay",
        arguments: [
            "街道办副主任谭某某经常在书院路200号的湘味轩酒楼用公款请客。",
            "开发商在人民路36号建了一栋违章楼，规划局副局长蒋某视而不见。",
            "水利局局长罗某家住滨江花园8栋1801室，房子是包工头送的。",
            "我在书院路200号的酒楼看到局长喝酒。",
            "他住在金色家园7栋1203室，我反映的就是这套房子。",
        ]
    )
    func misconductAddresses(text: String) {
        #expect(redact(text, ReporterIdentity(name: "石磊", address: "人民路12号"), subjects: ["谭某某", "蒋某", "罗某"]).masks.isEmpty)
    }

    @Test func unitsPostsAmountsAndDatesStay() {
        let text = "镇政府办公室主任连某某在2023年6月8日组织公款旅游，花费一万八千元，合同编号HT20230815，2号楼外墙也有问题。"
        #expect(redact(text, ReporterIdentity(name: "连红", phone: "13600002222"), subjects: ["连某某"]).masks.isEmpty)
    }
}

@Suite("Referral redaction: odd input")
struct ReferralRedactionOddInputTests {
    @Test func emptyText() {
        let r = redact("", ReporterIdentity(name: "王五", phone: "13800000000"))
        #expect(r.text == "" && r.masks.isEmpty)
        #expect(redact("   \n", ReporterIdentity()).masks.isEmpty)
    }

    @Test func longText() throws {
        let filler = String(repeating: "村主任违规发放补贴，群众意见很大。", count: 1_200)
        let text = filler + "我叫王小五，电话13912345678。" + filler
        #expect(text.unicodeScalars.count > 20_000)
        let r = redact(text, ReporterIdentity(name: "王小五"))
        #expect(r.masks.count == 2)
        let first = try #require(r.masks.first)
        #expect(words(text, first.original) == "王小五")
        #expect(first.original.lowerBound == filler.unicodeScalars.count + 2)
        #expect(!r.text.contains("王小五") && !r.text.contains("13912345678"))
    }

    @Test func emojiAndCombiningMarks() throws {
        let text = "👨‍👩‍👧我叫李明\u{301}，电话📞13912345678🙏。"
        let r = redact(text)
        #expect(r.text == "👨‍👩‍👧我叫［姓名已隐去］，电话📞［电话已隐去］🙏。")
        let name = try #require(r.masks.first)
        #expect(words(text, name.original) == "李明\u{301}")
    }

    @Test func markupIsTextLikeAnyOther() {
        let text = "<script>alert('我叫王五')</script><b>电话13912345678</b>"
        let r = redact(text)
        #expect(r.text == "<script>alert('我叫［姓名已隐去］')</script><b>电话［电话已隐去］</b>")
    }

    @Test func controlCharacters() {
        let text = "我叫王五\u{0}\u{7}，电话139\u{1}12345678\u{1B}[0m。"
        let r = redact(text, ReporterIdentity(phone: "13912345678"))
        #expect(r.text.hasPrefix("我叫［姓名已隐去］\u{0}\u{7}"))
        expectWellFormed(r, of: text)
    }

    @Test func sameInputSameOutput() {
        let text = "本人王建华，家住红星村五组，电话139-7654-3210。村支书王德明优亲厚友。"
        let identity = ReporterIdentity(name: "王建华", phone: "13976543210", address: "红星村五组")
        let first = redact(text, identity, subjects: ["王德明"])
        for _ in 0..<5 { #expect(redact(text, identity, subjects: ["王德明"]) == first) }
        #expect(first.text == "本人［姓名已隐去］，家住红星村［住址已隐去］，电话［电话已隐去］。村支书王德明优亲厚友。")
    }
}

@Suite("Referral redaction: masks")
struct ReferralRedactionMaskTests {
    @Test func overlappingMasksMerge() {
        let masks = [
            ReferralRedaction.Mask(kind: .reporterName, original: 2..<5, reasonZH: "甲"),
            ReferralRedaction.Mask(kind: .phone, original: 4..<8, reasonZH: "乙"),
            ReferralRedaction.Mask(kind: .email, original: 8..<9, reasonZH: "丙"),
            ReferralRedaction.Mask(kind: .address, original: 20..<30, reasonZH: "丁"),
        ]
        let r = ReferralRedaction(original: "0123456789", masks: masks.reversed())
        #expect(r.masks.map(\.original) == [2..<8, 8..<9])
        #expect(r.masks.map(\.kind) == [.phone, .email])
        #expect(r.masks[0].reasonZH == "甲；乙")
        #expect(r.text == "01［电话已隐去］［邮箱已隐去］9")
    }

    @Test func codableRoundTrip() throws {
        let r = redact("我叫王五，电话13912345678。")
        let data = try JSONEncoder().encode(r)
        #expect(try JSONDecoder().decode(ReferralRedaction.self, from: data) == r)
    }

    @Test func additionsShareWhatTheContentSays() {
        let texts = ["我叫何文静，反映校长包某。", "补充：何文静的孩子也被收了钱，联系我13912345678。"]
        let r = redactor.redact(texts, identity: ReporterIdentity(), subjects: ["包某"])
        #expect(r.map(\.text) == ["我叫［姓名已隐去］，反映校长包某。", "补充：［姓名已隐去］的孩子也被收了钱，联系我［电话已隐去］。"])
    }
}

@Suite("Referral redaction: random identities")
struct ReferralRedactionPropertyTests {
    static let surnames = ["李", "王", "张", "刘", "陈", "杨", "黄", "欧阳", "周", "吴"]
    static let given = ["华", "国", "伟", "红", "军", "丽", "刚", "兰", "强", "晓", "东", "明", "芳", "文", "静", "平"]
    /// The traditional forms of some given-name characters, for names written in traditional script.
    static let traditional: [Character: Character] = [
        "华": "華", "国": "國", "伟": "偉", "红": "紅", "军": "軍", "丽": "麗", "刚": "剛", "兰": "蘭", "强": "強", "晓": "曉", "东": "東", "陈": "陳", "杨": "楊", "黄": "黃",
        "刘": "劉",
    ]
    static let fillers = [
        "局长赵某某收受开发商购物卡。", "村支书孙某把低保名额给了亲戚。", "2023年多报了约八万元。", "财务科长郑某虚开发票12张。", "工程在人民路36号，至今没有验收。",
        "群众意见很大，请巡察组核查。",
    ]

    static func idNumber(_ rng: inout SplitMix64) -> String {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let year = 1950 + Int(rng.next() % 55)
        let month = 1 + Int(rng.next() % 12)
        let day = 1 + Int(rng.next() % 28)
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        let body = "4301" + pad(Int(rng.next() % 90) + 10, 2) + pad(year, 4) + pad(month, 2) + pad(day, 2) + pad(Int(rng.next() % 1000), 3)
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    static func pick<T>(_ list: [T], _ rng: inout SplitMix64) -> T { list[Int(rng.next() % UInt64(list.count))] }

    /// Digits as a string where separators vanish and anything else breaks the run.
    static func digitRuns(_ text: String) -> String {
        let normalized = TextNormalizer().normalize(text)
        var out = ""
        for c in normalized {
            if c.isASCII, c.isNumber || c == "X" || c == "x" {
                out.append(c == "x" ? "X" : c)
            } else if let d = "零一二三四五六七八九".firstIndex(of: c) {
                out.append(String("零一二三四五六七八九".distance(from: "零一二三四五六七八九".startIndex, to: d)))
            } else if !" -.()—".contains(c) {
                out.append("|")
            }
        }
        return out
    }

    @Test func maskedTextNeverHoldsTheIdentity() {
        var rng = SplitMix64(seed: 20_240_611)
        for _ in 0..<300 {
            let name = Self.pick(Self.surnames, &rng) + (0..<(1 + Int(rng.next() % 2))).map { _ in Self.pick(Self.given, &rng) }.joined()
            let phone = "1" + String(3 + rng.next() % 7) + (0..<9).map { _ in String(rng.next() % 10) }.joined()
            let id = Self.idNumber(&rng)
            let road = Self.pick(["书院", "湘江", "东风", "解放", "五一"], &rng) + "路" + String(1 + rng.next() % 300) + "号"
            let address =
                "长沙市" + road + Self.pick(["金色家园", "枫林小区", "滨江花园"], &rng) + String(1 + rng.next() % 20) + "栋" + String(101 + rng.next() % 1800) + "室"
            let email =
                (0..<6).map { _ in String(Self.pick(Array("abcdefghxyz"), &rng)) }.joined() + String(rng.next() % 100) + "@"
                + Self.pick(["163.com", "qq.com", "hn.gov.cn"], &rng)
            let identity = ReporterIdentity(name: name, phone: phone, idNumber: id, address: address, email: email)

            let nameForms = [name, String(name.map { Self.traditional[$0] ?? $0 }), name.map(String.init).joined(separator: " ")]
            let p = Array(phone)
            let phoneForms = [
                phone, String(p[0..<3]) + " " + String(p[3..<7]) + " " + String(p[7...]),
                String(p[0..<3]) + "-" + String(p[3..<7]) + "-" + String(p[7...]),
                String(phone.unicodeScalars.map { Character(Unicode.Scalar($0.value + 0xFEE0)!) }), "+86 " + phone,
            ]
            let idForms = [
                id, id.lowercased(), stride(from: 0, to: 18, by: 4).map { String(Array(id)[$0..<min($0 + 4, 18)]) }.joined(separator: " "),
            ]
            let values = [
                Self.pick(["我叫", "本人", "举报人：", "署名 ", ""], &rng) + Self.pick(nameForms, &rng),
                Self.pick(["我的电话", "电话：", "请打", ""], &rng) + Self.pick(phoneForms, &rng),
                Self.pick(["身份证号", "证件：", ""], &rng) + Self.pick(idForms, &rng),
                Self.pick(["我家住", "地址：", "住在"], &rng) + Self.pick([address, String(address.dropFirst(3)), road], &rng),
                Self.pick(["邮箱", "发到 ", ""], &rng) + Self.pick([email, email.uppercased()], &rng),
            ]
            var pieces = values.map { $0 + Self.pick(["，", "。", "\n", " "], &rng) } + (0..<4).map { _ in Self.pick(Self.fillers, &rng) }
            pieces.shuffle(using: &rng)
            let text = pieces.joined()

            let r = redactor.redact(text, identity: identity, subjects: ["赵某某", "孙某", "郑某"])
            let masked = TextNormalizer().normalize(r.text).filter { $0 != " " }
            #expect(!masked.contains(name), "\(text)")
            let runs = Self.digitRuns(r.text)
            #expect(!runs.contains(phone) && !runs.contains(id), "\(text)")
            #expect(!r.text.lowercased().contains(email), "\(text)")
            #expect(!masked.contains(road), "\(text)")
            #expect(masked.contains("赵某某") || !text.contains("赵某某"))
            expectWellFormed(r, of: text)
        }
    }
}

/// The redactor against `Fixtures/referral-cases.jsonl`: forty short reports written in our own
/// words with the reporter's details planted in them, committed before the redactor existed.
/// `mask` lists the details that must go, `keep` the words that must stay (subjects, units,
/// posts, amounts, dates, places of the misconduct); `[…]` marks the part of a longer context
/// that is meant. Figures are in docs/referrals.md.
@Suite("Referral redaction: written reports")
struct ReferralRedactionCasesTests {
    struct Case {
        var id: String
        var text: String
        var identity: ReporterIdentity
        var subjects: [String]
        var mask: [String]
        var keep: [String]
    }

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/referral-cases.jsonl")
    /// Batch B, 24 reports in other phrasings, written after the first rules and measured before
    /// they were tuned on it.
    static let laterFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/referral-cases-b.jsonl")

    static func cases(in file: URL = file) throws -> [Case] {
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { !$0.isEmpty }
        return try lines.map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let identity = object["identity"] as? [String: String] ?? [:]
            return Case(
                id: try #require(object["id"] as? String),
                text: try #require(object["text"] as? String),
                identity: ReporterIdentity(
                    name: identity["name"] ?? "",
                    phone: identity["phone"] ?? "",
                    idNumber: identity["idNumber"] ?? "",
                    address: identity["address"] ?? "",
                    email: identity["email"] ?? ""
                ),
                subjects: object["subjects"] as? [String] ?? [],
                mask: object["mask"] as? [String] ?? [],
                keep: object["keep"] as? [String] ?? []
            )
        }
    }

    /// Every span `entry` stands for in `text`: where its context occurs, the part in brackets.
    static func spans(of entry: String, in text: String) -> [Range<Int>] {
        let context = Array(entry.replacingOccurrences(of: "[", with: "").replacingOccurrences(of: "]", with: "").unicodeScalars)
        let scalars = Array(entry.unicodeScalars)
        let open = scalars.firstIndex(of: "[") ?? 0
        let close = scalars.firstIndex(of: "]").map { $0 - 1 } ?? context.count
        let s = Array(text.unicodeScalars)
        guard !context.isEmpty, context.count <= s.count else { return [] }
        return (0...(s.count - context.count)).filter { s[$0..<($0 + context.count)].elementsEqual(context) }.map { ($0 + open)..<($0 + close) }
    }

    struct Figures {
        var planted = 0
        var masked = 0
        var kept = 0
        var keptDamaged = 0
        var masks = 0
        var spurious = 0
        var notes: [String] = []
    }

    static func figures(in file: URL = file) throws -> Figures {
        var f = Figures()
        for c in try cases(in: file) {
            let r = ReferralRedactor().redact(c.text, identity: c.identity, subjects: c.subjects)
            let planted = c.mask.flatMap { spans(of: $0, in: c.text) }
            for entry in c.mask {
                f.planted += 1
                let covered = spans(of: entry, in: c.text).allSatisfy { span in
                    span.allSatisfy { k in r.masks.contains { $0.original.contains(k) } }
                }
                if covered { f.masked += 1 } else { f.notes.append("\(c.id) missed \(entry)") }
            }
            for entry in c.keep {
                f.kept += 1
                if spans(of: entry, in: c.text).contains(where: { span in r.masks.contains { $0.original.overlaps(span) } }) {
                    f.keptDamaged += 1
                    f.notes.append("\(c.id) damaged \(entry)")
                }
            }
            for m in r.masks {
                f.masks += 1
                if !planted.contains(where: { $0.overlaps(m.original) }) {
                    f.spurious += 1
                    f.notes.append("\(c.id) masked \(words(c.text, m.original)) (\(m.reasonZH))")
                }
            }
        }
        return f
    }

    @Test(arguments: [file, laterFile])
    func theSetIsWhatTheDocSays(file: URL) throws {
        let cases = try Self.cases(in: file)
        #expect(cases.count >= 20)
        #expect(Set(cases.map(\.id)).count == cases.count)
        for c in cases {
            for entry in c.mask + c.keep { #expect(!Self.spans(of: entry, in: c.text).isEmpty, "\(c.id): \(entry)") }
        }
    }

    /// Floors a little below the figures in docs/referrals.md: falling under one is a regression.
    @Test func floors() throws {
        let f = try Self.figures()
        print(
            "referral cases A: \(f.masked)/\(f.planted) planted details masked, \(f.keptDamaged)/\(f.kept) kept words touched, \(f.spurious)/\(f.masks) masks on nothing planted"
        )
        for note in f.notes { print("  " + note) }
        #expect(f.planted >= 50)
        #expect(f.masked >= f.planted - 1)
        #expect(f.keptDamaged == 0)
        #expect(f.spurious <= 1)
    }

    /// The classifier's written cases (Fixtures/written-cases*.jsonl, 355 short reports written
    /// for another purpose, no identity planted): the redactor finds almost nothing to mask in
    /// them, and what it finds is the writer's own (我在教育局当了十年临时工).
    @Test func textsWrittenForTheClassifier() throws {
        var masked: [String] = []
        var count = 0
        for name in ["written-cases.jsonl", "written-cases-de.jsonl"] {
            let lines = try String(contentsOf: Self.file.deletingLastPathComponent().appendingPathComponent(name), encoding: .utf8).split(
                separator: "\n"
            )
            for line in lines where !line.isEmpty {
                let text = try #require((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])?["text"])
                count += 1
                masked += ReferralRedactor().redact(text, identity: ReporterIdentity(), subjects: []).masks.map { words(text, $0.original) }
            }
        }
        #expect(count >= 350)
        #expect(masked == ["教育局"])
    }

    @Test func floorsOfBatchB() throws {
        let f = try Self.figures(in: Self.laterFile)
        print(
            "referral cases B: \(f.masked)/\(f.planted) planted details masked, \(f.keptDamaged)/\(f.kept) kept words touched, \(f.spurious)/\(f.masks) masks on nothing planted"
        )
        for note in f.notes { print("  " + note) }
        #expect(f.planted >= 30)
        #expect(f.masked >= f.planted - 1)
        #expect(f.keptDamaged == 0)
        #expect(f.spurious <= 2)
    }
}
