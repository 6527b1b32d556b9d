import Foundation
import XunchaCore

/// What the group did with the demo's reports, day by day: the leader gives reports to the
/// deputy and the member, the member proposes and the leader approves (once sending one back),
/// leads gather by person, two of them get working papers (one signed off, one waiting for the
/// deputy's review after a return), referrals go out within their five working days and come
/// back answered, all but one; the unit's liaison and the staff keep the rectification ledger.
/// The last week's reports are still undecided, and five proposals wait for the leader.
extension DemoStory {
    static func on(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ act: Act) -> Event {
        Event(at: at(month, day, hour, minute), act: act)
    }

    static var work: [Event] {
        decisions + kinds + papers + referrals + rectification
    }

    /// Where each lead goes at handover, as staff decide it when the lead is made (the screening's
    /// proposal stands where it is right).
    static var kinds: [Event] {
        [
            on(3, 6, 10, 40, .leadKind("P1", by: .leader, .discipline)),
            on(3, 8, 9, 15, .leadKind("B1", by: .member, .organization)),
            on(3, 8, 10, 10, .leadKind("seed1", by: .member, .discipline)),
            on(3, 9, 9, 10, .leadKind("K0", by: .member, .discipline)),
            on(3, 14, 9, 5, .leadKind("G1", by: .member, .discipline)),
            on(3, 17, 9, 5, .leadKind("C1", by: .member, .discipline)),
            on(3, 17, 9, 35, .leadKind("seed2", by: .member, .discipline)),
            on(4, 10, 9, 5, .leadKind("F1", by: .member, .discipline)),
            on(4, 26, 9, 5, .leadKind("H1", by: .member, .discipline)),
        ]
    }

    static let liaisonUnit = "市委老干部局"

    static var decisions: [Event] {
        [
            // March
            on(3, 2, 9, 30, .decide("S1", by: .leader, .file("咨询受理范围，已当场答复，存档备查。"))),
            on(3, 6, 9, 0, .assign("B1", to: .member)),
            on(
                3,
                6,
                10,
                30,
                .decide("P1", by: .leader, .accept(ouyang, "反映一把手公车私用，时间、车辆和知情人具体，予以受理，线索由组长直接掌握。"))
            ),
            on(3, 6, 10, 35, .note("P1", by: .leader, "涉及被巡察单位主要负责人，按规定由组长直接掌握；车辆档案待个别谈话阶段一并调阅。")),
            on(3, 7, 15, 20, .note("B1", by: .member, "已初步查阅2022年干部任免文件，该同志于2022年8月任市老年大学办公室副主任，建议受理。")),
            on(3, 7, 15, 30, .decide("P1b", by: .member, .duplicate(of: "P1", "与此前网上反映的公车私用问题内容相同，作重复件处理。"))),
            on(3, 8, 9, 10, .decide("B1", by: .leader, .accept(tan, "反映选人用人问题具体，可查阅干部任免档案核实，予以受理。"))),
            on(3, 8, 9, 12, .approve("P1b", remark: "")),
            on(3, 8, 10, 0, .decide("seed1", by: .leader, .accept(person("张某某", "科长"), "反映收受购物卡、公款宴请，有时间、金额和查证途径，予以受理。"))),
            on(3, 9, 9, 5, .decide("K0", by: .leader, .accept(luo, "反映公车私用，有具体事实和查证途径，予以受理，注意调取加油记录。"))),
            on(3, 10, 9, 10, .assign("G1", to: .member)),
            on(
                3,
                10,
                10,
                0,
                .decide(
                    "M1",
                    by: .leader,
                    .file("经向局离退休干部服务科了解，丧葬费和抚恤金已于2023年3月9日发放到位，已电话告知反映人，存档备查。")
                )
            ),
            on(3, 10, 14, 0, .decide("R2", by: .member, .refer(liaisonUnit, "属休养所日常管理和服务保障问题，建议转市委老干部局办理。"))),
            on(3, 13, 9, 20, .approve("R2", remark: "同意转办，请督促尽快修复。")),
            on(3, 13, 15, 10, .decide("S2", by: .member, .file("属意见建议，已转告活动中心参考，存档备查。"))),
            on(3, 14, 9, 0, .decide("G1", by: .leader, .accept(huang, "反映下属单位主要负责人工程发包和公车管理问题，予以受理。"))),
            on(3, 14, 9, 2, .approve("S2", remark: "")),
            on(3, 17, 9, 0, .decide("C1", by: .leader, .accept(xiao, "反映虚列会议费套取资金，线索具体，予以受理，先调阅会议费凭证。"))),
            on(3, 17, 9, 30, .decide("seed2", by: .leader, .accept(deng, "反映活动中心维修工程未招标、由局领导亲属公司承接，予以受理。"))),
            on(3, 17, 9, 40, .decide("X1", by: .leader, .reject("未反映具体人员和事实，无实质内容，不予受理。"))),
            on(3, 20, 9, 10, .decide("X1b", by: .leader, .duplicate(of: "X1", "与此前网上反映内容相同，作重复件处理。"))),
            on(3, 20, 14, 30, .decide("B2", by: .member, .join(leadOf: "B1", "与已受理的谭志刚选人用人问题属同一事项，补充了党组会提名情况，建议受理并入线索。"))),
            on(3, 20, 16, 0, .note("C1", by: .member, "已调阅2021—2022年会议费报销凭证共23笔，待与会议通知、签到表逐一比对。")),
            on(3, 21, 9, 0, .approve("B2", remark: "")),
            on(3, 21, 10, 0, .decide("R2b", by: .member, .duplicate(of: "R2", "同一来电人再次反映休养所电梯问题，作重复件处理，已告知该事项已转办。"))),
            on(3, 21, 15, 30, .note("X2", by: .deputy, "已向来访人解释巡察受理范围，告知其可在法定期限内提起上诉。")),
            on(3, 22, 9, 0, .approve("R2b", remark: "")),
            on(3, 22, 10, 0, .decide("seed3", by: .leader, .refer(liaisonUnit, "属离退休干部待遇核定问题，由市委老干部局按政策核查办理。"))),
            on(3, 23, 9, 0, .decide("X2", by: .leader, .reject("属涉法涉诉问题，不属于巡察受理范围，已告知来访人依法通过上诉等司法程序解决。"))),
            on(3, 24, 9, 0, .decide("P2", by: .leader, .accept(ouyang, "反映一把手违规宴请，并入同一线索。"))),
            on(3, 24, 9, 10, .assign("D2", to: .deputy)),
            on(3, 27, 10, 0, .decide("D2", by: .deputy, .join(leadOf: "seed2", "反映下属单位主要负责人出租国有资产、收入去向不明，建议受理，并入邓国华线索。"))),
            on(3, 28, 9, 0, .approve("D2", remark: "")),
            on(3, 29, 10, 0, .decide("R3", by: .leader, .refer(liaisonUnit, "属老年大学教学管理和服务问题，转市委老干部局研究改进。"))),
            on(3, 29, 16, 30, .note("D2", by: .deputy, "已到活动中心实地查看，一楼东侧两间活动室现为茶室，门口挂有“棋牌茶艺”招牌。")),
            on(3, 30, 10, 0, .decide("C2", by: .member, .file("匿名反映，线索不够具体，建议存查。"))),
            on(3, 30, 16, 0, .returnProposal("C2", reason: "反映有具体金额和时间，且与已受理的肖红英线索相互印证，应予受理。")),
            on(3, 31, 10, 0, .decide("C2", by: .member, .join(leadOf: "C1", "按组长意见，并入肖红英线索。"))),
            on(3, 31, 10, 30, .decide("V3", by: .member, .join(leadOf: "G1", "反映黄德胜违规吃喝，并入同一线索。"))),
            on(3, 31, 11, 0, .decide("E2", by: .member, .duplicate(of: "seed1", "与网上实名反映的张某某收受购物卡问题为同一事项，作重复件处理。"))),
            on(3, 31, 15, 0, .approve("C2", remark: "")),
            on(3, 31, 15, 5, .approve("V3", remark: "")),
            on(3, 31, 15, 10, .approve("E2", remark: "")),
            // April
            on(4, 3, 9, 30, .decide("R6", by: .leader, .refer("市医疗保障局", "属医药费报销问题，转市医疗保障局办理。"))),
            on(4, 6, 9, 0, .assign("F1", to: .member)),
            on(4, 6, 9, 30, .decide("X5", by: .leader, .reject("属个人诉求，无政策依据，不属巡察受理范围，不予受理。"))),
            on(4, 6, 10, 0, .decide("seed4", by: .member, .refer(liaisonUnit, "属离退休干部党支部建设问题，建议转市委老干部局督促整改。"))),
            on(4, 7, 9, 0, .approve("seed4", remark: "")),
            on(4, 7, 9, 10, .decide("B3", by: .leader, .duplicate(of: "B1", "与网上反映的谭志刚选人用人问题内容相同，作重复件处理。"))),
            on(4, 7, 10, 0, .note("F1", by: .member, "已向两名班长了解，班级活动费确由学校办公室统一收取，建议受理。")),
            on(4, 10, 9, 0, .decide("F1", by: .leader, .accept(sun, "反映下属单位主要负责人违规收费，予以受理。"))),
            on(4, 10, 10, 0, .decide("S3", by: .member, .file("属表扬信，存档备查。"))),
            on(4, 10, 16, 0, .approve("S3", remark: "")),
            on(4, 11, 10, 0, .decide("M2", by: .deputy, .file("属咨询，已当场答复，存档备查。"))),
            on(4, 11, 16, 0, .approve("M2", remark: "")),
            on(4, 12, 16, 0, .assign("R4", to: .deputy)),
            on(4, 13, 9, 0, .decide("P3", by: .leader, .accept(ouyang, "反映一把手亲属承接本单位项目，并入同一线索。"))),
            on(4, 13, 10, 0, .decide("R4", by: .deputy, .refer(liaisonUnit, "属活动中心管理和服务问题，建议转市委老干部局办理。"))),
            on(4, 14, 9, 0, .approve("R4", remark: "")),
            on(4, 14, 9, 30, .decide("X3", by: .leader, .reject("属住户之间的民事纠纷，不属于巡察受理范围，不予受理。"))),
            on(4, 17, 9, 0, .decide("C3", by: .leader, .accept(xiao, "与已受理的肖红英线索相互印证，并入。"))),
            on(4, 19, 9, 0, .decide("W1", by: .leader, .reject("已进入劳动争议仲裁程序，应依法等待仲裁结果，不属巡察受理范围，不予受理。"))),
            on(4, 20, 9, 0, .decide("D3", by: .leader, .duplicate(of: "seed2", "与此前来电反映的活动中心维修工程问题内容相同，作重复件处理。"))),
            on(4, 21, 9, 0, .decide("F2", by: .leader, .accept(sun, "反映虚报课酬，并入孙美玲线索。"))),
            on(4, 21, 10, 0, .decide("R5", by: .member, .refer(liaisonUnit, "属休养所安全隐患，建议转市委老干部局立即处理。"))),
            on(4, 21, 16, 0, .approve("R5", remark: "同意，转办时提醒尽快处置。")),
            on(4, 26, 9, 0, .decide("H1", by: .leader, .accept(zeng, "反映以考察名义公款旅游，予以受理。"))),
            on(4, 27, 9, 0, .decide("R7", by: .leader, .refer("市纪委监委", "反映对象不属本次巡察对象，转市纪委监委按干部管理权限处理。"))),
            on(4, 27, 9, 30, .decide("N1", by: .leader, .reject("未反映具体人员和事实，无实质内容，不予受理。"))),
            // May
            on(5, 4, 9, 0, .decide("C4", by: .leader, .accept(xiao, "反映利用职务便利为亲属经营活动谋利，并入肖红英线索。"))),
            on(5, 5, 10, 0, .decide("S4", by: .member, .file("属意见建议，已转告局离退休干部服务科，存档备查。"))),
            on(5, 5, 16, 0, .approve("S4", remark: "")),
            on(5, 8, 9, 30, .decide("X4", by: .leader, .reject("无具体人员和事实，不予受理。"))),
            on(5, 8, 10, 30, .decide("F3", by: .deputy, .join(leadOf: "F1", "与孙美玲违规收费线索相互印证，建议并入。"))),
            on(5, 8, 16, 0, .approve("F3", remark: "")),
            on(5, 11, 10, 0, .decide("G2", by: .member, .join(leadOf: "G1", "反映黄德胜截留慰问金，建议受理并入黄德胜线索。"))),
            on(5, 11, 10, 30, .decide("H2", by: .member, .join(leadOf: "H1", "补充了曾丽君公款旅游的具体时间和金额，建议并入。"))),
            on(5, 12, 9, 0, .approve("H2", remark: "")),
            on(5, 17, 10, 0, .decide("K1", by: .member, .join(leadOf: "K0", "反映罗小平利用公务接待为亲属谋利，建议受理并入罗小平线索。"))),
            on(5, 18, 10, 0, .decide("H3", by: .deputy, .join(leadOf: "H1", "与曾丽君线索相关，建议并入。"))),
            on(5, 22, 10, 0, .decide("Q1", by: .member, .refer(liaisonUnit, "属老年大学后勤管理问题，建议转市委老干部局办理。"))),
            on(5, 23, 10, 0, .decide("Q2", by: .member, .refer(liaisonUnit, "属休养所安全管理问题，建议转市委老干部局办理。"))),
            on(5, 23, 15, 0, .note("U1", by: .leader, "反映对象谭志刚已有线索在办，待核实工程验收情况后研究。")),
            on(5, 25, 9, 0, .assign("U2", to: .member)),
            on(5, 26, 9, 0, .assign("U3", to: .deputy)),
            on(5, 29, 16, 0, .note("R5", by: .member, "已电话催办，联络员称围墙正在加固施工，尚未书面反馈。")),
        ]
    }

    static var papers: [Event] {
        let tanPaper = Paper(
            title: "谭志刚违规选拔任用干部问题",
            summary: "2022年8月，市委老干部局党组成员、副局长谭志刚分管干部人事工作期间，提名其原驾驶员任市老年大学办公室副主任。"
                + "经查阅干部任免档案，该同志提任时任现职级年限不足2年，不符合任职资格条件；民主推荐中其得票在9名被推荐人中排第6位，"
                + "考察材料对其工作实绩有明显拔高。此外，2022年局属单位招聘编外人员2名，招聘信息未公开发布，其中1人系谭志刚的外甥女。",
            howFound: "受理信访举报后，调阅2022年干部选拔任用全程纪实材料和编外人员招聘档案，与局组织人事科负责人、参与民主推荐的干部个别谈话6人次。",
            materials: ["2022年8月党组会议纪要（复印件）", "民主推荐得票统计表", "干部考察材料", "编外人员招聘审批表", "个别谈话记录6份"]
        )
        var xiaoPaper = Paper(
            title: "肖红英虚列会议费套取资金问题",
            summary: "2021年至2022年，市委老干部局财务科科长肖红英以召开“老干部工作座谈会”名义报销会议费11笔共6.2万元，经与会议通知、签到表比对，"
                + "其中4次会议未召开，7次会议实际参会人数少于报销人数；套取资金转入老干部活动中心账户，2023年春节前用于采购慰问品发放给局机关干部。"
                + "另有部分餐饮发票以“办公用品”名义报销。",
            howFound: "受理信访举报后，调阅2021—2022年会议费报销凭证23笔及会议通知、签到表，与财务科、活动中心相关人员个别谈话。",
            materials: ["会议费报销凭证复印件（11笔）", "会议通知及签到表", "个别谈话记录"]
        )
        let first = xiaoPaper
        xiaoPaper.howFound = "受理信访举报后，调阅2021—2022年会议费报销凭证23笔及会议通知、签到表，调取老干部活动中心银行账户流水，与财务科、活动中心相关人员个别谈话。"
        xiaoPaper.materials += ["老干部活动中心银行账户流水（2021—2023年）", "证人谈话记录3份"]
        return [
            on(4, 19, 10, 0, .draftPaper("B1", by: .member, tanPaper)),
            on(4, 21, 16, 0, .submitPaper("B1", by: .member)),
            on(4, 24, 10, 0, .reviewPaper("B1", by: .deputy, comment: "事实清楚，材料齐全，同意报组长签发。")),
            on(4, 25, 9, 30, .signPaper("B1", by: .leader, comment: "同意。")),
            on(5, 8, 10, 0, .draftPaper("C1", by: .member, first)),
            on(5, 10, 16, 0, .submitPaper("C1", by: .member)),
            on(5, 11, 10, 0, .returnPaper("C1", by: .deputy, reason: "套取资金的金额与活动中心账户流水尚未逐笔对应，请补充账户流水和证人谈话记录后再报。")),
            on(5, 15, 16, 0, .editPaper("C1", by: .member, xiaoPaper)),
            on(5, 16, 10, 0, .submitPaper("C1", by: .member)),
        ]
    }

    static var referrals: [Event] {
        [
            on(3, 15, 10, 0, .sendReferral("R2", by: .member)),
            on(3, 24, 10, 0, .sendReferral("seed3", by: .member)),
            on(3, 31, 9, 30, .sendReferral("R3", by: .member)),
            on(
                4,
                6,
                15,
                0,
                .feedback(
                    "R2",
                    by: .liaison,
                    .substantiated,
                    .concluded,
                    "经核查，反映情况属实。休养所3号楼电梯主板老化导致频繁停运，已于3月28日更换主板并完成安全检测，同时与维保单位重新签订维保合同，"
                        + "明确故障2小时内到场处置。已将办理情况告知反映人。"
                )
            ),
            on(4, 6, 10, 0, .sendReferral("R6", by: .member)),
            on(4, 10, 10, 0, .sendReferral("seed4", by: .member)),
            on(4, 17, 10, 0, .sendReferral("R4", by: .deputy)),
            on(
                4,
                20,
                16,
                0,
                .feedback(
                    "seed3",
                    by: .liaison,
                    .partlySubstantiated,
                    .concluded,
                    "经核查，反映人2019年退休时工龄少计1年，导致退休待遇核定偏低，已重新核定，2023年4月补发差额。反映人提出的其他补贴诉求不符合现行政策，"
                        + "已当面解释，反映人表示理解。"
                )
            ),
            on(4, 24, 10, 0, .sendReferral("R5", by: .member)),
            on(
                4,
                25,
                10,
                0,
                .feedback(
                    "R3",
                    by: .liaison,
                    .substantiated,
                    .interim,
                    "反映情况属实。市老年大学已制定网上报名方案，秋季学期起开通网上报名和电话预约报名；书画、声乐课程秋季各增开2个班。"
                        + "办理情况将在秋季报名结束后再次报告。"
                )
            ),
            on(
                4,
                28,
                15,
                0,
                .feedback(
                    "R6",
                    by: .member,
                    .substantiated,
                    .concluded,
                    "市医疗保障局反馈：经核查，该离休干部的报销材料因缺少出院小结被退回经办窗口，未及时告知家属。现已补齐材料，于4月25日完成报销，款项已到账。"
                )
            ),
            on(5, 4, 10, 0, .sendReferral("R7", by: .member)),
            on(
                5,
                8,
                10,
                0,
                .feedback(
                    "seed4",
                    by: .liaison,
                    .substantiated,
                    .concluded,
                    "经核查，该离退休干部党支部2022年下半年未按规定开展组织生活，党费收缴台账记录不全。局机关党委已督促该支部于4月补开组织生活会，"
                        + "重新建立党费收缴台账，并对支部书记进行了提醒谈话。"
                )
            ),
            on(
                5,
                16,
                10,
                0,
                .feedback(
                    "R4",
                    by: .liaison,
                    .partlySubstantiated,
                    .concluded,
                    "经核查，门球场翻新后因照明设备未验收暂未开放，现已完成验收，自5月8日起每天8:00—17:30开放；反映工作人员态度生硬问题，"
                        + "经走访未发现具体事例，已组织中心全体工作人员开展服务规范培训。"
                )
            ),
            on(
                5,
                25,
                15,
                0,
                .feedback(
                    "R7",
                    by: .member,
                    .unsubstantiated,
                    .concluded,
                    "市纪委监委反馈：经县纪委监委初步核实，该工程经公开招标确定施工单位，王某某与中标单位负责人无同学关系，未发现收受好处的问题，"
                        + "反映问题不属实，已予了结。"
                )
            ),
        ]
    }

    static var rectification: [Event] {
        [
            on(
                5,
                12,
                15,
                0,
                .rectify(
                    "rent",
                    by: .leader,
                    RectificationInput(
                        problem: "老干部活动中心一楼两间活动室出租给社会经营，挤占老干部活动场地，租金收入未入中心账户",
                        measure: "收回出租房屋，恢复活动室功能；清查租金收入，全部纳入中心账户管理",
                        responsible: "老干部活动中心",
                        deadline: "2023-06-30",
                        state: RectificationItem.State.notStarted.rawValue
                    )
                )
            ),
            on(
                5,
                15,
                10,
                0,
                .rectify(
                    "enrol",
                    by: .liaison,
                    RectificationInput(
                        problem: "市老年大学报名方式不便，老同志凌晨排队报名，热门课程名额少",
                        measure: "开通网上报名和电话预约报名，增开书画、声乐热门课程班次",
                        responsible: "市老年大学",
                        deadline: "2023-08-31",
                        progress: "网上报名系统已完成需求调研，正在开发。",
                        state: RectificationItem.State.inProgress.rawValue
                    )
                )
            ),
            on(
                5,
                16,
                10,
                30,
                .rectify(
                    "lift",
                    by: .liaison,
                    RectificationInput(
                        problem: "老干部休养所3号楼电梯故障频发，离休老干部上下楼困难",
                        measure: "更换电梯主板，重新签订维保合同，明确故障处置时限",
                        responsible: "老干部休养所",
                        deadline: "2023-04-30",
                        progress: "已于3月28日更换主板并通过安全检测，4月10日签订新的维保合同。",
                        evidence: "电梯检验报告、维保合同",
                        state: RectificationItem.State.awaitingCheck.rawValue
                    )
                )
            ),
            on(
                5,
                19,
                10,
                0,
                .rectify(
                    "cars",
                    by: .member,
                    RectificationInput(
                        problem: "公务用车管理不规范，派车、停放和加油管理缺少制度",
                        measure: "建立派车单制度，公务用车节假日统一封存停放，加油卡专人管理",
                        responsible: "局办公室",
                        progress: "派车单制度已于5月起执行。",
                        state: RectificationItem.State.ongoing.rawValue
                    )
                )
            ),
            on(
                5,
                26,
                10,
                0,
                .updateRectification(
                    "rent",
                    by: .liaison,
                    RectificationInput(
                        progress: "已与承租方协商解除租赁合同，承租方承诺6月15日前腾退；租金收入清查工作已启动。",
                        state: RectificationItem.State.inProgress.rawValue
                    )
                )
            ),
            on(
                5,
                29,
                15,
                0,
                .updateRectification(
                    "lift",
                    by: .member,
                    RectificationInput(
                        progress: "已于3月28日更换主板并通过安全检测，4月10日签订新的维保合同。5月29日巡察组现场查看，电梯运行正常，予以销号。",
                        state: RectificationItem.State.closed.rawValue
                    )
                )
            ),
            on(
                5,
                30,
                10,
                0,
                .rectify(
                    "invoices",
                    by: .liaison,
                    RectificationInput(
                        problem: "财务报销审核把关不严，部分发票内容与实际消费不符",
                        measure: "修订财务报销管理办法，对2021年以来的报销凭证开展自查",
                        responsible: "局财务科",
                        deadline: "2023-07-31",
                        state: RectificationItem.State.notStarted.rawValue
                    )
                )
            ),
        ]
    }
}
