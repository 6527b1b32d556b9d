import Foundation
import Testing
import XunchaCore

/// Test material shared by the working paper and handover suites.
enum PaperFixture {
    static let start = Date(timeIntervalSince1970: 1_686_000_000)

    static func at(_ minutes: Int) -> Date { start.addingTimeInterval(Double(minutes) * 60) }

    static let content = PaperContent(
        title: "违规发放津补贴",
        date: CivilDate(year: 2023, month: 6, day: 6)!,
        unit: "县交通运输局",
        source: "市四巡〔2023〕第012号来信；个别谈话",
        summary: "2022年1月至12月，该局以加班补助名义向局机关人员发放补贴共计12.6万元，无相关文件依据。",
        howFound: "受理信访、查阅财务凭证",
        materials: ["2022年财务凭证复印件", "个别谈话记录"]
    )

    static func drafted(number: String = "市四巡底〔2023〕第01号") throws -> WorkingPaper {
        try PaperFlow.draft(id: "p1", leadID: "l1", number: number, content: content, by: "member1", at: at(0))
    }

    static func submitted() throws -> WorkingPaper {
        try PaperFlow.submit(drafted(), role: .drafter, by: "member1", at: at(1))
    }

    static func reviewed() throws -> WorkingPaper {
        try PaperFlow.review(submitted(), role: .reviewer, by: "deputy1", at: at(2))
    }

    static func signed() throws -> WorkingPaper {
        try PaperFlow.sign(reviewed(), role: .signer, by: "leader1", at: at(3))
    }

    static func returned() throws -> WorkingPaper {
        try PaperFlow.returnForChanges(submitted(), role: .reviewer, by: "deputy1", at: at(2), reason: "金额需核实")
    }
}

/// The working paper's number, its fields and their limits.
@Suite struct WorkingPaperTests {
    @Test func numbersHaveTheYearInBracketsAndAtLeastTwoDigits() {
        #expect(WorkingPaper.number(prefix: "市四巡底", year: 2023, sequence: 1) == "市四巡底〔2023〕第01号")
        #expect(WorkingPaper.number(prefix: "市四巡底", year: 2023, sequence: 12) == "市四巡底〔2023〕第12号")
        #expect(WorkingPaper.number(prefix: "县二巡底", year: 2024, sequence: 123) == "县二巡底〔2024〕第123号")
    }

    @Test func anInspectionNumbersItsPapersInTheirOwnSeriesOfTheRegister() throws {
        let inspection = Inspection(
            id: "i",
            group: "市委第四巡察组",
            units: ["市财政局"],
            periodStart: CivilDate(year: 2023, month: 3, day: 1)!,
            periodEnd: CivilDate(year: 2023, month: 5, day: 31)!,
            deadline: CivilDate(year: 2023, month: 5, day: 31)!
        )
        let number = inspection.registerNumber(7, series: WorkingPaper.series, width: 2)
        #expect(number.text == "市四巡底〔2023〕第07号")
        #expect(number.text == WorkingPaper.number(prefix: "市四巡底", year: 2023, sequence: 7))
        // A stored number reads back into the same text, whatever its width.
        for text in ["市四巡〔2023〕第001号", "市四巡线〔2023〕第12号", "县二巡底〔2024〕第1234号"] {
            #expect(RegisterNumber(parsing: text)?.text == text)
        }
        #expect(RegisterNumber(parsing: "市四巡〔2023〕第001号")?.sequence == 1)
        for bad in ["", "市四巡2023第001号", "市四巡〔二〇二三〕第001号", "市四巡〔2023〕第号", "市四巡〔2023〕第001", "〔2023〕第0x1号"] {
            #expect(RegisterNumber(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func aNewPaperIsADraftWithItsFieldsTrimmed() throws {
        var content = PaperFixture.content
        content.title = "  违规发放津补贴　"
        content.materials = ["  财务凭证 ", "", " \n "]
        let paper = try PaperFlow.draft(id: "p1", leadID: "l1", number: " 市四巡底〔2023〕第01号 ", content: content, by: "member1", at: PaperFixture.at(0))
        #expect(paper.state == .draft)
        #expect(paper.title == "违规发放津补贴")
        #expect(paper.number == "市四巡底〔2023〕第01号")
        #expect(paper.materials == ["财务凭证"])
        #expect(paper.steps == [PaperStep(kind: .drafted, by: "member1", at: PaperFixture.at(0))])
        #expect(paper.leadID == "l1")
        #expect(paper.content == (try content.validated()))
    }

    /// The text fields by the name their errors give.
    static func field(_ name: String) -> WritableKeyPath<PaperContent, String>? {
        switch name {
        case "title": \.title
        case "unit": \.unit
        case "source": \.source
        case "summary": \.summary
        case "how_found": \.howFound
        default: nil
        }
    }

    @Test("every required field refuses an empty value by name", arguments: ["title", "unit", "source", "summary", "how_found"])
    func requiredFields(name: String) throws {
        let field = try #require(Self.field(name))
        var content = PaperFixture.content
        content[keyPath: field] = " 　\n"
        #expect(performing: { try content.validated() }, throws: { isInputError($0, "missing_\(name)", field: name) })
    }

    @Test(
        "each field has its length limit, counted in characters",
        arguments: [
            ("title", WorkingPaper.maxTitleLength), ("unit", WorkingPaper.maxUnitLength), ("source", WorkingPaper.maxSourceLength),
            ("summary", WorkingPaper.maxSummaryLength), ("how_found", WorkingPaper.maxHowFoundLength),
        ]
    )
    func lengthLimits(name: String, max: Int) throws {
        let field = try #require(Self.field(name))
        var content = PaperFixture.content
        content[keyPath: field] = String(repeating: "问", count: max)
        #expect(try content.validated()[keyPath: field].count == max)
        content[keyPath: field] = String(repeating: "问", count: max + 1)
        #expect(performing: { try content.validated() }, throws: { isInputError($0, "too_long", field: name) })
    }

    @Test func theLimitsAreTheOnesAgreed() {
        #expect(WorkingPaper.maxTitleLength == 100)
        #expect(WorkingPaper.maxSummaryLength == 5_000)
    }

    @Test func controlCharactersAreRefusedAndLineBreaksOnlyWhereTextRuns() throws {
        var content = PaperFixture.content
        content.summary = "第一段\n第二段\t附表"
        #expect(try content.validated().summary == "第一段\n第二段\t附表")
        content.summary = "金额\u{7}"
        #expect(performing: { try content.validated() }, throws: { isInputError($0, "control_characters", field: "summary") })

        content = PaperFixture.content
        content.title = "违规\n发放"
        #expect(performing: { try content.validated() }, throws: { isInputError($0, "line_break", field: "title") })
        content.title = "违规\u{1B}发放"
        #expect(performing: { try content.validated() }, throws: { isInputError($0, "control_characters", field: "title") })

        content = PaperFixture.content
        content.materials = ["凭证\n复印件"]
        #expect(performing: { try content.validated() }, throws: { isInputError($0, "line_break", field: "materials") })
        content.materials = [String(repeating: "材", count: WorkingPaper.maxMaterialLength + 1)]
        #expect(performing: { try content.validated() }, throws: { isInputError($0, "too_long", field: "materials") })
        content.materials = Array(repeating: "凭证", count: WorkingPaper.maxMaterials + 1)
        #expect(performing: { try content.validated() }, throws: { isInputError($0, "too_many_materials", field: "materials") })
    }

    @Test func theNumberAndTheActorAreChecked() {
        #expect(performing: { try PaperFixture.drafted(number: "") }, throws: { isInputError($0, "missing_number", field: "number") })
        #expect(
            performing: { try PaperFixture.drafted(number: String(repeating: "号", count: WorkingPaper.maxNumberLength + 1)) },
            throws: { isInputError($0, "too_long", field: "number") }
        )
        #expect(
            performing: { try PaperFlow.draft(id: "p", leadID: "l", number: "1", content: PaperFixture.content, by: " ", at: PaperFixture.at(0)) },
            throws: { isInputError($0, "missing_actor", field: "actor") }
        )
    }

    @Test func aPaperRoundTripsThroughJSON() throws {
        let paper = try PaperFixture.signed()
        let decoded = try JSONDecoder().decode(WorkingPaper.self, from: JSONEncoder().encode(paper))
        #expect(decoded == paper)
        #expect(decoded.state == .signed)
    }
}

func isInputError(_ error: any Error, _ code: String, field: String? = nil) -> Bool {
    guard let e = error as? InputError, e.code == code else { return false }
    return field == nil || e.field == field
}
