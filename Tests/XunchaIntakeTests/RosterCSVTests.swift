import Foundation
import Testing
import XunchaCore

@testable import XunchaIntake

private func read(_ text: String, units: [String]? = nil) throws -> RosterPreview {
    try RosterReader(units: units).read(bytes: Array(text.utf8))
}

private func bytes(hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var i = hex.startIndex
    while i < hex.endIndex {
        let j = hex.index(i, offsetBy: 2)
        out.append(UInt8(hex[i..<j], radix: 16)!)
        i = j
    }
    return out
}

@Suite struct RosterCSVEncodingTests {
    static let chinese = "姓名,单位,职务,别名\r\n王建国,县财政局,党组书记、局长,老王；建国\r\n李红梅,县财政局,财务股股长,\r\n"

    func expectTwoPeople(_ preview: RosterPreview) {
        #expect(preview.isImportable)
        #expect(preview.people.map(\.name) == ["王建国", "李红梅"])
        #expect(preview.people[0].post == "党组书记、局长")
        #expect(preview.people[0].aliases == ["老王", "建国"])
        #expect(preview.people[0].role.role == .leadershipMember)
        #expect(preview.people[1].role.role == .keyPostLeader)
        #expect(preview.people[1].role.rule == "keyPost.office")
        #expect(preview.rows.map(\.line) == [2, 3])
    }

    @Test func utf8() throws {
        let p = try read(Self.chinese)
        #expect(p.format == "CSV UTF-8")
        expectTwoPeople(p)
    }

    @Test func utf8WithBOM() throws {
        let p = try RosterReader().read(bytes: [0xEF, 0xBB, 0xBF] + Array(Self.chinese.utf8))
        #expect(p.format == "CSV UTF-8 (BOM)")
        #expect(p.columns[.name] == "姓名")
        expectTwoPeople(p)
    }

    @Test func gbkAsExcelSavesIt() throws {
        // Self.chinese encoded by Python's "gbk" codec.
        let gbk = bytes(
            hex:
                "d0d5c3fb2cb5a5cebb2cd6b0cef12cb1f0c3fb0d0acdf5bda8b9fa2ccfd8b2c6d5febed62cb5b3d7e9cae9bcc7a1a2bed6b3a42cc0cfcdf5a3bbbda8b9fa0d0ac0eebaecc3b72ccfd8b2c6d5febed62cb2c6cef1b9c9b9c9b3a42c0d0a"
        )
        let p = try RosterReader().read(bytes: gbk)
        #expect(p.format == "CSV GB18030")
        expectTwoPeople(p)
    }

    @Test func utf16LittleEndianWithBOMAndTabs() throws {
        let text = Self.chinese.replacingOccurrences(of: ",", with: "\t")
        let p = try RosterReader().read(bytes: [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(p.format == "CSV UTF-16LE")
        expectTwoPeople(p)
    }

    @Test func binaryIsUnreadable() {
        #expect(throws: RosterFileError.unreadableEncoding) { try RosterReader().read(bytes: [0x00, 0xFF, 0x81, 0x30, 0xC0]) }
    }
}

@Suite struct RosterCSVHeaderTests {
    @Test func englishHeadersAnyOrderAndIgnoredColumns() throws {
        let p = try read(
            "No.,Position,Name,Department,Role,Alias\n1,Director,Wang Jianguo,Finance Bureau,,\n2,clerk,Li  Hong,Finance Bureau,key post,Hong\n"
        )
        #expect(p.people.map(\.name) == ["Wang Jianguo", "Li Hong"])
        #expect(p.people[1].role.role == .keyPostLeader)
        #expect(p.people[1].role.rule == ScopeRoleInference.overrideRule)
        #expect(p.people[1].aliases == ["Hong"])
        #expect(p.ignoredHeaders == ["No."])
    }

    @Test func titleRowAboveTheHeaderAndOtherChineseHeaders() throws {
        let p = try read("县财政局巡察对象名册,,,\n序号,名字,工作单位,岗位,类别,曾用名\n1,王　芳,县财政局,科员,重要岗位领导干部,王小芳、芳芳\n")
        #expect(p.people.count == 1)
        #expect(p.people[0].name == "王芳")
        #expect(p.people[0].role.role == .keyPostLeader)
        #expect(p.people[0].aliases == ["王小芳", "芳芳"])
        #expect(p.rows[0].line == 3)
    }

    @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
        let p = try read("姓名,单位,职务,别名\r\n\"王建国\",\"县财政局\",\"党组书记,局长\",\"老王\r\n王局\"\r\n李红梅,县财政局,\"财务股\"\"股长\"\"\",\n")
        #expect(p.isImportable)
        #expect(p.people[0].post == "党组书记,局长")
        #expect(p.people[0].aliases == ["老王", "王局"])
        #expect(p.people[1].post == "财务股\"股长\"")
        #expect(p.rows.map(\.line) == [2, 4])
    }

    @Test func roleInferredPerRowWithItsRule() throws {
        let p = try read("姓名,职务\n甲,村支书\n乙,副局长\n丙,综合股股长\n丁,\n")
        #expect(p.people.map(\.role.role) == [.subordinatePrincipal, .leadershipMember, .other, .other])
        #expect(p.people.map(\.role.rule) == ["subordinate.village", "leadership.member", "office.ordinaryHead", "default"])
        let counts = Dictionary(uniqueKeysWithValues: p.roleCounts.map { ($0.role, $0.count) })
        #expect(counts == [.leadershipMember: 1, .subordinatePrincipal: 1, .keyPostLeader: 0, .other: 2])
    }
}

@Suite struct RosterCSVErrorTests {
    @Test func everyRowErrorIsReportedAndNothingIsImportable() throws {
        let csv = """
            姓名,单位,职务,角色
            王建国,县财政局,局长,
            ,县财政局,科员,
            李红梅,县教育局,股长,
            王建国,县财政局,副局长,
            赵敏,县财政局,科员,大领导
            张三,,科员,
            孙七,县财政局城关财政所,所长,

            """
        let p = try read(csv, units: ["县财政局"])
        #expect(!p.isImportable)
        #expect(p.rows.count == 7)
        #expect(p.rows[0].errors.isEmpty)
        #expect(p.rows[1].errors == [.missingName])
        #expect(p.rows[1].person == nil)
        #expect(p.rows[2].errors == [.unknownUnit("县教育局")])
        #expect(p.rows[3].errors == [.duplicatePerson(firstLine: 2)])
        #expect(p.rows[4].errors == [.unreadableRole("大领导")])
        #expect(p.rows[5].errors == [.unknownUnit("")])
        #expect(p.rows[6].errors.isEmpty)
        #expect(p.rowsWithErrors.map(\.line) == [3, 4, 5, 6, 7])
        for row in p.rowsWithErrors { #expect(!row.errors[0].messageZH.isEmpty && !row.errors[0].messageEN.isEmpty) }
    }

    @Test func unitsWrittenShortOrWithASubordinatePartMatch() throws {
        let p = try read("姓名,单位\n甲,县财政局\n乙,财政局\n丙,县財政局\n丁,县财政局城关财政所\n戊,局\n己,教育局\n", units: ["县财政局"])
        #expect(p.rows.map(\.errors.isEmpty) == [true, true, true, true, false, false])
    }

    @Test func withoutUnitsAnyUnitIsAcceptedAndSameNameInAnotherUnitIsNoDuplicate() throws {
        let p = try read("姓名,单位\n王芳,县财政局\n王芳,县教育局\n")
        #expect(p.isImportable)
        #expect(p.people.count == 2)
    }

    @Test func aFileThatIsNoRoster() {
        #expect(throws: RosterFileError.noNameColumn) { try read("今天天气很好，我们去公园散步。\n第二行\n") }
        #expect(throws: RosterFileError.emptyFile) { try read("") }
        #expect(throws: RosterFileError.noNameColumn) { try read("\n\n") }
        #expect(throws: RosterFileError.legacyXLS) { try RosterReader().read(bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]) }
        #expect(throws: RosterFileError.noRows) { try read("姓名,单位,职务\n\n,,\n") }
    }
}
