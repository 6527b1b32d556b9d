import Testing
import XunchaCore

@Suite("Scope role from a post")
struct SubjectScopeRoleTests {
    let rules = ScopeRoleRules.standard

    @Test(
        "posts map to the role the table says, with the rule that made it",
        arguments: [
            ("党组书记、局长", ScopeRole.leadershipMember, "leadership.member"),
            ("副局长", .leadershipMember, "leadership.member"),
            ("党组成员", .leadershipMember, "leadership.member"),
            ("驻局纪检组长", .leadershipMember, "leadership.member"),
            ("主任", .leadershipMember, "leadership.member"),
            ("副书记", .leadershipMember, "leadership.member"),
            ("财务股股长", .keyPostLeader, "keyPost.office"),
            ("人事科科长", .keyPostLeader, "keyPost.office"),
            ("行政审批科副科长", .keyPostLeader, "keyPost.office"),
            ("政府采购中心主任", .keyPostLeader, "keyPost.office"),
            ("办公室主任", .keyPostLeader, "keyPost.office"),
            ("综合股股长", .other, "office.ordinaryHead"),
            ("村支书", .subordinatePrincipal, "subordinate.village"),
            ("村党支部书记", .subordinatePrincipal, "subordinate.village"),
            ("村委会主任", .subordinatePrincipal, "subordinate.village"),
            ("财政所所长", .subordinatePrincipal, "subordinate.unitHead"),
            ("城关中学校长", .subordinatePrincipal, "subordinate.unitHead"),
            ("镇长", .subordinatePrincipal, "subordinate.township"),
            ("副所长", .other, "subordinate.deputy"),
            ("村党支部副书记", .other, "subordinate.deputy"),
            ("主任科员", .other, "staff.rank"),
            ("财务科科员", .other, "staff.rank"),
            ("会计", .other, "staff.rank"),
            ("司机", .other, "staff.rank"),
            ("副局长兼办公室主任", .leadershipMember, "leadership.member"),
            ("", .other, "default"),
            ("保安", .other, "default"),
        ]
    )
    func table(post: String, role: ScopeRole, rule: String) {
        let inference = rules.infer(post: post)
        #expect(inference.role == role, "\(post)")
        #expect(inference.rule == rule, "\(post)")
        #expect(!inference.explanation.isEmpty)
    }

    @Test("traditional script and full-width posts read the same")
    func traditional() {
        #expect(rules.infer(post: "黨組書記、局長").role == .leadershipMember)
        #expect(rules.infer(post: "財務股股長").role == .keyPostLeader)
        #expect(rules.infer(post: "村黨支部書記").role == .subordinatePrincipal)
    }

    @Test("an explicit role wins and says so")
    func override() {
        let inference = rules.infer(post: "科员", override: .keyPostLeader)
        #expect(inference.role == .keyPostLeader)
        #expect(inference.rule == ScopeRoleInference.overrideRule)
        let person = RosterPerson(name: "周敏", unit: "县财政局", post: "科员", role: .leadershipMember)
        #expect(person.role.role == .leadershipMember)
        #expect(person.role.rule == "override")
        #expect(RosterPerson(name: "周敏", post: "副局长").role.matched == ["局长"])
    }

    @Test("a rule reports the words it matched")
    func matchedWords() {
        #expect(rules.infer(post: "财务股股长").matched == ["股长", "财务"])
        #expect(rules.infer(post: "村支书").matched == ["村支书"])
    }

    @Test("only the three scope roles are in scope")
    func inScope() {
        #expect(ScopeRole.allCases.filter(\.isInScope) == [.leadershipMember, .subordinatePrincipal, .keyPostLeader])
    }
}
