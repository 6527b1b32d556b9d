import Foundation
import XunchaCore

/// The seed inspection, typed from the announcement the project started from, and a few reports
/// made up for the demo (the people and events in them are invented). The whole demo
/// (`DemoStory`) starts from these four and plays the inspection on.
public enum DemoData {
    public static let inspection = Inspection(
        id: "demo-seed-2023-laoganbu",
        group: "市委第四巡察组",
        leader: "彭书威",
        units: ["市委老干部局"],
        periodStart: CivilDate(year: 2023, month: 3, day: 1)!,
        periodEnd: CivilDate(year: 2023, month: 5, day: 31)!,
        deadline: CivilDate(year: 2023, month: 5, day: 31)!,
        phones: ["17773806700"],
        emails: ["17773806700@189.cn"],
        postalBoxes: ["娄底市A032邮政信箱"],
        phoneHours: [
            ReceptionHours(days: .workdays, from: ClockTime(hour: 8, minute: 0), to: ClockTime(hour: 12, minute: 0)),
            ReceptionHours(days: .workdays, from: ClockTime(hour: 14, minute: 30), to: ClockTime(hour: 17, minute: 30)),
        ],
        scope: "巡察组主要受理反映市委老干部局领导班子及其成员、下一级党组织领导班子主要负责人和重要岗位领导干部问题的来信来电来访，"
            + "重点是违反政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和生活纪律方面的举报和反映。"
            + "不属于巡察受理范围的信访问题，按规定由市委老干部局和有关部门处理。",
        issuer: "中共娄底市委",
        announcement: DemoData.announcement
    )

    /// The demo's announcement, written for the demo in the usual shape of one.
    static let announcement = """
        根据市委巡察工作统一部署，市委第四巡察组自2023年3月1日至5月31日对市委老干部局党组开展常规巡察，并召开巡察工作动员会。

        巡察期间，巡察组设立值班电话17773806700，受理时间为工作日8:00—12:00、14:30—17:30；电子邮箱17773806700@189.cn；邮政信箱娄底市A032邮政信箱。受理信访截止时间为2023年5月31日。

        巡察组主要受理反映市委老干部局领导班子及其成员、下一级党组织领导班子主要负责人和重要岗位领导干部问题的来信来电来访，重点是违反政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和生活纪律方面的举报和反映。不属于巡察受理范围的信访问题，按规定由市委老干部局和有关部门处理。
        """

    /// A moment of 2023 in Beijing time, the year of the demo's inspection.
    static func at(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Date {
        let d = CivilDate(year: 2023, month: month, day: day)!
        return Date(timeIntervalSince1970: TimeInterval(d.dayNumber * 86400 + (hour - 8) * 3600 + minute * 60))
    }

    public static func submissions(inspectionID: String) -> [Submission] {
        [
            Submission(
                channel: .web,
                content: "反映局机关某科室负责人张某某（化名）2022年中秋前后多次收受下属单位送的购物卡，每次约2000元，并在单位食堂以外安排公款宴请。相关单位财务报销凭证可以查证。",
                subjects: [Subject(name: "张某某", unit: "市委老干部局", post: "科长")],
                reporter: ReporterIdentity(name: "李示例", phone: "13800000000"),
                inspectionID: inspectionID,
                receivedAt: at(3, 6, 9, 20)
            ),
            Submission(
                channel: .phone,
                content: "来电反映：老干部活动中心维修工程去年由局领导亲属开办的公司承接，未经公开招标，工程质量较差，屋顶至今漏水。来电人不愿留姓名。",
                inspectionID: inspectionID,
                receivedAt: at(3, 14, 10, 5)
            ),
            Submission(
                channel: .web,
                content: "本人退休待遇核定有误，多次找单位未解决，希望巡察组帮助协调补发。",
                reporter: ReporterIdentity(name: "王示例", phone: "13900000000", address: "娄底市某小区"),
                inspectionID: inspectionID,
                receivedAt: at(3, 20, 15, 40)
            ),
            Submission(
                channel: .letter,
                content: "来信称：某离退休干部党支部书记长期不组织支部活动，党费收缴台账不清。信中未署名，附有支部活动记录复印件两页。",
                inspectionID: inspectionID,
                receivedAt: at(4, 3, 11, 0)
            ),
        ]
    }
}
