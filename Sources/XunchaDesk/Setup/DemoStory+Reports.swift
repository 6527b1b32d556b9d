import Foundation
import XunchaCore

/// The sixty reports of the demo's inspection, over every channel, in the order they came: the
/// four seed reports (`DemoData.submissions`) among them at their own moments. Named and
/// anonymous, in scope and not, some repeating an earlier one, a few without substance. Every
/// person, number and address is invented; phone numbers are of the 138 0000 range.
extension DemoStory {
    static let unit = "市委老干部局"

    static func person(_ name: String, _ post: String) -> Subject { Subject(name: name, unit: unit, post: post) }

    static let ouyang = person("欧阳明辉", "党组书记、局长")
    static let tan = person("谭志刚", "党组成员、副局长")
    static let zeng = person("曾丽君", "党组成员、副局长")
    static let luo = person("罗小平", "办公室主任")
    static let xiao = person("肖红英", "财务科科长")
    static let deng = person("邓国华", "老干部活动中心主任")
    static let sun = Subject(name: "孙美玲", unit: "市老年大学", post: "校长")
    static let huang = person("黄德胜", "老干部休养所所长")

    static func named(_ name: String, _ phone: String, address: String = "") -> ReporterIdentity {
        ReporterIdentity(name: name, phone: phone, address: address)
    }

    static func web(_ key: String, _ at: Date, _ content: String, subjects: [Subject] = [], reporter: ReporterIdentity = ReporterIdentity()) -> Report
    {
        Report(key: key, at: at, way: .web, content: content, subjects: subjects, reporter: reporter)
    }

    static func mail(_ key: String, _ at: Date, from: String, subject: String, _ body: String) -> Report {
        Report(key: key, at: at, way: .mail(from: from, subject: subject), content: body)
    }

    static func phone(
        _ key: String,
        _ at: Date,
        from number: String,
        minutes: Int,
        _ content: String,
        reporter: ReporterIdentity = ReporterIdentity(),
        by: Actor = .member
    ) -> Report {
        Report(key: key, at: at, way: .phone(number: number, seconds: minutes * 60 - 17), content: content, reporter: reporter, takenBy: by)
    }

    static func letter(
        _ key: String,
        _ at: Date,
        postmark: (month: Int, day: Int),
        sender: String,
        _ content: String,
        reporter: ReporterIdentity = ReporterIdentity(),
        by: Actor = .member
    ) -> Report {
        let stamped = CivilDate(year: 2023, month: postmark.month, day: postmark.day)!
        return Report(key: key, at: at, way: .letter(postmark: stamped, sender: sender), content: content, reporter: reporter, takenBy: by)
    }

    static func visit(_ key: String, _ at: Date, _ content: String, reporter: ReporterIdentity = ReporterIdentity(), by: Actor = .deputy) -> Report {
        Report(key: key, at: at, way: .visit, content: content, reporter: reporter, takenBy: by)
    }

    /// The four seed reports, as the whole demo takes them in: the web ones through the public
    /// form, the call and the letter taken down by the member.
    static var seed: [Report] {
        let s = DemoData.submissions(inspectionID: DemoData.inspection.id)
        return [
            Report(key: "seed1", at: s[0].receivedAt, way: .web, content: s[0].content, subjects: s[0].subjects, reporter: s[0].reporter),
            Report(key: "seed2", at: s[1].receivedAt, way: .phone(number: "13800001012", seconds: 463), content: s[1].content),
            Report(key: "seed3", at: s[2].receivedAt, way: .web, content: s[2].content, subjects: s[2].subjects, reporter: s[2].reporter),
            Report(
                key: "seed4",
                at: s[3].receivedAt,
                way: .letter(postmark: CivilDate(year: 2023, month: 3, day: 31)!, sender: "内详"),
                content: s[3].content
            ),
        ]
    }

    static var reports: [Report] {
        seed + march + april + may
    }

    static var march: [Report] {
        [
            phone(
                "S1",
                at(3, 1, 10, 20),
                from: "13800001101",
                minutes: 3,
                "来电询问巡察组受理来信的邮寄地址和受理范围。工作人员告知来信请寄娄底市A032邮政信箱，巡察组主要受理反映市委老干部局领导班子及其成员、"
                    + "下一级党组织主要负责人和重要岗位领导干部问题的来信来电来访。"
            ),
            web(
                "P1",
                at(3, 2, 20, 41),
                "反映市委老干部局党组书记、局长欧阳明辉公车私用：2022年国庆节和2023年春节期间，局里一辆公务用车连续多日停在其老家某镇，"
                    + "用于接送家属走亲访友，车辆使用登记簿上没有派车记录，加油费照常在局里报销。驾驶员和办公室管车的同志都清楚。",
                subjects: [ouyang]
            ),
            web(
                "B1",
                at(3, 3, 10, 15),
                "市委老干部局副局长谭志刚分管干部人事工作，2022年8月提拔其原驾驶员为市老年大学办公室副主任，该同志任职年限不够，民主推荐得票排名靠后，"
                    + "考察材料明显拔高。另外，局里2022年招聘的两名编外人员中有一人是谭志刚的外甥女，招聘信息没有公开发布。"
            ),
            mail(
                "P1b",
                at(3, 4, 22, 5),
                from: "laoganbu2023@example.com",
                subject: "反映欧阳明辉公车私用",
                "反映市委老干部局党组书记、局长欧阳明辉公车私用：2022年国庆节和2023年春节期间，局里一辆公务用车连续多日停在其老家某镇，"
                    + "用于接送家属走亲访友，车辆使用登记簿上没有派车记录，加油费照常在局里报销。\n\n一名知情干部（匿名）"
            ),
            letter(
                "K0",
                at(3, 6, 9, 40),
                postmark: (3, 3),
                sender: "内详",
                "来信反映：市委老干部局办公室主任罗小平负责管理局机关公务用车，2022年以来多次让其妻子驾驶单位公务用车接送孩子上下学，"
                    + "周末还开到外地游玩，车辆加油卡由罗小平本人保管使用。来信人希望巡察组调取车辆行车轨迹和加油记录核实。"
            ),
            web(
                "M1",
                at(3, 7, 19, 30),
                "我父亲是市委老干部局管理的离休干部，2022年11月去世，按政策应发放的丧葬费和一次性抚恤金到现在还没有发放，家属多次到局里询问，"
                    + "工作人员一直说在走程序。请巡察组帮忙督促。",
                reporter: named("何丽娟", "13800001107", address: "娄底市娄星区某小区")
            ),
            phone(
                "R2",
                at(3, 8, 9, 40),
                from: "13800001108",
                minutes: 7,
                "来电人沈永福反映：市委老干部局老干部休养所3号楼的电梯经常故障停运，最长一次停了一个多星期，住在楼上的离休老干部年纪大、腿脚不便，"
                    + "上下楼非常困难，多次向休养所反映一直没有解决。",
                reporter: named("沈永福", "13800001108"),
                by: .deputy
            ),
            letter(
                "G1",
                at(3, 9, 9, 30),
                postmark: (3, 7),
                sender: "老干部休养所 许国强",
                "我是住在老干部休养所的退休干部许国强。反映休养所所长黄德胜2022年将休养所锅炉改造工程交给其亲戚承包，合同价18万元，"
                    + "比周边同类工程高出近一倍，没有经过比选；另外休养所的公务用车长期停放在黄德胜家所在小区，节假日也不交回。请巡察组调查。",
                reporter: named("许国强", "13800001109", address: "娄底市娄星区老干部休养所宿舍")
            ),
            web(
                "S2",
                at(3, 10, 20, 15),
                "建议：老干部活动中心能否增开书法、摄影兴趣班，阅览室周末也开放。现在很多老同志周末想去看报都进不去。",
                reporter: named("陈国庆", "13800001110")
            ),
            letter(
                "C1",
                at(3, 13, 9, 30),
                postmark: (3, 10),
                sender: "市委老干部局 郑建新",
                "我是市委老干部局机关退休职工郑建新。反映财务科科长肖红英2021年至2022年间多次以召开“老干部工作座谈会”的名义虚列会议费，"
                    + "有的会议实际没有召开，有的参会人数远少于报销人数，套取资金约6万元，存放在老干部活动中心的账户上，用于发放节日福利。"
                    + "相关会议通知、签到表和报销凭证可以查证。",
                reporter: named("郑建新", "13800001111")
            ),
            web("X1", at(3, 15, 23, 10), "老干部局就是个养老的地方，个个都不干事，请巡察组好好查一查！"),
            visit(
                "B2",
                at(3, 16, 9, 30),
                "来访人吴德明（市委老干部局退休干部）反映：2022年局里选拔老年大学办公室副主任时，副局长谭志刚在党组会上坚持提名自己的原驾驶员，"
                    + "民主推荐时该同志得票并不靠前，部分老同志对此意见很大。来访人要求组织上认真核查这次干部选拔任用的程序。",
                reporter: named("吴德明", "13800001114", address: "娄底市娄星区某小区")
            ),
            web("X1b", at(3, 17, 22, 50), "老干部局就是个养老的地方，个个都不干事，请巡察组好好查一查！！"),
            phone(
                "R2b",
                at(3, 20, 10, 30),
                from: "13800001108",
                minutes: 4,
                "来电人沈永福再次反映：老干部休养所3号楼电梯经常故障停运，住在楼上的离休老干部上下楼困难，询问巡察组是否已经转办。",
                reporter: named("沈永福", "13800001108")
            ),
            visit(
                "X2",
                at(3, 21, 14, 30),
                "来访人杨振华称：其与某房地产开发公司的商品房买卖合同纠纷一案，区人民法院一审判决驳回了他的诉讼请求，他认为判决不公，要求巡察组督促法院改判。",
                reporter: named("杨振华", "13800001118")
            ),
            letter(
                "P2",
                at(3, 22, 9, 30),
                postmark: (3, 20),
                sender: "内详",
                "来信反映：2023年1月，局长欧阳明辉在老干部活动中心餐厅以“慰问老干部”的名义宴请其亲友，共三桌，费用约8000元由活动中心以"
                    + "“老干部慰问活动”名义报销，当天参加的并没有几位老干部。"
            ),
            visit(
                "D2",
                at(3, 23, 10, 0),
                "来访人秦桂兰（老干部活动中心退休职工）反映：活动中心主任邓国华将中心一楼两间活动室出租给社会上的棋牌茶室经营，每年租金约4万元，"
                    + "租金收入没有进中心账户，去向不明；老同志的活动场地被挤占，意见很大。",
                reporter: named("秦桂兰", "13800001120")
            ),
            web(
                "R3",
                at(3, 27, 8, 50),
                "市老年大学今年春季报名采取现场排队的方式，很多老同志凌晨四五点就去排队，热门课程名额很少，排到了也报不上。"
                    + "希望学校改为网上报名，增加书画、声乐等热门课程的班次。",
                reporter: named("蒋丽华", "13800001121")
            ),
            mail(
                "C2",
                at(3, 28, 21, 14),
                from: "zhiqing.ganbu@example.com",
                subject: "老干部局财务问题",
                "局机关财务管理混乱，报销把关不严。财务科科长肖红英经手的部分发票与实际消费不符，有的餐饮发票开成了办公用品，"
                    + "2022年12月一次就报销了“办公用品”1.2万元。希望巡察组调阅2022年的会计凭证。\n\n一名知情干部（匿名）"
            ),
            phone(
                "E2",
                at(3, 29, 10, 20),
                from: "13800001160",
                minutes: 5,
                "来电反映：局机关一名姓张的科长2022年中秋节前后多次收受下属单位送的购物卡，每次约2000元，还在单位食堂以外安排公款吃喝。来电人未留姓名。"
            ),
            visit(
                "V3",
                at(3, 29, 15, 0),
                "来访人施大勇（老干部休养所住户）反映：休养所所长黄德胜经常在工作日中午带着所里几个人到外面饭店吃饭，有时还喝酒，下午上班迟到，"
                    + "所里的公务接待费用明显增加。",
                reporter: named("施大勇", "13800001123"),
                by: .member
            ),
            phone(
                "R6",
                at(3, 30, 9, 15),
                from: "13800001124",
                minutes: 6,
                "来电人吕凤英反映：其丈夫是市委老干部局管理的离休干部，2022年下半年两次住院，医药费共约3.2万元，材料交给医保部门半年多了还没有报销，"
                    + "家里垫付压力大。",
                reporter: named("吕凤英", "13800001124")
            ),
        ]
    }

    static var april: [Report] {
        [
            web(
                "X5",
                at(4, 3, 20, 20),
                "我儿子大学毕业两年了还没有工作，我是老干部局的退休干部，要求局里把他安排到下属的活动中心或者老年大学上班。",
                reporter: named("邹志明", "13800001126")
            ),
            web(
                "F1",
                at(4, 4, 10, 30),
                "市老年大学校长孙美玲要求学员每学期交“班级活动费”200元，由各班班长收齐后交到学校办公室，不开收据。2022年秋季学期全校约900名学员，"
                    + "这笔钱的收支从来没有公开过。",
                subjects: [Subject(name: "孙美玲", unit: "市老年大学", post: "校长")],
                reporter: named("何秀兰", "13800001127")
            ),
            mail(
                "B3",
                at(4, 6, 8, 30),
                from: "laoganbu.zhengyi@example.com",
                subject: "再次反映谭志刚违规选人用人",
                "市委老干部局副局长谭志刚分管干部人事工作，2022年8月提拔其原驾驶员为市老年大学办公室副主任，该同志任职年限不够，民主推荐得票排名靠后，"
                    + "考察材料明显拔高。另外，局里2022年招聘的两名编外人员中有一人是谭志刚的外甥女，招聘信息没有公开发布。再次反映，请巡察组重视。\n\n匿名"
            ),
            letter(
                "S3",
                at(4, 7, 9, 30),
                postmark: (4, 4),
                sender: "老干部休养所 周玉梅",
                "感谢信：我老伴去年冬天住院期间，老干部休养所的工作人员多次到医院看望，帮助联系护工，还帮我们办理了报销手续。"
                    + "特写信向巡察组反映，感谢休养所的同志们。",
                reporter: named("周玉梅", "13800001129")
            ),
            phone(
                "M2",
                at(4, 10, 15, 10),
                from: "13800001130",
                minutes: 2,
                "来电询问市老年大学秋季学期什么时候开始报名、是否可以网上报名。工作人员告知该问题已转市委老干部局研究，具体以老年大学通知为准。",
                by: .deputy
            ),
            phone(
                "P3",
                at(4, 11, 10, 12),
                from: "13800001131",
                minutes: 6,
                "来电反映：局长欧阳明辉的儿子在市里开办了一家养老服务公司，2022年承接了局里组织的离退休干部健康体检项目，合同金额二十多万元，没有经过招标。"
                    + "来电人称是局机关工作人员，不愿透露姓名。"
            ),
            visit(
                "R4",
                at(4, 12, 9, 30),
                "来访人韩秀英反映：老干部活动中心的门球场去年翻新后长期锁门，老同志想打门球要找人开门，经常找不到人；中心个别工作人员对来活动的老同志态度生硬。",
                reporter: named("韩秀英", "13800001132")
            ),
            letter(
                "X3",
                at(4, 13, 9, 30),
                postmark: (4, 11),
                sender: "休养所2栋住户",
                "来信反映：老干部休养所2栋楼上住户家里装修后卫生间漏水，把楼下天花板泡坏了，双方协商赔偿没有结果，请巡察组出面处理。"
            ),
            phone(
                "C3",
                at(4, 14, 10, 40),
                from: "13800001134",
                minutes: 9,
                "来电人冯家宝（老干部活动中心职工）反映：活动中心账上有一笔“局机关转入”的资金约6万元，没有列入预算，由局财务科肖红英科长安排支出，"
                    + "2023年春节前用这笔钱采购了一批慰问品发给局机关干部。",
                reporter: named("冯家宝", "13800001134")
            ),
            web(
                "W1",
                at(4, 17, 14, 0),
                "我原来在市老年大学做外聘教师，学校拖欠我2022年下半年的课时费和交通补贴共8600元，我已经向劳动人事争议仲裁委员会申请了仲裁，"
                    + "现在还没有结果，希望巡察组帮我催一催。",
                reporter: named("谢红", "13800001135")
            ),
            web(
                "D3",
                at(4, 18, 21, 30),
                "老干部活动中心维修工程去年由局领导亲属开办的公司承接，未经公开招标，工程质量较差，屋顶至今漏水，请巡察组查一查。"
            ),
            mail(
                "F2",
                at(4, 19, 12, 20),
                from: "lndx.jiaoshi@example.com",
                subject: "老年大学课酬问题",
                "老年大学外聘教师课酬发放有问题：部分课程实际由学校工作人员代课，却按外聘教师的标准报销课酬，每节课200元，一学期下来有好几万元，"
                    + "校长孙美玲签字同意。\n\n一名老年大学教师"
            ),
            letter(
                "R5",
                at(4, 20, 9, 30),
                postmark: (4, 18),
                sender: "老干部休养所 朱长青",
                "我是老干部休养所的住户朱长青。休养所北面的围墙年久失修，去年冬天出现了一道一米多长的裂缝，雨季快到了，有倒塌的危险，"
                    + "围墙外就是人行道。多次向所里反映，一直没有处理。",
                reporter: named("朱长青", "13800001138")
            ),
            web(
                "H1",
                at(4, 24, 20, 0),
                "副局长曾丽君分管老年大学，2022年多次带领老年大学部分干部以“考察学习”名义到省外旅游，去过桂林、厦门等地，费用在老年大学列支，"
                    + "考察报告都是回来后拼凑的。"
            ),
            mail(
                "R7",
                at(4, 25, 9, 10),
                from: "longjj@example.com",
                subject: "反映某县委老干部局局长问题",
                "巡察组：我反映某县委老干部局局长王某某2022年利用职务便利，在县老干部活动中心改造工程中为其同学承揽工程提供帮助，收受好处。"
                    + "该县委老干部局不是这次巡察的单位，但我不知道向哪里反映，请转有关部门。\n\n反映人：龙建军\n电话：13800001140"
            ),
            phone(
                "N1",
                at(4, 26, 16, 20),
                from: "13800001141",
                minutes: 1,
                "来电人情绪激动，称老干部局“问题很多”，要求巡察组“好好查”，未说明具体人员和事项，随即挂断电话。",
                by: .deputy
            ),
            web(
                "C4",
                at(4, 28, 9, 45),
                "财务科科长肖红英的丈夫开了一家文具店，局机关和下属单位的办公用品这几年基本都在这家店采购，价格比网上贵不少，发票都是肖红英经手报销的。"
            ),
        ]
    }

    static var may: [Report] {
        [
            mail(
                "S4",
                at(5, 4, 19, 30),
                from: "lao.tongzhi@example.com",
                subject: "建议",
                "建议局里多组织一些健康讲座和防诈骗讲座，很多老同志在家里接到诈骗电话不知道怎么办。\n\n一位退休老同志"
            ),
            visit(
                "F3",
                at(5, 5, 10, 0),
                "来访人戴志华（市老年大学学员、班长）反映：他所在的书法二班每学期向学员收取“班级活动费”200元，按校长孙美玲的要求全部上交学校办公室，"
                    + "学校从未公布这笔钱的用途，学员们意见很大。来访人带来了本班的收费名单复印件。",
                reporter: named("戴志华", "13800001144")
            ),
            web("X4", at(5, 6, 23, 40), "强烈要求巡察组彻查老干部局！！！贪官太多了！！！"),
            visit(
                "G2",
                at(5, 9, 15, 0),
                "来访人（不愿留姓名，自称老干部休养所职工）反映：休养所所长黄德胜2023年春节前以“慰问困难职工”的名义从所里领取慰问金1.5万元，"
                    + "实际只发放了一部分，其余去向不明。",
                by: .member
            ),
            letter(
                "H2",
                at(5, 10, 9, 30),
                postmark: (5, 8),
                sender: "内详",
                "来信反映：2022年10月，副局长曾丽君带领老年大学5名干部到厦门“考察老年教育”，行程6天，其中4天是游览景点，差旅费约3.6万元在老年大学报销。"
            ),
            web(
                "K1",
                at(5, 15, 12, 30),
                "办公室主任罗小平负责局里的公务接待，2022年以来局里的接待用餐基本都安排在其妻子的亲戚经营的酒店，接待清单与实际用餐人数不符。"
            ),
            phone(
                "H3",
                at(5, 16, 9, 50),
                from: "13800001149",
                minutes: 5,
                "来电反映：曾丽君副局长分管的老年大学2022年组织的几次外出“考察”，报销的差旅费中有家属的费用，来电人称可以提供部分行程照片。",
                by: .deputy
            ),
            web(
                "Q1",
                at(5, 18, 18, 20),
                "市老年大学食堂去年换了承包人，饭菜价格涨了三分之一，分量反而少了，老同志意见很大，希望局里加强对食堂的监管。",
                reporter: named("陆海燕", "13800001150")
            ),
            phone(
                "Q2",
                at(5, 19, 14, 40),
                from: "13800001151",
                minutes: 3,
                "来电人孔繁荣反映：老干部休养所夜间值班保安经常不在岗，前几天夜里有外人进入小区，住户心里不踏实。",
                reporter: named("孔繁荣", "13800001151")
            ),
            letter(
                "U1",
                at(5, 22, 9, 30),
                postmark: (5, 19),
                sender: "内详",
                "来信反映：副局长谭志刚2021年在老年大学教学楼维修工程验收中，未按规定组织验收就签字同意支付工程尾款，工程存在质量问题。"
            ),
            web(
                "U2",
                at(5, 24, 10, 10),
                "我在市老年大学学习太极拳三年了，今年春季学期的老师经常调课、缺课，一学期十六次课实际只上了十次，向学校反映后没有答复。",
                reporter: named("魏淑华", "13800001153")
            ),
            visit(
                "U3",
                at(5, 25, 9, 30),
                "来访人严国栋（离休干部家属）反映：局里为离休干部订阅的报刊，近两年有一部分没有送到老同志手里，怀疑被挪作他用。",
                reporter: named("严国栋", "13800001154")
            ),
            mail(
                "U4",
                at(5, 26, 21, 0),
                from: "zhigong.2023@example.com",
                subject: "活动中心账目问题",
                "活动中心主任邓国华在活动中心食堂的采购中，多次从其亲戚的商店进货，价格明显高于市场价。\n\n匿名"
            ),
            phone(
                "U5",
                at(5, 29, 11, 0),
                from: "13800001156",
                minutes: 4,
                "来电反映：局机关有干部在工作时间用办公电脑炒股、玩游戏，来电人未说出具体人员。"
            ),
            web("U6", at(5, 30, 16, 0), "反映罗小平主任在局机关食堂承包合同续签中收受承包人的好处，具体金额不清楚。"),
            web(
                "U7",
                at(5, 31, 16, 40),
                "今天是巡察组受理反映的最后一天，我补充反映：老干部休养所锅炉改造工程完工后至今没有办理竣工验收，去年冬天供暖效果很差。",
                reporter: named("汤志勇", "13800001158")
            ),
            mail(
                "U8",
                at(6, 1, 9, 15),
                from: "lgbj.laotongzhi@example.com",
                subject: "补充反映活动中心出租房屋问题",
                "老干部活动中心一楼出租给茶室的两间房子，听说租金一直打到了中心一名工作人员的个人账户上。\n\n知情人"
            ),
        ]
    }
}
