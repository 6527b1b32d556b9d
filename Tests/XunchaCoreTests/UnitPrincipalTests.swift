import Testing
import XunchaCore

/// Who is the principal (一把手) of an inspected unit: leads about them are the leader's alone.
@Suite("Unit principal detection")
struct UnitPrincipalTests {
    static let units = ["县交通运输局", "城关镇"]

    @Test(
        "the Party secretary or chief of the unit itself, nobody else",
        arguments: [
            ("县交通运输局", "党组书记、局长", true),
            ("县交通运输局", "局长", true),
            ("县交通运输局", "党组书记", true),
            ("县交通运输局", "党组副书记、局长", true),
            ("县交通运输局", "县交通运输局局长", true),
            ("县交通运输局", "交通运输局党组书记", true),
            ("县交通运输局", "中共县交通运输局党组书记", true),
            ("县交通运输局", "党组书记兼局长", true),
            ("县交通運輸局", "黨組書記", true),
            ("县交通运输局", "副局长", false),
            ("县交通运输局", "常务副局长", false),
            ("县交通运输局", "党组副书记", false),
            ("县交通运输局", "党组成员、纪检组长", false),
            ("县交通运输局", "驻局纪检监察组组长", false),
            ("县交通运输局", "纪委书记", false),
            ("县交通运输局", "机关党委书记", false),
            ("县交通运输局", "办公室主任", false),
            ("县交通运输局", "副局长兼办公室主任", false),
            ("县交通运输局", "城关中学校长", false),
            ("县交通运输局", "公路管理站站长", false),
            ("县交通运输局", "科员", false),
            ("县交通运输局", "", false),
            ("城关中学", "校长", false),
            ("县财政局", "局长", false),
            ("县财政局", "党组书记、局长", false),
            ("", "局长", false),
            ("城关镇", "镇党委书记", true),
            ("城关镇", "党委书记", true),
            ("城关镇", "镇长", true),
            ("城关镇", "党委副书记、镇长", true),
            ("城关镇", "副镇长", false),
            ("城关镇", "镇纪委书记", false),
            ("城关镇", "城关中学校长", false),
            ("城关镇党委", "党委书记", true),
        ]
    )
    func principal(unit: String, post: String, expected: Bool) {
        let person = RosterPerson(name: "张三", unit: unit, post: post)
        #expect(person.isUnitPrincipal(of: Self.units) == expected)
    }

    @Test("a school's head is the principal when the school itself is inspected")
    func schoolInspectedItself() {
        let head = RosterPerson(name: "李四", unit: "城关中学", post: "校长")
        #expect(head.isUnitPrincipal(of: ["城关中学"]))
        #expect(!head.isUnitPrincipal(of: ["县教育局"]))
        #expect(!head.isUnitPrincipal(of: []))
    }

    @Test("the chief of a commission is its 主任, and a 委's office head is not")
    func commissionChief() {
        let units = ["县发展和改革委员会"]
        #expect(RosterPerson(name: "王五", unit: "县发展和改革委员会", post: "党组书记、主任").isUnitPrincipal(of: units))
        #expect(!RosterPerson(name: "王五", unit: "县发展和改革委员会", post: "办公室主任").isUnitPrincipal(of: units))
        #expect(!RosterPerson(name: "王五", unit: "县发展和改革委员会", post: "副主任").isUnitPrincipal(of: units))
    }
}
