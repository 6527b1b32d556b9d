import Testing
import XunchaCore
import XunchaIntake

/// Announcements written for these tests (the evaluation set is never copied here), one per
/// format the parser must read.
@Suite("Announcement parser")
struct AnnouncementParserTests {
    let parser = AnnouncementParser()

    func only(_ text: String, published: CivilDate? = nil) throws -> AnnouncedInspection {
        let a = parser.parse(text, published: published)
        try #require(a.inspections.count == 1)
        return a.inspections[0]
    }

    func date(_ iso: String) -> CivilDate { try! CivilDate(iso: iso) }
    func time(_ text: String) -> ClockTime { ClockTime(parsing: text)! }

    // MARK: - Scripts and widths

    static let traditional = """
        根據(jù)縣委統(tǒng)一部署，２０２４年３月４日，縣委第一巡察組進駐縣財政局開展巡察工作。縣委第一巡察組組長趙明遠主持會議。
        巡察期間（３月５日—５月１０日），設立專門值班電話：０７３８－８３１２３４５，電子郵箱：xcz1@163.com，舉報信箱：婁底市B018郵政信箱。\
        值班電話受理時間為工作日上午８:３０—１２:００，下午２:３０—５:３０。受理信訪截止時間為２０２４年５月８日１７:００。
        """

    @Test func traditionalScriptWithPinyinAndFullWidthDigits() throws {
        let i = try only(Self.traditional)
        #expect(i.group?.value == "县委第一巡察组")
        #expect(i.leader?.value == "赵明远")
        #expect(i.units.map(\.value) == ["县财政局"])
        #expect(i.periodStart?.value == date("2024-03-05"))
        #expect(i.periodEnd?.value == date("2024-05-10"))
        #expect(i.phones.map(\.value) == ["0738-8312345"])
        #expect(i.emails.map(\.value) == ["xcz1@163.com"])
        #expect(i.postalBoxes.map(\.value) == ["娄底市B018邮政信箱"])
        #expect(i.deadline?.value == date("2024-05-08"))
        #expect(i.deadlineTime?.value == time("17:00"))
        #expect(
            i.phoneHours.map(\.value) == [
                ReceptionHours(days: .workdays, from: time("08:30"), to: time("12:00")),
                ReceptionHours(days: .workdays, from: time("14:30"), to: time("17:30")),
            ]
        )
        #expect(i.flags.isEmpty)
    }

    @Test func spansPointIntoTheOriginalText() throws {
        let a = parser.parse(Self.traditional)
        let i = try #require(a.inspections.first)
        #expect(a.originalText(try #require(i.group).evidence.span) == "縣委第一巡察組")
        #expect(a.originalText(try #require(i.phones.first).evidence.span) == "０７３８－８３１２３４５")
        #expect(a.originalText(try #require(i.periodStart).evidence.span) == "３月５日")
        let sentence = a.originalText(try #require(i.deadline).evidence.sentence)
        #expect(sentence.hasPrefix("受理信訪截止時間"))
        #expect(i.group!.evidence.confidence > 0.5)
    }

    // MARK: - Tables flattened into pipes

    @Test func tableWithOneRowPerLine() throws {
        let text = """
            市委第五轮巡察各组联系方式如下：
            巡察组|被巡察单位|值班电话|电子邮箱
            市委第一巡察组|市审计局、市统计局|0731-84561234|sw1xcz@126.com
            市委第二巡察组|市水利局|13907310000|sw2xcz@126.com
            巡察时间为2024年4月1日至6月30日，受理信访截止时间为2024年6月25日。
            """
        let a = parser.parse(text)
        try #require(a.inspections.count == 2)
        let (first, second) = (a.inspections[0], a.inspections[1])
        #expect(first.group?.value == "市委第一巡察组")
        #expect(first.units.map(\.value) == ["市审计局", "市统计局"])
        #expect(first.phones.map(\.value) == ["0731-84561234"])
        #expect(first.emails.map(\.value) == ["sw1xcz@126.com"])
        #expect(second.group?.value == "市委第二巡察组")
        #expect(second.units.map(\.value) == ["市水利局"])
        #expect(second.phones.map(\.value) == ["13907310000"])
        #expect(second.emails.map(\.value) == ["sw2xcz@126.com"])
        for i in a.inspections {
            #expect(i.periodStart?.value == date("2024-04-01"))
            #expect(i.periodEnd?.value == date("2024-06-30"))
            #expect(i.deadline?.value == date("2024-06-25"))
        }
    }

    @Test func tableRowsWithTheirOwnPeriods() throws {
        let text = """
            巡察组|被巡察单位|巡察时间|值班电话
            市委第一巡察组|市档案馆|2024年3月4日至4月30日|0731-84561201
            市委第二巡察组|市地方志办|2024年5月6日至6月28日|0731-84561202
            """
        let a = parser.parse(text)
        try #require(a.inspections.count == 2)
        #expect(a.inspections.map { $0.periodStart?.value.iso } == ["2024-03-04", "2024-05-06"])
        #expect(a.inspections.map { $0.periodEnd?.value.iso } == ["2024-04-30", "2024-06-28"])
        #expect(a.inspections.map { $0.units.map(\.value) } == [["市档案馆"], ["市地方志办"]])
    }

    @Test func tableFlattenedOntoOneLine() throws {
        let text =
            "根据县委安排，县委巡察组于2025年3月3日至5月30日开展巡察。联系方式：| 巡察组 | 被巡察单位 | 举报电话 | 县委第一巡察组 | 县交通运输局 | 0745-2261001 | 县委第二巡察组 | 县林业局 | 0745-2261002 |"
        let a = parser.parse(text)
        try #require(a.inspections.count == 2)
        #expect(a.inspections.map { $0.group?.value } == ["县委第一巡察组", "县委第二巡察组"])
        #expect(a.inspections.map { $0.units.map(\.value) } == [["县交通运输局"], ["县林业局"]])
        #expect(a.inspections.map { $0.phones.map(\.value) } == [["0745-2261001"], ["0745-2261002"]])
    }

    // MARK: - Several groups, units, channels

    static let twoGroups = """
        按照区委统一部署，区委第二、第三巡察组于2024年9月2日至11月29日对西河镇洞口村、桥头村和东山街道开展巡察。
        （一）区委第二巡察组巡察西河镇洞口村、桥头村。举报电话：0851-5123456，电子邮箱：qwxcz2@163.com。来信请寄：西河镇政府大院3号楼区委第二巡察组（邮编：550001）。
        （二）区委第三巡察组巡察东山街道。举报电话：15985100000。在东山街道办事处一楼大厅设置意见箱。
        受理来电时间为每天上午9:00至12:00（节假日除外）。受理信访截止时间为巡察结束前3个工作日。
        巡察期间设立监督电话：0851-5999999，接受对巡察组工作的监督。
        """

    @Test func severalGroupsEachWithItsUnitsAndChannels() throws {
        let a = parser.parse(Self.twoGroups)
        try #require(a.inspections.count == 2)
        let (two, three) = (a.inspections[0], a.inspections[1])
        #expect(two.group?.value == "区委第二巡察组")
        #expect(three.group?.value == "区委第三巡察组")
        #expect(two.units.map(\.value) == ["西河镇洞口村", "西河镇桥头村"])
        #expect(three.units.map(\.value) == ["东山街道"])
        #expect(two.phones.map(\.value) == ["0851-5123456"])
        #expect(two.emails.map(\.value) == ["qwxcz2@163.com"])
        #expect(two.postalBoxes.map(\.value) == ["西河镇政府大院3号楼区委第二巡察组"])
        #expect(three.phones.map(\.value) == ["15985100000"])
        #expect(three.otherChannels.map(\.value).contains { $0.hasPrefix("意见箱") && $0.contains("东山街道办事处") })
        for i in a.inspections {
            #expect(!i.phones.map(\.value).contains("0851-5999999"), "a 监督电话 is not a reporting channel")
            #expect(i.periodStart?.value == date("2024-09-02"))
            #expect(i.periodEnd?.value == date("2024-11-29"))
            // 2024-11-29 is a Friday: three workdays before it is Tuesday the 26th.
            #expect(i.deadline?.value == date("2024-11-26"))
            #expect(i.phoneHours.map(\.value) == [ReceptionHours(days: .dailyExceptHolidays, from: time("09:00"), to: time("12:00"))])
        }
    }

    /// 12388 and the inspection office's line stand after the group leaves: where to go instead, not the group's phone.
    @Test func standingChannelsAreNotTheGroupsPhone() throws {
        let i = try only(
            """
            2025年3月3日至5月2日，县委第二巡察组对县水利局党组开展常规巡察。巡察组值班电话：0736-7120021；
            电子邮箱：xcz2@example.cn。巡察组主要受理反映县水利局党组领导班子及其成员问题的来信来电来访。
            其他信访问题请向有关部门反映，县纪委监委信访举报电话12388、县委巡察办电话0736-7112388照常受理。
            反映党员干部违纪问题也可拨打0736-12388。
            """
        )
        #expect(i.phones.map(\.value) == ["0736-7120021"])
    }

    @Test func unitListsDropTotalsAndKeepConjoinedNames() throws {
        let i = try only(
            "2024年6月3日，市委第三巡察组对市教育局、市卫生健康委和市医疗保障局等3个单位党组织开展常规巡察，巡察时间为2024年6月3日至8月30日。"
        )
        #expect(i.units.map(\.value) == ["市教育局", "市卫生健康委", "市医疗保障局"])
    }

    @Test func groupNamesAsTheyAreWritten() throws {
        #expect(try only("2024年5月6日，省委第十一巡视组进驻省交通运输厅，巡视时间为5月6日至7月5日。").group?.value == "省委第十一巡视组")
        // 各巡察组 and a count before the name are not part of it.
        #expect(try only("市委各巡察组设专门值班电话，受理信访时间截止到2024年12月6日。").group?.value == "市委巡察组")
        // Only 巡察组 written: the committee that sent it names it, with less confidence.
        let composed = try only("根据县委巡察工作安排，十九届县委第二轮巡察于2024年4月8日至6月7日开展。巡察组受理电话时间为工作日9:00-17:00。")
        #expect(composed.group?.value == "县委巡察组")
        #expect(composed.group!.evidence.confidence < 0.7)
    }

    // MARK: - Hours

    @Test(arguments: [
        ("接听电话时间为工作日早8点至晚6点。", ReceptionHours(days: .workdays, from: ClockTime(parsing: "08:00"), to: ClockTime(parsing: "18:00"))),
        ("每天电话受理时间为9时至17时。", ReceptionHours(days: .daily, from: ClockTime(parsing: "09:00"), to: ClockTime(parsing: "17:00"))),
        (
            "值班电话每日8:00-20:00接听，节假日期间正常接收来信，暂停受理来电。",
            ReceptionHours(days: .dailyExceptHolidays, from: ClockTime(parsing: "08:00"), to: ClockTime(parsing: "20:00"))
        ),
        ("联系电话：13800000000（接听时间为工作日工作时间）。", ReceptionHours(days: .workdays, from: nil, to: nil)),
        ("受理电话时间：周一至周五下午2:30至5:30。", ReceptionHours(days: .workdays, from: ClockTime(parsing: "14:30"), to: ClockTime(parsing: "17:30"))),
    ])
    func callHours(_ sentence: String, _ expected: ReceptionHours) throws {
        let i = try only("市委第一巡察组于2024年3月1日至5月31日对市审计局开展巡察。" + sentence)
        #expect(i.phoneHours.map(\.value) == [expected])
    }

    // MARK: - Deadlines

    @Test(
        arguments: [
            ("以上信访渠道将在巡察结束前一天全部关停。", "2024-05-30", nil),
            ("受理信访截止时间为2024年5月20日下午5时。", "2024-05-20", "17:00"),
            ("来信来电受理至5月25日止。", "2024-05-25", nil),
            ("巡察结束时停止受理信访。", "2024-05-31", nil),
            ("请有关人员于2024年5月22日前来信来电反映。", "2024-05-22", nil),
        ] as [(String, String, String?)]
    )
    func deadlines(_ sentence: String, _ expected: String, _ clock: String?) throws {
        let i = try only("市委第一巡察组于2024年3月1日至5月31日对市审计局开展巡察，值班电话：0731-88880001。" + sentence)
        #expect(i.deadline?.value == date(expected))
        #expect(i.deadlineTime?.value == clock.map(time))
    }

    @Test func noDeadlineWhenNoneIsWritten() throws {
        #expect(try only("市委第一巡察组于2024年3月1日至5月31日对市审计局开展巡察。").deadline == nil)
    }

    // MARK: - Years

    @Test func yearFromThePublicationDate() throws {
        let text = "市委第二巡察组将于4月1日至6月28日对市民政局开展巡察，值班电话：0731-88880002。"
        #expect(try only(text).periodStart == nil, "no year in the text: never guessed")
        #expect(try only(text).flags.map(\.code).contains("year_unknown"))
        let dated = try only(text, published: date("2024-03-29"))
        #expect(dated.periodStart?.value == date("2024-04-01"))
        #expect(dated.periodEnd?.value == date("2024-06-28"))
        // A dated signature at the end is the publication date too.
        let signed = try only(text + "\n中共某市委巡察工作领导小组办公室\n2024年3月29日")
        #expect(signed.periodEnd?.value == date("2024-06-28"))
    }

    // MARK: - Scope

    @Test func scopeSubjectsAndDisciplines() throws {
        let i = try only(
            """
            县委第四巡察组于2024年3月1日至5月31日对县水利局开展巡察。巡察组主要受理反映县水利局领导班子及其成员、下一级党组织领导班子主要负责人\
            和重要岗位领导干部问题的来信来电来访，重点是关于违反政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和生活纪律等方面的举报和反映。\
            巡察组只受理信访，不负责答复。
            """
        )
        #expect(i.scopeSubjects.map(\.value) == ["县水利局领导班子及其成员", "下一级党组织领导班子主要负责人", "重要岗位领导干部"])
        #expect(i.scopeDisciplines.map(\.value) == ["政治纪律", "组织纪律", "廉洁纪律", "群众纪律", "工作纪律", "生活纪律"])
        #expect(i.repliesEnabled?.value == false)
        #expect(i.scope?.value.contains("主要受理") == true)
    }
}

/// Wordings seen in announcements of other regions, each in a text of its own.
@Suite("Announcement parser: other wordings")
struct AnnouncementWordingTests {
    let parser = AnnouncementParser()

    @Test func groupsEachWithTheirUnitInTurn() throws {
        let a = parser.parse(
            """
            按照区委统一部署，区委第一巡察组、第二巡察组分别对区教育局、区卫生健康局开展巡察。巡察时间为2024年10月8日至12月6日。
            区委第一巡察组：值班电话0835-2221001，邮箱qwxc1@163.com；区委第二巡察组：值班电话0835-2221002，邮箱qwxc2@163.com。
            """
        )
        try #require(a.inspections.count == 2)
        #expect(a.inspections.map { $0.group?.value } == ["区委第一巡察组", "区委第二巡察组"])
        #expect(a.inspections.map { $0.units.map(\.value) } == [["区教育局"], ["区卫生健康局"]])
        #expect(a.inspections.map { $0.phones.map(\.value) } == [["0835-2221001"], ["0835-2221002"]])
        #expect(a.inspections.map { $0.emails.map(\.value) } == [["qwxc1@163.com"], ["qwxc2@163.com"]])
    }

    /// 组长为王秀兰 names the leader; 组长为巡察组的召集人 names nobody.
    @Test(arguments: [
        ("县委第三巡察组进驻县审计局。巡察组组长为林晓东。值班电话：0935-6120033。", "林晓东"),
        ("县委第三巡察组进驻县审计局。组长是林晓东同志。值班电话：0935-6120033。", "林晓东"),
        ("县委第三巡察组进驻县审计局。组长为巡察组的召集人，负责全面工作。值班电话：0935-6120033。", nil),
    ])
    func leaderWrittenAsWhoTheLeaderIs(text: String, leader: String?) throws {
        let groups = parser.parse(text).inspections
        try #require(groups.count == 1)
        #expect(groups[0].leader?.value == leader)
    }

    @Test func labelledLinesAndLeaders() throws {
        let a = parser.parse(
            """
            根据县委巡察工作安排，县委第一、第二巡察组将于2025年3月10日起对以下单位开展为期两个月的常规巡察。
            县委第一巡察组：巡察县发展和改革局、县统计局。组长：陈志强。联系电话：0912-3251101。
            县委第二巡察组：巡察县民政局、县残疾人联合会。组长：王丽。联系电话：0912-3251102。
            """
        )
        try #require(a.inspections.count == 2)
        #expect(a.inspections.map { $0.leader?.value } == ["陈志强", "王丽"])
        #expect(a.inspections.map { $0.units.map(\.value) } == [["县发展和改革局", "县统计局"], ["县民政局", "县残疾人联合会"]])
        // The start is written; the end (两个月) is not worked out.
        #expect(a.inspections[0].periodStart?.value == (try CivilDate(iso: "2025-03-10")))
        #expect(a.inspections[0].periodEnd == nil)
        #expect(throws: InputError.self) { try a.inspections[0].inspection() }
    }

    @Test func contactBlockWithReceptionTimes() throws {
        let a = parser.parse(
            """
            市委第六巡察组进驻市住房和城乡建设局开展巡察
            5月6日，市委第六巡察组巡察市住房和城乡建设局党组工作动员会召开。
            值班电话：0739-5301234
            手机号码：15773901234（可发送短信）
            邮政信箱：邵阳市0123号信箱
            受理时间：2024年5月6日至2024年7月5日（每天8:00-12:00，14:30-17:30）
            """
        )
        let i = try #require(a.inspections.first)
        #expect(i.units.map(\.value) == ["市住房和城乡建设局"])
        #expect(i.phones.map(\.value) == ["0739-5301234", "15773901234"])
        #expect(i.otherChannels.map(\.value) == ["短信(15773901234)"])
        #expect(i.postalBoxes.map(\.value) == ["邵阳市0123号信箱"])
        #expect(i.periodStart?.value == (try CivilDate(iso: "2024-05-06")))
        #expect(i.deadline?.value == (try CivilDate(iso: "2024-07-05")))
        #expect(i.phoneHours.count == 2)
        #expect(i.phoneHours.allSatisfy { $0.value.days == .daily })
    }

    /// Each channel pattern runs only where its literal occurs (设, 箱, 接待, 码 …): every wording
    /// of each pattern must still be read, whatever else the sentence holds.
    @Test(arguments: [
        ("在区人大设有举报箱和信访接待室。", "举报箱"),
        ("意见箱设在县财政局一楼大厅。", "意见箱"),
        ("信访接待地点：县财政局三楼301室。", "信访接待地点"),
        ("也可通过“码上巡察”反映问题。", "码上巡察"),
        ("也可扫描二维码反映问题。", "二维码"),
        ("也可关注微信公众号反映问题。", "微信公众号"),
        ("也可登录网上举报平台反映问题。", "网上举报平台"),
        ("也可通过小程序反映问题。", "小程序"),
        ("也可登录举报网站反映问题。", "举报网站"),
    ])
    func everyOnSiteAndOnlineChannelWordingIsRead(sentence: String, channel: String) throws {
        let a = AnnouncementParser().parse(
            """
            县委第一巡察组进驻县财政局开展巡察
            巡察期间受理电话：0731-5301234。\(sentence)
            """
        )
        let i = try #require(a.inspections.first)
        #expect(i.otherChannels.map(\.value).contains { $0.contains(channel) }, "\(i.otherChannels.map(\.value))")
    }

    @Test func unitsInParenthesesAfterEachGroupAndTextsForOneNumber() throws {
        let a = parser.parse(
            """
            十三届县委第五轮巡察于2024年9月2日至10月31日开展，对县商务局等6个单位开展常规巡察。各巡察组联系方式如下：
            第一巡察组（巡察县商务局、县供销社、县粮食和物资储备中心）：值班电话0746-3221101，手机13807463101（可接收短信）；
            第二巡察组（巡察县司法局、县信访局、县法律援助中心）：值班电话0746-3221102。
            """
        )
        try #require(a.inspections.count == 2)
        #expect(a.inspections[0].units.map(\.value) == ["县商务局", "县供销社", "县粮食和物资储备中心"])
        #expect(a.inspections[1].units.map(\.value) == ["县司法局", "县信访局", "县法律援助中心"])
        #expect(a.inspections[0].phones.map(\.value) == ["0746-3221101", "13807463101"])
        #expect(a.inspections[0].otherChannels.map(\.value) == ["短信(13807463101)"])
        #expect(a.inspections[1].phones.map(\.value) == ["0746-3221102"])
    }

    @Test func lettersByPostmarkAndAnAddress() throws {
        let i = try #require(
            parser.parse(
                "区委第四巡察组定于2024年9月9日至11月8日对区商务局开展巡察。巡察期间设立举报电话：0731—84561234；来信请寄：某某区人民路88号区委第四巡察组，邮编：410011。来信以2024年11月1日前寄出的邮戳为准。"
            ).inspections.first
        )
        #expect(i.phones.map(\.value) == ["0731-84561234"])
        #expect(i.postalBoxes.map(\.value) == ["某某区人民路88号区委第四巡察组"])
        #expect(i.deadline?.value == (try CivilDate(iso: "2024-11-01")))
    }
}
