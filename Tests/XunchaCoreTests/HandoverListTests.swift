import Testing
import XunchaCore

/// The list of leads handed to one recipient: only signed papers, numbered in lead order.
@Suite struct HandoverListTests {
    static func entry(
        _ lead: String,
        kind: LeadKind = .discipline,
        signed: Bool = true,
        paper: String = "市四巡底〔2023〕第01号",
        persons: [HandoverPerson] = [HandoverPerson(name: "王建国", unit: "县交通运输局", post: "党组书记、局长")]
    ) -> HandoverEntry {
        HandoverEntry(
            leadNumber: lead,
            persons: persons,
            summary: "违规发放津补贴12.6万元",
            kind: kind,
            sources: [RegisterNumber(prefix: "市四巡", year: 2023, sequence: 12), RegisterNumber(prefix: "市四巡", year: 2023, sequence: 40)],
            paperNumber: paper,
            paperSigned: signed
        )
    }

    @Test func rowsAreNumberedInLeadOrderUnderTheChineseColumns() throws {
        let list = try HandoverList(
            group: "市委第四巡察组",
            recipient: .discipline,
            entries: [
                Self.entry("市四巡线〔2023〕第10号", paper: "市四巡底〔2023〕第03号"),
                Self.entry("市四巡线〔2023〕第2号", paper: "市四巡底〔2023〕第01号"),
                Self.entry(
                    "市四巡线〔2023〕第9号",
                    paper: "市四巡底〔2023〕第02号",
                    persons: [HandoverPerson(name: "李红梅", unit: "县交通运输局", post: "财务股股长"), HandoverPerson(name: "某公司")]
                ),
            ]
        )
        #expect(list.title == "市委第四巡察组移交纪委监委问题线索清单")
        #expect(HandoverList.columnsZH == ["序号", "线索编号", "涉及人员", "主要问题", "问题类型", "线索来源", "问题底稿编号"])
        #expect(list.rows.map { $0[0] } == ["1", "2", "3"])
        #expect(list.rows.map { $0[1] } == ["市四巡线〔2023〕第2号", "市四巡线〔2023〕第9号", "市四巡线〔2023〕第10号"])
        #expect(
            list.rows[0] == [
                "1", "市四巡线〔2023〕第2号", "王建国（县交通运输局党组书记、局长）", "违规发放津补贴12.6万元", "违纪违法和职务违法犯罪问题",
                "市四巡〔2023〕第012号\n市四巡〔2023〕第040号", "市四巡底〔2023〕第01号",
            ]
        )
        #expect(list.rows[1][2] == "李红梅（县交通运输局财务股股长）\n某公司")
        #expect(list.rows.allSatisfy { $0.count == HandoverList.columnsZH.count })
        #expect(list.table.first == HandoverList.columnsZH)
        #expect(list.table.count == 4)
    }

    @Test func anUnsignedPaperRefusesTheListNamingTheLead() throws {
        let entries = [Self.entry("线索1"), Self.entry("线索2", signed: false, paper: "市四巡底〔2023〕第05号")]
        let error = try #require(throws: InputError.self) { try HandoverList(group: "市委第四巡察组", recipient: .discipline, entries: entries) }
        #expect(error.code == "unsigned_paper")
        #expect(error.messageZH == "问题线索线索2的问题底稿市四巡底〔2023〕第05号尚未经组长签发，不能移交。")
        #expect(error.messageEN.contains("线索2"))

        let noPaper = try #require(throws: InputError.self) {
            try HandoverList(group: "市委第四巡察组", recipient: .discipline, entries: [Self.entry("线索3", paper: " ")])
        }
        #expect(noPaper.code == "unsigned_paper")
        #expect(noPaper.messageZH.contains("线索3"))
    }

    @Test func aLeadForAnotherRecipientOrAnImmediateFixIsRefused() {
        #expect(
            performing: { try HandoverList(group: "市委第四巡察组", recipient: .organization, entries: [Self.entry("线索1", kind: .discipline)]) },
            throws: { isInputError($0, "wrong_recipient") }
        )
        #expect(
            performing: { try HandoverList(group: "市委第四巡察组", recipient: .department, entries: [Self.entry("线索1", kind: .immediateFix)]) },
            throws: { isInputError($0, "wrong_recipient") }
        )
    }

    @Test func anEmptyListADuplicateOrAMissingLeadNumberIsRefused() {
        #expect(
            performing: { try HandoverList(group: "市委第四巡察组", recipient: .discipline, entries: []) },
            throws: { isInputError($0, "empty_handover") }
        )
        #expect(
            performing: { try HandoverList(group: "市委第四巡察组", recipient: .discipline, entries: [Self.entry("线索1"), Self.entry(" 线索1")]) },
            throws: { isInputError($0, "duplicate_lead") }
        )
        #expect(
            performing: { try HandoverList(group: "市委第四巡察组", recipient: .discipline, entries: [Self.entry("")]) },
            throws: { isInputError($0, "missing_lead_number") }
        )
    }

    @Test func theDepartmentListMayNameTheDepartment() throws {
        let named = try HandoverList(group: "市委第四巡察组", recipient: .department, recipientName: "县财政局", entries: [Self.entry("线索1", kind: .other)])
        #expect(named.title == "市委第四巡察组移交县财政局问题线索清单")
        let plain = try HandoverList(group: "市委第四巡察组", recipient: .department, recipientName: " ", entries: [Self.entry("线索1", kind: .other)])
        #expect(plain.title == "市委第四巡察组移交有关部门问题线索清单")
        #expect(plain.rows[0][4] == "其他问题")
    }

    @Test func leadsAreSplitIntoOneListPerRecipientLeavingImmediateFixesOut() throws {
        let lists = try HandoverList.lists(
            group: "市委第四巡察组",
            entries: [
                Self.entry("线索3", kind: .organization), Self.entry("线索1", kind: .discipline), Self.entry("线索2", kind: .immediateFix, signed: false),
                Self.entry("线索4", kind: .discipline),
            ]
        )
        #expect(lists.map(\.recipient) == [.discipline, .organization])
        #expect(lists.map(\.title) == ["市委第四巡察组移交纪委监委问题线索清单", "市委第四巡察组移交组织部问题线索清单"])
        #expect(lists[0].rows.map { $0[1] } == ["线索1", "线索4"])
        #expect(
            performing: { try HandoverList.lists(group: "市委第四巡察组", entries: [Self.entry("线索1"), Self.entry("线索5", kind: .other, signed: false)]) },
            throws: { isInputError($0, "unsigned_paper") }
        )
    }

    @Test func leadNumbersSortAsPeopleReadThem() throws {
        let numbers = ["第10号", "第01号", "第9号", "第1号", "A第2号", "第2号-1", "第2号"]
        let list = try HandoverList(group: "组", recipient: .discipline, entries: numbers.map { Self.entry($0) })
        #expect(list.rows.map { $0[1] } == ["A第2号", "第01号", "第1号", "第2号", "第2号-1", "第9号", "第10号"])
    }
}
