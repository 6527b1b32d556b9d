import Testing
import XunchaCore

/// Spans are Unicode-scalar offsets into the text as written.
func originalWords(_ text: String, _ range: Range<Int>) -> String {
    let scalars = Array(text.unicodeScalars)
    var out = ""
    out.unicodeScalars.append(contentsOf: scalars[range])
    return out
}

@Suite("Subjects in the text, without a roster")
struct SubjectFinderTests {
    let finder = SubjectFinder()

    @Test(
        "names with posts",
        arguments: [
            ("举报县财政局张某某局长收受红包", "县财政局张某某局长", "张某某", "局长", SubjectPattern.surnameWithPost),
            ("王书记经常出入高档酒店", "王书记", "王", "书记", .surnameWithPost),
            ("李某某（副局长）违规报销差旅费", "李某某（副局长）", "李某某", "副局长", .surnameWithPost),
            ("副局长张三在工程项目中收钱", "副局长张三", "张三", "副局长", .nameWithPost),
            ("反映张建华局长违规用车", "张建华局长", "张建华", "局长", .nameWithPost),
            ("财务科科长赵某挪用资金", "财务科科长赵某", "赵某", "财务科科长", .surnameWithPost),
            ("欧阳某某书记大操大办", "欧阳某某书记", "欧阳某某", "书记", .surnameWithPost),
        ]
    )
    func namesWithPosts(text: String, words: String, name: String, post: String, pattern: SubjectPattern) throws {
        let analysis = finder.find(in: text)
        let f = try #require(analysis.findings.first)
        #expect(analysis.findings.count == 1)
        #expect(f.text == words)
        #expect(originalWords(text, f.range) == words)
        #expect(f.name == name)
        #expect(f.post == post)
        #expect(f.pattern == pattern)
        #expect(f.kind == .unitLeader)
        #expect(analysis.kind == .unitLeader)
        #expect(analysis.decidingFinding == 0)
    }

    @Test(
        "posts alone, with the role their post gives",
        arguments: [
            ("该局局长长期不上班", "该局局长", ScopeRole.leadershipMember),
            ("村支书在低保评定中优亲厚友", "村支书", .subordinatePrincipal),
            ("单位一把手搞一言堂", "一把手", .leadershipMember),
            ("县财政局局长收受购物卡", "县财政局局长", .leadershipMember),
            ("城关财政所所长吃拿卡要", "城关财政所所长", .subordinatePrincipal),
            ("办公室主任虚报加班费", "办公室主任", .keyPostLeader),
        ]
    )
    func postsAlone(text: String, words: String, role: ScopeRole) throws {
        let analysis = finder.find(in: text)
        let f = try #require(analysis.findings.first { $0.pattern == .postAlone })
        #expect(f.text == words)
        #expect(originalWords(text, f.range) == words)
        #expect(f.name == nil)
        #expect(f.role?.role == role)
        #expect(analysis.kind == .unitLeader)
    }

    @Test("a unit's last character shared with the post: 财政局长, 该局长")
    func sharedCharacter() throws {
        let f = try #require(finder.find(in: "财政局长王某某收受礼金").findings.first)
        #expect(f.unit == "财政局")
        #expect(f.post == "局长")
        #expect(f.name == "王某某")
        #expect(f.text == "财政局长王某某")
    }

    @Test("staff below the scope roles are other officials")
    func otherOfficial() {
        let analysis = finder.find(in: "窗口工作人员态度恶劣，科员刘某某上班玩手机")
        #expect(analysis.kind == .otherOfficial)
        #expect(analysis.findings.map(\.post) == ["工作人员", "科员"])
        #expect(analysis.findings[1].name == "刘某某")
        #expect(analysis.findings[1].role?.role == .other)
    }

    @Test("surname + 某 without a post is a person of unknown post")
    func nameOnly() throws {
        let analysis = finder.find(in: "王某某收受红包")
        let f = try #require(analysis.findings.first)
        #expect(f.pattern == .nameOnly)
        #expect(f.name == "王某某")
        #expect(f.confidence < 0.5)
        #expect(analysis.kind == .otherOfficial)
    }

    @Test(
        "words that are not names",
        arguments: ["王法何在，张贴公告，李子树下乘凉", "今天天气很好", "某局某单位一直不理", "希望有关部门重视", "1234567890", "I want to report a problem", "。", ""]
    )
    func notNames(text: String) {
        let analysis = finder.find(in: text)
        #expect(!analysis.findings.contains { $0.name != nil }, "\(analysis.findings)")
    }

    @Test("有关领导 is an official, never a person called 关")
    func vagueLeader() throws {
        let analysis = finder.find(in: "有关领导不作为")
        let f = try #require(analysis.findings.first)
        #expect(f.name == nil)
        #expect(f.post == "领导")
        #expect(f.confidence <= 0.5)
    }

    @Test("function words in front of a surname stay function words")
    func prepositions() throws {
        let f = try #require(finder.find(in: "向王书记反映过多次").findings.first)
        #expect(f.name == "王")
        #expect(f.text == "王书记")
        let g = try #require(finder.find(in: "我向某局反映过").findings.first)
        #expect(g.pattern == .unit)
        #expect(g.text == "某局")
    }

    @Test("no one: texts without any subject")
    func noOne() {
        for text in ["今天天气很好", "请问什么时候开始受理", "1234567890", "hello", ""] {
            let analysis = finder.find(in: text)
            #expect(analysis.kind == .noOne, "\(text)")
            #expect(analysis.decidingFinding == nil)
        }
    }

    @Test("organisation only")
    func organisationOnly() throws {
        let text = "县财政局违规发放津贴补贴，该单位账目混乱"
        let analysis = finder.find(in: text)
        #expect(analysis.kind == .organisation)
        #expect(analysis.findings.map(\.text) == ["县财政局", "该单位"])
        #expect(analysis.findings.allSatisfy { $0.pattern == .unit && originalWords(text, $0.range) == $0.text })
    }

    @Test("private parties: 某老板, 开发商, 王老板")
    func privateParties() {
        let analysis = finder.find(in: "某老板和开发商勾结，王老板也参与其中")
        #expect(analysis.kind == .privateParty)
        #expect(analysis.findings.map(\.text) == ["某老板", "开发商", "王老板"])
        #expect(analysis.findings.allSatisfy { $0.kind == .privateParty && $0.role == nil })
        #expect(analysis.findings[2].name == "王")
        #expect(finder.find(in: "开发商李某拖欠工程款").findings.first?.name == "李某")
    }

    @Test("an official outranks a private party and an organisation")
    func precedence() {
        let analysis = finder.find(in: "开发商给县住建局副局长王某送钱")
        #expect(analysis.kind == .unitLeader)
        #expect(analysis.findings[analysis.decidingFinding!].name == "王某")
        #expect(finder.find(in: "某公司老板偷税，某老板逃税").kind == .privateParty)
    }

    @Test("traditional script and full-width brackets, spans in the original")
    func traditional() throws {
        let text = "舉報財政局長王某某收受禮金，李某某（副局長）也參與"
        let analysis = finder.find(in: text)
        #expect(analysis.findings.count == 2)
        let first = try #require(analysis.findings.first)
        #expect(first.text == "財政局長王某某")
        #expect(first.post == "局长")
        #expect(first.unit == "财政局")
        let second = analysis.findings[1]
        #expect(second.text == "李某某（副局長）")
        #expect(second.post == "副局长")
        for f in analysis.findings { #expect(originalWords(text, f.range) == f.text) }
    }

    @Test("spans survive removed pinyin annotations and spaces")
    func spansWithArtefacts() throws {
        let text = "根據(jù)反映，　县財政局　張某某局長違規"
        let analysis = finder.find(in: text)
        #expect(analysis.findings.map(\.text) == ["县財政局", "張某某局長"])
        for f in analysis.findings { #expect(originalWords(text, f.range) == f.text) }
        #expect(analysis.findings.last?.name == "张某某")
    }

    @Test("a person listed with two posts is one finding; two posts alone stay two people")
    func listedPosts() throws {
        let text = "县住建局党组书记、局长周某某违规插手工程项目"
        let analysis = finder.find(in: text)
        let f = try #require(analysis.findings.first)
        #expect(analysis.findings.count == 1)
        #expect(f.text == "县住建局党组书记、局长周某某")
        #expect(f.post == "党组书记、局长")
        #expect(f.unit == "县住建局")
        #expect(f.name == "周某某")
        #expect(finder.find(in: "局长、副局长都收了钱").findings.map(\.post) == ["局长", "副局长"])
    }

    @Test("a labelled subject: 被反映人：陈大文，县财政局副局长")
    func labelled() throws {
        let text = "反映人：王小明。被反映人：陈大文，县财政局副局长。"
        let analysis = finder.find(in: text)
        let f = try #require(analysis.findings.first)
        #expect(analysis.findings.count == 1)
        #expect(f.name == "陈大文")
        #expect(f.post == "副局长")
        #expect(f.unit == "县财政局")
        #expect(f.text == "陈大文，县财政局副局长")
        let alone = try #require(finder.find(in: "被举报人：陈大文").findings.first)
        #expect(alone.name == "陈大文")
        #expect(alone.confidence >= 0.8)
    }

    @Test("unit names take a place in front, not the verbs before them")
    func unitExtent() {
        let analysis = finder.find(in: "儿子开公司承揽学校工程，城关财政所、娄星区教育局和镇卫生院都知道")
        #expect(analysis.findings.map(\.text) == ["公司", "学校", "城关财政所", "娄星区教育局", "镇卫生院"])
        let brigade = finder.find(in: "城管局执法大队队长带人强拆").findings.first
        #expect(brigade?.role?.role == .subordinatePrincipal)
    }

    @Test("deterministic, and sane on long and odd input")
    func deterministic() {
        let text = String(repeating: "王书记收受红包，开发商李某送礼。", count: 700)
        let a = finder.find(in: text)
        let b = finder.find(in: text)
        #expect(a == b)
        #expect(a.findings.count == 1400)
        #expect(finder.find(in: "王").findings.isEmpty)
        #expect(finder.find(in: "某").findings.isEmpty)
    }
}
